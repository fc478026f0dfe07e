// SPDX-License-Identifier: GPL-2.0
/*
 * One pass over a process's page tables: test and clear the accessed bit
 * of every present PTE and of every THP PMD (512 pages), and age each page
 * in its age block.  walk_page_range() is not exported, so this is a plain
 * pgd -> p4d -> pud -> pmd -> pte walk in the manner of mm/damon/vaddr.c.
 *
 * Where the kernel has PG_idle, a visit also marks each folio mapped once
 * (by one PTE or one PMD) idle, and a later visit that finds the flag
 * clear counts a use even with the accessed bit clear: reclaim's rmap walk
 * took that bit first (folio_referenced_one() clears PG_idle when it
 * does), as DAMON and idle page tracking read it.  MGLRU's aging walk and look-around take the bits
 * of other pages without touching PG_idle: those references stay lost.
 *
 * Ages count samples of wall time: a page referenced since its table was
 * last visited gets age 0, an idle one ages by the samples since that
 * visit, so a pass that the budget spreads over several samples stretches
 * nothing.
 *
 * Cost: the budget is charged for the work done, one unit per entry
 * visited at any level (a table read costs its PTEs), and empty upper
 * levels are skipped to their p?d_addr_end(), so a huge sparse or
 * PROT_NONE reservation costs a few entries.  With TLB flushing on, a PTE
 * table whose PMD accessed bit is clear (x86 sets it on any page walk
 * through the PMD, so none of its pages was used since the bit was
 * cleared) is not read: its pages age by the gap from their stored ages,
 * from a summary of their few distinct ages.  Such a table is still read
 * at least every WSMON_REFRESH..+15 samples, and every table is read in a
 * pass that follows a change of the process's RSS or swap counters, so
 * removals (unmap, swap-out) show within a bounded time.
 *
 * The swap map is built in those full passes only.  A table with swap
 * entries may go unread like any other (its pages in swap age in the same
 * summary), and a pass that skips tables keeps the published map: a table
 * it does read is checked against the map, and a difference makes the
 * next pass a full one.  A process whose swapped pages sit untouched
 * (forked children carry their parent's) then costs a few entries per
 * table, not a read of each table and a new map every pass.
 *
 * Locking: mmap_lock is held for reading, dropped after WSMON_HOLD_WORK
 * units so that writers and the scheduler get in; each VMA is looked up
 * again after that.  Nothing under mmap_lock allocates with reclaim: age
 * blocks come from a small pool filled with the lock dropped, xarray slots
 * are reserved the same way, and a swap map that must grow stops the hold.
 * Allocations are charged to the target's memory cgroup.  PTEs are read
 * and cleared under their page-table lock, THP PMDs under the PMD lock.
 *
 * A swap PTE keeps its page's age running (the page is still in the
 * working set until its last reference is older than the window) and
 * adds its (type, offset) to the process's swap extents, gathered per
 * table in wsmon_run and merged into the map.  A migration entry keeps
 * its page's age as it was: the page is only moving.
 */
#include <linux/highmem.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>

#include "core.h"

/* work (entries visited) per mmap_lock hold: about 64 page tables */
#define WSMON_HOLD_WORK		(64 * PTRS_PER_PTE)
/* age blocks allocated at once, with mmap_lock dropped */
#define WSMON_POOL		16
/* an idle table is read at least every WSMON_REFRESH + (index & 15) samples */
#define WSMON_REFRESH		64

/* why a hold stopped early */
enum wsmon_stop {
	WSMON_GO,
	WSMON_STOP,		/* budget or hold spent */
	WSMON_REFILL,		/* the pool is empty, or a slot needs reserving */
	WSMON_SWAPROOM,		/* the swap map must grow */
};

static struct kmem_cache *wsmon_ablock_cache;
atomic64_t wsmon_age_blocks = ATOMIC64_INIT(0);

