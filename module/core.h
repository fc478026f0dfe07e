/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core of wsmon: the sampler and its page-table walk, the process
 * table, the swap map, the thrash statistics and the configuration.  It
 * knows nothing of netlink; the front (genl.c and the command handlers,
 * declared in wsmon.h) reads the core's figures under wsmon_lock (the
 * table's entries also under RCU, see struct wsmon_proc's seq) and is
 * told of each sample through struct wsmon_core_ops, as mm/damon's core
 * knows nothing of its sysfs front end.
 */
#ifndef _WSMON_CORE_H
#define _WSMON_CORE_H

#include <linux/kref.h>
#include <linux/math64.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/seqlock.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>
#include <uapi/linux/wsmon.h>

#include "compat.h"
#include "policy.h"
#include "wsmath.h"

#define WSMON_MAX_WINDOWS	16
#define WSMON_MAX_PIDS		1024
/*
 * The exhaustion rule's default bar: OOM_IMMINENT when memory and swap
 * would be gone within 5 s, two samples in a row (make bench: a 100 MiB/s
 * leak in 256 MiB + 512 MiB swap is caught seconds before the kernel's OOM
 * killer, a 150 MiB burst that stops is not)
 */
#define WSMON_IMMINENT_MS	5000
#define WSMON_IMMINENT_RUN	2
#define WSMON_IMMINENT_MS_MAX	600000
#define WSMON_SAMPLE_MS_MIN	10
#define WSMON_SAMPLE_MS_MAX	600000
#define WSMON_BUDGET_MIN	PTRS_PER_PTE
/* swap extents kept per process; beyond, pages are counted, not listed */
/* swap extents kept per process by default (the swap_extents_max parameter) */
#define WSMON_SWAPEXT_MAX	65536
#define WSMON_SWAPEXT_MIN	16

/* the thrash rules, part of struct wsmon_config */
struct wsmon_rules {
	u32 demand_window;		/* samples */
	u32 pressure_demand;		/* thousandths */
	u32 thrash_demand;		/* thousandths */
	u32 thrash_rate;		/* pages/s of swap-ins + refaults */
	u32 enter_samples;
	u32 leave_samples;
	u32 imminent_ms;		/* exhaustion bar; 0: off */
};

/* flush not given at load: wsmon_config_init() makes it mm, or none where no flush is allowed */
#define WSMON_FLUSH_DEFAULT	U32_MAX

struct wsmon_config {
	u32 sample_ms;
	u32 scan_budget;		/* entries visited per sample */
	u32 flush;			/* enum wsmon_flush */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];	/* samples, strictly increasing */
	u32 nr_pids;			/* 0: track every user process */
	struct pid **pids;		/* references held */
	struct wsmon_rules rules;
	u32 swapext_max;		/* swap extents kept per process */
};

/* What a finished pass over a process published, read under wsmon_lock. */
struct wsmon_proc_stats {
	u64 passes;			/* complete passes over the process */
	u64 done_sample;		/* the sample the last pass ended in */
	u32 pass_samples;		/* samples it spanned */
	u64 rss_pages;			/* the kernel's RSS counters */
	u64 present_pages;		/* present PTEs seen, THP as 512 */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];	/* the windows ws_pages are for */
	u64 ws_pages[WSMON_MAX_WINDOWS];/* W(t, window) per window */
	u64 idle_hist[WSM_AGE_BUCKETS];	/* present pages by log2 idle age */
	u32 reuse[WSM_NR];		/* see wsmath.h; [0]: first touches */
	u64 reuse_samples;		/* samples the reuse counts span */
	u32 knee_samples;		/* T*, 0 when unknown */
	u64 knee_pages;			/* s(T*) */
	u64 majflt_rate_milli;		/* faults per 1000 s, all threads */
	u64 minflt_rate_milli;
	u64 swap_pages;			/* swap PTEs */
	bool swap_capped;		/* more extents than swapext_max */
	u64 demand;			/* W(demand window), WSMON_WEIGHT per page */
	u64 thrash_ns;			/* delay accounting, all threads */
	bool has_thrash_ns;		/* delay accounting was on */
	/*
	 * Its memory is also used through a secondary MMU (a KVM guest's
	 * nested page tables, a device sharing its address space), whose
	 * accesses never set the accessed bits the walk reads: its working
	 * set is unknown, so its demand is its resident memory and it has
	 * no knee.
	 */
	bool secondary_mmu;
};

/* Weight of one page in the demand sum, shared among its mappers. */
#define WSMON_WEIGHT		1024

/* a demand sum in pages */
static inline u64 wsmon_demand_pages(u64 demand)
{
	return div_u64(demand, WSMON_WEIGHT);
}

/* room for the front's copy of a process's figures, see procrec.c */
#define WSMON_PROC_REC_MAX	456

