/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The decisions wsmon makes from figures it has already gathered, as pure
 * functions: a victim's badness and which of two victims goes first (KILL),
 * and the thrash state a sample points to and when the state may change.
 * No kernel dependency: the module, the client's unit tests and the KUnit
 * suite all compile policy.c.
 */
#ifndef _WSMON_POLICY_H
#define _WSMON_POLICY_H

#ifdef __KERNEL__
#include <linux/limits.h>
#include <linux/types.h>
#endif

/*
 * As the kernel's oom_badness(): resident pages + swap entries + page-table
 * pages, plus @adj (oom_score_adj, -1000..1000) thousandths of
 * @totalpages; never below 1, so a candidate always scores.
 */
u64 wsm_badness(u64 rss, u64 swap, u64 pgtables, s32 adj, u64 totalpages);

/* Does (@score, @rss) go before (@best_score, @best_rss)?  Ties: larger RSS. */
int wsm_better_victim(u64 score, u64 rss, u64 best_score, u64 best_rss);

/*
 * The state one sample points to (enum wsmon_state): THRASHING when the
 * demand ratio (thousandths) reaches @thrash_demand and the evidence
 * (pages/s read back from swap or refaulted) reaches @thrash_rate;
 * PRESSURE when either reaches its own bar; else OK.
 */
u32 wsm_thrash_target(u32 demand, u64 evidence, u32 pressure_demand,
		      u32 thrash_demand, u64 thrash_rate);

/*
 * Hysteresis: move *@state to @target once the target has held for @enter
 * samples in a row (towards a worse state) or @leave samples (towards a
 * better one).  *@pending counts them.  Returns 1 when the state changed.
 */
int wsm_thrash_step(u32 *state, u32 *pending, u32 target, u32 enter, u32 leave);

/*
 * How many ms until @headroom pages (available memory plus free swap) are
 * gone, at the rate they fell from @prev over the last @ns nanoseconds;
 * U32_MAX when they did not fall.
 */
u32 wsm_exhaust_ms(u64 headroom, u64 prev, u64 ns);

/* The exhaustion rule's state: see wsm_imminent_step(). */
struct wsm_imminent {
	u32 run;		/* samples in a row under the bar */
	u64 start;		/* headroom when it began to fall */
};

/*
 * The exhaustion rule, after each sample with @headroom pages (available
 * memory plus free swap) and the estimate @exhaust_ms (wsm_exhaust_ms()):
 * true when the estimate has been below @bar_ms for @need samples in a
 * row and the fall has taken at least half the headroom there was when
 * it began.  A burst of allocation that stops (a build step, a cache
 * warming up, a sweep that fits) is over before either holds; a leak
 * that keeps going meets both, seconds before the end.  @bar_ms 0 turns
 * the rule off.
 */
int wsm_imminent_step(struct wsm_imminent *s, u64 headroom, u32 exhaust_ms, u32 bar_ms,
		      u32 need);

#endif /* _WSMON_POLICY_H */