/* The sampling worker's own: a work item never runs concurrently with itself. */
static struct {
	struct wsmon_swapext run[PTRS_PER_PTE];	/* one table's swap extents */
	u32 run_nr;				/* unmerged, when SWAPROOM */
	struct wsmon_ablock *pool[WSMON_POOL];
	u32 pool_nr;
	bool need_room;				/* the age index is full */
	u32 hold;				/* work in this hold */
} wsmon_ws;

const char *wsmon_reclaim_mode(void)
{
	return WSMON_RECLAIM_MODE;
}

static void wsmon_pool_fill(void)
{
	while (wsmon_ws.pool_nr < WSMON_POOL) {
		struct wsmon_ablock *blk;

		blk = kmem_cache_alloc(wsmon_ablock_cache, WSMON_GFP_SMALL);
		if (!blk) {
			wsmon_alloc_failed++;
			break;
		}
		wsmon_ws.pool[wsmon_ws.pool_nr++] = blk;
	}
}

/* What is left is charged to the process it was filled for: free it. */
static void wsmon_pool_drain(void)
{
	while (wsmon_ws.pool_nr)
		kmem_cache_free(wsmon_ablock_cache, wsmon_ws.pool[--wsmon_ws.pool_nr]);
}

/*
 * The block of the table at @addr, created from the pool.  Under
 * mmap_lock: no allocation with reclaim.  ERR_PTR(-EAGAIN) asks the
 * caller to drop the lock and refill (pool or index room), then retry.
 */
static struct wsmon_ablock *wsmon_ablock_get(struct wsmon_walk *w,
					     unsigned long addr)
{
	unsigned long idx = addr >> PMD_SHIFT;
	struct wsmon_ablock *blk;
	u32 pos;

	blk = wsmon_ageidx_find(&w->proc->ages, idx, &pos);
	if (blk)
		return blk;
	if (!wsmon_ws.pool_nr)
		return ERR_PTR(-EAGAIN);
	blk = wsmon_ws.pool[wsmon_ws.pool_nr - 1];
	if (wsmon_ageidx_insert(&w->proc->ages, pos, blk)) {
		wsmon_ws.need_room = true;	/* the index is full: grow it */
		return ERR_PTR(-EAGAIN);
	}
	wsmon_ws.pool_nr--;
	memset(blk->age, WSM_AGE_NONE, sizeof(blk->age));
	blk->idx = idx;
	blk->visit = w->now - 1;
	blk->read_sample = 0;
	blk->gap = 1;
	blk->weight = WSMON_WEIGHT;
	blk->swapped = 0;
	blk->lazy = 0;
	blk->nr_pairs = WSMON_AGE_PAIRS + 1;
	atomic64_inc(&wsmon_age_blocks);
	return blk;
}

/* The samples since the block's last visit; the first visit this sample sets it. */
static u32 wsmon_visit(struct wsmon_walk *w, struct wsmon_ablock *blk)
{
	if (blk->visit != w->now) {
		blk->gap = min_t(u64, w->now - blk->visit, WSM_AGE_MAX);
		blk->visit = w->now;
	}
	return blk->gap;
}

/* Age one present page slot (see wsm_age_step()). */
static u8 wsmon_age_page(struct wsmon_walk *w, u8 *age, bool young, u32 gap)
{
	struct wsmon_proc *proc = w->proc;
	u8 new = wsm_age_step(*age, young, proc->pass > 0, gap, proc->reuse);

	*age = new;
	w->tally->age_count[new]++;
	w->tally->present++;
	return new;
}

/*
 * Age a page whose accessed bit cannot be read: one in swap, or one being
 * migrated (resident, its PTE a migration entry for the copy).  It belongs
 * to the working set until its last reference is older than the window,
 * so its age runs on; a page never seen resident has no age.  A migration
 * entry carries the accessed bit to the new PTE, where the next visit
 * reads it.
 */