/* A run of virtual pages in consecutive slots of one swap area. */
struct wsmon_swapext {
	u64 start;			/* virtual address */
	u64 offset;			/* first slot */
	u32 pages;
	u32 type;			/* swap type */
};

/*
 * A process's swap extents from one pass, in address order.  Published
 * maps are read-only and reference counted, so a dump that spans several
 * messages reads one consistent map however often it is replaced.
 */
struct wsmon_swapmap {
	struct kref ref;
	struct hlist_node node;		/* published: in the table of shared maps */
	u32 hash;			/* of its content, once published */
	u64 nr, cap;			/* extents used, room */
	u64 pages;			/* swap PTEs, listed or not */
	bool capped;			/* extents beyond swapext_max dropped */
	struct wsmon_swapext ext[];
};

/*
 * What a pass counts as it goes.  The walk counts into the worker's one
 * tally; a pass the budget cuts keeps its tally aside (wsmon_proc.saved)
 * until it resumes, so a process costs no tally between passes.
 */
struct wsmon_tally {
	u32 age_count[WSM_AGE_NONE];	/* present pages by age */
	u64 present;
	u64 demand;			/* see wsmon_proc_stats */
};

/*
 * A process's age blocks, by table index (address >> PMD_SHIFT): an
 * array in address order, the order the walk visits them in, so a visit
 * finds its block at @hint or next to it.  A small process needs a few
 * words where a radix tree over its sparse address space needs nodes.
 */
struct wsmon_ageidx {
	struct wsmon_ablock **v;
	u32 nr, cap;
	u32 hint;			/* where the last lookup ended */
};

struct wsmon_proc {
	struct pid *pid;		/* reference held */
	u64 exec_id;			/* task->self_exec_id when ages began */
	kuid_t uid;
	char comm[TASK_COMM_LEN];
	u64 start;			/* start_boottime, ns: for an exact KILL */
	u64 cgroup_id;			/* its cgroup v2 group, at the last sample */
	unsigned long seen_gen;		/* sample that last saw it alive */

	/* the walk's own state, touched only by the sampling worker */
	struct wsmon_ageidx ages;
	unsigned long cursor;		/* where an interrupted pass resumes */
	u64 pass;			/* current pass number */
	u64 pass_start;			/* the sample the current pass began in */
	u64 last_rss, last_swapents;	/* the mm's counters when the last pass ended */
	bool full;			/* this pass reads every table */
	bool swap_stale;		/* a read found the map out of date */
	struct wsmon_tally *saved;	/* an interrupted pass's tally */
	u32 reuse[WSM_NR];		/* counts saturate; halved with time */
	u64 reuse_samples;
	u64 last_majflt, last_minflt;
	u64 last_pass_ns;
	struct wsmon_swapmap *building;	/* this pass's swap extents */

	struct wsmon_swapmap *swapmap;	/* published, under wsmon_lock */

	/*
	 * What GET_PROC reads: who the process is (above), the figures and
	 * the record below.  Written under wsmon_lock, inside @seq
	 * (wsmon_proc_write_begin()); read under wsmon_lock, or under RCU
	 * alone within @seq, so that readers never hold what the worker
	 * takes.
	 */
	seqcount_t seq;
	struct wsmon_proc_stats st;	/* published */
	/* its share of the page cache it holds open (filecache.c), pages */
	u64 file_cache, file_used, file_unknown;
	struct wsmon_proc *gc_next;	/* out of the table, to be freed */
	/* st as the front sends it (wsmon_core_ops.published) */
	u16 rec_len;
	u8 rec[WSMON_PROC_REC_MAX];
};

/* distinct ages an idle table's summary holds */
#define WSMON_AGE_PAIRS		4

/*
 * An age block: the ages of the pages one PTE table maps.  Ages count
 * samples of wall time: a table visited again after g samples ages its
 * idle pages by g.  While the table goes unread (idle), its pages age in
 * a summary of their few distinct ages (pair_age, pair_cnt) over the
 * range of PTEs its last visit covered (a VMA may map part of a table),
 * and @lazy holds the samples not yet added to age[], applied at the next
 * read.
 */
struct wsmon_ablock {
	u8 age[PTRS_PER_PTE];
	unsigned long idx;		/* address >> PMD_SHIFT */
	u64 visit;			/* the last sample it was visited in */
	u64 read_sample;		/* the last sample its PTEs were read in */
	u16 gap;			/* samples between the last two visits */
	u16 weight;			/* mean demand weight of its pages */
	u16 swapped;			/* swap PTEs at the last read */
	u8 lazy;			/* samples age[] lags behind */
	u8 nr_pairs;			/* pairs in use; > WSMON_AGE_PAIRS: none */
	u8 pair_swap;			/* bit i: pair i counts pages in swap */
	u16 pair_lo, pair_nr;		/* the PTEs the pairs describe */
	u8 pair_age[WSMON_AGE_PAIRS];
	u16 pair_cnt[WSMON_AGE_PAIRS];
};

