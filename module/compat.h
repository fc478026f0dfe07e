/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels wsmon supports (Debian 6.1 and 6.12).
 * Every difference lives here, keyed on the WSMON_HAVE_* feature tests
 * that Kbuild runs against the headers; the rest of the module is written
 * against the interface this file provides.
 */
#ifndef _WSMON_COMPAT_H
#define _WSMON_COMPAT_H

/*
 * The accessed-bit helpers and TLB flushes below are x86-64's: the
 * generic ones are not exported.  Other architectures need their own.
 */
#if !defined(CONFIG_X86_64)
#error "wsmon supports x86-64 only: the accessed-bit and TLB helpers are x86's"
#endif

#include <linux/cgroup.h>
#include <linux/delayacct.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/smp.h>
#include <linux/workqueue.h>
#include <asm/tlbflush.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#ifdef WSMON_HAVE_SOFTLEAF
#include <linux/leafops.h>
#endif
#ifdef WSMON_HAVE_FOLIO_BATCH_H
#include <linux/folio_batch.h>
#else
#include <linux/pagevec.h>
#endif
#ifdef WSMON_HAVE_TASK_EXEC_STATE
#include <linux/sched/exec_state.h>
#else
#include <linux/sched/coredump.h>
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
 * Page-table entries read once, for a walk that holds only mmap_lock:
 * 6.12 has pgdp_get() .. pmdp_get() (architectures may override them);
 * 6.1 only ptep_get(), and on x86-64 every level is one word.
 */
#ifdef WSMON_HAVE_PXDP_GET
#define wsmon_pgdp_get(p)	pgdp_get(p)
#define wsmon_p4dp_get(p)	p4dp_get(p)
#define wsmon_pudp_get(p)	pudp_get(p)
#define wsmon_pmdp_get(p)	pmdp_get(p)
#else
#define wsmon_pgdp_get(p)	READ_ONCE(*(p))
#define wsmon_p4dp_get(p)	READ_ONCE(*(p))
#define wsmon_pudp_get(p)	READ_ONCE(*(p))
#define wsmon_pmdp_get(p)	READ_ONCE(*(p))
#endif

/*
 * The kernel's local TLB flush (every translation of this CPU, and its
 * paging-structure caches), where it is exported to every module: 6.1
 * and 6.12.  7.2 exports __flush_tlb_all() only into the KVM modules'
 * namespace, which Kbuild reads in Module.symvers; tlbflush.c then
 * does without it.
 */
#ifdef WSMON_HAVE_EXPORT_FLUSH_TLB_ALL
#define WSMON_KERNEL_FLUSH_EXPORTED	true
static inline void wsmon_kernel_flush_tlb_local(void)
{
	__flush_tlb_all();
}
#else
#define WSMON_KERNEL_FLUSH_EXPORTED	false
static inline void wsmon_kernel_flush_tlb_local(void)
{
}
#endif

/*
 * A PTE that is not present, decoded.  7.x describes such entries as a
 * softleaf_t (<linux/leafops.h>); earlier kernels as a swp_entry_t read
 * with is_swap_pte() and pte_to_swp_entry().  For a swap entry, @entry
 * holds its type and offset (swp_type(), swp_offset()).
 */
enum wsmon_leaf {
	WSMON_LEAF_NONE,	/* pte_none() or present */
	WSMON_LEAF_SWAP,
	WSMON_LEAF_MIGRATION,
	WSMON_LEAF_OTHER,	/* device, hwpoison or marker */
};

#ifdef WSMON_HAVE_SOFTLEAF
static inline enum wsmon_leaf wsmon_pte_leaf(pte_t pte, swp_entry_t *entry)
{
	softleaf_t leaf = softleaf_from_pte(pte);

	*entry = leaf;
	if (softleaf_is_none(leaf))
		return WSMON_LEAF_NONE;
	if (softleaf_is_migration(leaf))
		return WSMON_LEAF_MIGRATION;
	return softleaf_is_swap(leaf) ? WSMON_LEAF_SWAP : WSMON_LEAF_OTHER;
}

