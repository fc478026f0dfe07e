// SPDX-License-Identifier: GPL-2.0
/* Parse GET_PROC replies. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "nl.h"
#include "output.h"
#include "proc.h"

static struct nla_policy top_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_PROC] = { .type = NLA_NESTED },
};

static struct nla_policy proc_policy[WSMON_PROC_A_MAX + 1] = {
	[WSMON_PROC_A_PID]		= { .type = NLA_U32 },
	[WSMON_PROC_A_COMM]		= { .type = NLA_STRING, .maxlen = 16 },
	[WSMON_PROC_A_UID]		= { .type = NLA_U32 },
	[WSMON_PROC_A_PASSES]		= { .type = NLA_U64 },
	[WSMON_PROC_A_RSS]		= { .type = NLA_U64 },
	[WSMON_PROC_A_PRESENT]		= { .type = NLA_U64 },
	[WSMON_PROC_A_WINDOWS]		= { .type = NLA_NESTED },
	[WSMON_PROC_A_WSS]		= { .type = NLA_NESTED },
	[WSMON_PROC_A_KNEE_SAMPLES]	= { .type = NLA_U32 },
	[WSMON_PROC_A_KNEE]		= { .type = NLA_U64 },
	[WSMON_PROC_A_MAJFLT_RATE]	= { .type = NLA_U64 },
	[WSMON_PROC_A_MINFLT_RATE]	= { .type = NLA_U64 },
	[WSMON_PROC_A_REUSE_SAMPLES]	= { .type = NLA_U64 },
	[WSMON_PROC_A_SWAP]		= { .type = NLA_U64 },
	[WSMON_PROC_A_WORKING_SET]	= { .type = NLA_U64 },
	[WSMON_PROC_A_START]		= { .type = NLA_U64 },
	[WSMON_PROC_A_CGROUP_ID]	= { .type = NLA_U64 },
	[WSMON_PROC_A_THRASH_NS]	= { .type = NLA_U64 },
	[WSMON_PROC_A_STALE]		= { .type = NLA_U32 },
	[WSMON_PROC_A_PASS_SAMPLES]	= { .type = NLA_U32 },
	[WSMON_PROC_A_SWAP_CAPPED]	= { .type = NLA_FLAG },
};

static const int proc_required[] = {
	WSMON_PROC_A_PID, WSMON_PROC_A_COMM, WSMON_PROC_A_PASSES,
	WSMON_PROC_A_RSS, WSMON_PROC_A_WINDOWS, WSMON_PROC_A_WSS,
	WSMON_PROC_A_KNEE_SAMPLES, WSMON_PROC_A_KNEE,
};

int wsmon_proc_parse(struct nlmsghdr *nlh, struct wsmon_proc *p,
		     struct wsmon_proc_hist *room, const char **why)
{
	struct nlattr *top[WSMON_A_MAX + 1], *tb[WSMON_PROC_A_MAX + 1];
	int nw, nwss;
	size_t i;

	memset(p, 0, sizeof(*p));
	*why = "malformed GET_PROC reply";
	if (genlmsg_parse(nlh, 0, top, WSMON_A_MAX, top_policy) < 0 ||
	    !top[WSMON_A_PROC] ||
	    nla_parse_nested(tb, WSMON_PROC_A_MAX, top[WSMON_A_PROC], proc_policy) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(proc_required) / sizeof(proc_required[0]); i++)
		if (!tb[proc_required[i]])
			return -EINVAL;
	p->pid = nla_get_u32(tb[WSMON_PROC_A_PID]);
	snprintf(p->comm, sizeof(p->comm), "%s", nla_get_string(tb[WSMON_PROC_A_COMM]));
	text_sanitize(p->comm);	/* set by the process: it may hold escapes */
	if (tb[WSMON_PROC_A_UID])
		p->uid = nla_get_u32(tb[WSMON_PROC_A_UID]);
	p->passes = nla_get_u64(tb[WSMON_PROC_A_PASSES]);
	p->rss = nla_get_u64(tb[WSMON_PROC_A_RSS]);
	if (tb[WSMON_PROC_A_PRESENT])
		p->present = nla_get_u64(tb[WSMON_PROC_A_PRESENT]);
	nw = wsmon_nl_list(tb[WSMON_PROC_A_WINDOWS], p->windows, sizeof(uint32_t),
		      PROC_MAX_WINDOWS);
	nwss = wsmon_nl_list(tb[WSMON_PROC_A_WSS], p->wss, sizeof(uint64_t),
			PROC_MAX_WINDOWS);
	if (nw < 0 || nwss != nw)
		return -EINVAL;
	p->nr_windows = nw;
	p->knee_samples = nla_get_u32(tb[WSMON_PROC_A_KNEE_SAMPLES]);
	p->knee = nla_get_u64(tb[WSMON_PROC_A_KNEE]);
	if (tb[WSMON_PROC_A_MAJFLT_RATE])
		p->majflt_rate = nla_get_u64(tb[WSMON_PROC_A_MAJFLT_RATE]) / 1000.0;
	if (tb[WSMON_PROC_A_MINFLT_RATE])
		p->minflt_rate = nla_get_u64(tb[WSMON_PROC_A_MINFLT_RATE]) / 1000.0;
	if (tb[WSMON_PROC_A_REUSE_SAMPLES])
		p->reuse_samples = nla_get_u64(tb[WSMON_PROC_A_REUSE_SAMPLES]);
	if (tb[WSMON_PROC_A_SWAP])
		p->swap = nla_get_u64(tb[WSMON_PROC_A_SWAP]);
	p->start = tb[WSMON_PROC_A_START] ? nla_get_u64(tb[WSMON_PROC_A_START]) : 0;
	p->cgroup_id = tb[WSMON_PROC_A_CGROUP_ID] ? nla_get_u64(tb[WSMON_PROC_A_CGROUP_ID]) : 0;
	p->wss_split = tb[WSMON_PROC_A_WORKING_SET] ?
		       (int64_t)nla_get_u64(tb[WSMON_PROC_A_WORKING_SET]) : -1;
	if (tb[WSMON_PROC_A_STALE])
		p->stale = nla_get_u32(tb[WSMON_PROC_A_STALE]);
	if (tb[WSMON_PROC_A_PASS_SAMPLES])
		p->pass_samples = nla_get_u32(tb[WSMON_PROC_A_PASS_SAMPLES]);
	p->swap_capped = nla_get_flag(tb[WSMON_PROC_A_SWAP_CAPPED]);
	if (tb[WSMON_PROC_A_THRASH_NS]) {
		p->thrash_ns = nla_get_u64(tb[WSMON_PROC_A_THRASH_NS]);
		p->has_thrash = true;
	}
	if (tb[WSMON_PROC_A_IDLE_HIST] || tb[WSMON_PROC_A_REUSE_HIST]) {
		if (!tb[WSMON_PROC_A_IDLE_HIST] || !tb[WSMON_PROC_A_REUSE_HIST] ||
		    nla_len(tb[WSMON_PROC_A_IDLE_HIST]) != sizeof(room->idle) ||
		    nla_len(tb[WSMON_PROC_A_REUSE_HIST]) != sizeof(room->reuse))
			return -EINVAL;
		if (room) {
			memcpy(room->idle, nla_data(tb[WSMON_PROC_A_IDLE_HIST]),
			       sizeof(room->idle));
			memcpy(room->reuse, nla_data(tb[WSMON_PROC_A_REUSE_HIST]),
			       sizeof(room->reuse));
			p->hist = room;
		}
	}
	*why = NULL;
	return 0;
}

