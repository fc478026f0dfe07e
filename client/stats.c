// SPDX-License-Identifier: GPL-2.0
/* Parse the GET_STATS reply into struct wsmon_stats. */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "stats.h"

/* libnl's NLA_STRING requires the NUL; maxlen counts it */
static struct nla_policy stats_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_MODULE_VERSION]	= { .type = NLA_STRING, .maxlen = 32 },
	[WSMON_A_KERNEL_RELEASE]	= { .type = NLA_STRING, .maxlen = 65 },
	[WSMON_A_PAGE_SIZE]		= { .type = NLA_U32 },
	[WSMON_A_MEM_TOTAL]		= { .type = NLA_U64 },
	[WSMON_A_MEM_FREE]		= { .type = NLA_U64 },
	[WSMON_A_MEM_AVAILABLE]		= { .type = NLA_U64 },
	[WSMON_A_SWAP_FREE]		= { .type = NLA_U64 },
};

static const struct {
	int attr;
	const char *name;
} stats_required[] = {
	{ WSMON_A_MODULE_VERSION, "module version" },
	{ WSMON_A_KERNEL_RELEASE, "kernel release" },
	{ WSMON_A_PAGE_SIZE, "page size" },
	{ WSMON_A_MEM_TOTAL, "total memory" },
	{ WSMON_A_MEM_FREE, "free memory" },
	{ WSMON_A_MEM_AVAILABLE, "available memory" },
	{ WSMON_A_SWAP_FREE, "free swap" },
};

int wsmon_stats_parse(struct nlmsghdr *nlh, struct wsmon_stats *st,
		      const char **why)
{
	struct nlattr *tb[WSMON_A_MAX + 1];
	size_t i;

	memset(st, 0, sizeof(*st));
	if (genlmsg_parse(nlh, 0, tb, WSMON_A_MAX, stats_policy) < 0) {
		*why = "malformed GET_STATS reply";
		return -EINVAL;
	}
	for (i = 0; i < sizeof(stats_required) / sizeof(stats_required[0]); i++) {
		if (!tb[stats_required[i].attr]) {
			*why = stats_required[i].name;
			return -EINVAL;
		}
	}
	snprintf(st->module_version, sizeof(st->module_version), "%s",
		 nla_get_string(tb[WSMON_A_MODULE_VERSION]));
	snprintf(st->kernel_release, sizeof(st->kernel_release), "%s",
		 nla_get_string(tb[WSMON_A_KERNEL_RELEASE]));
	st->page_size = nla_get_u32(tb[WSMON_A_PAGE_SIZE]);
	st->mem_total = nla_get_u64(tb[WSMON_A_MEM_TOTAL]);
	st->mem_free = nla_get_u64(tb[WSMON_A_MEM_FREE]);
	st->mem_available = nla_get_u64(tb[WSMON_A_MEM_AVAILABLE]);
	st->swap_free = nla_get_u64(tb[WSMON_A_SWAP_FREE]);
	return 0;
}
