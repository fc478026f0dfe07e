/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processes grouped by their cgroup v2 group (a container, a systemd
 * service): the sums per group, and the choice and kill of a whole group
 * (cgroup.kill), as systemd-oomd does.
 */
#ifndef WSMON_CGROUP_H
#define WSMON_CGROUP_H

#include <stdbool.h>
#include <stdint.h>

#include "kill.h"
#include "proc.h"

#define CG_PATH_MAX 256
#define CG_ROOT "/sys/fs/cgroup"

struct cg_sum {
	char path[CG_PATH_MAX];		/* relative to the cgroup v2 root, "/..." */
	int procs;
	uint64_t rss, swap, wss;	/* bytes: sums of its processes' */
	/* bytes: the sum of W over the demand window split by mapcount (a page its processes share counts once) */
	uint64_t wss_split;
	/*
	 * bytes: the page cache its processes hold open, and what of it was
	 * used within the demand window (in wss, wss_split and knee too)
	 */
	uint64_t file_cache, wss_file;
	uint64_t knee;			/* bytes: the sum of their knees, and wss_file */
	/* its processes used through a secondary MMU: counted whole (RSS) */
	int secondary_mmu;
	uint64_t score;			/* what the policy ranks it by */
	bool exempt;			/* holds a process that must not die */
	uint32_t why_pid;		/* that process */
};

/* The cgroup v2 path of @pid ("0::/path" in /proc/PID/cgroup); 0 or -1. */
int cg_of_pid(const char *proc, uint32_t pid, char *path, size_t size);

/*
 * Sum @n processes into groups (@out, at most @max; the count).  A group
 * is exempt when it is the root, or holds init, this process, a process
 * at oom_score_adj -1000, or one that @r protects.  Scores by @r->policy:
 * rss + swap (badness), rss, or W over @window samples (wss).
 */
int cg_sum_procs(const struct wsmon_proc *p, int n, const struct kill_req *r,
		 uint32_t window, const char *proc, struct cg_sum *out, int max);

/* The largest group that is not exempt, or NULL. */
const struct cg_sum *cg_choose(const struct cg_sum *g, int n);

/* Kill every process of @g: write 1 to its cgroup.kill under @root; 0 or -errno. */
int cg_kill(const char *root, const struct cg_sum *g);

/*
 * Choose and (unless a dry run) kill a group now, the wss policy by W over
 * the module's demand window; 0 or -errno with *why.
 */
int cg_carry_out(struct kill_req *r, struct cg_sum *chosen, bool *killed, const char **why);

void cg_print(const struct cg_sum *g);

/* qsort order: the largest split W first, then by path */
int cg_cmp_wss(const void *a, const void *b);

/* Is the group @cg (a path from /proc/PID/cgroup) @group or below it? */
bool cg_within(const char *cg, const char *group);

/*
 * The limit that bites first of memory.high and memory.max as
 * cg_read_limit() read them (@eh, @em its results): the lower, or
 * UINT64_MAX when neither limits.
 */
uint64_t cg_tightest(int eh, uint64_t high, int em, uint64_t max);

/*
 * A limit read by cg_read_limit(): JSON bytes, or null when there is none
 * ("max") or it cannot be read; text "max" or "-".
 */
void cg_print_limit(const char *key, const char *fmt, int err, uint64_t v);

/*
 * A memory file of the group @path under @root ("memory.max", "memory.high",
 * "memory.current") into *@v in bytes, UINT64_MAX for "max"; 0, or -1
 * when it cannot be read.
 */
int cg_read_limit(const char *root, const char *path, const char *file, uint64_t *v);

#endif
