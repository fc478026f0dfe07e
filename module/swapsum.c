// SPDX-License-Identifier: GPL-2.0
/*
 * The swap summary GET_SWAP reports, per swap area: the slots process
 * pages hold (a slot several processes map counts once), their swap PTEs,
 * the owners, the runs of consecutive slots (how fragmented the area is),
 * the lowest and highest slot, and the largest owners.
 *
 * Its cost is bounded whatever users do.  fork() copies swap PTEs, so a
 * hundred children hold their parent's extents a hundred times over; a
 * summary that copied every extent into one array and sorted it after
 * every sample cost what any user made it cost.  Here:
 *
 *  - it is rebuilt only when a published map changed (wsmon_swap_gen);
 *  - a rebuild goes on over as many samples as it needs, and each sample
 *    takes at most @budget extents (the scan budget), in batches taken
 *    under wsmon_lock and worked on without it, with resched points;
 *  - distinct slots and runs come from one bitmap per area, a bit per
 *    slot, so its memory is set by the size of the swap areas (1/32768
 *    of it, an eighth of the kernel's own swap_map), not by how many maps
 *    hold the same slots.  It is the module's own, like the process
 *    table: no user's allocation.
 *
 * GET_SWAP reports the last finished summary, which the worker swaps in
 * under wsmon_lock.  Everything here but that pointer is the sampling
 * worker's own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "core.h"

/* maps referenced per batch under wsmon_lock */
#define WSMON_SUM_BATCH		16
/* bitmap words or extents between resched points */
#define WSMON_SUM_WORDS		4096
#define WSMON_SUM_SLOTS_MAX	BIT_ULL(31)

/* A published map and its owner, referenced for the summary. */
struct wsmon_swapref {
	unsigned long idx;		/* its process's index */
	struct wsmon_swapmap *map;
	struct pid *pid;
	char comm[TASK_COMM_LEN];
	kuid_t uid;
};

static struct {
	unsigned long *bits[WSMON_SWAP_TYPES];	/* slots seen in this build */
	u64 nbits[WSMON_SWAP_TYPES];
	struct wsmon_swap_area *areas;		/* being built; NULL: none */
	unsigned long next;			/* the process index it resumes at */
	u64 gen;				/* wsmon_swap_gen it was started for */
	bool failed;				/* no memory: the areas are short */
} wsmon_sum;

void wsmon_swap_summary_free(struct wsmon_swap_area *areas)
{
	u32 t, i;

	if (!areas)
		return;
	for (t = 0; t < WSMON_SWAP_TYPES; t++)
		for (i = 0; i < WSMON_SWAP_TOP; i++)
			put_pid(areas[t].top[i].pid);
	kfree(areas);
}

static void wsmon_area_top(struct wsmon_swap_area *a, const struct wsmon_swapref *r,
			   u64 pages)
{
	int i, j;

	for (i = 0; i < WSMON_SWAP_TOP; i++)
		if (!a->top[i].pid || pages > a->top[i].pages)
			break;
	if (i == WSMON_SWAP_TOP)
		return;
	put_pid(a->top[WSMON_SWAP_TOP - 1].pid);
	for (j = WSMON_SWAP_TOP - 1; j > i; j--)
		a->top[j] = a->top[j - 1];
	a->top[i].pid = get_pid(r->pid);
	memcpy(a->top[i].comm, r->comm, TASK_COMM_LEN);
	a->top[i].uid = r->uid;
	a->top[i].pages = pages;
}

/* Room in area @t's bitmap for slots below @end; false: no memory. */
static bool wsmon_sum_room(u32 t, u64 end)
{
	unsigned long *bigger;
	u64 n = wsmon_sum.nbits[t];

	if (end <= n)
		return true;
	/* bitmap_set() takes unsigned int: 2^31 slots (8 TiB of swap) at most */
	if (end > WSMON_SUM_SLOTS_MAX)
		return false;
	n = max_t(u64, n * 2, roundup_pow_of_two(max_t(u64, end, BITS_PER_LONG)));
	n = min_t(u64, n, WSMON_SUM_SLOTS_MAX);
	bigger = kvcalloc(BITS_TO_LONGS(n), sizeof(long), GFP_KERNEL);
	if (!bigger)
		return false;
	if (wsmon_sum.bits[t])
		memcpy(bigger, wsmon_sum.bits[t], BITS_TO_LONGS(wsmon_sum.nbits[t]) * sizeof(long));
	kvfree(wsmon_sum.bits[t]);
	wsmon_sum.bits[t] = bigger;
	wsmon_sum.nbits[t] = n;
	return true;
}

/* One map: its slots into the bitmaps, its pages to its areas' figures. */
static void wsmon_sum_map(const struct wsmon_swapref *r)
{
	const struct wsmon_swapmap *map = r->map;
	u64 count[WSMON_SWAP_TYPES] = { 0 };
	u64 i;
	u32 t;

	for (i = 0; i < map->nr; i++) {
		const struct wsmon_swapext *e = &map->ext[i];

		t = e->type;
		if (t >= WSMON_SWAP_TYPES)
			continue;
		count[t] += e->pages;
		if (wsmon_sum_room(t, e->offset + e->pages))
			bitmap_set(wsmon_sum.bits[t], e->offset, e->pages);
		else
			wsmon_sum.failed = true;
		if (!(i % WSMON_SUM_WORDS))
			cond_resched();
	}
	for (t = 0; t < WSMON_SWAP_TYPES; t++) {
		if (!count[t])
			continue;
		wsmon_sum.areas[t].mapped += count[t];
		wsmon_sum.areas[t].owners++;
		wsmon_area_top(&wsmon_sum.areas[t], r, count[t]);
	}
}

