// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_STATS: module and kernel identity, memory and swap totals,
 * the sampler's state and configuration, and the thrash statistics; the
 * same figures go out with every event (events.c), without the tracked
 * PIDs.
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/utsname.h>

#include "wsmon.h"

static int wsmon_put_pages(struct sk_buff *skb, int attr, unsigned long pages)
{
	return nla_put_u64_64bit(skb, attr, (u64)pages << PAGE_SHIFT,
				 WSMON_A_PAD);
}

static int wsmon_put_rates(struct sk_buff *skb, int attr, const u64 *rates)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < WSMON_NR_RATES; i++)
		if (nla_put_u64_64bit(skb, WSMON_RATE_A_MAJFLT + i, rates[i],
				      WSMON_RATE_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	nla_nest_end(skb, nest);
	return 0;
}

/* The thrash figures; the caller holds wsmon_lock. */
static int wsmon_put_thrash(struct sk_buff *skb)
{
	const struct wsmon_global *g = &wsmon_glob;
	u64 kills[WSMON_POLICY_MAX + 1];
	int i;

	if (nla_put_u32(skb, WSMON_A_STATE, g->state) ||
	    wsmon_put_u64(skb, WSMON_A_STATE_SINCE, g->state_since) ||
	    nla_put_u32(skb, WSMON_A_DEMAND, g->demand_milli) ||
	    wsmon_put_u64(skb, WSMON_A_DEMAND_BYTES, g->demand_pages << PAGE_SHIFT) ||
	    wsmon_put_u64(skb, WSMON_A_USER_MEM, g->user_mem_pages << PAGE_SHIFT) ||
	    wsmon_put_rates(skb, WSMON_A_RATES, g->rates) ||
	    wsmon_put_rates(skb, WSMON_A_RATES_AVG, g->rates_avg) ||
	    (g->counters_ns && wsmon_put_rates(skb, WSMON_A_COUNTERS, g->counters)) ||
	    (g->exhaust_ms != U32_MAX && nla_put_u32(skb, WSMON_A_EXHAUST_MS, g->exhaust_ms)))
		return -EMSGSIZE;
	for (i = 0; i <= WSMON_POLICY_MAX; i++)
		kills[i] = atomic64_read(&g->kills[i]);
	return wsmon_put_u64_list(skb, WSMON_A_KILLS, kills, WSMON_POLICY_MAX + 1) ?:
	       wsmon_put_u64_list(skb, WSMON_A_STATE_ENTRIES, g->state_entries,
				  WSMON_STATE_MAX + 1);
}

static int wsmon_put_rules(struct sk_buff *skb, const struct wsmon_rules *r)
{
	if (nla_put_u32(skb, WSMON_A_DEMAND_WINDOW, r->demand_window) ||
	    nla_put_u32(skb, WSMON_A_PRESSURE_DEMAND, r->pressure_demand) ||
	    nla_put_u32(skb, WSMON_A_THRASH_DEMAND, r->thrash_demand) ||
	    nla_put_u32(skb, WSMON_A_THRASH_RATE, r->thrash_rate) ||
	    nla_put_u32(skb, WSMON_A_ENTER_SAMPLES, r->enter_samples) ||
	    nla_put_u32(skb, WSMON_A_LEAVE_SAMPLES, r->leave_samples) ||
	    nla_put_u32(skb, WSMON_A_IMMINENT_MS, r->imminent_ms))
		return -EMSGSIZE;
	return 0;
}

/*
 * The tracked PIDs the viewer may see, as its namespace names them, and
 * how many others there are.
 */
static int wsmon_put_pids_list(struct sk_buff *skb, const struct wsmon_viewer *v)
{
	struct nlattr *nest = nla_nest_start(skb, WSMON_A_TRACK_PIDS);
	u32 i, hidden = 0;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < wsmon_cfg.nr_pids; i++) {
		pid_t nr = wsmon_viewer_pid(v, wsmon_cfg.pids[i]);

		/* only those the viewer may see, as in GET_PROC */
		if (nr <= 0 || !wsmon_may_see(v, wsmon_cfg.pids[i])) {
			hidden++;
			continue;
		}
		if (nla_put_u32(skb, WSMON_LIST_ENTRY, nr)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return nla_put_u32(skb, WSMON_A_TRACK_HIDDEN, hidden);
}

/* The configuration; the caller holds wsmon_lock.  No PIDs without @v. */
static int wsmon_put_config(struct sk_buff *skb, const struct wsmon_viewer *v)
{
	if (nla_put_u32(skb, WSMON_A_SAMPLE_MS, wsmon_cfg.sample_ms) ||
	    nla_put_u32(skb, WSMON_A_SCAN_BUDGET, wsmon_cfg.scan_budget) ||
	    nla_put_u32(skb, WSMON_A_FLUSH, wsmon_cfg.flush) ||
	    wsmon_put_u32_list(skb, WSMON_A_WINDOWS, wsmon_cfg.windows,
			       wsmon_cfg.nr_windows) ||
	    (v && wsmon_put_pids_list(skb, v)) ||
	    wsmon_put_rules(skb, &wsmon_cfg.rules))
		return -EMSGSIZE;
	return 0;
}

/* The sampler's state and configuration; the caller holds wsmon_lock. */
static int wsmon_fill_sampler(struct sk_buff *skb, const struct wsmon_viewer *v)
{
	const struct wsmon_global *g = &wsmon_glob;

	if (nla_put_u32(skb, WSMON_A_TRACKED, g->tracked) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLES, g->samples) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_NS, g->last_sample_ns) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_PAGES, g->last_sample_pages) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_TABLES, g->last_tables) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_SKIPPED, g->last_skipped) ||
	    nla_put_u32(skb, WSMON_A_FLUSH_CPUS, g->last_flush_cpus) ||
	    nla_put_u32(skb, WSMON_A_MAX_STALE, g->max_stale) ||
	    wsmon_put_u64(skb, WSMON_A_BUDGET_EXHAUSTED, g->budget_exhausted) ||
	    wsmon_put_u64(skb, WSMON_A_LOCK_BUSY, g->lock_busy) ||
	    (WSMON_HAVE_PG_IDLE && wsmon_put_u64(skb, WSMON_A_IDLE_REFS, g->idle_refs)) ||
	    wsmon_put_u64(skb, WSMON_A_ALLOC_FAILED, g->alloc_failed) ||
	    wsmon_put_u64(skb, WSMON_A_AGE_BYTES,
			  atomic64_read(&wsmon_age_blocks) * sizeof(struct wsmon_ablock) +
			  atomic64_read(&wsmon_ageidx_bytes) +
			  atomic64_read(&wsmon_file_age_bytes)) ||
	    nla_put_string(skb, WSMON_A_RECLAIM_MODE, wsmon_reclaim_mode()) ||
	    nla_put_string(skb, WSMON_A_FLUSH_METHOD, wsmon_tlbflush_method()) ||
	    nla_put_string(skb, WSMON_A_FLUSH_WHY, wsmon_tlbflush_why()) ||
	    wsmon_put_thrash(skb))
		return -EMSGSIZE;
	return wsmon_put_config(skb, v);
}

