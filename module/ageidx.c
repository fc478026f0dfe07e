// SPDX-License-Identifier: GPL-2.0
/*
 * A process's age blocks by table index: a sorted array (see struct
 * wsmon_ageidx).  Only the sampling worker reads or changes it, and it
 * grows only with no page-table or mmap lock held.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "core.h"

atomic64_t wsmon_ageidx_bytes = ATOMIC64_INIT(0);

/* Replace the array with one of @cap entries holding the first @nr. */
static int wsmon_ageidx_move(struct wsmon_ageidx *ix, u32 cap)
{
	struct wsmon_ablock **v = NULL;

	if (cap) {
		v = wsmon_kvmalloc_charged(array_size(cap, sizeof(*v)));
		if (!v)
			return -ENOMEM;
		if (ix->nr)
			memcpy(v, ix->v, ix->nr * sizeof(*v));
	}
	kvfree(ix->v);
	atomic64_add(((s64)cap - ix->cap) * (s64)sizeof(*v), &wsmon_ageidx_bytes);
	ix->v = v;
	ix->cap = cap;
	return 0;
}

/*
 * The block for table @idx, or NULL and in *@pos where it would go.  The
 * walk asks in address order, so the answer is nearly always at the
 * hint or just past it; a jump back (a new pass) falls to a binary search.
 */
struct wsmon_ablock *wsmon_ageidx_find(struct wsmon_ageidx *ix,
				       unsigned long idx, u32 *pos)
{
	u32 lo = 0, hi = ix->nr, h = ix->hint;

	if (h < ix->nr && ix->v[h]->idx <= idx) {
		if (ix->v[h]->idx == idx)
			goto found;
		h++;
		if (h == ix->nr || ix->v[h]->idx > idx) {
			*pos = h;
			return NULL;
		}
		if (ix->v[h]->idx == idx)
			goto found;
		lo = h + 1;
	} else if (h < ix->nr) {
		hi = h;
	}
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (ix->v[mid]->idx < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	if (lo < ix->nr && ix->v[lo]->idx == idx) {
		h = lo;
		goto found;
	}
	return NULL;
found:
	ix->hint = h;
	return ix->v[h];
}

/* Put @blk at @pos (from wsmon_ageidx_find()); -ENOSPC when the array is full. */
int wsmon_ageidx_insert(struct wsmon_ageidx *ix, u32 pos,
			struct wsmon_ablock *blk)
{
	if (ix->nr == ix->cap)
		return -ENOSPC;
	memmove(&ix->v[pos + 1], &ix->v[pos], (ix->nr - pos) * sizeof(*ix->v));
	ix->v[pos] = blk;
	ix->nr++;
	ix->hint = pos;
	return 0;
}

/* Room for at least one more block, charged to the active memory cgroup. */
int wsmon_ageidx_grow(struct wsmon_ageidx *ix)
{
	u32 cap = ix->cap ? ix->cap * 2 : 8;

	if (ix->nr < ix->cap)
		return 0;
	if (cap <= ix->cap)
		return -ENOMEM;
	return wsmon_ageidx_move(ix, cap);
}

/*
 * Drop the blocks last visited before sample @since (U64_MAX: all of
 * them), in one sweep; returns how many went.  Never under a lock: a
 * process of a terabyte has half a million blocks, so it reschedules.
 */
u32 wsmon_ageidx_sweep(struct wsmon_ageidx *ix, u64 since,
		       void (*drop)(struct wsmon_ablock *blk))
{
	u32 i, k = 0;

	for (i = 0; i < ix->nr; i++) {
		if (ix->v[i]->visit >= since)	/* a sample number: never U64_MAX */
			ix->v[k++] = ix->v[i];
		else
			drop(ix->v[i]);
		if (!(i % 1024))
			cond_resched();
	}
	i = ix->nr - k;
	ix->nr = k;
	ix->hint = 0;
	/* a process that shrank much gives the room back (or keeps it, short of memory) */
	if (!k)
		wsmon_ageidx_move(ix, 0);
	else if (ix->cap > 8 && k < ix->cap / 4)
		wsmon_ageidx_move(ix, max(k, 8U));
	return i;
}
