/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels wsmon supports (Debian 6.1 and 6.12).
 * Every difference lives here, keyed on the WSMON_HAVE_* feature tests
 * that Kbuild runs against the headers; the rest of the module is written
 * against the interface this file provides.
 */
#ifndef _WSMON_COMPAT_H
#define _WSMON_COMPAT_H

#include <linux/delayacct.h>
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/smp.h>
#include <asm/tlbflush.h>
#include <linux/swap.h>
#include <net/genetlink.h>

/*
 * The request attributes of a dump: 6.1's struct genl_dumpit_info has
 * ->attrs; later kernels embed a struct genl_info and offer
 * genl_info_dump().
 */
#ifdef WSMON_HAVE_GENL_INFO_DUMP
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_info_dump(cb)->attrs;
}
#else
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->attrs;
}
#endif

/*
 * A PMD read that is safe against a concurrent update.  6.1 has no
 * pmdp_get_lockless(); on x86-64 a PMD is one word, so READ_ONCE() is it.
 * (pte_offset_map_lock() itself is not usable from 6.5 on: it calls the
 * unexported __pte_offset_map_lock(); walk.c does what that does.)
 */
#ifdef pmdp_get_lockless
#define wsmon_pmdp_get_lockless(pmdp)	pmdp_get_lockless(pmdp)
#else
#define wsmon_pmdp_get_lockless(pmdp)	READ_ONCE(*(pmdp))
#endif

/*
 * Test and clear the accessed bit.  The x86 ptep_test_and_clear_young()
 * and pmdp_test_and_clear_young() are not exported; their body is this
 * atomic bit operation.  Like the kernel's ptep_clear_flush_young() on
 * x86, no TLB flush: a stale TLB entry only delays the bit being set.
 */
static inline bool wsmon_ptep_test_and_clear_young(pte_t *ptep)
{
	return test_and_clear_bit(_PAGE_BIT_ACCESSED, (unsigned long *)&ptep->pte);
}

static inline bool wsmon_pmdp_test_and_clear_young(pmd_t *pmdp)
{
	return test_and_clear_bit(_PAGE_BIT_ACCESSED, (unsigned long *)pmdp);
}

/*
 * Flush the TLBs of every CPU after a sample has cleared accessed bits.
 * The CPU sets the accessed bit only when it walks the page tables, so a
 * page whose translation is still cached would be referenced without the
 * bit coming back, and a small hot set would look idle (the kernel's own
 * clear_refs flushes for the same reason).  flush_tlb_mm_range() is not
 * exported; __flush_tlb_all() flushes the local CPU, so run it on each.
 * One flush per CPU per sample costs less than a few context switches.
 */
static inline void wsmon_flush_tlb_local(void *unused)
{
	__flush_tlb_all();
}

static inline void wsmon_flush_tlb_all_cpus(void)
{
	on_each_cpu(wsmon_flush_tlb_local, NULL, 1);
}

/*
 * Keep a cleared accessed bit from hiding the reference from reclaim.
 * With PG_young (CONFIG_PAGE_IDLE_FLAG on 64-bit) set it, as DAMON and
 * idle page tracking do: folio_referenced() counts it.  Without it, tell
 * the LRU directly with folio_mark_accessed(), as zap_pte_range() does
 * under the same PTE lock.
 */
#if defined(CONFIG_PAGE_IDLE_FLAG) && defined(CONFIG_64BIT)
#define WSMON_RECLAIM_MODE "page_young"
static inline void wsmon_keep_reference(struct page *page)
{
	folio_set_young(page_folio(page));
}
#else
#define WSMON_RECLAIM_MODE "mark_accessed"
static inline void wsmon_keep_reference(struct page *page)
{
	folio_mark_accessed(page_folio(page));
}
#endif

/*
 * How many processes map this page, to share a page's weight among its
 * mappers.  6.1 has page_mapcount(); later kernels count per folio, so a
 * page of a large folio mapped by PTEs gets the folio's average.
 */
#ifdef WSMON_HAVE_PAGE_MAPCOUNT
static inline int wsmon_page_mapcount(struct page *page)
{
	return page_mapcount(page);
}
#else
static inline int wsmon_page_mapcount(struct page *page)
{
	struct folio *folio = page_folio(page);

	if (!folio_test_large(folio))
		return folio_mapcount(folio);
	return DIV_ROUND_UP(folio_mapcount(folio), folio_nr_pages(folio));
}
#endif

/* A thread's delay accounting, NULL when that is off or not built. */
#ifdef CONFIG_TASK_DELAY_ACCT
static inline struct task_delay_info *wsmon_task_delays(struct task_struct *t)
{
	return t->delays;
}
#else
static inline struct task_delay_info *wsmon_task_delays(struct task_struct *t)
{
	return NULL;
}
#endif

/* Formatted extack messages arrived in 6.2; before, the format itself. */
#ifndef NL_SET_ERR_MSG_FMT_MOD
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) \
	NL_SET_ERR_MSG_MOD(extack, fmt)
#endif

#endif /* _WSMON_COMPAT_H */