static void wsmon_age_unseen(struct wsmon_walk *w, u8 *age, u32 gap,
			     bool resident)
{
	struct wsmon_proc *proc = w->proc;
	u8 new;

	if (*age == WSM_AGE_NONE)
		return;
	new = wsm_age_step(*age, false, false, gap, proc->reuse);
	*age = new;
	w->tally->age_count[new]++;
	w->tally->present += resident;
	if (new < w->demand_window)
		w->tally->demand += WSMON_WEIGHT;
}

/* A page's share of the demand sum: divided among the processes mapping it. */
static u64 wsmon_weight(int mapcount)
{
	return WSMON_WEIGHT / max(mapcount, 1);
}

/* The page a present PTE maps: NULL for special ones and the zero page. */
static struct page *wsmon_pte_page(pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (pte_special(pte) || is_zero_pfn(pfn) || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/*
 * Reclaim's rmap walk may take a folio's accessed bit between two visits,
 * and clears PG_idle when it does (wsmon_folio_used()).  Was the folio
 * used so since the last visit (@seen: it saw the folio) marked it idle?
 * Only a folio mapped once, by one PTE or one PMD (@huge): the one flag of
 * a large folio mapped by PTEs, or of a folio other processes map too,
 * would lend this page another's reference.  Marks it idle for the next
 * visit.
 */
static bool wsmon_idle_ref(struct folio *folio, bool huge, bool seen)
{
	bool used;

	if (!WSMON_HAVE_PG_IDLE || folio_test_large(folio) != huge ||
	    !wsmon_folio_mapped_once(folio))
		return false;
	used = seen && wsmon_folio_used(folio);
	wsmon_folio_mark_idle(folio);
	return used;
}

/* A PTE that is not present: age a page in swap and note where it is. */
static bool wsmon_swap_pte(struct wsmon_walk *w, pte_t pte, u8 *age,
			   unsigned long addr, u32 gap)
{
	swp_entry_t entry;

	switch (wsmon_pte_leaf(pte, &entry)) {
	case WSMON_LEAF_SWAP:
		break;
	case WSMON_LEAF_MIGRATION:
		/* moving, not gone: the age must not start again */
		wsmon_age_unseen(w, age, gap, true);
		return false;
	default:
		/* none, or device, hwpoison or marker: none of ours */
		*age = WSM_AGE_NONE;
		return false;
	}
	wsmon_age_unseen(w, age, gap, false);
	wsmon_swap_add(wsmon_ws.run, &wsmon_ws.run_nr, addr, swp_type(entry),
		       swp_offset(entry));
	return true;
}

/* Count a page's new age in the table's summary: resident or in swap. */
static void wsmon_pair_add(struct wsmon_ablock *blk, u8 age, bool swap)
{
	u8 i;

	if (blk->nr_pairs > WSMON_AGE_PAIRS)
		return;
	for (i = 0; i < blk->nr_pairs; i++)
		if (blk->pair_age[i] == age && !!(blk->pair_swap & BIT(i)) == swap) {
			blk->pair_cnt[i]++;
			return;
		}
	if (blk->nr_pairs == WSMON_AGE_PAIRS) {
		blk->nr_pairs = WSMON_AGE_PAIRS + 1;	/* too many: scan instead */
		return;
	}
	blk->pair_age[i] = age;
	blk->pair_cnt[i] = 1;
	if (swap)
		blk->pair_swap |= BIT(i);
	else
		blk->pair_swap &= ~BIT(i);
	blk->nr_pairs++;
}

/*
 * The PTEs of one table, as the kernel's __pte_offset_map_lock() maps them
 * (not exported from 6.5 on): from 6.5 khugepaged may free a PTE table
 * under RCU while mmap_lock is only read-held, so read the PMD once under
 * rcu_read_lock(), give up on none, huge or bad, and after taking the PTE
 * lock check that the PMD still points to the same table.  On 6.1 the
 * table is stable under mmap_lock and the extra checks cost nothing.
 * Returns the work done.
 */
static long wsmon_walk_ptes(struct wsmon_walk *w, pmd_t *pmd, unsigned long addr,
			    unsigned long end, struct wsmon_ablock *blk, u32 gap)
{
	unsigned long first = pte_index(addr);
	u64 weight = 0, weighed = 0;
	spinlock_t *ptl;	/* the PTE table's lock */
	long n = 1;
	u32 swapped = 0;
	pte_t *ptep;
	pmd_t pmdval;

	blk->nr_pairs = WSMON_AGE_PAIRS + 1;
	rcu_read_lock();
	pmdval = wsmon_pmdp_get_lockless(pmd);
	if (pmd_none(pmdval) || !pmd_present(pmdval) ||
	    pmd_trans_huge(pmdval) || pmd_bad(pmdval))
		goto out;
	ptep = pte_offset_kernel(&pmdval, addr);
	ptl = pte_lockptr(w->mm, &pmdval);
	spin_lock(ptl);
	/*
	 * The same table still?  Its accessed bit may differ: wsmon cleared
	 * it just before (wsmon_walk_pmd()), and a CPU walking through the
	 * table sets it again at any time.  That is the same table; only a
	 * different one (freed, collapsed into a THP) is not.
	 */
	if (!pmd_same(pmd_mkold(pmdval), pmd_mkold(wsmon_pmdp_get_lockless(pmd))))
		goto unlock;
	blk->nr_pairs = 0;
	for (; addr < end; ptep++, addr += PAGE_SIZE, n++) {
		u8 *age = &blk->age[pte_index(addr)];
		pte_t pte = ptep_get(ptep);
		struct page *page;
		bool young, swap;
		u64 pw;

		if (!pte_present(pte)) {
			swap = wsmon_swap_pte(w, pte, age, addr, gap);
			swapped += swap;
			if (*age != WSM_AGE_NONE)
				wsmon_pair_add(blk, *age, swap);
			continue;
		}
		page = wsmon_pte_page(pte);
		young = pte_young(pte) && wsmon_ptep_test_and_clear_young(ptep);
		/* keep the reference for reclaim, which would have seen it */
		if (young && page)
			wsmon_keep_reference(page);
		if (page && wsmon_idle_ref(page_folio(page), false, *age != WSM_AGE_NONE) &&
		    !young) {
			young = true;
			w->idle_refs++;
		}
		/* a resident page's share; the zero page's: none */
		pw = page ? wsmon_weight(wsmon_page_mapcount(page)) : 0;
		weight += pw;
		weighed++;
		if (wsmon_age_page(w, age, young, gap) < w->demand_window)
			w->tally->demand += pw;
		wsmon_pair_add(blk, *age, false);
	}
unlock:
	spin_unlock(ptl);
out:
	rcu_read_unlock();
	/* the range the summary describes: a VMA may map part of the table */
	blk->pair_lo = first;
	blk->pair_nr = n - 1;
	blk->swapped = swapped;
	blk->weight = weighed ? div64_u64(weight, weighed) : WSMON_WEIGHT;
	blk->read_sample = w->now;
	w->tables++;
	return n;
}

static void wsmon_unlazy(struct wsmon_ablock *blk);

/* Does the table's summary of ages describe [addr, end), no more, no less? */
static bool wsmon_pairs_cover(const struct wsmon_ablock *blk, unsigned long addr,
			      unsigned long end)
{
	return blk->nr_pairs <= WSMON_AGE_PAIRS && blk->pair_lo == pte_index(addr) &&
	       blk->pair_nr == (end - addr) >> PAGE_SHIFT;
}

/*
 * A table left unread because no page of it was used, or a THP being
 * migrated: every page with an age is idle for @gap more samples.  From
 * the summary of distinct ages, which tells pages in swap from resident
 * ones, this costs a few steps and age[] catches up at the next read
 * (@lazy); without one, a byte scan of the ages, which takes them all for
 * resident (wsmon_may_skip() leaves a table with swap entries to the
 * summary).  Returns the work done: 1, or 1 + 1/16 per slot for the scan.
 */
static long wsmon_age_idle(struct wsmon_walk *w, struct wsmon_ablock *blk,
			   unsigned long addr, unsigned long end, u32 gap)
{
	struct wsmon_proc *proc = w->proc;
	struct wsmon_tally *t = w->tally;
	u8 *p = &blk->age[pte_index(addr)];
	u8 *last = p + ((end - addr) >> PAGE_SHIFT);
	u8 i, new;

	/* the summary describes the whole table (walk_ptes keeps it so) */
	if (wsmon_pairs_cover(blk, addr, end) &&
	    blk->lazy + gap <= WSM_AGE_MAX) {
		for (i = 0; i < blk->nr_pairs; i++) {
			bool swap = blk->pair_swap & BIT(i);

			new = wsm_age_step(blk->pair_age[i], false, false, gap, proc->reuse);
			blk->pair_age[i] = new;
			t->age_count[new] += blk->pair_cnt[i];
			if (!swap)
				t->present += blk->pair_cnt[i];
			/* as wsmon_age_unseen() weighs a page in swap */
			if (new < w->demand_window)
				t->demand += (u64)blk->pair_cnt[i] *
					     (swap ? WSMON_WEIGHT : blk->weight);
		}
		blk->lazy += gap;
		return 1;
	}
	wsmon_unlazy(blk);
	blk->nr_pairs = 0;
	blk->pair_lo = pte_index(addr);
	blk->pair_nr = (end - addr) >> PAGE_SHIFT;
	while ((p = memchr_inv(p, WSM_AGE_NONE, last - p))) {
		new = wsm_age_step(*p, false, false, gap, proc->reuse);
		*p++ = new;
		t->age_count[new]++;
		t->present++;
		if (new < w->demand_window)
			t->demand += blk->weight;
		wsmon_pair_add(blk, new, false);
	}
	return 1 + (((end - addr) >> PAGE_SHIFT) >> 4);
}

/* A THP mapped by this PMD (or being migrated): one accessed bit for its 512 pages. */
static long wsmon_walk_thp(struct wsmon_walk *w, pmd_t *pmd, unsigned long addr,
			   unsigned long end, struct wsmon_ablock *blk, u32 gap)
{
	spinlock_t *ptl = pmd_lock(w->mm, pmd);
	pmd_t pmdval = wsmon_pmdp_get(pmd);
	struct folio *folio = NULL;
	long n = 1 + (((end - addr) >> PAGE_SHIFT) >> 4);
	bool young;
	u64 wt = 0;

	if (!pmd_present(pmdval) || !pmd_trans_huge(pmdval)) {
		spin_unlock(ptl);
		/*
		 * Being migrated: resident, and idle as far as can be told
		 * (the entry carries its accessed bit to the new PMD), so its
		 * ages run on as a skipped table's do.  The last visit to the
		 * THP left the block ready for wsmon_age_idle().
		 */
		if (wsmon_pmd_is_migration(pmdval))
			return wsmon_age_idle(w, blk, addr, end, gap);
		return 1;	/* split or zapped under us: next pass */
	}
	young = pmd_young(pmdval) && wsmon_pmdp_test_and_clear_young(pmd);
	if (pfn_valid(pmd_pfn(pmdval)))
		folio = page_folio(pmd_page(pmdval));
	/* the huge zero page is neither anon nor in a mapping: it weighs nothing */
	if (folio && !folio_test_anon(folio) && !folio->mapping)
		folio = NULL;
	if (young && folio)
		wsmon_keep_reference(&folio->page);
	if (folio && wsmon_idle_ref(folio, true,
				    blk->age[pte_index(addr)] != WSM_AGE_NONE) && !young) {
		young = true;
		w->idle_refs += (end - addr) >> PAGE_SHIFT;
	}
	if (folio)
		wt = wsmon_weight(folio_entire_mapcount(folio));
	/* what wsmon_age_idle() needs should the THP be migrating next time */
	blk->weight = wt;
	blk->nr_pairs = WSMON_AGE_PAIRS + 1;
	for (; addr < end; addr += PAGE_SIZE)
		if (wsmon_age_page(w, &blk->age[pte_index(addr)], young, gap) <
		    w->demand_window)
			w->tally->demand += wt;
	spin_unlock(ptl);
	return n;
}

/* Bring every age of the block up to date before a visit rewrites age[]. */
static void wsmon_unlazy(struct wsmon_ablock *blk)
{
	u32 i;

	if (!blk->lazy)
		return;
	for (i = 0; i < PTRS_PER_PTE; i++)
		if (blk->age[i] != WSM_AGE_NONE)
			blk->age[i] = min_t(u32, blk->age[i] + blk->lazy, WSM_AGE_MAX);
	blk->lazy = 0;
}

/* May this table go unread?  Its PMD's accessed bit was clear. */
static bool wsmon_may_skip(struct wsmon_walk *w, struct wsmon_ablock *blk,
			   unsigned long addr, unsigned long end, u32 gap)
{
	const struct wsmon_swapmap *map = w->proc->swapmap;
	unsigned long idx = addr >> PMD_SHIFT;

	if (!w->skip_idle || w->proc->full || !blk->read_sample ||
	    w->now - blk->read_sample >= WSMON_REFRESH + (idx & 15))
		return false;
	if (!blk->swapped)
		return true;
	/*
	 * Pages in swap: only the summary of ages tells them from resident
	 * ones, and the published map must hold the table's extents.
	 */
	return wsmon_pairs_cover(blk, addr, end) && blk->lazy + gap <= WSM_AGE_MAX &&
	       map && !map->capped;
}

/*
 * A table read in a pass that skips tables keeps the published map: is
 * the map still right for it?  Its runs are what a full pass would merge.
 */
static void wsmon_swap_check(struct wsmon_walk *w, unsigned long addr,
			     unsigned long end)
{
	struct wsmon_proc *proc = w->proc;

	if (!proc->swap_stale &&
	    !wsmon_swap_same(proc->swapmap, wsmon_ws.run, wsmon_ws.run_nr, addr, end))
		proc->swap_stale = true;
	wsmon_ws.run_nr = 0;
}

/*
 * [addr, end) inside one PMD range.  Returns the work done, or -EAGAIN
 * when the hold must stop before it (refill) or -ENOSPC after it (the
 * swap map must grow; the table was done).
 */
static long wsmon_walk_pmd(struct wsmon_walk *w, pmd_t *pmd, unsigned long addr,
			   unsigned long end)
{
	struct wsmon_ablock *blk;
	pmd_t pmdval;
	long n;
	u32 gap;

	pmdval = wsmon_pmdp_get_lockless(pmd);
	if (pmd_none(pmdval))
		return 1;
	if (!pmd_present(pmdval) && !wsmon_pmd_is_migration(pmdval))
		return 1;
	blk = wsmon_ablock_get(w, addr);
	if (IS_ERR(blk))
		return -EAGAIN;
	gap = wsmon_visit(w, blk);

	/* a THP, or one being migrated (wsmon_walk_thp() tells under the lock) */
	if (pmd_trans_huge(pmdval) || !pmd_present(pmdval)) {
		wsmon_unlazy(blk);
		return wsmon_walk_thp(w, pmd, addr, end, blk, gap);
	}
	if (pmd_bad(pmdval))
		return 1;
	if (w->skip_idle) {
		/*
		 * Clear the table's accessed bit before reading it, so a use
		 * from now on sets it again (the flush after the sample
		 * empties the paging-structure caches that could hide it).
		 * A clear bit needs no atomic operation.
		 */
		if (!(pmd_young(pmdval) && wsmon_pmdp_test_and_clear_young(pmd)) &&
		    wsmon_may_skip(w, blk, addr, end, gap)) {
			w->skipped++;
			return wsmon_age_idle(w, blk, addr, end, gap);
		}
	}
	wsmon_unlazy(blk);
	n = wsmon_walk_ptes(w, pmd, addr, end, blk, gap);
	if (!w->proc->full) {
		wsmon_swap_check(w, addr, end);
		return n;
	}
	if (wsmon_ws.run_nr) {
		if (wsmon_swap_merge(w->proc, wsmon_ws.run, wsmon_ws.run_nr,
				     GFP_NOWAIT) == -EAGAIN) {
			w->budget -= n;
			return -ENOSPC;
		}
		wsmon_ws.run_nr = 0;
	}
	return n;
}

/* Charge @n units of work; true when the hold or the budget is spent. */
static bool wsmon_charge(struct wsmon_walk *w, long n)
{
	w->budget -= n;
	wsmon_ws.hold += n;
	return w->budget <= 0 || wsmon_ws.hold >= WSMON_HOLD_WORK;
}

/*
 * The PMD ranges of one PUD, [*addr, end).  Returns why it stopped
 * (WSMON_GO: it reached @end); *@addr is where the walk got to.
 */
static enum wsmon_stop wsmon_walk_pmds(struct wsmon_walk *w, pud_t *pud,
				       unsigned long *addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pud, *addr);
	unsigned long a = *addr, next;
	enum wsmon_stop stop = WSMON_GO;
	long n;

	for (; a < end && stop == WSMON_GO; pmd++, a = next) {
		next = pmd_addr_end(a, end);
		n = wsmon_walk_pmd(w, pmd, a, next);
		if (n == -EAGAIN) {
			stop = WSMON_REFILL;
			break;		/* this range again, after the refill */
		}
		if (n == -ENOSPC)
			stop = WSMON_SWAPROOM;
		else if (wsmon_charge(w, n))
			stop = WSMON_STOP;
	}
	*addr = a;
	return stop;
}

/*
 * Walk [*addr, end), skipping empty upper levels whole.  *@addr is where
 * the walk got to.  Returns why it stopped (WSMON_GO: it reached @end).
 */
static enum wsmon_stop wsmon_walk_range(struct wsmon_walk *w, unsigned long *addr,
					unsigned long end)
{
	unsigned long a = *addr, next;
	enum wsmon_stop stop = WSMON_GO;

	while (a < end && stop == WSMON_GO) {
		pgd_t *pgd = pgd_offset(w->mm, a);
		pgd_t pgdv = wsmon_pgdp_get(pgd);
		p4d_t *p4d, p4dv;
		pud_t *pud, pudv;

		if (pgd_none(pgdv) || pgd_bad(pgdv)) {
			next = pgd_addr_end(a, end);
			goto skip;
		}
		p4d = p4d_offset(pgd, a);
		p4dv = wsmon_p4dp_get(p4d);
		if (p4d_none(p4dv) || p4d_bad(p4dv)) {
			next = p4d_addr_end(a, end);
			goto skip;
		}
		pud = pud_offset(p4d, a);
		pudv = wsmon_pudp_get(pud);
		if (pud_none(pudv) || pud_bad(pudv) || pud_leaf(pudv)) {
			next = pud_addr_end(a, end);
			goto skip;
		}
		stop = wsmon_walk_pmds(w, pud, &a, pud_addr_end(a, end));
		continue;
skip:
		a = next;
		if (wsmon_charge(w, 1))
			stop = WSMON_STOP;
	}
	*addr = a;
	return stop;
}

static bool wsmon_vma_skip(struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_IO | VM_PFNMAP | VM_MIXEDMAP) ||
	       is_vm_hugetlb_page(vma);
}

