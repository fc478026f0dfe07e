// SPDX-License-Identifier: GPL-2.0
/*
 * One pass over a process's page tables: test and clear the accessed bit
 * of every present PTE and of every THP PMD (512 pages), and age each page
 * in its age block: 0 when referenced since the last sample, else one more,
 * saturating.  walk_page_range() is not exported, so this is a plain
 * pgd -> p4d -> pud -> pmd -> pte walk in the manner of mm/damon/vaddr.c.
 *
 * Locking: mmap_lock is held for reading, and dropped every
 * WSMON_LOCK_PMDS page tables so that writers and the scheduler get in;
 * each VMA is looked up again after that.  PTEs are read and cleared under
 * their page-table lock, THP PMDs under the PMD lock.  Age blocks are
 * allocated before any spinlock is taken.
 *
 * A swap PTE keeps its page's age running (the page is still in the
 * working set until its last reference is older than the window) and
 * adds its (type, offset) to the process's swap extents, gathered per
 * table in wsmon_run and merged after the lock is dropped.
 */
#include <linux/highmem.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/swapops.h>

#include "wsmon.h"

/* page tables walked per mmap_lock hold: 64 x 2 MiB */
#define WSMON_LOCK_PMDS	64

static struct kmem_cache *wsmon_ablock_cache;
atomic64_t wsmon_age_blocks = ATOMIC64_INIT(0);
u32 wsmon_demand_window;

/* One table's swap extents; only the sampling worker walks. */
static struct wsmon_swapext wsmon_run[PTRS_PER_PTE];

const char *wsmon_reclaim_mode(void)
{
	return WSMON_RECLAIM_MODE;
}

static struct wsmon_ablock *wsmon_ablock_get(struct wsmon_proc *proc,
					     unsigned long addr)
{
	unsigned long idx = addr >> PMD_SHIFT;
	struct wsmon_ablock *blk;
	void *old;

	blk = xa_load(&proc->ages, idx);
	if (blk)
		return blk;
	blk = kmem_cache_alloc(wsmon_ablock_cache, GFP_KERNEL);
	if (!blk)
		return NULL;
	memset(blk->age, WSM_AGE_NONE, sizeof(blk->age));
	blk->pass = proc->pass;
	old = xa_store(&proc->ages, idx, blk, GFP_KERNEL);
	if (xa_is_err(old)) {
		kmem_cache_free(wsmon_ablock_cache, blk);
		return NULL;
	}
	atomic64_inc(&wsmon_age_blocks);
	return blk;
}

/* Age one page slot (see wsm_age_step()). */
static u8 wsmon_age_page(struct wsmon_proc *proc, u8 *age, bool young)
{
	u8 new = wsm_age_step(*age, young, proc->pass > 0, proc->reuse);

	*age = new;
	proc->age_count[new]++;
	proc->present++;
	return new;
}

/*
 * Age a page that is in swap.  It is not resident, but it belongs to the
 * working set until its last reference is older than the window, so its
 * age runs on; a page never seen resident has no age.
 */
static void wsmon_age_swapped(struct wsmon_proc *proc, u8 *age)
{
	u8 new;

	if (*age == WSM_AGE_NONE)
		return;
	new = wsm_age_step(*age, false, false, proc->reuse);	/* idle: no reuse */
	*age = new;
	proc->age_count[new]++;
	if (new < wsmon_demand_window)
		proc->demand += WSMON_WEIGHT;
}

/* A page's share of the demand sum: divided among the processes mapping it. */
static u64 wsmon_weight(int mapcount)
{
	return WSMON_WEIGHT / max(mapcount, 1);
}

/* A page whose accessed bit we cleared: keep the reference for reclaim. */
static void wsmon_keep(pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (pte_special(pte) || is_zero_pfn(pfn) || !pfn_valid(pfn))
		return;
	wsmon_keep_reference(pfn_to_page(pfn));
}

