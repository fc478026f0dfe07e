// SPDX-License-Identifier: GPL-2.0
/* wsmon's decisions as pure functions; see policy.h.  No kernel calls. */
#ifdef __KERNEL__
#include <uapi/linux/wsmon.h>
#else
#include <linux/wsmon.h>
#endif
#include "policy.h"

u64 wsm_badness(u64 rss, u64 swap, u64 pgtables, s32 adj, u64 totalpages)
{
	s64 points = (s64)(rss + swap + pgtables);

	points += (s64)adj * (s64)(totalpages / 1000);
	return points > 0 ? (u64)points : 1;
}

int wsm_better_victim(u64 score, u64 rss, u64 best_score, u64 best_rss)
{
	return score > best_score || (score == best_score && rss > best_rss);
}

u32 wsm_thrash_target(u32 demand, u64 evidence, u32 pressure_demand,
		      u32 thrash_demand, u64 thrash_rate)
{
	if (demand >= thrash_demand && evidence >= thrash_rate)
		return WSMON_STATE_THRASHING;
	if (demand >= pressure_demand || evidence >= thrash_rate)
		return WSMON_STATE_PRESSURE;
	return WSMON_STATE_OK;
}

u32 wsm_exhaust_ms(u64 headroom, u64 prev, u64 ns)
{
	u64 fell, ms;

	if (headroom >= prev || !ns)
		return U32_MAX;
	fell = prev - headroom;
	/* headroom / (fell / ns) in ms, without overflow for any real figure */
	ms = headroom * (ns / 1000) / fell / 1000;
	return ms >= U32_MAX ? U32_MAX : (u32)ms;
}

int wsm_imminent_step(struct wsm_imminent *s, u64 headroom, u32 exhaust_ms, u32 bar_ms,
		      u32 need)
{
	if (exhaust_ms == U32_MAX || headroom > s->start)
		s->start = headroom;	/* not falling: a fall starts from here */
	if (!bar_ms || exhaust_ms >= bar_ms) {
		s->run = 0;
		return 0;
	}
	if (s->run < need)
		s->run++;
	return s->run >= need && headroom <= s->start / 2;
}

int wsm_thrash_step(u32 *state, u32 *pending, u32 target, u32 enter, u32 leave)
{
	if (target == *state) {
		*pending = 0;
		return 0;
	}
	if (++*pending < (target > *state ? enter : leave))
		return 0;
	*state = target;
	*pending = 0;
	return 1;
}