/* With mmap_lock dropped: what the hold stopped for.  False: no memory. */
static bool wsmon_walk_refill(struct wsmon_walk *w, enum wsmon_stop stop)
{
	int err = 0;

	if (stop == WSMON_SWAPROOM && wsmon_ws.run_nr) {
		wsmon_swap_merge(w->proc, wsmon_ws.run, wsmon_ws.run_nr,
				 WSMON_GFP_LARGE);
		wsmon_ws.run_nr = 0;
	}
	if (wsmon_ws.need_room) {
		err = wsmon_ageidx_grow(&w->proc->ages);
		wsmon_ws.need_room = false;
	}
	if (stop == WSMON_REFILL)
		wsmon_pool_fill();
	return !err && (stop != WSMON_REFILL || wsmon_ws.pool_nr);
}

bool wsmon_walk_mm(struct wsmon_walk *w)
{
	struct wsmon_proc *proc = w->proc;
	unsigned long addr = proc->cursor;
	enum wsmon_stop stop = WSMON_GO;
	struct vm_area_struct *vma;
	bool done;

	for (;;) {
		/*
		 * Never wait for a process's mmap_lock: a writer queued behind
		 * a long holder (a fault in reclaim, MADV_PAGEOUT) would stop
		 * sampling of every process with it.  As khugepaged and the
		 * OOM reaper do, try, and leave the process to the next sample
		 * with its cursor and tally kept.
		 */
		if (!mmap_read_trylock(w->mm)) {
			w->lock_busy = true;
			done = false;
			break;
		}
		wsmon_ws.hold = 0;
		vma = find_vma(w->mm, addr);
		stop = WSMON_GO;
		while (vma && stop == WSMON_GO) {
			if (addr < vma->vm_start)
				addr = vma->vm_start;
			if (wsmon_vma_skip(vma)) {
				addr = vma->vm_end;
				if (wsmon_charge(w, 1))
					stop = WSMON_STOP;
			} else {
				stop = wsmon_walk_range(w, &addr, vma->vm_end);
			}
			if (addr >= vma->vm_end)
				vma = find_vma(w->mm, addr);
		}
		mmap_read_unlock(w->mm);
		/* first what the hold stopped for: a table's runs may wait */
		if ((stop == WSMON_REFILL || stop == WSMON_SWAPROOM) &&
		    !wsmon_walk_refill(w, stop) && vma) {
			done = false;	/* out of memory: resume in the next sample */
			break;
		}
		if (!vma) {
			done = true;
			break;
		}
		if (stop != WSMON_REFILL && stop != WSMON_SWAPROOM && w->budget <= 0) {
			done = false;
			break;
		}
		cond_resched();
	}
	wsmon_pool_drain();
	proc->cursor = done ? 0 : addr;
	return done;
}