/* Distinct slots, runs, the lowest and highest slot, from the bitmaps. */
static void wsmon_sum_count(struct wsmon_swap_area *areas)
{
	unsigned long w, carry;
	u64 k, words;
	u32 t;

	for (t = 0; t < WSMON_SWAP_TYPES; t++) {
		struct wsmon_swap_area *a = &areas[t];

		if (!a->mapped || !wsmon_sum.bits[t])
			continue;
		words = BITS_TO_LONGS(wsmon_sum.nbits[t]);
		carry = 0;
		for (k = 0; k < words; k++) {
			w = wsmon_sum.bits[t][k];
			/* a run starts at each set bit whose lower neighbour is clear */
			a->runs += hweight_long(w & ~((w << 1) | carry));
			a->slots += hweight_long(w);
			carry = w >> (BITS_PER_LONG - 1);
			if (!(k % WSMON_SUM_WORDS))
				cond_resched();
		}
		a->lowest = find_first_bit(wsmon_sum.bits[t], wsmon_sum.nbits[t]);
		a->highest = find_last_bit(wsmon_sum.bits[t], wsmon_sum.nbits[t]);
	}
}

/* Start a build: empty areas and bitmaps.  False: no memory, try later. */
static bool wsmon_sum_start(void)
{
	u32 t;

	wsmon_sum.areas = kcalloc(WSMON_SWAP_TYPES, sizeof(*wsmon_sum.areas), GFP_KERNEL);
	if (!wsmon_sum.areas)
		return false;
	for (t = 0; t < WSMON_SWAP_TYPES; t++)
		if (wsmon_sum.bits[t])
			bitmap_zero(wsmon_sum.bits[t], wsmon_sum.nbits[t]);
	wsmon_sum.next = 0;
	wsmon_sum.gen = wsmon_swap_gen;
	wsmon_sum.failed = false;
	return true;
}

/* The build is done: it replaces the summary GET_SWAP reports. */
static void wsmon_sum_finish(void)
{
	struct wsmon_swap_area *areas = wsmon_sum.areas, *old;
	bool any = false;
	u32 t;

	wsmon_sum.areas = NULL;
	if (wsmon_sum.failed) {
		/* slots went unmarked: keep the old summary, build again */
		pr_warn_ratelimited("no memory for the swap summary\n");
		wsmon_sum.gen--;
		wsmon_swap_summary_free(areas);
		return;
	}
	for (t = 0; t < WSMON_SWAP_TYPES; t++)
		any |= !!areas[t].mapped;
	if (any) {
		wsmon_sum_count(areas);
	} else {
		/* nothing in swap: no summary */
		wsmon_swap_summary_free(areas);
		areas = NULL;
	}
	mutex_lock(&wsmon_lock);
	old = wsmon_glob.swap_areas;
	wsmon_glob.swap_areas = areas;
	mutex_unlock(&wsmon_lock);
	wsmon_swap_summary_free(old);
}

/* Reference up to WSMON_SUM_BATCH published maps, from wsmon_sum.next on. */
static u32 wsmon_sum_batch(struct wsmon_swapref *refs, bool *done)
{
	struct wsmon_proc *proc;
	unsigned long idx;
	u32 n = 0;

	*done = true;
	mutex_lock(&wsmon_lock);
	xa_for_each_start(&wsmon_procs, idx, proc, wsmon_sum.next) {
		if (n == WSMON_SUM_BATCH) {
			*done = false;
			wsmon_sum.next = idx;
			break;
		}
		if (!proc->swapmap || !proc->swapmap->nr)
			continue;
		refs[n].idx = idx;
		refs[n].map = wsmon_swapmap_get(proc->swapmap);
		refs[n].pid = get_pid(proc->pid);
		memcpy(refs[n].comm, proc->comm, TASK_COMM_LEN);
		refs[n].uid = proc->uid;
		n++;
	}
	mutex_unlock(&wsmon_lock);
	return n;
}

/*
 * After each sample: go on with the build, or start one if a map changed
 * since the last; at most @budget extents.
 */
void wsmon_swap_summarise(long budget)
{
	struct wsmon_swapref refs[WSMON_SUM_BATCH];
	bool done = false;
	u32 n, i;

	if (!wsmon_sum.areas) {
		if (wsmon_sum.gen == wsmon_swap_gen || !wsmon_sum_start())
			return;
	}
	while (!done && budget > 0) {
		n = wsmon_sum_batch(refs, &done);
		for (i = 0; i < n; i++) {
			if (budget > 0) {
				wsmon_sum_map(&refs[i]);
				budget -= refs[i].map->nr + 1;
			} else if (done || refs[i].idx < wsmon_sum.next) {
				/* spent: the next sample resumes here */
				wsmon_sum.next = refs[i].idx;
				done = false;
			}
			wsmon_swapmap_put(refs[i].map);
			put_pid(refs[i].pid);
			cond_resched();
		}
	}
	if (done)
		wsmon_sum_finish();
}

/* Unload: after the sampler stopped. */
void wsmon_swapsum_exit(void)
{
	u32 t;

	wsmon_swap_summary_free(wsmon_sum.areas);
	wsmon_sum.areas = NULL;
	for (t = 0; t < WSMON_SWAP_TYPES; t++) {
		kvfree(wsmon_sum.bits[t]);
		wsmon_sum.bits[t] = NULL;
		wsmon_sum.nbits[t] = 0;
	}
}
