// SPDX-License-Identifier: GPL-2.0
/*
 * The swap map of one process: runs of virtual pages that sit in
 * consecutive slots of one swap area, collected by the page-table walk.
 *
 * The walk gathers one table's runs under the PTE lock into a scratch
 * array (wsmon_swap_add), then merges them into the pass's map
 * (wsmon_swap_merge).  Under the target's mmap_lock the merge does not
 * allocate: when the map is full the walk drops the lock, grows it, and
 * merges then.  Maps are charged to the target's memory cgroup and hold
 * at most swap_extents_max extents; pages beyond are counted, not
 * listed.  A finished full pass publishes its map under wsmon_lock;
 * published maps are read-only and reference counted.  A pass that skips
 * tables keeps the published map and checks the tables it reads against
 * it (wsmon_swap_same).  wsmon_swap_gen counts the changes of published
 * maps, which tell the summary (swapsum.c) when to rebuild.
 *
 * Processes whose swap PTEs are the same share one published map: fork()
 * copies swap PTEs, so each child of a process with pages in swap would
 * otherwise hold the parent's extents again, in its own charged memory.
 * A full pass's map is looked up by its content's hash in a table of the
 * published ones (the worker's own, holding a reference to each) and
 * replaced by the one found; maps no process holds any more leave the
 * table after each sample (wsmon_swapmaps_prune).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>

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

	map = wsmon_kvmalloc_charged(struct_size(map, ext, cap));
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
		/*
		 * Count the pages, list what fits (alloc_failed says so), and
		 * read every table again in the next pass, to try again.
		 */
		proc->swap_stale = true;
		return true;
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
 * must grow first; the caller retries with WSMON_GFP_LARGE once the
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

/* changes of the published maps; the sampling worker's own */
u64 wsmon_swap_gen;

static u64 wsmon_swapmap_nr(const struct wsmon_swapmap *map)
{
	return map ? map->nr : 0;
}

static bool wsmon_swapmap_equal(const struct wsmon_swapmap *a,
				const struct wsmon_swapmap *b)
{
	if (wsmon_swapmap_nr(a) != wsmon_swapmap_nr(b))
		return false;
	return !wsmon_swapmap_nr(a) ||
	       !memcmp(a->ext, b->ext, a->nr * sizeof(a->ext[0]));
}

/* The first extent of @map that ends after @addr (extents are in address order). */
static u64 wsmon_swap_find(const struct wsmon_swapmap *map, unsigned long addr)
{
	u64 lo = 0, hi = map->nr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (map->ext[mid].start + ((u64)map->ext[mid].pages << PAGE_SHIFT) <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Does @map hold, for [@start, @end), exactly the runs one table's read
 * found?  An extent that crosses the range's ends is cut at them, as the
 * read's runs are.  A capped map may lack extents: never the same.
 */
bool wsmon_swap_same(const struct wsmon_swapmap *map, const struct wsmon_swapext *run,
		     u32 nr, unsigned long start, unsigned long end)
{
	u64 i, from, to, skip;
	u32 j = 0;

	if (!map || !map->nr)
		return !nr;
	if (map->capped)
		return false;
	for (i = wsmon_swap_find(map, start); i < map->nr && map->ext[i].start < end; i++) {
		const struct wsmon_swapext *e = &map->ext[i];

		from = max_t(u64, e->start, start);
		to = min_t(u64, e->start + ((u64)e->pages << PAGE_SHIFT), end);
		skip = (from - e->start) >> PAGE_SHIFT;
		if (j == nr || run[j].start != from || run[j].type != e->type ||
		    run[j].offset != e->offset + skip ||
		    run[j].pages != (to - from) >> PAGE_SHIFT)
			return false;
		j++;
	}
	return j == nr;
}

/* the published maps by content, each with a reference: the worker's own */
static DEFINE_HASHTABLE(wsmon_swapmaps, 10);

static u32 wsmon_swapmap_hash(const struct wsmon_swapmap *map)
{
	static_assert(sizeof(struct wsmon_swapext) % sizeof(u32) == 0);
	return jhash2((const u32 *)map->ext, map->nr * (sizeof(map->ext[0]) / sizeof(u32)),
		      (u32)map->pages ^ map->capped);
}

/* The same content, pages beyond the listed ones included. */
static bool wsmon_swapmap_same(const struct wsmon_swapmap *a, const struct wsmon_swapmap *b)
{
	return a->pages == b->pages && a->capped == b->capped && wsmon_swapmap_equal(a, b);
}

/*
 * The pass's map becomes a published one of the same content where there
 * is one (it is freed), else the one later passes will find.
 */
static void wsmon_swapmap_share(struct wsmon_proc *proc)
{
	struct wsmon_swapmap *map = proc->building, *m;
	u32 hash;

	if (!map || !map->nr)
		return;
	hash = wsmon_swapmap_hash(map);
	hash_for_each_possible(wsmon_swapmaps, m, node, hash) {
		if (m->hash == hash && wsmon_swapmap_same(m, map)) {
			proc->building = wsmon_swapmap_get(m);
			wsmon_swapmap_put(map);
			return;
		}
	}
	map->hash = hash;
	hash_add(wsmon_swapmaps, &map->node, hash);
	wsmon_swapmap_get(map);		/* the table's */
}

/*
 * After a sample: the maps only the table holds go (@all: every map, on
 * unload).  Nothing can take a new reference to such a map: references
 * are taken from a process's pointers to it, and none is left.
 */
void wsmon_swapmaps_prune(bool all)
{
	struct wsmon_swapmap *m;
	struct hlist_node *tmp;
	u32 bkt;

	hash_for_each_safe(wsmon_swapmaps, bkt, tmp, m, node) {
		if (all || kref_read(&m->ref) == 1) {
			hash_del(&m->node);
			wsmon_swapmap_put(m);
		}
	}
}

/*
 * A full pass finished: its map is to replace the published one, shared
 * with others of the same content.  Counts a change (wsmon_swap_gen) now,
 * outside wsmon_lock, for the map it compares with is the worker's to
 * change.
 */
void wsmon_swap_publish_prepare(struct wsmon_proc *proc)
{
	wsmon_swapmap_share(proc);
	if (proc->swapmap != proc->building &&
	    !wsmon_swapmap_equal(proc->swapmap, proc->building))
		wsmon_swap_gen++;
}

/*
 * Then, under wsmon_lock, the new map replaces the published one, which is
 * returned for the caller to put once it has dropped the lock.
 */
struct wsmon_swapmap *wsmon_swap_publish_locked(struct wsmon_proc *proc)
{
	struct wsmon_swapmap *old = proc->swapmap;

	lockdep_assert_held(&wsmon_lock);
	proc->swapmap = proc->building;
	proc->building = NULL;
	return old;
}

/* Forget both maps (exit, exec, unload). */
void wsmon_swap_drop(struct wsmon_proc *proc)
{
	if (wsmon_swapmap_nr(proc->swapmap))
		wsmon_swap_gen++;
	wsmon_swapmap_put(proc->building);
	wsmon_swapmap_put(proc->swapmap);
	proc->building = NULL;
	proc->swapmap = NULL;
}