static void wsmon_ablock_free(struct wsmon_ablock *blk)
{
	kmem_cache_free(wsmon_ablock_cache, blk);
	atomic64_dec(&wsmon_age_blocks);
}

/*
 * Free the age blocks the pass just finished did not visit.  Never under
 * wsmon_lock, which readers and the sampler take: a process of a
 * terabyte has half a million blocks (lockdep checks it, on the debug
 * kernel of make check).
 */
void wsmon_ages_gc(struct wsmon_proc *proc)
{
	lockdep_assert_not_held(&wsmon_lock);
	wsmon_ageidx_sweep(&proc->ages, proc->pass_start, wsmon_ablock_free);
}

/* Free every age block; never under wsmon_lock either. */
void wsmon_ages_free(struct wsmon_proc *proc)
{
	lockdep_assert_not_held(&wsmon_lock);
	wsmon_ageidx_sweep(&proc->ages, U64_MAX, wsmon_ablock_free);
}

int __init wsmon_walk_init(void)
{
	wsmon_ablock_cache = KMEM_CACHE(wsmon_ablock, SLAB_ACCOUNT);
	return wsmon_ablock_cache ? 0 : -ENOMEM;
}

void wsmon_walk_exit(void)
{
	kmem_cache_destroy(wsmon_ablock_cache);
}