/* Everything GET_STATS reports; events pass no viewer and get no PIDs. */
int wsmon_fill_stats(struct sk_buff *skb, const struct wsmon_viewer *v)
{
	struct sysinfo si;
	int err;

	si_meminfo(&si);
	mutex_lock(&wsmon_lock);
	err = wsmon_fill_sampler(skb, v);
	mutex_unlock(&wsmon_lock);
	if (err)
		return err;

	if (nla_put_string(skb, WSMON_A_MODULE_VERSION, WSMON_VERSION) ||
	    nla_put_string(skb, WSMON_A_KERNEL_RELEASE, init_utsname()->release) ||
	    nla_put_u32(skb, WSMON_A_PAGE_SIZE, PAGE_SIZE) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_TOTAL, si.totalram) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_FREE, si.freeram) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_AVAILABLE, si_mem_available()) ||
	    wsmon_put_pages(skb, WSMON_A_SWAP_FREE, get_nr_swap_pages()))
		return -EMSGSIZE;
	return 0;
}

int wsmon_cmd_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct wsmon_viewer v;
	struct sk_buff *msg;
	void *hdr;
	int err;

	/* room for WSMON_MAX_PIDS tracked PIDs */
	msg = genlmsg_new(WSMON_STATS_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	wsmon_viewer_get(&v, skb);
	err = wsmon_fill_stats(msg, &v);
	wsmon_viewer_put(&v);
	return wsmon_genl_reply_end(msg, hdr, info, err);
}
