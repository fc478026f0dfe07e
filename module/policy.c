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
