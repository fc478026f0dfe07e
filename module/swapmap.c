// SPDX-License-Identifier: GPL-2.0
/*
 * The swap map of one process: runs of virtual pages that sit in
 * consecutive slots of one swap area, collected by the page-table walk;
 * and the summary of all of them per swap area that GET_SWAP reports.
 *
 * The walk gathers one table's runs under the PTE lock into a scratch
 * array (wsmon_swap_add), then merges them into the pass's map
 * (wsmon_swap_merge).  Under the target's mmap_lock the merge does not
 * allocate: when the map is full the walk drops the lock, grows it, and
 * merges then.  Maps are charged to the target's memory cgroup and hold
 * at most swap_extents_max extents; pages beyond are counted, not
 * listed.  A finished pass publishes its map under wsmon_lock; published
 * maps are read-only and reference counted.
 *
 * The summary (distinct slots, runs, owners) needs every map sorted by
 * slot.  The sampler builds it after each sample from references to the
 * published maps, without wsmon_lock held, so GET_SWAP only copies it and
 * never holds the lock the sampler needs for long.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "core.h"

static bool wsmon_swap_follows(const struct wsmon_swapext *e, u64 addr,
			       u32 type, u64 offset)
{
	return e->type == type && e->pages < U32_MAX &&
	       e->start + ((u64)e->pages << PAGE_SHIFT) == addr &&
	       e->offset + e->pages == offset;
}

/* Add one swapped page to @run; the caller leaves room for one more. */
void wsmon_swap_add(struct wsmon_swapext *run, u32 *nr, u64 addr,
		    u32 type, u64 offset)
{
	struct wsmon_swapext *e = *nr ? &run[*nr - 1] : NULL;

	if (e && wsmon_swap_follows(e, addr, type, offset)) {
		e->pages++;
		return;
	}
	e = &run[(*nr)++];
	e->start = addr;
	e->offset = offset;
	e->pages = 1;
	e->type = type;
}

/* the cap in force for this sample (the sampling worker sets it) */
u32 wsmon_swapext_cap = WSMON_SWAPEXT_MAX;

static struct wsmon_swapmap *wsmon_swapmap_alloc(u64 cap)
{
	struct wsmon_swapmap *map;

	map = kvmalloc(struct_size(map, ext, cap), GFP_KERNEL_ACCOUNT);
	if (!map)
		return NULL;
	kref_init(&map->ref);
	map->nr = 0;
	map->cap = cap;
	map->pages = 0;
	map->capped = false;
	return map;
}

/* Room for @nr more extents, up to the cap; false when it must allocate. */
static bool wsmon_swap_room(struct wsmon_proc *proc, u32 nr, gfp_t gfp)
{
	struct wsmon_swapmap *map = proc->building, *bigger;
	u64 cap;

	if (map && (map->nr + nr <= map->cap || map->cap >= wsmon_swapext_cap))
		return true;
	if (!gfpflags_allow_blocking(gfp))
		return false;
	cap = map ? max(map->cap * 2, map->nr + nr) : max_t(u64, 64, nr);
	cap = min_t(u64, cap, wsmon_swapext_cap);
	bigger = wsmon_swapmap_alloc(cap);
	if (!bigger) {
		pr_warn_ratelimited("no memory for the swap map of PID %d\n",
				    pid_nr(proc->pid));
		return true;	/* count the pages, list what fits */
	}
	if (map) {
		memcpy(bigger->ext, map->ext, map->nr * sizeof(map->ext[0]));
		bigger->nr = map->nr;
		bigger->pages = map->pages;
		bigger->capped = map->capped;
		kvfree(map);
	}
	proc->building = bigger;
	return true;
}

/*
 * Merge one table's runs into the pass's map.  With a @gfp that may not
 * sleep (under the target's mmap_lock) it returns -EAGAIN when the map
 * must grow first; the caller retries with GFP_KERNEL_ACCOUNT once the
 * lock is dropped.
 */
int wsmon_swap_merge(struct wsmon_proc *proc, const struct wsmon_swapext *run,
		     u32 nr, gfp_t gfp)
{
	struct wsmon_swapmap *map;
	u32 i = 0;

	if (!wsmon_swap_room(proc, nr, gfp))
		return -EAGAIN;
	map = proc->building;
	if (!map)
		return 0;
	/* the first run may continue the last one of the previous table */
	if (map->nr && wsmon_swap_follows(&map->ext[map->nr - 1], run[0].start,
					  run[0].type, run[0].offset) &&
	    (u64)map->ext[map->nr - 1].pages + run[0].pages <= U32_MAX) {
		map->ext[map->nr - 1].pages += run[0].pages;
		map->pages += run[0].pages;
		i = 1;
	}
	for (; i < nr; i++) {
		map->pages += run[i].pages;
		if (map->nr < map->cap)
			map->ext[map->nr++] = run[i];
		else
			map->capped = true;
	}
	return 0;
}

static void wsmon_swapmap_release(struct kref *ref)
{
	kvfree(container_of(ref, struct wsmon_swapmap, ref));
}

struct wsmon_swapmap *wsmon_swapmap_get(struct wsmon_swapmap *map)
{
	if (map)
		kref_get(&map->ref);
	return map;
}

void wsmon_swapmap_put(struct wsmon_swapmap *map)
{
	if (map)
		kref_put(&map->ref, wsmon_swapmap_release);
}

