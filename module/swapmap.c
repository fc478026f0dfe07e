// SPDX-License-Identifier: GPL-2.0
/*
 * The swap map of one process: runs of virtual pages that sit in
 * consecutive slots of one swap area, collected by the page-table walk.
 *
 * The walk gathers one table's runs under the PTE lock into a scratch
 * array (wsmon_swap_add), then merges them into the pass's map with the
 * lock dropped (wsmon_swap_merge), where it may allocate.  A finished pass
 * publishes its map under wsmon_lock; published maps are read-only and
 * reference counted.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "wsmon.h"

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

static struct wsmon_swapmap *wsmon_swapmap_alloc(u64 cap)
{
	struct wsmon_swapmap *map;

	map = kvmalloc(struct_size(map, ext, cap), GFP_KERNEL);
	if (!map)
		return NULL;
	kref_init(&map->ref);
	map->nr = 0;
	map->cap = cap;
	map->pages = 0;
	return map;
}

/* Merge one table's runs into the pass's map, growing it as needed. */
int wsmon_swap_merge(struct wsmon_proc *proc, const struct wsmon_swapext *run,
		     u32 nr)
{
	struct wsmon_swapmap *map = proc->building, *bigger;
	u32 i = 0;

	if (!map || map->nr + nr > map->cap) {
		u64 cap = map ? max(map->cap * 2, map->nr + nr) : max_t(u64, 64, nr);

		bigger = wsmon_swapmap_alloc(cap);
		if (!bigger) {
			pr_warn_ratelimited("no memory for the swap map of PID %d\n",
					    pid_nr(proc->pid));
			return -ENOMEM;
		}
		if (map) {
			memcpy(bigger->ext, map->ext, map->nr * sizeof(map->ext[0]));
			bigger->nr = map->nr;
			bigger->pages = map->pages;
			kvfree(map);
		}
		map = bigger;
		proc->building = map;
	}
	/* the first run may continue the last one of the previous table */
	if (map->nr && wsmon_swap_follows(&map->ext[map->nr - 1], run[0].start,
					  run[0].type, run[0].offset) &&
	    (u64)map->ext[map->nr - 1].pages + run[0].pages <= U32_MAX) {
		map->ext[map->nr - 1].pages += run[0].pages;
		map->pages += run[0].pages;
		i = 1;
	}
	for (; i < nr; i++) {
		map->ext[map->nr++] = run[i];
		map->pages += run[i].pages;
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
