// SPDX-License-Identifier: GPL-2.0
/*
 * What the sampler allocates for a process is charged to that process's
 * memory cgroup (set_active_memcg() around its pass), so a container
 * pays for being watched.  But the charge must never act in that group
 * on the sampler's behalf: reclaim there, throttle the shared worker over
 * memory.high (mem_cgroup_handle_over_high() sleeps up to 2 s), or
 * invoke the group's OOM killer at memory.max.  A group that fit before
 * wsmon was loaded must fit after, and one throttled group must not
 * delay the sampling of every other.  So:
 *
 * - small objects (entries, age blocks, a pass's tally) are allocated
 *   with WSMON_GFP_SMALL, which never sleeps: the charge succeeds below
 *   memory.max or fails, without reclaim, and a charge that cannot
 *   sleep is never throttled;
 * - arrays (a process's age index, its swap map) come from
 *   wsmon_kvmalloc_charged(): up to the costly order as above; larger
 *   ones only when the group and its ancestors have room below both
 *   memory.high and memory.max, with WSMON_GFP_LARGE, which may reclaim
 *   globally (the group's own charge needs none) but never calls the
 *   OOM killer (__GFP_RETRY_MAYFAIL).
 *
 * A refused allocation leaves the process to a later sample (its pass
 * resumes where it stopped) and counts in wsmon_alloc_failed, which
 * status reports.
 */
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "compat.h"
#include "core.h"

/* allocations refused or failed since load; the sampling worker's own */
u64 wsmon_alloc_failed;

#ifdef CONFIG_MEMCG
/* May @bytes be charged to the active memory cgroup without reclaim? */
static bool wsmon_charge_room(size_t bytes)
{
	struct mem_cgroup *memcg = wsmon_active_memcg();
	/* the per-CPU charge stock charges ahead by up to a batch */
	unsigned long need = DIV_ROUND_UP(bytes, PAGE_SIZE) + MEMCG_CHARGE_BATCH;

	/* up to the root, whose limits are PAGE_COUNTER_MAX */
	for (; memcg; memcg = parent_mem_cgroup(memcg)) {
		unsigned long limit = min(READ_ONCE(memcg->memory.max),
					  READ_ONCE(memcg->memory.high));

		if (page_counter_read(&memcg->memory) + need > limit)
			return false;
	}
	return true;
}
#else
static bool wsmon_charge_room(size_t bytes)
{
	return true;
}
#endif

/*
 * An array for the process being sampled, freed with kvfree(); NULL
 * (counted) when its group has no room.  Up to the costly order it is a
 * kmalloc() that never sleeps (a group over memory.high may still be
 * charged so); above, vmalloc may be needed, which must be allowed to
 * sleep, so the group's room is checked first.
 */
void *wsmon_kvmalloc_charged(size_t bytes)
{
	void *p = NULL;

	if (bytes <= PAGE_SIZE << PAGE_ALLOC_COSTLY_ORDER)
		p = kmalloc(bytes, WSMON_GFP_SMALL);
	else if (wsmon_charge_room(bytes))
		p = kvmalloc(bytes, WSMON_GFP_LARGE);
	if (!p)
		wsmon_alloc_failed++;
	return p;
}