#define wsmon_pmd_is_migration(pmd)	pmd_is_migration_entry(pmd)
#else
static inline enum wsmon_leaf wsmon_pte_leaf(pte_t pte, swp_entry_t *entry)
{
	if (!is_swap_pte(pte))
		return WSMON_LEAF_NONE;
	*entry = pte_to_swp_entry(pte);
	if (is_migration_entry(*entry))
		return WSMON_LEAF_MIGRATION;
	return non_swap_entry(*entry) ? WSMON_LEAF_OTHER : WSMON_LEAF_SWAP;
}

#define wsmon_pmd_is_migration(pmd)	is_pmd_migration_entry(pmd)
#endif

/*
 * Is @t dumpable as its owner (prctl(PR_SET_DUMPABLE) 1, not setuid)?
 * 7.x keeps dumpability in task->exec_state, whose accessor is not
 * exported; the structure is public, so read its field under RCU as the
 * accessor does.  Before, it was in the mm's flags (get_dumpable()).
 */
#ifdef WSMON_HAVE_TASK_EXEC_STATE
static inline bool wsmon_dumpable_by_owner(struct task_struct *t, struct mm_struct *mm)
{
	struct task_exec_state *es;
	bool ok;

	rcu_read_lock();
	es = rcu_dereference(t->exec_state);
	ok = es && READ_ONCE(es->dumpable) == TASK_DUMPABLE_OWNER;
	rcu_read_unlock();
	return ok;
}

/* The user namespace a non-dumpable @t's readers need CAP_SYS_PTRACE over. */
static inline struct user_namespace *wsmon_dump_user_ns(struct task_struct *t,
							struct mm_struct *mm)
{
	struct task_exec_state *es = rcu_dereference(t->exec_state);

	return es ? es->user_ns : &init_user_ns;
}
#else
static inline bool wsmon_dumpable_by_owner(struct task_struct *t, struct mm_struct *mm)
{
	return get_dumpable(mm) == SUID_DUMP_USER;
}

static inline struct user_namespace *wsmon_dump_user_ns(struct task_struct *t,
							struct mm_struct *mm)
{
	return mm->user_ns;
}
#endif

/*
 * Is @mm also used through a secondary MMU (KVM, devices with shared
 * virtual memory)?  Such users register MMU notifiers; the notifiers that
 * would tell whether they used a page (__mmu_notifier_clear_young(),
 * _test_young()) are not exported to modules.
 */
#ifdef CONFIG_MMU_NOTIFIER
#include <linux/mmu_notifier.h>
static inline bool wsmon_mm_has_secondary_mmu(struct mm_struct *mm)
{
	return mm_has_notifiers(mm);
}
#else
static inline bool wsmon_mm_has_secondary_mmu(struct mm_struct *mm)
{
	return false;
}
#endif

/* A flag of mm->flags (MMF_*): an opaque mm_flags_t on 7.x. */
#ifdef WSMON_HAVE_MM_FLAGS_TEST
#define wsmon_mm_flag(mm, flag)	mm_flags_test(flag, mm)
#else
#define wsmon_mm_flag(mm, flag)	test_bit(flag, &(mm)->flags)
#endif

/*
 * The workqueue the sampler runs on: unbound, so it never holds up the
 * CPU that queued it.  7.x deprecates system_unbound_wq for its new
 * name, system_dfl_wq (6.12 has both; 6.1 only the old one).
 */
#ifdef WSMON_HAVE_SYSTEM_DFL_WQ
#define wsmon_unbound_wq	system_dfl_wq
#else
#define wsmon_unbound_wq	system_unbound_wq
#endif