/* A pass finished: its map replaces the published one. */
void wsmon_swap_publish(struct wsmon_proc *proc)
{
	struct wsmon_swapmap *old;

	mutex_lock(&wsmon_lock);
	old = proc->swapmap;
	proc->swapmap = proc->building;
	mutex_unlock(&wsmon_lock);
	proc->building = NULL;
	wsmon_swapmap_put(old);
}

/* Forget both maps (exit, exec, unload). */
void wsmon_swap_drop(struct wsmon_proc *proc)
{
	wsmon_swapmap_put(proc->building);
	wsmon_swapmap_put(proc->swapmap);
	proc->building = NULL;
	proc->swapmap = NULL;
}

/* ---- the summary ---- */

/* A published map and its owner, referenced for the summary. */
struct wsmon_swapref {
	struct wsmon_swapmap *map;
	struct pid *pid;
	char comm[TASK_COMM_LEN];
	kuid_t uid;
};

static int wsmon_slot_cmp(const void *a, const void *b)
{
	const struct wsmon_swapext *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
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

/* Distinct slots and runs of consecutive slots, from extents sorted by slot. */
static void wsmon_swap_union(struct wsmon_swap_area *areas,
			     const struct wsmon_swapext *e, u64 n)
{
	struct wsmon_swap_area *a = NULL;
	u64 i, end = 0, e_end;
	u32 type = U32_MAX;

	for (i = 0; i < n; i++) {
		e_end = e[i].offset + e[i].pages;
		if (e[i].type != type) {
			type = e[i].type;
			a = &areas[type];
			a->lowest = e[i].offset;
			a->slots += e[i].pages;
			a->runs++;
			end = e_end;
		} else if (e[i].offset > end) {
			a->slots += e[i].pages;
			a->runs++;
			end = e_end;
		} else if (e_end > end) {
			a->slots += e_end - end;
			end = e_end;
		}
		a->highest = max(a->highest, end - 1);
	}
}

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

/* Per-process figures into @areas, and every extent into @all. */
static u64 wsmon_swap_gather(struct wsmon_swap_area *areas, struct wsmon_swapext *all,
			     const struct wsmon_swapref *refs, u32 nrefs)
{
	u64 count[WSMON_SWAP_TYPES];
	u64 n = 0, i;
	u32 r, t;

	for (r = 0; r < nrefs; r++) {
		const struct wsmon_swapmap *map = refs[r].map;

		memset(count, 0, sizeof(count));
		for (i = 0; i < map->nr; i++) {
			t = map->ext[i].type;
			if (t >= WSMON_SWAP_TYPES)
				continue;
			count[t] += map->ext[i].pages;
			all[n++] = map->ext[i];
		}
		for (t = 0; t < WSMON_SWAP_TYPES; t++) {
			if (!count[t])
				continue;
			areas[t].mapped += count[t];
			areas[t].owners++;
			wsmon_area_top(&areas[t], &refs[r], count[t]);
		}
		cond_resched();
	}
	return n;
}

/* Build the summary of the published maps; the sampling worker calls it. */
void wsmon_swap_summarise(void)
{
	struct wsmon_swap_area *areas, *old;
	struct wsmon_swapext *all = NULL;
	struct wsmon_swapref *refs;
	struct wsmon_proc *proc;
	unsigned long idx;
	u32 nrefs = 0, max = 0, r;
	u64 total = 0, n;

	mutex_lock(&wsmon_lock);
	xa_for_each(&wsmon_procs, idx, proc)
		if (proc->swapmap && proc->swapmap->nr)
			max++;
	if (!max) {
		/* nothing in swap: no summary, nothing to allocate */
		old = wsmon_glob.swap_areas;
		wsmon_glob.swap_areas = NULL;
		mutex_unlock(&wsmon_lock);
		wsmon_swap_summary_free(old);
		return;
	}
	mutex_unlock(&wsmon_lock);
	areas = kcalloc(WSMON_SWAP_TYPES, sizeof(*areas), GFP_KERNEL);
	if (!areas)
		return;		/* the old summary stays */
	mutex_lock(&wsmon_lock);
	refs = kvmalloc_array(max_t(u32, max, 1), sizeof(*refs), GFP_KERNEL);
	if (refs) {
		xa_for_each(&wsmon_procs, idx, proc) {
			if (nrefs == max)
				break;
			if (!proc->swapmap || !proc->swapmap->nr)
				continue;
			refs[nrefs].map = wsmon_swapmap_get(proc->swapmap);
			refs[nrefs].pid = get_pid(proc->pid);
			memcpy(refs[nrefs].comm, proc->comm, TASK_COMM_LEN);
			refs[nrefs].uid = proc->uid;
			total += proc->swapmap->nr;
			nrefs++;
		}
	}
	mutex_unlock(&wsmon_lock);
	if (!refs) {
		kfree(areas);
		return;
	}

	all = kvmalloc_array(max_t(u64, total, 1), sizeof(*all), GFP_KERNEL);
	if (all) {
		n = wsmon_swap_gather(areas, all, refs, nrefs);
		sort(all, n, sizeof(*all), wsmon_slot_cmp, NULL);
		wsmon_swap_union(areas, all, n);
		kvfree(all);
	}
	for (r = 0; r < nrefs; r++) {
		wsmon_swapmap_put(refs[r].map);
		put_pid(refs[r].pid);
	}
	kvfree(refs);
	if (!all) {
		wsmon_swap_summary_free(areas);
		return;
	}

	mutex_lock(&wsmon_lock);
	old = wsmon_glob.swap_areas;
	wsmon_glob.swap_areas = areas;
	mutex_unlock(&wsmon_lock);
	wsmon_swap_summary_free(old);
}
