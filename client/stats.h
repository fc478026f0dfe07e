/* SPDX-License-Identifier: GPL-2.0 */
/* GET_STATS: the reply as a struct, and its parser. */
#ifndef WSMON_STATS_H
#define WSMON_STATS_H

#include <stdint.h>
#include <netlink/msg.h>

struct wsmon_stats {
	char module_version[32];
	char kernel_release[65];
	uint32_t page_size;
	uint64_t mem_total;
	uint64_t mem_free;
	uint64_t mem_available;
	uint64_t swap_free;
};

/*
 * Parse a GET_STATS reply.  Returns 0, or -EINVAL when it is malformed or
 * lacks an attribute the family always sends (the message says which in
 * *why).
 */
int wsmon_stats_parse(struct nlmsghdr *nlh, struct wsmon_stats *st,
		      const char **why);

#endif
