// SPDX-License-Identifier: GPL-2.0
/*
 * A process's GET_PROC figures as netlink attributes, written once when
 * its pass is published, so that a dump of thousands of processes copies
 * each record instead of putting two dozen attributes: the dump adds only
 * what depends on the reader (PID and UID in its namespaces) or on the
 * moment (staleness, name, cgroup).
 *
 * The bytes are those nla_put() would write on x86-64, where a u64 needs
 * no padding attribute (compat.h builds only there).
 */
#include <net/netlink.h>

#include "wsmon.h"

struct wsmon_rec {
	u8 *buf;
	u32 len;
};

static struct nlattr *wsmon_rec_put(struct wsmon_rec *r, int type,
				    const void *data, int size)
{
	struct nlattr *a = (struct nlattr *)(r->buf + r->len);

	a->nla_type = type;
	a->nla_len = nla_attr_size(size);
	if (size)
		memcpy(nla_data(a), data, size);
	memset((u8 *)nla_data(a) + size, 0, nla_padlen(size));
	r->len += nla_total_size(size);
	return a;
}

static void wsmon_rec_u32(struct wsmon_rec *r, int type, u32 v)
{
	wsmon_rec_put(r, type, &v, sizeof(v));
}

static void wsmon_rec_u64(struct wsmon_rec *r, int type, u64 v)
{
	wsmon_rec_put(r, type, &v, sizeof(v));
}

static void wsmon_rec_bytes(struct wsmon_rec *r, int type, u64 pages)
{
	wsmon_rec_u64(r, type, pages << PAGE_SHIFT);
}

/* a nest of list entries, as wsmon_put_u32_list() and _u64_list() write */
static void wsmon_rec_list(struct wsmon_rec *r, int type, const void *v,
			   u32 n, int size)
{
	struct nlattr *nest = wsmon_rec_put(r, type | NLA_F_NESTED, NULL, 0);
	u32 i;

	for (i = 0; i < n; i++)
		wsmon_rec_put(r, WSMON_LIST_ENTRY, (const u8 *)v + i * size, size);
	nest->nla_len = r->buf + r->len - (u8 *)nest;
}

/* the largest record: every attribute below, WSMON_MAX_WINDOWS windows */
#define WSMON_REC_WORST	(9 * nla_total_size(sizeof(u64)) + 2 * nla_total_size(sizeof(u32)) + \
			 3 * nla_total_size(0) + \
			 WSMON_MAX_WINDOWS * (nla_total_size(sizeof(u32)) + \
					      nla_total_size(sizeof(u64))))

/* Write @proc's published figures; under wsmon_lock, inside proc->seq. */
void wsmon_proc_rec_build(struct wsmon_proc *proc)
{
	const struct wsmon_proc_stats *st = &proc->st;
	struct wsmon_rec r = { .buf = proc->rec };
	u64 wss[WSMON_MAX_WINDOWS];
	u32 i;

	BUILD_BUG_ON(sizeof(proc->rec) < WSMON_REC_WORST);
	for (i = 0; i < st->nr_windows; i++)
		wss[i] = (u64)st->ws_pages[i] << PAGE_SHIFT;
	wsmon_rec_u64(&r, WSMON_PROC_A_PASSES, st->passes);
	wsmon_rec_bytes(&r, WSMON_PROC_A_RSS, st->rss_pages);
	wsmon_rec_bytes(&r, WSMON_PROC_A_PRESENT, st->present_pages);
	wsmon_rec_list(&r, WSMON_PROC_A_WINDOWS, st->windows, st->nr_windows, sizeof(u32));
	wsmon_rec_list(&r, WSMON_PROC_A_WSS, wss, st->nr_windows, sizeof(u64));
	wsmon_rec_bytes(&r, WSMON_PROC_A_WORKING_SET, wsmon_demand_pages(st->demand));
	wsmon_rec_u32(&r, WSMON_PROC_A_KNEE_SAMPLES, st->knee_samples);
	wsmon_rec_bytes(&r, WSMON_PROC_A_KNEE, st->knee_pages);
	wsmon_rec_u64(&r, WSMON_PROC_A_MAJFLT_RATE, st->majflt_rate_milli);
	wsmon_rec_u64(&r, WSMON_PROC_A_MINFLT_RATE, st->minflt_rate_milli);
	wsmon_rec_u64(&r, WSMON_PROC_A_REUSE_SAMPLES, st->reuse_samples);
	wsmon_rec_u32(&r, WSMON_PROC_A_PASS_SAMPLES, st->pass_samples);
	if (st->has_thrash_ns)
		wsmon_rec_u64(&r, WSMON_PROC_A_THRASH_NS, st->thrash_ns);
	if (st->secondary_mmu)
		wsmon_rec_put(&r, WSMON_PROC_A_SECONDARY_MMU, NULL, 0);
	proc->rec_len = r.len;
}