int64_t wsmon_proc_wss(const struct wsmon_proc *p, uint32_t window)
{
	uint32_t i;

	for (i = 0; i < p->nr_windows; i++)
		if (p->windows[i] == window)
			return (int64_t)p->wss[i];
	return -1;
}

/* Histograms come in chunks that never move, so sorting v[] keeps them. */
#define HIST_CHUNK 64

struct hist_chunk {
	struct hist_chunk *next;
	size_t used;
	struct wsmon_proc_hist h[HIST_CHUNK];
};

static struct wsmon_proc_hist *hist_room(struct proc_list *l)
{
	struct hist_chunk *c = l->hists;

	if (!c || c->used == HIST_CHUNK) {
		c = malloc(sizeof(*c));
		if (!c)
			return NULL;
		c->used = 0;
		c->next = l->hists;
		l->hists = c;
	}
	return &c->h[c->used++];
}

void proc_list_free(struct proc_list *l)
{
	struct hist_chunk *c, *next;

	for (c = l->hists; c; c = next) {
		next = c->next;
		free(c);
	}
	free(l->v);
	l->v = NULL;
	l->hists = NULL;
	l->n = l->cap = 0;
}

static int proc_collect(struct nlmsghdr *nlh, void *arg)
{
	struct proc_list *l = arg;
	struct wsmon_proc_hist *room = NULL;
	struct wsmon_proc *nv;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;

		nv = realloc(l->v, cap * sizeof(*l->v));
		if (!nv)
			return -ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	if (l->want_hist) {
		room = hist_room(l);
		if (!room)
			return -ENOMEM;
	}
	if (wsmon_proc_parse(nlh, &l->v[l->n], room, &l->why))
		return -EINVAL;
	l->n++;
	return 0;
}

static int fill_histograms(struct nl_msg *msg, void *arg)
{
	(void)arg;
	return nla_put_flag(msg, WSMON_A_HISTOGRAMS) ? -EMSGSIZE : 0;
}

int proc_dump(struct wsmon_nl *nl, bool histograms, struct proc_list *l)
{
	memset(l, 0, sizeof(*l));
	l->want_hist = histograms;
	return wsmon_nl_request(nl, WSMON_CMD_GET_PROC, NLM_F_DUMP,
				histograms ? fill_histograms : NULL, NULL, proc_collect, l);
}
