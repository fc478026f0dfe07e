/* SPDX-License-Identifier: GPL-2.0 */
/* GET_STATS: the reply as a struct, and its parser. */
#ifndef WSMON_STATS_H
#define WSMON_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#include <linux/wsmon.h>

#define STATS_NR_RATES (WSMON_RATE_A_MAX - WSMON_RATE_A_MAJFLT + 1)

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
	uint32_t track_hidden;		/* tracked PIDs not shown to us */
	uint32_t tracked;
	uint64_t samples;
	uint64_t sample_ns;
	uint64_t sample_pages;		/* budget used: entries visited */
	uint64_t sample_tables;		/* PTE tables read */
	uint64_t sample_skipped;	/* PTE tables skipped as idle */
	uint32_t flush;			/* enum wsmon_flush */
	uint32_t flush_cpus;		/* CPUs the last sample flushed */
	uint32_t max_stale;		/* samples */
	uint64_t budget_exhausted;
	uint64_t lock_busy;		/* processes put off: mmap_lock busy */
	bool has_idle_refs;		/* the kernel has PG_idle */
	uint64_t idle_refs;		/* references taken from PG_idle */
	uint64_t alloc_failed;	/* allocations refused: cgroup full */
	uint64_t age_bytes;
	char reclaim_mode[32];
	char flush_method[32];		/* how this kernel flushes, or "unavailable" */
	char flush_why[256];
	/* thrash statistics (has_thrash: the module sends them) */
	int has_thrash;
	uint32_t state;			/* enum wsmon_state */
	uint64_t state_since;		/* sample */
	uint32_t demand_milli;
	uint64_t demand_bytes;
	uint64_t user_mem;
	/* per second, in enum wsmon_rate_attr order from MAJFLT */
	double rates[STATS_NR_RATES];
	double rates_avg[STATS_NR_RATES];
	int has_counters;
	double counters[STATS_NR_RATES];	/* the kernel's, at the last sample */
	uint32_t demand_window;
	uint32_t pressure_demand;
	uint32_t thrash_demand;
	uint32_t thrash_rate;
	uint32_t enter_samples;
	uint32_t leave_samples;
	uint32_t imminent_ms;		/* exhaustion bar; 0: off */
	int64_t exhaust_ms;		/* until memory + swap are gone; -1: not falling */
	int has_kills;			/* the module counts its kills */
	uint64_t kills[WSMON_POLICY_MAX + 1];	/* processes KILL signalled, by policy */
	int has_state_entries;
	uint64_t state_entries[WSMON_STATE_MAX + 1];	/* times each state was entered */
	uint32_t event_type;		/* events only: enum wsmon_event */
};

/* "none", "mm", "all" */
const char *stats_flush_name(uint32_t flush);
/* enum wsmon_flush of a name, or -1 */
int stats_flush_parse(const char *name);
/* "ok", "pressure", "thrashing" */
const char *stats_state_name(uint32_t state);
/* JSON keys of the rates, in enum wsmon_rate_attr order from MAJFLT */
extern const char *const stats_rate_names[STATS_NR_RATES];

struct wsmon_nl;
/* GET_STATS round trip; prints nothing.  0 or -errno. */
int wsmon_get_stats(struct wsmon_nl *nl, struct wsmon_stats *st);

/*
 * Waiting for the next sample.  The module sends a sample's event after
 * its figures change, so an event queued while the figures were read may
 * be of the sample just read: it does not count.  "Another sample", not "a
 * later one": after a reload the count starts again from 0.
 */
struct sample_wait {
	uint64_t seen;		/* the sample the figures in hand are of */
	int got;		/* set: an event of another sample came */
};

/*
 * A wsmon_nl_receive() callback (@arg a struct sample_wait): sets got when
 * the message is the event of a sample (not of a state change or a kill)
 * other than seen.
 */
int stats_sample_event(struct nlmsghdr *nlh, void *arg);

/*
 * Parse a GET_STATS reply.  Returns 0, or -EINVAL when it is malformed or
 * lacks an attribute the family always sends (the message says which in
 * *why).
 */
int wsmon_stats_parse(struct nlmsghdr *nlh, struct wsmon_stats *st,
		      const char **why);

#endif
