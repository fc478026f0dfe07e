/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared by the wsmon module's files. */
#ifndef _WSMON_H
#define _WSMON_H

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <uapi/linux/wsmon.h>

#include "compat.h"
#include "policy.h"
#include "wsmath.h"

#define WSMON_MAX_WINDOWS	16
#define WSMON_MAX_PIDS		1024
#define WSMON_SAMPLE_MS_MIN	10
#define WSMON_SAMPLE_MS_MAX	600000
#define WSMON_BUDGET_MIN	PTRS_PER_PTE

/* the thrash rules, part of struct wsmon_config */
struct wsmon_rules {
	u32 demand_window;		/* samples */
	u32 pressure_demand;		/* thousandths */
	u32 thrash_demand;		/* thousandths */
	u32 thrash_rate;		/* pages/s of swap-ins + refaults */
	u32 enter_samples;
	u32 leave_samples;
};

struct wsmon_config {
	u32 sample_ms;
	u32 scan_budget;		/* pages per sample */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];	/* samples, strictly increasing */
	u32 nr_pids;			/* 0: track every user process */
	struct pid **pids;		/* references held */
	struct wsmon_rules rules;
};

/* What a finished pass over a process published, read under wsmon_lock. */
struct wsmon_proc_stats {
	u64 passes;			/* complete passes over the process */
	u64 rss_pages;			/* the kernel's RSS counters */
	u64 present_pages;		/* present PTEs seen, THP as 512 */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];	/* the windows ws_pages are for */
	u64 ws_pages[WSMON_MAX_WINDOWS];/* W(t, window) per window */
	u64 idle_hist[WSM_AGE_BUCKETS];	/* present pages by log2 idle age */
	u64 reuse[WSM_NR];		/* see wsmath.h; [0]: first touches */
	u64 reuse_samples;		/* samples the reuse counts span */
	u32 knee_samples;		/* T*, 0 when unknown */
	u64 knee_pages;			/* s(T*) */
	u64 majflt_rate_milli;		/* faults per 1000 s, all threads */
	u64 minflt_rate_milli;
	u64 swap_pages;			/* swap PTEs */
	u64 demand;			/* W(demand window), WSMON_WEIGHT per page */
	u64 thrash_ns;			/* delay accounting, all threads */
	bool has_thrash_ns;		/* delay accounting was on */
};

/* Weight of one page in the demand sum, shared among its mappers. */
#define WSMON_WEIGHT		1024

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
	u64 nr, cap;			/* extents used, room */
	u64 pages;			/* swap PTEs in them */
	struct wsmon_swapext ext[];
};

struct wsmon_proc {
	struct pid *pid;		/* reference held */
	u64 exec_id;			/* task->self_exec_id when ages began */
	kuid_t uid;
	char comm[TASK_COMM_LEN];
	unsigned long seen_gen;		/* sample that last saw it alive */

	/* the walk's own state, touched only by the sampling worker */
	struct xarray ages;		/* addr >> PMD_SHIFT -> struct wsmon_ablock */
	unsigned long cursor;		/* where an interrupted pass resumes */
	u64 pass;			/* current pass number */
	u32 age_count[WSM_AGE_NONE];	/* present pages by age, this pass */
	u64 present;
	u64 reuse[WSM_NR];
	u64 reuse_samples;
	u64 last_majflt, last_minflt;
	u64 last_pass_ns;
	u64 demand;			/* this pass, see wsmon_proc_stats */
	struct wsmon_swapmap *building;	/* this pass's swap extents */

	struct wsmon_swapmap *swapmap;	/* published, under wsmon_lock */

	struct wsmon_proc_stats st;	/* published, under wsmon_lock */
};

/* An age block: the ages of the pages one PTE table maps. */
struct wsmon_ablock {
	u8 age[PTRS_PER_PTE];
	u64 pass;			/* last pass that visited it */
};

/* counters the thrash statistics are rates of, in enum wsmon_rate_attr order */
#define WSMON_NR_RATES		(WSMON_RATE_A_MAX - WSMON_RATE_A_MAJFLT + 1)

/* global sampler state, under wsmon_lock */
struct wsmon_global {
	u64 samples;
	u64 last_sample_ns;
	u64 last_sample_pages;
	u64 budget_exhausted;		/* samples that ran out of budget */
	u32 tracked;

	/* thrash statistics, thrash.c */
	u32 state;			/* enum wsmon_state */
	u64 state_since;		/* sample it began at */
	u32 pending;			/* samples the next state has held */
	u32 demand_milli;		/* Denning's demand ratio, thousandths */
	u64 demand_pages;
	u64 user_mem_pages;
	u64 rates[WSMON_NR_RATES];	/* per 1000 s, last sample */
	u64 rates_avg[WSMON_NR_RATES];	/* EWMA of rates */
	u64 counters[WSMON_NR_RATES];	/* the counters at the last sample */
	u64 counters_ns;		/* when they were read; 0: never */
};