/* A resident page in the demand window: its share (the zero page: none). */
static u64 wsmon_pte_weight(pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (pte_special(pte) || is_zero_pfn(pfn) || !pfn_valid(pfn))
		return 0;
	return wsmon_weight(wsmon_page_mapcount(pfn_to_page(pfn)));
}

/* A PTE that is not present: age a page in swap and note where it is. */
static bool wsmon_swap_pte(struct wsmon_proc *proc, pte_t pte, u8 *age,
			   unsigned long addr, u32 *nr)
{
	swp_entry_t entry;

	if (!is_swap_pte(pte)) {
		*age = WSM_AGE_NONE;	/* none */
		return false;
	}
	entry = pte_to_swp_entry(pte);
	if (non_swap_entry(entry)) {
		/* migration, device, hwpoison or marker: none of ours */
		*age = WSM_AGE_NONE;
		return false;
	}
	wsmon_age_swapped(proc, age);
	wsmon_swap_add(wsmon_run, nr, addr, swp_type(entry), swp_offset(entry));
	return true;
}

/*
 * The PTEs of one table, as the kernel's __pte_offset_map_lock() maps them
 * (not exported from 6.5 on): from 6.5 khugepaged may free a PTE table
 * under RCU while mmap_lock is only read-held, so read the PMD once under
 * rcu_read_lock(), give up on none, huge or bad, and after taking the PTE
 * lock check that the PMD still points to the same table.  On 6.1 the
 * table is stable under mmap_lock and the extra checks cost nothing.
 */
static long wsmon_walk_ptes(struct wsmon_proc *proc, struct mm_struct *mm,
			    pmd_t *pmd, unsigned long addr, unsigned long end,
			    struct wsmon_ablock *blk)
{
	spinlock_t *ptl;	/* the PTE table's lock */
	pte_t *ptep;
	pmd_t pmdval;
	long n = 0;
	u32 nr = 0;

	rcu_read_lock();
	pmdval = wsmon_pmdp_get_lockless(pmd);
	if (pmd_none(pmdval) || !pmd_present(pmdval) ||
	    pmd_trans_huge(pmdval) || pmd_bad(pmdval))
		goto out;
	ptep = pte_offset_kernel(&pmdval, addr);
	ptl = pte_lockptr(mm, &pmdval);
	spin_lock(ptl);
	if (!pmd_same(pmdval, wsmon_pmdp_get_lockless(pmd)))
		goto unlock;
	for (; addr < end; ptep++, addr += PAGE_SIZE) {
		u8 *age = &blk->age[pte_index(addr)];
		pte_t pte = ptep_get(ptep);
		bool young;

		if (!pte_present(pte)) {
			n += wsmon_swap_pte(proc, pte, age, addr, &nr);
			continue;
		}
		n++;
		young = pte_young(pte) && wsmon_ptep_test_and_clear_young(ptep);
		if (young)
			wsmon_keep(pte);
		if (wsmon_age_page(proc, age, young) < wsmon_demand_window)
			proc->demand += wsmon_pte_weight(pte);
	}
unlock:
	spin_unlock(ptl);
out:
	rcu_read_unlock();
	if (nr)
		wsmon_swap_merge(proc, wsmon_run, nr);
	return n;
}

/* A THP mapped by this PMD: one accessed bit for its 512 pages. */
static long wsmon_walk_thp(struct wsmon_proc *proc, struct mm_struct *mm,
			   pmd_t *pmd, unsigned long addr, unsigned long end,
			   struct wsmon_ablock *blk)
{
	spinlock_t *ptl = pmd_lock(mm, pmd);
	pmd_t pmdval = *pmd;
	bool young;
	long n = 0;
	u64 w = 0;

	if (!pmd_present(pmdval) || !pmd_trans_huge(pmdval)) {
		spin_unlock(ptl);
		return 0;	/* split or zapped under us: next pass */
	}
	young = pmd_young(pmdval) && wsmon_pmdp_test_and_clear_young(pmd);
	if (young && pfn_valid(pmd_pfn(pmdval)))
		wsmon_keep_reference(pmd_page(pmdval));
	if (pfn_valid(pmd_pfn(pmdval)))
		w = wsmon_weight(folio_entire_mapcount(page_folio(pmd_page(pmdval))));
	for (; addr < end; addr += PAGE_SIZE, n++)
		if (wsmon_age_page(proc, &blk->age[pte_index(addr)], young) <
		    wsmon_demand_window)
			proc->demand += w;
	spin_unlock(ptl);
	return n;
}

