// SPDX-License-Identifier: GPL-2.0
/* KILL requests and victims. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "kill.h"
#include "nl.h"
#include "output.h"

static const char *const policy_names[] = {
	[WSMON_POLICY_BADNESS] = "badness",
	[WSMON_POLICY_RSS] = "rss",
	[WSMON_POLICY_WSS] = "wss",
};

#define N_POLICIES (sizeof(policy_names) / sizeof(policy_names[0]))

int kill_policy_parse(const char *s, uint32_t *policy)
{
	uint32_t i;

	for (i = 0; i < N_POLICIES; i++)
		if (!strcmp(s, policy_names[i])) {
			*policy = i;
			return 0;
		}
	return -1;
}

const char *kill_policy_name(uint32_t policy)
{
	return policy < N_POLICIES ? policy_names[policy] : "unknown";
}

int kill_protect_add(struct kill_req *r, const char *arg, const char **why)
{
	size_t len = strlen(arg), i;
	unsigned long pid;
	char *end;

	for (i = 0; i < len && arg[i] >= '0' && arg[i] <= '9'; i++)
		;
	if (len && i == len) {
		errno = 0;
		pid = strtoul(arg, &end, 10);
		if (errno || pid < 1 || pid > INT32_MAX) {
			*why = "not a PID";
			return -1;
		}
		if (r->nr_pids == KILL_MAX_PROTECT) {
			*why = "too many protected PIDs (at most 64)";
			return -1;
		}
		r->pids[r->nr_pids++] = (uint32_t)pid;
		return 0;
	}
	if (!len || len > 15) {
		*why = "a command name has 1 to 15 characters";
		return -1;
	}
	if (r->nr_comms == KILL_MAX_PROTECT) {
		*why = "too many protected names (at most 64)";
		return -1;
	}
	memcpy(r->comms[r->nr_comms++], arg, len + 1);
	return 0;
}

int kill_match_set(struct kill_match *m, const char *arg, const char **why)
{
	if (m->pattern) {
		*why = "given twice (use one regex with |)";
		return -1;
	}
	if (!*arg || regcomp(&m->re, arg, REG_EXTENDED | REG_NOSUB)) {
		*why = "not an extended regular expression";
		return -1;
	}
	m->pattern = arg;
	return 0;
}

/* /proc/PID/comm without its newline; 0, or -1 when the process is gone */
static int read_comm(int dirfd, unsigned long pid, char *comm, size_t size)
{
	char path[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%lu/comm", pid);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, comm, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	if (comm[n - 1] == '\n')
		n--;
	comm[n] = '\0';
	return 0;
}

int kill_match_scan(struct kill_match *m, const char *proc)
{
	unsigned long pid, self = (unsigned long)getpid();
	struct dirent *de;
	char comm[32], *end;
	DIR *d;

	m->nr_pids = 0;
	if (!m->pattern)
		return 0;
	d = opendir(proc);
	if (!d)
		return 0;
	while ((de = readdir(d)) && m->nr_pids < KILL_MAX_PROTECT) {
		pid = strtoul(de->d_name, &end, 10);
		if (*end || !pid || pid == self || pid > INT32_MAX)
			continue;
		if (read_comm(dirfd(d), pid, comm, sizeof(comm)))
			continue;
		if (!regexec(&m->re, comm, 0, NULL, 0))
			m->pids[m->nr_pids++] = (uint32_t)pid;
	}
	closedir(d);
	return m->nr_pids;
}

static struct nla_policy top_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_POLICY]	= { .type = NLA_U32 },
	[WSMON_A_SIGNAL]	= { .type = NLA_U32 },
	[WSMON_A_VICTIM]	= { .type = NLA_NESTED },
	[WSMON_A_ALSO_KILLED]	= { .type = NLA_NESTED },
};