/* counters the thrash statistics are rates of, in enum wsmon_rate_attr order */
#define WSMON_NR_RATES		(WSMON_RATE_A_MAX - WSMON_RATE_A_MAJFLT + 1)

/* One swap area as the last sample's maps use it (GET_SWAP). */
#define WSMON_SWAP_TYPES	32	/* MAX_SWAPFILES is less */
#define WSMON_SWAP_TOP		16	/* owner candidates kept per area */

struct wsmon_swap_area {
	u64 mapped;
	u32 owners;
	u64 slots, runs, lowest, highest;
	struct {
		struct pid *pid;	/* reference held */
		char comm[TASK_COMM_LEN];
		kuid_t uid;
		u64 pages;
	} top[WSMON_SWAP_TOP];
};

/* global sampler state, under wsmon_lock */
struct wsmon_global {
	u64 samples;
	u64 last_sample_ns;
	u64 last_sample_pages;		/* budget used */
	u64 last_tables, last_skipped;	/* PTE tables read, skipped as idle */
	u32 last_flush_cpus;
	u32 max_stale;			/* samples */
	u64 budget_exhausted;		/* samples that ran out of budget */
	u64 lock_busy;			/* processes put off: mmap_lock held */
	u64 idle_refs;			/* references taken from PG_idle */
	u64 alloc_failed;		/* allocations for processes refused */
	u32 tracked;

	/* thrash statistics, thrash.c */
	u32 state;			/* enum wsmon_state */
	u64 state_entries[WSMON_STATE_MAX + 1];	/* times each was entered */
	u64 state_since;		/* sample it began at */
	u32 pending;			/* samples the next state has held */
	u32 demand_milli;		/* Denning's demand ratio, thousandths */
	u64 demand_pages;
	u64 user_mem_pages;
	u64 rates[WSMON_NR_RATES];	/* per 1000 s, last sample */
	u64 rates_avg[WSMON_NR_RATES];	/* EWMA of rates */
	u64 counters[WSMON_NR_RATES];	/* the counters at the last sample */
	u64 counters_ns;		/* when they were read; 0: never */
	u64 headroom_pages;		/* MemAvailable + free swap, then */
	u32 exhaust_ms;			/* until it is gone; U32_MAX: not falling */
	atomic64_t kills[WSMON_POLICY_MAX + 1];	/* processes KILL signalled, by policy */
	struct wsm_imminent imminent;	/* the exhaustion rule's state */

	/* the swap map's summary, swapmap.c; NULL before the first sample */
	struct wsmon_swap_area *swap_areas;
};

extern struct mutex wsmon_lock;
extern struct wsmon_config wsmon_cfg;
extern struct wsmon_global wsmon_glob;
extern struct xarray wsmon_procs;	/* global tgid -> struct wsmon_proc */
extern atomic64_t wsmon_age_blocks;	/* allocated age blocks */
extern atomic64_t wsmon_ageidx_bytes;	/* their indexes' arrays */

/*
 * A write of what GET_PROC reads.  Preemption is off inside, so a reader
 * under RCU that finds it odd spins for the copy of a few hundred bytes,
 * never behind a writer that was preempted; nothing inside may sleep.
 */
static inline void wsmon_proc_write_begin(struct wsmon_proc *proc)
{
	lockdep_assert_held(&wsmon_lock);
	preempt_disable();
	write_seqcount_begin(&proc->seq);
}

static inline void wsmon_proc_write_end(struct wsmon_proc *proc)
{
	write_seqcount_end(&proc->seq);
	preempt_enable();
}

/* What the front is told, from the sampling worker. */
struct wsmon_core_ops {
	void (*sampled)(bool state_changed);
	/*
	 * a pass's figures were published in proc->st, or the entry is new;
	 * under wsmon_lock and inside proc->seq: it must not sleep
	 */
	void (*published)(struct wsmon_proc *proc);
};

/* taskmm.c: a process's mm, whichever of its threads holds it */
typedef void (*wsmon_mm_fn)(struct task_struct *t, struct mm_struct *mm, void *arg);
bool wsmon_with_task_mm(struct task_struct *p, wsmon_mm_fn fn, void *arg);
struct mm_struct *wsmon_get_task_mm(struct task_struct *p);
bool wsmon_shares_mm(struct task_struct *p, struct mm_struct *mm);
bool wsmon_task_dying(struct task_struct *p, struct task_struct *t);

/* filecache.c: the page cache of the files processes hold open */
void wsmon_files_sample(struct pid **pids, u32 n, u64 now, u32 window, long budget);
void wsmon_files_exit(void);
extern atomic64_t wsmon_file_age_bytes;

