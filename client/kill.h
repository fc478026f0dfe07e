/* SPDX-License-Identifier: GPL-2.0 */
/* KILL: the request, its victim, and how both are read and printed. */
#ifndef WSMON_KILL_H
#define WSMON_KILL_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#define KILL_MAX_PROTECT 64
#define KILL_MAX_ALSO 16

/* a --prefer or --avoid: an extended regex on command names */
struct kill_match {
	const char *pattern;		/* NULL: none */
	regex_t re;
	int nr_pids;			/* the PIDs it matched at the last request */
	uint32_t pids[KILL_MAX_PROTECT];
};

struct kill_req {
	uint32_t policy;		/* enum wsmon_policy */
	uint32_t signal;		/* SIGKILL or SIGTERM; 0: SIGKILL */
	bool dry_run;
	int nr_pids, nr_comms;
	uint32_t pids[KILL_MAX_PROTECT];
	char comms[KILL_MAX_PROTECT][16];
	struct kill_match prefer, avoid;
	/* exactly this process (PID and start time), no choice; 0: choose */
	uint32_t target;
	uint64_t target_start;
};

struct kill_victim {
	uint32_t pid, uid;
	char comm[16];
	uint64_t rss, swap, wss;	/* bytes */
	int32_t adj;			/* oom_score_adj */
	uint64_t score;
	uint32_t policy;
	uint32_t signal;		/* what was (or would be) sent */
	uint64_t start;			/* ns since boot, for a later exact kill */
	bool killed;			/* the signal was sent */
	bool dying;			/* already dying: nothing was sent */
	bool secondary_mmu;		/* W unknown: wss is its resident memory */
	int nr_also;			/* processes sharing its memory, killed too */
	uint32_t also[KILL_MAX_ALSO];
};

/* "badness", "rss", "wss"; 0 or -1 */
int kill_policy_parse(const char *s, uint32_t *policy);
const char *kill_policy_name(uint32_t policy);

/* --protect ARG: a PID when all digits, else a command name (1-15 bytes). */
int kill_protect_add(struct kill_req *r, const char *arg, const char **why);

/* --prefer/--avoid ARG: compile it into @m; 0, or -1 with *why. */
int kill_match_set(struct kill_match *m, const char *arg, const char **why);

/*
 * The PIDs whose command name (/proc/PID/comm under @proc) @m matches,
 * at most 64, into m->pids; the count.  The caller itself never matches.
 */
int kill_match_scan(struct kill_match *m, const char *proc);

/* The VICTIM (and POLICY) of a KILL reply or a KILL event; 0 or -EINVAL. */
int kill_victim_parse(struct nlmsghdr *nlh, struct kill_victim *v, const char **why);

struct wsmon_nl;
/* Send KILL; 0 with *v filled, or -errno (nl->ext_msg says why). */
/* The PIDs of --prefer/--avoid are looked up in /proc first. */
int kill_request(struct wsmon_nl *nl, struct kill_req *r, struct kill_victim *v);

/* The victim as print_*() members (inside an open object). */
void kill_print_victim(const struct kill_victim *v);

#endif