extern struct mutex wsmon_lock;
extern struct wsmon_config wsmon_cfg;
extern struct wsmon_global wsmon_glob;
extern struct xarray wsmon_procs;	/* global tgid -> struct wsmon_proc */
extern atomic64_t wsmon_age_blocks;	/* allocated age blocks */
extern u32 wsmon_demand_window;		/* the rules' window, for the walk */

/* genl.c: the generic netlink family */
extern struct genl_family wsmon_genl_family;
int wsmon_genl_init(void);
void wsmon_genl_exit(void);
void *wsmon_genl_reply_put(struct sk_buff *skb, struct genl_info *info);
int wsmon_put_u64(struct sk_buff *skb, int attr, u64 val);
int wsmon_put_u32_list(struct sk_buff *skb, int attr, const u32 *v, u32 n);
int wsmon_put_u64_list(struct sk_buff *skb, int attr, const u64 *v, u32 n);

/* stats.c: WSMON_CMD_GET_STATS */
int wsmon_cmd_get_stats(struct sk_buff *skb, struct genl_info *info);
int wsmon_fill_stats(struct sk_buff *skb);

/* config.c: WSMON_CMD_SET_CONFIG and the configuration */
int wsmon_cmd_set_config(struct sk_buff *skb, struct genl_info *info);
int wsmon_config_init(u32 sample_ms, u32 scan_budget);
void wsmon_config_exit(void);
int wsmon_put_config(struct sk_buff *skb);

/* sampler.c: the background worker and the process table */
int wsmon_sampler_init(void);
void wsmon_sampler_exit(void);
void wsmon_sampler_kick(void);
u64 wsmon_rate_milli(u64 now, u64 last, u64 ns);

/* walk.c: one pass over a process's page tables */
int wsmon_walk_init(void);
void wsmon_walk_exit(void);
/* Returns true when the pass finished, false when the budget ran out. */
bool wsmon_walk_mm(struct wsmon_proc *proc, struct mm_struct *mm,
		   long *budget);
void wsmon_ages_free(struct wsmon_proc *proc);
void wsmon_ages_gc(struct wsmon_proc *proc);
const char *wsmon_reclaim_mode(void);

/* swapmap.c: the swap extents a pass collects */
void wsmon_swap_add(struct wsmon_swapext *run, u32 *nr, u64 addr,
		    u32 type, u64 offset);
int wsmon_swap_merge(struct wsmon_proc *proc, const struct wsmon_swapext *run,
		     u32 nr);
void wsmon_swap_publish(struct wsmon_proc *proc);
void wsmon_swap_drop(struct wsmon_proc *proc);
struct wsmon_swapmap *wsmon_swapmap_get(struct wsmon_swapmap *map);
void wsmon_swapmap_put(struct wsmon_swapmap *map);

/* swap.c: WSMON_CMD_GET_SWAP and WSMON_CMD_GET_SWAPMAP */
int wsmon_cmd_get_swap(struct sk_buff *skb, struct genl_info *info);
int wsmon_swapmap_start(struct netlink_callback *cb);
int wsmon_dump_swapmap(struct sk_buff *skb, struct netlink_callback *cb);
int wsmon_swapmap_done(struct netlink_callback *cb);

/* thrash.c: rates, Denning's demand ratio and the thrash state */
void wsmon_thrash_sample(u64 demand);
int wsmon_put_thrash(struct sk_buff *skb);
void wsmon_rules_default(struct wsmon_rules *r);
int wsmon_put_rules(struct sk_buff *skb, const struct wsmon_rules *r);

/* kill.c: WSMON_CMD_KILL */
struct wsmon_victim {
	pid_t pid, vnr;			/* global, and in the caller's namespace */
	char comm[TASK_COMM_LEN];
	kuid_t uid;
	unsigned long rss, swap, pgtables;	/* pages */
	u64 wss;			/* pages, W over the demand window */
	short adj;			/* oom_score_adj */
	u64 score;
	u32 policy;
	bool killed;
};

int wsmon_cmd_kill(struct sk_buff *skb, struct genl_info *info);
int wsmon_put_victim(struct sk_buff *skb, const struct wsmon_victim *v, pid_t vnr);

/* events.c: the "events" multicast group */
void wsmon_event(u32 type);
void wsmon_event_kill(const struct wsmon_victim *v);

/* procs.c: WSMON_CMD_GET_PROC */
int wsmon_cmd_get_proc(struct sk_buff *skb, struct genl_info *info);
int wsmon_dump_proc(struct sk_buff *skb, struct netlink_callback *cb);
bool wsmon_may_see(const struct sk_buff *skb, const struct wsmon_proc *proc);
int wsmon_put_proc_id(struct sk_buff *skb, const struct wsmon_proc *proc,
		      pid_t vnr);

#endif /* _WSMON_H */
