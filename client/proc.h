/* SPDX-License-Identifier: GPL-2.0 */
/* GET_PROC replies: one process's working-set figures. */
#ifndef WSMON_PROC_H
#define WSMON_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#include <linux/wsmon.h>

#define PROC_MAX_WINDOWS 16

struct wsmon_proc {
	uint32_t pid;
	uint32_t uid;
	char comm[16];
	uint64_t passes;
	uint64_t rss;			/* bytes */
	uint64_t present;		/* bytes */
	uint32_t nr_windows;
	uint32_t windows[PROC_MAX_WINDOWS];	/* samples */
	uint64_t wss[PROC_MAX_WINDOWS];		/* bytes */
	uint32_t knee_samples;
	uint64_t knee;			/* bytes */
	double majflt_rate;		/* per second */
	double minflt_rate;
	uint64_t reuse_samples;
	uint64_t swap;			/* bytes in swap */
	uint64_t start;			/* ns since boot (an exact KILL); 0: not sent */
	uint64_t cgroup_id;		/* its cgroup v2 group's inode; 0: not sent */
	/* W over the demand window, shared pages split by mapcount; -1: an older module */
	int64_t wss_split;
	bool swap_capped;		/* more extents than the module keeps */
	/*
	 * also used through a secondary MMU (a KVM guest, a device): its
	 * working set is unknown (wss_split is then its RSS, no knee)
	 */
	bool secondary_mmu;
	/*
	 * bytes, its share of the page cache of the files it holds open
	 * that no process maps, and of that what was used within the demand
	 * window (pages whose use is unseen count as used; file_unknown of
	 * them); -1: an older module
	 */
	int64_t file_cache, file_wss, file_unknown;
	uint32_t stale;			/* samples since the last complete pass */
	uint32_t pass_samples;		/* samples the last pass spanned */
	bool has_thrash;		/* delay accounting on */
	uint64_t thrash_ns;		/* waited for thrashing pages */
	struct wsmon_proc_hist *hist;	/* NULL: not asked for */
};

/* The histograms, apart: a dump of thousands of processes rarely asks. */
struct wsmon_proc_hist {
	uint64_t idle[WSMON_IDLE_BUCKETS];	/* pages */
	uint64_t reuse[WSMON_REUSE_SLOTS];
};

/*
 * Parse one GET_PROC message into @p, its histograms (if sent) into
 * @room, which @p then points to.  Returns 0 or -EINVAL with *why set.
 */
int wsmon_proc_parse(struct nlmsghdr *nlh, struct wsmon_proc *p,
		     struct wsmon_proc_hist *room, const char **why);

/* W for @window samples, or -1 when the process has no such window. */
int64_t wsmon_proc_wss(const struct wsmon_proc *p, uint32_t window);

struct hist_chunk;

/* Every process the caller may see (a GET_PROC dump). */
struct proc_list {
	struct wsmon_proc *v;
	size_t n, cap;
	struct hist_chunk *hists;	/* the histograms v[] points into */
	bool want_hist;
	const char *why;	/* a malformed reply: why */
};

struct wsmon_nl;
/*
 * Dump into @l, with the histograms if asked; 0 or -errno.  Sort or
 * filter l->v freely, then proc_list_free(), also after an error.
 */
int proc_dump(struct wsmon_nl *nl, bool histograms, struct proc_list *l);
void proc_list_free(struct proc_list *l);

#endif