/* The ID of @task's cgroup v2 group (its directory's inode); 0 without cgroups. */
#ifdef CONFIG_CGROUPS
static inline u64 wsmon_task_cgroup_id(struct task_struct *task)
{
	u64 id;

	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(task));
	rcu_read_unlock();
	return id;
}
#else
static inline u64 wsmon_task_cgroup_id(struct task_struct *task)
{
	return 0;
}
#endif

/*
 * Charge what the walk allocates for a process to that process's memory
 * cgroup, as if it had allocated it (__GFP_ACCOUNT, SLAB_ACCOUNT).
 */
#ifdef CONFIG_MEMCG
/* The group the worker charges to now (in task context, always). */
static inline struct mem_cgroup *wsmon_active_memcg(void)
{
	return current->active_memcg;
}

static inline struct mem_cgroup *wsmon_memcg_enter(struct mm_struct *mm,
						   struct mem_cgroup **old)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_mm(mm);

	*old = set_active_memcg(memcg);
	return memcg;
}

static inline void wsmon_memcg_leave(struct mem_cgroup *memcg, struct mem_cgroup *old)
{
	set_active_memcg(old);
	mem_cgroup_put(memcg);
}
#else
static inline struct mem_cgroup *wsmon_memcg_enter(struct mm_struct *mm,
						   struct mem_cgroup **old)
{
	return NULL;
}

static inline void wsmon_memcg_leave(struct mem_cgroup *memcg, struct mem_cgroup *old)
{
}
#endif

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

/*
 * PG_idle, as DAMON and idle page tracking use it: wsmon sets it on every
 * folio mapped once that it visits, and whoever sees a reference that
 * wsmon did not clears it: reclaim's rmap walk (folio_referenced_one()) when it takes a
 * PTE's accessed bit before wsmon could, and folio_mark_accessed().  So a
 * clear PG_idle on a folio wsmon marked is a reference, even with the
 * accessed bit gone.
 */
#define WSMON_HAVE_PG_IDLE	1
static inline bool wsmon_folio_used(struct folio *folio)
{
	return !folio_test_idle(folio);
}

static inline void wsmon_folio_mark_idle(struct folio *folio)
{
	if (!folio_test_idle(folio))
		folio_set_idle(folio);
}
#else
/*
 * Without PG_young, reclaim trusts the PTE's accessed bit alone for an
 * anon folio on the inactive list: one that wsmon cleared since the last
 * touch is evicted whatever PG_referenced says.  So a page found used is
 * activated at once (the second folio_mark_accessed() activates), as
 * reclaim itself activates a page it finds referenced twice; it then
 * stays on the active list until the inactive one runs low.
 */
#define WSMON_RECLAIM_MODE "mark_accessed"
static inline void wsmon_keep_reference(struct page *page)
{
	struct folio *folio = page_folio(page);

	folio_mark_accessed(folio);
	folio_mark_accessed(folio);
}

/* No PG_idle: a reference reclaim took before wsmon is lost to it. */
#define WSMON_HAVE_PG_IDLE	0
static inline bool wsmon_folio_used(struct folio *folio)
{
	return false;
}

static inline void wsmon_folio_mark_idle(struct folio *folio)
{
}
#endif

/*
 * Is @folio on an MGLRU list?  Then folio_mark_accessed() counts a read in
 * the folio's tiers and leaves PG_idle set: its use cannot be seen.
 */
#ifdef CONFIG_LRU_GEN
static inline bool wsmon_folio_on_mglru(struct folio *folio)
{
	return folio_lru_gen(folio) >= 0;
}
#else
static inline bool wsmon_folio_on_mglru(struct folio *folio)
{
	return false;
}
#endif

/*
 * A process's page counters, summed exactly.  Since 6.2 they are per-CPU
 * counters and get_mm_counter() reads only the shared part, which for a
 * small process can miss everything (a child just forked: 32 of its 49
 * pages); /proc sums them where the kernel has get_mm_counter_sum(), and
 * wsmon reports the same figure.  6.1 keeps one count: read it.
 */
