// SPDX-License-Identifier: GPL-2.0
/* Parse the swap map replies; the occupancy of an area. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "output.h"
#include "swapmap.h"

static struct nla_policy top_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_SWAP_FREE]	= { .type = NLA_U64 },
	[WSMON_A_PROC]		= { .type = NLA_NESTED },
	[WSMON_A_SWAP_AREA]	= { .type = NLA_NESTED },
	[WSMON_A_SWAP_EXTENT]	= { .type = NLA_NESTED },
};

static struct nla_policy area_policy[WSMON_SWAP_AREA_A_MAX + 1] = {
	[WSMON_SWAP_AREA_A_TYPE]	= { .type = NLA_U32 },
	[WSMON_SWAP_AREA_A_SLOTS]	= { .type = NLA_U64 },
	[WSMON_SWAP_AREA_A_MAPPED]	= { .type = NLA_U64 },
	[WSMON_SWAP_AREA_A_OWNERS]	= { .type = NLA_U32 },
	[WSMON_SWAP_AREA_A_RUNS]	= { .type = NLA_U64 },
	[WSMON_SWAP_AREA_A_LOWEST]	= { .type = NLA_U64 },
	[WSMON_SWAP_AREA_A_HIGHEST]	= { .type = NLA_U64 },
	[WSMON_SWAP_AREA_A_TOP]		= { .type = NLA_NESTED },
};

static struct nla_policy owner_policy[WSMON_PROC_A_MAX + 1] = {
	[WSMON_PROC_A_PID]	= { .type = NLA_U32 },
	[WSMON_PROC_A_COMM]	= { .type = NLA_STRING, .maxlen = 16 },
	[WSMON_PROC_A_UID]	= { .type = NLA_U32 },
	[WSMON_PROC_A_SWAP]	= { .type = NLA_U64 },
};

static struct nla_policy extent_policy[WSMON_SWAP_EXTENT_A_MAX + 1] = {
	[WSMON_SWAP_EXTENT_A_START]	= { .type = NLA_U64 },
	[WSMON_SWAP_EXTENT_A_PAGES]	= { .type = NLA_U64 },
	[WSMON_SWAP_EXTENT_A_TYPE]	= { .type = NLA_U32 },
	[WSMON_SWAP_EXTENT_A_OFFSET]	= { .type = NLA_U64 },
};

static int owner_parse(struct nlattr *nest, struct swap_owner *o)
{
	struct nlattr *tb[WSMON_PROC_A_MAX + 1];

	if (nla_parse_nested(tb, WSMON_PROC_A_MAX, nest, owner_policy) < 0 ||
	    !tb[WSMON_PROC_A_PID] || !tb[WSMON_PROC_A_COMM] || !tb[WSMON_PROC_A_SWAP])
		return -EINVAL;
	o->pid = nla_get_u32(tb[WSMON_PROC_A_PID]);
	o->uid = tb[WSMON_PROC_A_UID] ? nla_get_u32(tb[WSMON_PROC_A_UID]) : 0;
	snprintf(o->comm, sizeof(o->comm), "%s", nla_get_string(tb[WSMON_PROC_A_COMM]));
	text_sanitize(o->comm);
	o->bytes = nla_get_u64(tb[WSMON_PROC_A_SWAP]);
	return 0;
}

static int area_parse(struct nlattr *nest, struct swap_area_stat *a)
{
	static const int required[] = {
		WSMON_SWAP_AREA_A_TYPE, WSMON_SWAP_AREA_A_SLOTS, WSMON_SWAP_AREA_A_MAPPED,
		WSMON_SWAP_AREA_A_OWNERS, WSMON_SWAP_AREA_A_RUNS,
		WSMON_SWAP_AREA_A_LOWEST, WSMON_SWAP_AREA_A_HIGHEST,
	};
	struct nlattr *tb[WSMON_SWAP_AREA_A_MAX + 1], *o;
	size_t i;
	int rem;

	memset(a, 0, sizeof(*a));
	if (nla_parse_nested(tb, WSMON_SWAP_AREA_A_MAX, nest, area_policy) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!tb[required[i]])
			return -EINVAL;
	a->type = nla_get_u32(tb[WSMON_SWAP_AREA_A_TYPE]);
	a->slots = nla_get_u64(tb[WSMON_SWAP_AREA_A_SLOTS]);
	a->mapped = nla_get_u64(tb[WSMON_SWAP_AREA_A_MAPPED]);
	a->owners = nla_get_u32(tb[WSMON_SWAP_AREA_A_OWNERS]);
	a->runs = nla_get_u64(tb[WSMON_SWAP_AREA_A_RUNS]);
	a->lowest = nla_get_u64(tb[WSMON_SWAP_AREA_A_LOWEST]);
	a->highest = nla_get_u64(tb[WSMON_SWAP_AREA_A_HIGHEST]);
	if (tb[WSMON_SWAP_AREA_A_TOP])
		nla_for_each_nested(o, tb[WSMON_SWAP_AREA_A_TOP], rem) {
			if (nla_type(o) != WSMON_A_PROC || a->nr_top == SWAP_TOP ||
			    owner_parse(o, &a->top[a->nr_top]))
				return -EINVAL;
			a->nr_top++;
		}
	return 0;
}

int swap_summary_parse(struct nlmsghdr *nlh, struct swap_summary *s,
		       const char **why)
{
	struct nlattr *a;
	int rem;

	memset(s, 0, sizeof(*s));
	*why = "malformed GET_SWAP reply";
	if (genlmsg_validate(nlh, 0, WSMON_A_MAX, top_policy) < 0)
		return -EINVAL;
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) == WSMON_A_SWAP_FREE) {
			s->swap_free = nla_get_u64(a);
		} else if (nla_type(a) == WSMON_A_SWAP_AREA) {
			if (s->nr_areas == SWAP_MAX_TYPES ||
			    area_parse(a, &s->areas[s->nr_areas]))
				return -EINVAL;
			s->nr_areas++;
		}
	}
	*why = NULL;
	return 0;
}

int swapmap_parse(struct nlmsghdr *nlh, struct swap_owner *who,
		  struct swap_extent **ext, size_t *n, const char **why)
{
	struct nlattr *a, *tb[WSMON_SWAP_EXTENT_A_MAX + 1];
	int rem, got_proc = 0;

	*why = "malformed GET_SWAPMAP message";
	if (genlmsg_validate(nlh, 0, WSMON_A_MAX, top_policy) < 0)
		return -EINVAL;
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) == WSMON_A_PROC) {
			if (owner_parse(a, who))
				return -EINVAL;
			got_proc = 1;
		} else if (nla_type(a) == WSMON_A_SWAP_EXTENT) {
			struct swap_extent *e;

			if (nla_parse_nested(tb, WSMON_SWAP_EXTENT_A_MAX, a, extent_policy) < 0 ||
			    !tb[WSMON_SWAP_EXTENT_A_START] || !tb[WSMON_SWAP_EXTENT_A_PAGES] ||
			    !tb[WSMON_SWAP_EXTENT_A_TYPE] || !tb[WSMON_SWAP_EXTENT_A_OFFSET])
				return -EINVAL;
			if ((*n & (*n - 1)) == 0) {	/* 0, 1, 2, 4 ...: grow */
				e = realloc(*ext, (*n ? *n * 2 : 64) * sizeof(**ext));
				if (!e)
					return -ENOMEM;
				*ext = e;
			}
			e = &(*ext)[(*n)++];
			e->start = nla_get_u64(tb[WSMON_SWAP_EXTENT_A_START]);
			e->pages = nla_get_u64(tb[WSMON_SWAP_EXTENT_A_PAGES]);
			e->type = nla_get_u32(tb[WSMON_SWAP_EXTENT_A_TYPE]);
			e->offset = nla_get_u64(tb[WSMON_SWAP_EXTENT_A_OFFSET]);
		}
	}
	if (!got_proc)
		return -EINVAL;
	*why = NULL;
	return 0;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct swap_extent *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

void swap_occupancy(const struct swap_extent *ext, size_t n, uint32_t type,
		    uint64_t slots, uint64_t *bucket)
{
	struct swap_extent *v;
	uint64_t end = 0, per, s, from, to;
	size_t i, m = 0;

	memset(bucket, 0, SWAP_BUCKETS * sizeof(*bucket));
	if (!slots)
		return;
	per = (slots + SWAP_BUCKETS - 1) / SWAP_BUCKETS;
	v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return;
	for (i = 0; i < n; i++)
		if (ext[i].type == type)
			v[m++] = ext[i];
	qsort(v, m, sizeof(*v), slot_cmp);
	/* each slot once: count only what lies past the end seen so far */
	for (i = 0; i < m; i++) {
		from = v[i].offset > end ? v[i].offset : end;
		to = v[i].offset + v[i].pages;
		for (s = from; s < to && s < slots; ) {
			uint64_t b = s / per, stop = (b + 1) * per;

			if (stop > to)
				stop = to;
			bucket[b] += stop - s;
			s = stop;
		}
		if (to > end)
			end = to;
	}
	free(v);
}