static struct nla_policy victim_policy[WSMON_PROC_A_MAX + 1] = {
	[WSMON_PROC_A_PID]		= { .type = NLA_U32 },
	[WSMON_PROC_A_COMM]		= { .type = NLA_STRING, .maxlen = 16 },
	[WSMON_PROC_A_UID]		= { .type = NLA_U32 },
	[WSMON_PROC_A_RSS]		= { .type = NLA_U64 },
	[WSMON_PROC_A_SWAP]		= { .type = NLA_U64 },
	[WSMON_PROC_A_WORKING_SET]	= { .type = NLA_U64 },
	[WSMON_PROC_A_OOM_SCORE_ADJ]	= { .type = NLA_S32 },
	[WSMON_PROC_A_SCORE]		= { .type = NLA_U64 },
	[WSMON_PROC_A_KILLED]		= { .type = NLA_FLAG },
	[WSMON_PROC_A_DYING]		= { .type = NLA_FLAG },
	[WSMON_PROC_A_SECONDARY_MMU]	= { .type = NLA_FLAG },
	[WSMON_PROC_A_START]		= { .type = NLA_U64 },
};

int kill_victim_parse(struct nlmsghdr *nlh, struct kill_victim *v, const char **why)
{
	static const int required[] = {
		WSMON_PROC_A_PID, WSMON_PROC_A_COMM, WSMON_PROC_A_RSS, WSMON_PROC_A_SWAP,
		WSMON_PROC_A_WORKING_SET, WSMON_PROC_A_SCORE,
	};
	struct nlattr *top[WSMON_A_MAX + 1], *tb[WSMON_PROC_A_MAX + 1];
	size_t i;

	memset(v, 0, sizeof(*v));
	*why = "malformed KILL victim";
	if (genlmsg_parse(nlh, 0, top, WSMON_A_MAX, top_policy) < 0 || !top[WSMON_A_VICTIM] ||
	    nla_parse_nested(tb, WSMON_PROC_A_MAX, top[WSMON_A_VICTIM], victim_policy) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!tb[required[i]])
			return -EINVAL;
	v->pid = nla_get_u32(tb[WSMON_PROC_A_PID]);
	snprintf(v->comm, sizeof(v->comm), "%s", nla_get_string(tb[WSMON_PROC_A_COMM]));
	text_sanitize(v->comm);
	v->uid = tb[WSMON_PROC_A_UID] ? nla_get_u32(tb[WSMON_PROC_A_UID]) : 0;
	v->rss = nla_get_u64(tb[WSMON_PROC_A_RSS]);
	v->swap = nla_get_u64(tb[WSMON_PROC_A_SWAP]);
	v->wss = nla_get_u64(tb[WSMON_PROC_A_WORKING_SET]);
	v->adj = tb[WSMON_PROC_A_OOM_SCORE_ADJ] ?
		 nla_get_s32(tb[WSMON_PROC_A_OOM_SCORE_ADJ]) : 0;
	v->score = nla_get_u64(tb[WSMON_PROC_A_SCORE]);
	v->killed = nla_get_flag(tb[WSMON_PROC_A_KILLED]);
	v->dying = nla_get_flag(tb[WSMON_PROC_A_DYING]);
	v->secondary_mmu = nla_get_flag(tb[WSMON_PROC_A_SECONDARY_MMU]);
	v->start = tb[WSMON_PROC_A_START] ? nla_get_u64(tb[WSMON_PROC_A_START]) : 0;
	v->policy = top[WSMON_A_POLICY] ? nla_get_u32(top[WSMON_A_POLICY]) : 0;
	v->signal = top[WSMON_A_SIGNAL] ? nla_get_u32(top[WSMON_A_SIGNAL]) : SIGKILL;
	if (top[WSMON_A_ALSO_KILLED]) {
		v->nr_also = wsmon_nl_list(top[WSMON_A_ALSO_KILLED], v->also, sizeof(v->also[0]),
					   KILL_MAX_ALSO);
		if (v->nr_also < 0)
			return -EINVAL;
	}
	*why = NULL;
	return 0;
}

