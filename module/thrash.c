// SPDX-License-Identifier: GPL-2.0
/*
 * Thrash statistics: rates of the kernel's own paging counters, Denning's
 * demand ratio, and a thrash state with hysteresis.
 *
 * After every sample: the rates of major faults, swap-ins, swap-outs and
 * workingset refaults, activations and restores over that sample, and an
 * exponentially weighted average (1/8 per sample); the demand ratio, the
 * sum of the processes' W(t, demand window) over the memory user pages
 * can have (the LRU lists plus free pages); and the state:
 *
 *   THRASHING  demand >= thrash_demand and swap-ins + refaults >= thrash_rate
 *   PRESSURE   demand >= pressure_demand or swap-ins + refaults >= thrash_rate
 *   OK         otherwise
 *
 * A higher state is entered after it held for enter_samples samples in a
 * row, a lower one after leave_samples, so the state does not flap.  Paging
 * alone (a load shift: an idle process pushed out for an active one) reads
 * as PRESSURE at most; THRASHING needs the working sets not to fit too.
 *
 * Above them, OOM_IMMINENT: the headroom (MemAvailable plus free swap)
 * fell over the last sample at a rate that would leave nothing within
 * imminent_ms, two samples in a row, and the fall has taken half the
 * headroom there was when it began.  That is a fast leak, which reaches
 * the kernel's OOM killer before it ever thrashes; a burst of allocation
 * that stops (a build step, a cache warming up, a sweep that fits) is
 * over first.  It is entered at once, without enter_samples, and left as
 * any state is.
 */
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/vmstat.h>

#include "core.h"

#define WSMON_EWMA_SHIFT	3

static const enum node_stat_item wsmon_ws_items[] = {
	WORKINGSET_REFAULT_ANON, WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_ANON, WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_ANON, WORKINGSET_RESTORE_FILE,
};

/* index into the rates of an enum wsmon_rate_attr */
#define R(attr)	((attr) - WSMON_RATE_A_MAJFLT)

/* The counters, in enum wsmon_rate_attr order; all_vm_events() may sleep. */
static void wsmon_read_counters(u64 *c, unsigned long *ev)
{
	u32 i;

#ifdef CONFIG_VM_EVENT_COUNTERS
	all_vm_events(ev);
	c[R(WSMON_RATE_A_MAJFLT)] = ev[PGMAJFAULT];
	c[R(WSMON_RATE_A_SWPIN)] = ev[PSWPIN];
	c[R(WSMON_RATE_A_SWPOUT)] = ev[PSWPOUT];
#endif
	for (i = 0; i < ARRAY_SIZE(wsmon_ws_items); i++)
		c[R(WSMON_RATE_A_REFAULT_ANON) + i] =
			global_node_page_state(wsmon_ws_items[i]);
}

static u64 wsmon_user_mem_pages(void)
{
	return global_node_page_state(NR_ACTIVE_ANON) +
	       global_node_page_state(NR_INACTIVE_ANON) +
	       global_node_page_state(NR_ACTIVE_FILE) +
	       global_node_page_state(NR_INACTIVE_FILE) +
	       global_node_page_state(NR_UNEVICTABLE) +
	       global_zone_page_state(NR_FREE_PAGES);
}

/*
 * Scratch for all_vm_events(); only the sampling worker calls
 * wsmon_thrash_sample(), and a work item never runs concurrently with
 * itself.
 */
static unsigned long wsmon_ev[NR_VM_EVENT_ITEMS];

/*
 * After a sample: @demand is the sum of W(t, demand window), weighted.
 * Returns true when the state changed.
 */
bool wsmon_thrash_sample(u64 demand)
{
	struct wsmon_global *g = &wsmon_glob;
	const struct wsmon_rules *r = &wsmon_cfg.rules;
	u64 c[WSMON_NR_RATES] = { 0 };
	u64 now, user, evidence, headroom;
	bool changed, imminent;
	u32 i, target;

	wsmon_read_counters(c, wsmon_ev);
	user = wsmon_user_mem_pages();
	headroom = si_mem_available() + get_nr_swap_pages();
	now = ktime_get_ns();

	mutex_lock(&wsmon_lock);
	if (g->counters_ns && now > g->counters_ns) {
		u64 ns = now - g->counters_ns;

		for (i = 0; i < WSMON_NR_RATES; i++) {
			g->rates[i] = wsmon_rate_milli(c[i], g->counters[i], ns);
			g->rates_avg[i] = g->rates_avg[i] -
				(g->rates_avg[i] >> WSMON_EWMA_SHIFT) +
				(g->rates[i] >> WSMON_EWMA_SHIFT);
		}
	}
	g->exhaust_ms = g->counters_ns ? wsm_exhaust_ms(headroom, g->headroom_pages,
							now - g->counters_ns) : U32_MAX;
	g->headroom_pages = headroom;
	memcpy(g->counters, c, sizeof(c));
	g->counters_ns = now;

	g->demand_pages = wsmon_demand_pages(demand);
	g->user_mem_pages = user;
	g->demand_milli = user ? min_t(u64, div64_u64(demand * 1000, user * WSMON_WEIGHT),
				       U32_MAX) : 0;

	/* evidence: pages per second read back from swap or refaulted */
	evidence = div_u64(g->rates[R(WSMON_RATE_A_SWPIN)] +
			   g->rates[R(WSMON_RATE_A_REFAULT_ANON)] +
			   g->rates[R(WSMON_RATE_A_REFAULT_FILE)], 1000);
	target = wsm_thrash_target(g->demand_milli, evidence, r->pressure_demand,
				   r->thrash_demand, r->thrash_rate);
	imminent = wsm_imminent_step(&g->imminent, headroom, g->exhaust_ms, r->imminent_ms,
				     WSMON_IMMINENT_RUN);
	if (imminent) {
		changed = g->state != WSMON_STATE_OOM_IMMINENT;
		g->state = WSMON_STATE_OOM_IMMINENT;
		g->pending = 0;
	} else {
		changed = wsm_thrash_step(&g->state, &g->pending, target,
					  r->enter_samples, r->leave_samples);
	}
	if (changed) {
		g->state_since = g->samples;
		g->state_entries[g->state]++;
	}
	mutex_unlock(&wsmon_lock);
	return changed;
}
