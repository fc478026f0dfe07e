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

/*
 * The attributes of a GET_PROC record, read in one pass without a policy
 * table: a dump brings thousands.  Each is checked as libnl's policy
 * would: a number at least its size, a string NUL-terminated within 16
 * bytes, a list of entries of the right size.
 */
static bool attr_num(const struct nlattr *a, void *v, size_t size)
{
	if (attr_len(a) < (int)size)
		return false;
	memcpy(v, attr_data(a), size);
	return true;
}

#define attr_u32(a, v) attr_num(a, v, sizeof(uint32_t))
#define attr_u64(a, v) attr_num(a, v, sizeof(uint64_t))
#define attr_s64(a, v) attr_num(a, v, sizeof(int64_t))	/* a u64 below 2^63 */

#define SEEN(t) (1ULL << (t))

static const uint64_t proc_required = SEEN(WSMON_PROC_A_PID) | SEEN(WSMON_PROC_A_COMM) |
	SEEN(WSMON_PROC_A_PASSES) | SEEN(WSMON_PROC_A_RSS) | SEEN(WSMON_PROC_A_WINDOWS) |
	SEEN(WSMON_PROC_A_WSS) | SEEN(WSMON_PROC_A_KNEE_SAMPLES) | SEEN(WSMON_PROC_A_KNEE);

static bool proc_attr(struct wsmon_proc *p, const struct nlattr *a, int *nw, int *nwss,
		      const struct nlattr **hist)
{
	uint64_t v;
	int len;

	switch (attr_type(a)) {
	case WSMON_PROC_A_PID:
		return attr_u32(a, &p->pid);
	case WSMON_PROC_A_UID:
		return attr_u32(a, &p->uid);
	case WSMON_PROC_A_COMM:
		len = attr_len(a);
		if (len < 1 || len > (int)sizeof(p->comm) ||
		    ((const char *)attr_data(a))[len - 1])
			return false;
		memcpy(p->comm, attr_data(a), (size_t)len);
		text_sanitize(p->comm);	/* set by the process: it may hold escapes */
		return true;
	case WSMON_PROC_A_PASSES:
		return attr_u64(a, &p->passes);
	case WSMON_PROC_A_RSS:
		return attr_u64(a, &p->rss);
	case WSMON_PROC_A_PRESENT:
		return attr_u64(a, &p->present);
	case WSMON_PROC_A_WINDOWS:
		*nw = wsmon_nl_list(a, p->windows, sizeof(uint32_t),
				    PROC_MAX_WINDOWS);
		return *nw >= 0;
	case WSMON_PROC_A_WSS:
		*nwss = wsmon_nl_list(a, p->wss, sizeof(uint64_t),
				      PROC_MAX_WINDOWS);
		return *nwss >= 0;
	case WSMON_PROC_A_KNEE_SAMPLES:
		return attr_u32(a, &p->knee_samples);
	case WSMON_PROC_A_KNEE:
		return attr_u64(a, &p->knee);
	case WSMON_PROC_A_MAJFLT_RATE:
		if (!attr_u64(a, &v))
			return false;
		p->majflt_rate = v / 1000.0;
		return true;
	case WSMON_PROC_A_MINFLT_RATE:
		if (!attr_u64(a, &v))
			return false;
		p->minflt_rate = v / 1000.0;
		return true;
	case WSMON_PROC_A_REUSE_SAMPLES:
		return attr_u64(a, &p->reuse_samples);
	case WSMON_PROC_A_SWAP:
		return attr_u64(a, &p->swap);
	case WSMON_PROC_A_START:
		return attr_u64(a, &p->start);
	case WSMON_PROC_A_CGROUP_ID:
		return attr_u64(a, &p->cgroup_id);
	case WSMON_PROC_A_WORKING_SET:
		if (!attr_u64(a, &v))
			return false;
		p->wss_split = (int64_t)v;
		return true;
	case WSMON_PROC_A_STALE:
		return attr_u32(a, &p->stale);
	case WSMON_PROC_A_PASS_SAMPLES:
		return attr_u32(a, &p->pass_samples);
	case WSMON_PROC_A_SWAP_CAPPED:
		p->swap_capped = true;
		return true;
	case WSMON_PROC_A_SECONDARY_MMU:
		p->secondary_mmu = true;
		return true;
	case WSMON_PROC_A_FILE_CACHE:
		return attr_s64(a, &p->file_cache);
	case WSMON_PROC_A_FILE_WORKING_SET:
		return attr_s64(a, &p->file_wss);
	case WSMON_PROC_A_FILE_UNKNOWN:
		return attr_s64(a, &p->file_unknown);
	case WSMON_PROC_A_THRASH_NS:
		p->has_thrash = true;
		return attr_u64(a, &p->thrash_ns);
	case WSMON_PROC_A_IDLE_HIST:
		hist[0] = a;
		return true;
	case WSMON_PROC_A_REUSE_HIST:
		hist[1] = a;
		return true;
	default:
		return true;	/* a newer module's: not ours to judge */
	}
}

int wsmon_proc_parse(struct nlmsghdr *nlh, struct wsmon_proc *p,
		     struct wsmon_proc_hist *room, const char **why)
{
	const struct nlattr *hist[2] = { NULL, NULL };
	const struct nlattr *a, *nest = NULL;
	uint64_t seen = 0;
	int rem, nw = -1, nwss = -1;

	memset(p, 0, sizeof(*p));
	p->wss_split = -1;	/* an older module sends none */
	p->file_cache = p->file_wss = p->file_unknown = -1;
	*why = "malformed GET_PROC reply";
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	attr_for_each_genl(a, nlh, rem)
		if (attr_type(a) == WSMON_A_PROC)
			nest = a;
	if (!nest)
		return -EINVAL;
	attr_for_each_nested(a, nest, rem) {
		if (!proc_attr(p, a, &nw, &nwss, hist))
			return -EINVAL;
		if (attr_type(a) < 64)
			seen |= SEEN(attr_type(a));
	}
	if ((seen & proc_required) != proc_required || nw != nwss)
		return -EINVAL;
	p->nr_windows = (uint32_t)nw;
	if (hist[0] || hist[1]) {
		if (!hist[0] || !hist[1] ||
		    attr_len(hist[0]) != sizeof(room->idle) ||
		    attr_len(hist[1]) != sizeof(room->reuse))
			return -EINVAL;
		if (room) {
			memcpy(room->idle, attr_data(hist[0]), sizeof(room->idle));
			memcpy(room->reuse, attr_data(hist[1]), sizeof(room->reuse));
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