#ifdef WSMON_HAVE_MM_COUNTER_SUM
#define wsmon_mm_counter(mm, member)	get_mm_counter_sum(mm, member)
#else
#define wsmon_mm_counter(mm, member)	get_mm_counter(mm, member)
#endif

static inline unsigned long wsmon_mm_rss(struct mm_struct *mm)
{
	return wsmon_mm_counter(mm, MM_FILEPAGES) + wsmon_mm_counter(mm, MM_ANONPAGES) +
	       wsmon_mm_counter(mm, MM_SHMEMPAGES);
}

/*
 * The counts the kernel's OOM killer ranks a process by (oom_badness(),
 * dump_tasks()), which KILL ranks by too.  Up to 6.x it reads the per-CPU
 * counters' shared part (get_mm_rss()), never their O(CPUs) sum with
 * interrupts off; 7.x sums them, and has get_mm_rss_sum() for it.
 * tests/vm/81-oomrank.sh compares both with a manual OOM kill's figures.
 */
#ifdef WSMON_HAVE_MM_RSS_SUM
#define wsmon_oom_counter(mm, member)	get_mm_counter_sum(mm, member)
#define wsmon_oom_rss(mm)		get_mm_rss_sum(mm)
#else
#define wsmon_oom_counter(mm, member)	get_mm_counter(mm, member)
#define wsmon_oom_rss(mm)		get_mm_rss(mm)
#endif

/*
 * How many processes map this page, to share a page's weight among its
 * mappers.  6.1 has page_mapcount(); later kernels count per folio, so a
 * page of a large folio mapped by PTEs gets the folio's average.
 *
 * And is a folio mapped once, by one PTE or one PMD?  6.1's
 * folio_mapcount() of a large folio is not exported; its page_mapcount()
 * of the head page counts the PMD mapping and the head's PTE mappings.
 */
#ifdef WSMON_HAVE_PAGE_MAPCOUNT
static inline int wsmon_page_mapcount(struct page *page)
{
	return page_mapcount(page);
}

static inline bool wsmon_folio_mapped_once(struct folio *folio)
{
	return page_mapcount(&folio->page) == 1;
}
#else
static inline bool wsmon_folio_mapped_once(struct folio *folio)
{
	return folio_mapcount(folio) == 1;
}

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

/*
 * Generic netlink, for the front only (wsmon.h includes <net/genetlink.h>
 * first): the core (core.h) knows nothing of netlink.
 */
#ifdef __NET_GENERIC_NETLINK_H
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
 * Formatted extack messages arrived in 6.2, with a buffer in the extack.
 * Before, the message is formatted into one of a ring of static buffers:
 * it is read when the ACK is built, right after the handler returns, and
 * 64 other formatted errors would have to come in between to overwrite
 * it.  The last byte of a buffer is never written, so a message read
 * while another is written is still terminated.  (genl.c holds the ring.)
 */
#ifndef NL_SET_ERR_MSG_FMT_MOD
#define WSMON_COMPAT_FMTMSG
#define WSMON_FMTMSG_SLOTS	64
#define WSMON_FMTMSG_LEN	96
extern char wsmon_fmtmsg[WSMON_FMTMSG_SLOTS][WSMON_FMTMSG_LEN];
extern atomic_t wsmon_fmtmsg_next;
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) do {			\
	struct netlink_ext_ack *__wsmon_e = (extack);				\
	char *__wsmon_b;							\
										\
	if (__wsmon_e) {							\
		__wsmon_b = wsmon_fmtmsg[(u32)atomic_inc_return(&wsmon_fmtmsg_next) % \
					 WSMON_FMTMSG_SLOTS];			\
		snprintf(__wsmon_b, WSMON_FMTMSG_LEN - 1, KBUILD_MODNAME ": " fmt, ##args); \
		__wsmon_e->_msg = __wsmon_b;					\
	}									\
} while (0)
#endif
#endif /* __NET_GENERIC_NETLINK_H */

#endif /* _WSMON_COMPAT_H */
