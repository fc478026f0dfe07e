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
	/* the sampler */
	uint32_t sample_ms;
	uint32_t scan_budget;
	uint32_t nr_windows;
	uint32_t windows[16];
	uint32_t nr_pids;		/* 0: every user process */
	uint32_t pids[1024];
	uint32_t tracked;
	uint64_t samples;
	uint64_t sample_ns;
	uint64_t sample_pages;
	uint64_t budget_exhausted;
	uint64_t age_bytes;
	char reclaim_mode[32];
};

struct wsmon_nl;
/* GET_STATS round trip; prints nothing.  0 or -errno. */
int wsmon_get_stats(struct wsmon_nl *nl, struct wsmon_stats *st);

/*
 * Parse a GET_STATS reply.  Returns 0, or -EINVAL when it is malformed or
 * lacks an attribute the family always sends (the message says which in
 * *why).
 */
int wsmon_stats_parse(struct nlmsghdr *nlh, struct wsmon_stats *st,
		      const char **why);

#endif