static int put_pids(struct nl_msg *msg, int attr, const uint32_t *pids, int n)
{
	struct nlattr *nest;
	int i;

	if (!n)
		return 0;
	nest = nla_nest_start(msg, attr);
	for (i = 0; nest && i < n; i++)
		if (nla_put_u32(msg, WSMON_LIST_ENTRY, pids[i]))
			return -EMSGSIZE;
	if (!nest)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int fill_kill(struct nl_msg *msg, void *arg)
{
	const struct kill_req *r = arg;
	struct nlattr *nest;
	int i;

	if (nla_put_u32(msg, WSMON_A_POLICY, r->policy) ||
	    (r->signal && nla_put_u32(msg, WSMON_A_SIGNAL, r->signal)) ||
	    (r->dry_run && nla_put_flag(msg, WSMON_A_DRY_RUN)) ||
	    (r->target && (nla_put_u32(msg, WSMON_A_TARGET_PID, r->target) ||
			   nla_put_u64(msg, WSMON_A_TARGET_START, r->target_start))))
		return -EMSGSIZE;
	if (put_pids(msg, WSMON_A_PROTECT_PIDS, r->pids, r->nr_pids) ||
	    put_pids(msg, WSMON_A_PREFER_PIDS, r->prefer.pids, r->prefer.nr_pids) ||
	    put_pids(msg, WSMON_A_AVOID_PIDS, r->avoid.pids, r->avoid.nr_pids))
		return -EMSGSIZE;
	if (r->nr_comms) {
		nest = nla_nest_start(msg, WSMON_A_PROTECT_COMMS);
		for (i = 0; nest && i < r->nr_comms; i++)
			if (nla_put_string(msg, WSMON_LIST_ENTRY, r->comms[i]))
				return -EMSGSIZE;
		if (!nest)
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return 0;
}

struct kill_reply {
	struct kill_victim *v;
	int got;
};

static int kill_cb(struct nlmsghdr *nlh, void *arg)
{
	struct kill_reply *k = arg;
	const char *why;

	if (kill_victim_parse(nlh, k->v, &why))
		return -EBADMSG;
	k->got = 1;
	return 0;
}

int kill_request(struct wsmon_nl *nl, struct kill_req *r, struct kill_victim *v)
{
	struct kill_reply k = { .v = v };
	int err;

	/* the names --prefer and --avoid match, now (a choice only) */
	if (!r->target) {
		kill_match_scan(&r->prefer, "/proc");
		kill_match_scan(&r->avoid, "/proc");
	}
	err = wsmon_nl_request(nl, WSMON_CMD_KILL, 0, fill_kill, (void *)r, kill_cb, &k);
	if (!err && !k.got)
		err = -EPROTO;
	return err;
}

void kill_print_victim(const struct kill_victim *v)
{
	print_u64(PRINT_ANY, "pid", "PID %" PRIu64, v->pid);
	print_string(PRINT_ANY, "comm", " (%s)", v->comm);
	print_u64(PRINT_ANY, "uid", " uid %" PRIu64, v->uid);
	print_size(PRINT_ANY, "rss", ": rss %s", v->rss);
	print_size(PRINT_ANY, "wss", ", wss %s", v->wss);
	print_bool(PRINT_JSON, "secondary_mmu", NULL, v->secondary_mmu);
	if (v->secondary_mmu)
		print_text(" (all it holds: a guest or device uses it)");
	print_size(PRINT_ANY, "swap", ", swap %s", v->swap);
	print_double(PRINT_ANY, "oom_score_adj", ", oom_score_adj %.0f", v->adj);
	print_u64(PRINT_ANY, "score", ", score %" PRIu64, v->score);
	print_string(PRINT_ANY, "policy", " (%s)", kill_policy_name(v->policy));
	print_string(PRINT_ANY, "signal", ", %s", v->signal == SIGTERM ? "SIGTERM" : "SIGKILL");
	if (v->dying)
		print_bool(PRINT_ANY, "dying", ", already dying: nothing sent", true);
	if (v->nr_also) {
		print_text(", also killed (sharing its memory):");
		out_open_array("also_killed");
		for (int i = 0; i < v->nr_also && i < KILL_MAX_ALSO; i++)
			print_u64(PRINT_ANY, NULL, " %" PRIu64, v->also[i]);
		out_close_array();
	}
}