/* config.c: the configuration */
int wsmon_config_init(void);
const char *wsmon_config_check(const struct wsmon_config *c);
int wsmon_config_edit(int (*edit)(struct wsmon_config *c, const void *arg),
		      const void *arg, struct wsmon_config *pids, const char **why);
void wsmon_config_exit(void);
void wsmon_config_put_pids(struct wsmon_config *c);
const char *wsmon_flush_name(u32 flush);

/* tlbflush.c: the TLB flush after a sample, as this kernel allows it */
void wsmon_tlbflush_init(void);
bool wsmon_tlbflush_available(void);
const char *wsmon_tlbflush_method(void);
const char *wsmon_tlbflush_why(void);
u32 wsmon_flush_tlb_mask(const struct cpumask *mask);

/*
 * charge.c: allocations for a process, charged to its memory cgroup
 * without reclaim, throttling or OOM there
 */
#define WSMON_GFP_SMALL	(GFP_NOWAIT | __GFP_ACCOUNT | __GFP_NOWARN)
#define WSMON_GFP_LARGE	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)
extern u64 wsmon_alloc_failed;
void *wsmon_kvmalloc_charged(size_t bytes);

/* sampler.c: the background worker and the process table */
int wsmon_sampler_init(const struct wsmon_core_ops *ops);
void wsmon_sampler_stop(void);
void wsmon_sampler_exit(void);
void wsmon_sampler_kick(void);
void wsmon_sampler_hold(void);
void wsmon_sampler_release(void);
u64 wsmon_rate_milli(u64 now, u64 last, u64 ns);
struct wsmon_proc *wsmon_proc_lookup(struct pid *pid);
u64 wsmon_proc_demand(struct pid *pid);

/* walk.c: one pass over a process's page tables */
struct wsmon_walk {
	struct wsmon_proc *proc;
	struct wsmon_tally *tally;	/* the pass's counts */
	struct mm_struct *mm;
	u64 now;			/* the sample number */
	long budget;			/* entries left in this sample */
	u32 demand_window;
	bool skip_idle;			/* PMD accessed bits may skip idle tables */
	u64 tables, skipped;		/* PTE tables read, skipped */
	bool lock_busy;			/* the pass stopped at a held mmap_lock */
	u64 idle_refs;			/* references taken from PG_idle */
	u64 nr_busy;			/* processes it stopped so this sample */
};

int wsmon_walk_init(void);
void wsmon_walk_exit(void);
/* Returns true when the pass finished, false when the budget ran out. */
bool wsmon_walk_mm(struct wsmon_walk *w);
void wsmon_ages_free(struct wsmon_proc *proc);
void wsmon_ages_gc(struct wsmon_proc *proc);
const char *wsmon_reclaim_mode(void);

/* ageidx.c: a process's age blocks by table index */
struct wsmon_ablock *wsmon_ageidx_find(struct wsmon_ageidx *ix,
				       unsigned long idx, u32 *pos);
int wsmon_ageidx_insert(struct wsmon_ageidx *ix, u32 pos,
			struct wsmon_ablock *blk);
int wsmon_ageidx_grow(struct wsmon_ageidx *ix);
u32 wsmon_ageidx_sweep(struct wsmon_ageidx *ix, u64 since,
		       void (*drop)(struct wsmon_ablock *blk));

/* swapmap.c: the swap extents a pass collects */
extern u32 wsmon_swapext_cap;
extern u64 wsmon_swap_gen;
void wsmon_swap_add(struct wsmon_swapext *run, u32 *nr, u64 addr,
		    u32 type, u64 offset);
int wsmon_swap_merge(struct wsmon_proc *proc, const struct wsmon_swapext *run,
		     u32 nr, gfp_t gfp);
bool wsmon_swap_same(const struct wsmon_swapmap *map, const struct wsmon_swapext *run,
		     u32 nr, unsigned long start, unsigned long end);
void wsmon_swap_publish_prepare(struct wsmon_proc *proc);
struct wsmon_swapmap *wsmon_swap_publish_locked(struct wsmon_proc *proc);
void wsmon_swap_drop(struct wsmon_proc *proc);
void wsmon_swapmaps_prune(bool all);
struct wsmon_swapmap *wsmon_swapmap_get(struct wsmon_swapmap *map);
void wsmon_swapmap_put(struct wsmon_swapmap *map);

/* swapsum.c: the summary per swap area that GET_SWAP reports */
void wsmon_swap_summarise(long budget);
void wsmon_swap_summary_free(struct wsmon_swap_area *areas);
void wsmon_swapsum_exit(void);

/* thrash.c: rates, Denning's demand ratio and the thrash state */
bool wsmon_thrash_sample(u64 demand);

#endif /* _WSMON_CORE_H */
