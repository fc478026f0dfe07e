/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared by the wsmon module's files. */
#ifndef _WSMON_H
#define _WSMON_H

#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <uapi/linux/wsmon.h>

#include "compat.h"
#include "wsmath.h"

/* ages, one byte per page slot of a populated PTE table */
#define WSMON_AGE_MAX		254	/* idle for this many samples or more */
#define WSMON_AGE_NONE		255	/* not present, or never seen */

#define WSMON_MAX_WINDOWS	16
#define WSMON_MAX_PIDS		1024
#define WSMON_SAMPLE_MS_MIN	10
#define WSMON_SAMPLE_MS_MAX	600000
#define WSMON_BUDGET_MIN	PTRS_PER_PTE

struct wsmon_config {
	u32 sample_ms;
	u32 scan_budget;		/* pages per sample */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];	/* samples, strictly increasing */
	u32 nr_pids;			/* 0: track every user process */
	struct pid **pids;		/* references held */
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
	u32 age_count[WSMON_AGE_NONE];	/* present pages by age, this pass */
	u64 present;
	u64 reuse[WSM_NR];
	u64 reuse_samples;
	u64 last_majflt, last_minflt;
	u64 last_pass_ns;

	struct wsmon_proc_stats st;	/* published, under wsmon_lock */
};

/* An age block: the ages of the pages one PTE table maps. */
struct wsmon_ablock {
	u8 age[PTRS_PER_PTE];
	u64 pass;			/* last pass that visited it */
};

/* global sampler state, under wsmon_lock */
struct wsmon_global {
	u64 samples;
	u64 last_sample_ns;
	u64 last_sample_pages;
	u64 budget_exhausted;		/* samples that ran out of budget */
	u32 tracked;
};

extern struct mutex wsmon_lock;
extern struct wsmon_config wsmon_cfg;
extern struct wsmon_global wsmon_glob;
extern struct xarray wsmon_procs;	/* global tgid -> struct wsmon_proc */
extern atomic64_t wsmon_age_blocks;	/* allocated age blocks */

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

/* config.c: WSMON_CMD_SET_CONFIG and the configuration */
int wsmon_cmd_set_config(struct sk_buff *skb, struct genl_info *info);
int wsmon_config_init(u32 sample_ms, u32 scan_budget);
void wsmon_config_exit(void);
int wsmon_put_config(struct sk_buff *skb);

/* sampler.c: the background worker and the process table */
int wsmon_sampler_init(void);
void wsmon_sampler_exit(void);
void wsmon_sampler_kick(void);

/* walk.c: one pass over a process's page tables */
int wsmon_walk_init(void);
void wsmon_walk_exit(void);
/* Returns true when the pass finished, false when the budget ran out. */
bool wsmon_walk_mm(struct wsmon_proc *proc, struct mm_struct *mm,
		   long *budget);
void wsmon_ages_free(struct wsmon_proc *proc);
void wsmon_ages_gc(struct wsmon_proc *proc);
const char *wsmon_reclaim_mode(void);

/* procs.c: WSMON_CMD_GET_PROC */
int wsmon_cmd_get_proc(struct sk_buff *skb, struct genl_info *info);
int wsmon_dump_proc(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _WSMON_H */
