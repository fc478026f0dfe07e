/* SPDX-License-Identifier: GPL-2.0 */
/* KILL: the request, its victim, and how both are read and printed. */
#ifndef WSMON_KILL_H
#define WSMON_KILL_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#define KILL_MAX_PROTECT 64

struct kill_req {
	uint32_t policy;		/* enum wsmon_policy */
	bool dry_run;
	int nr_pids, nr_comms;
	uint32_t pids[KILL_MAX_PROTECT];
	char comms[KILL_MAX_PROTECT][16];
};

struct kill_victim {
	uint32_t pid, uid;
	char comm[16];
	uint64_t rss, swap, wss;	/* bytes */
	int32_t adj;			/* oom_score_adj */
	uint64_t score;
	uint32_t policy;
	bool killed;
};

/* "badness", "rss", "wss"; 0 or -1 */
int kill_policy_parse(const char *s, uint32_t *policy);
const char *kill_policy_name(uint32_t policy);

/* --protect ARG: a PID when all digits, else a command name (1-15 bytes). */
int kill_protect_add(struct kill_req *r, const char *arg, const char **why);

/* The VICTIM (and POLICY) of a KILL reply or a KILL event; 0 or -EINVAL. */
int kill_victim_parse(struct nlmsghdr *nlh, struct kill_victim *v, const char **why);

struct wsmon_nl;
/* Send KILL; 0 with *v filled, or -errno (nl->ext_msg says why). */
int kill_request(struct wsmon_nl *nl, const struct kill_req *r, struct kill_victim *v);

/* The victim as print_*() members (inside an open object). */
void kill_print_victim(const struct kill_victim *v);

#endif