/* Walk [addr, end) inside one PMD range; returns pages seen. */
static long wsmon_walk_pmd(struct wsmon_proc *proc, struct mm_struct *mm,
			   unsigned long addr, unsigned long end)
{
	struct wsmon_ablock *blk;
	pmd_t *pmd, pmdval;
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;

	pgd = pgd_offset(mm, addr);
	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return 0;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return 0;
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud) || pud_bad(*pud) || pud_leaf(*pud))
		return 0;
	pmd = pmd_offset(pud, addr);
	pmdval = wsmon_pmdp_get_lockless(pmd);
	if (pmd_none(pmdval) || !pmd_present(pmdval))
		return 0;	/* nothing mapped, or a migration entry */

	blk = wsmon_ablock_get(proc, addr);
	if (!blk)
		return 0;	/* out of memory: the range is skipped this pass */
	blk->pass = proc->pass;

	if (pmd_trans_huge(pmdval))
		return wsmon_walk_thp(proc, mm, pmd, addr, end, blk);
	if (pmd_bad(pmdval))
		return 0;
	return wsmon_walk_ptes(proc, mm, pmd, addr, end, blk);
}

static bool wsmon_vma_skip(struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_IO | VM_PFNMAP | VM_MIXEDMAP) ||
	       is_vm_hugetlb_page(vma);
}

bool wsmon_walk_mm(struct wsmon_proc *proc, struct mm_struct *mm,
		   long *budget)
{
	unsigned long addr = proc->cursor;
	struct vm_area_struct *vma;
	int held;

	for (;;) {
		mmap_read_lock(mm);
		held = 0;
		vma = find_vma(mm, addr);
		while (vma && held < WSMON_LOCK_PMDS) {
			unsigned long next;

			if (addr < vma->vm_start)
				addr = vma->vm_start;
			if (wsmon_vma_skip(vma)) {
				addr = vma->vm_end;
			} else {
				next = pmd_addr_end(addr, vma->vm_end);
				*budget -= wsmon_walk_pmd(proc, mm, addr, next);
				addr = next;
				held++;
			}
			if (addr >= vma->vm_end)
				vma = find_vma(mm, addr);
			if (*budget <= 0)
				break;
		}
		mmap_read_unlock(mm);
		if (!vma) {
			proc->cursor = 0;
			return true;
		}
		if (*budget <= 0) {
			proc->cursor = addr;
			return false;
		}
		cond_resched();
	}
}

/* Free the age blocks the pass just finished did not visit. */
void wsmon_ages_gc(struct wsmon_proc *proc)
{
	struct wsmon_ablock *blk;
	unsigned long idx;
	u64 freed = 0;

	xa_for_each(&proc->ages, idx, blk) {
		if (blk->pass == proc->pass)
			continue;
		xa_erase(&proc->ages, idx);
		kmem_cache_free(wsmon_ablock_cache, blk);
		freed++;
	}
	atomic64_sub(freed, &wsmon_age_blocks);
}

/* Free every age block. */
void wsmon_ages_free(struct wsmon_proc *proc)
{
	struct wsmon_ablock *blk;
	unsigned long idx;

	xa_for_each(&proc->ages, idx, blk) {
		kmem_cache_free(wsmon_ablock_cache, blk);
		atomic64_dec(&wsmon_age_blocks);
	}
	xa_destroy(&proc->ages);
}

int __init wsmon_walk_init(void)
{
	wsmon_ablock_cache = KMEM_CACHE(wsmon_ablock, 0);
	return wsmon_ablock_cache ? 0 : -ENOMEM;
}

void wsmon_walk_exit(void)
{
	kmem_cache_destroy(wsmon_ablock_cache);
}
