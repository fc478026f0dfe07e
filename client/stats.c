// SPDX-License-Identifier: GPL-2.0
/* Parse the GET_STATS reply into struct wsmon_stats. */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "nl.h"
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
	[WSMON_A_SAMPLE_MS]		= { .type = NLA_U32 },
	[WSMON_A_SCAN_BUDGET]		= { .type = NLA_U32 },
	[WSMON_A_WINDOWS]		= { .type = NLA_NESTED },
	[WSMON_A_TRACK_PIDS]		= { .type = NLA_NESTED },
	[WSMON_A_TRACKED]		= { .type = NLA_U32 },
	[WSMON_A_SAMPLES]		= { .type = NLA_U64 },
	[WSMON_A_SAMPLE_NS]		= { .type = NLA_U64 },
	[WSMON_A_SAMPLE_PAGES]		= { .type = NLA_U64 },
	[WSMON_A_BUDGET_EXHAUSTED]	= { .type = NLA_U64 },
	[WSMON_A_AGE_BYTES]		= { .type = NLA_U64 },
	[WSMON_A_RECLAIM_MODE]		= { .type = NLA_STRING, .maxlen = 32 },
	[WSMON_A_STATE]			= { .type = NLA_U32 },
	[WSMON_A_STATE_SINCE]		= { .type = NLA_U64 },
	[WSMON_A_DEMAND]		= { .type = NLA_U32 },
	[WSMON_A_DEMAND_BYTES]		= { .type = NLA_U64 },
	[WSMON_A_USER_MEM]		= { .type = NLA_U64 },
	[WSMON_A_RATES]			= { .type = NLA_NESTED },
	[WSMON_A_RATES_AVG]		= { .type = NLA_NESTED },
	[WSMON_A_DEMAND_WINDOW]		= { .type = NLA_U32 },
	[WSMON_A_PRESSURE_DEMAND]	= { .type = NLA_U32 },
	[WSMON_A_THRASH_DEMAND]		= { .type = NLA_U32 },
	[WSMON_A_THRASH_RATE]		= { .type = NLA_U32 },
	[WSMON_A_ENTER_SAMPLES]		= { .type = NLA_U32 },
	[WSMON_A_LEAVE_SAMPLES]		= { .type = NLA_U32 },
	[WSMON_A_EVENT_TYPE]		= { .type = NLA_U32 },
	[WSMON_A_FLUSH]			= { .type = NLA_U32 },
	[WSMON_A_FLUSH_CPUS]		= { .type = NLA_U32 },
	[WSMON_A_SAMPLE_SKIPPED]	= { .type = NLA_U64 },
	[WSMON_A_SAMPLE_TABLES]		= { .type = NLA_U64 },
	[WSMON_A_MAX_STALE]		= { .type = NLA_U32 },
	[WSMON_A_IMMINENT_MS]		= { .type = NLA_U32 },
	[WSMON_A_EXHAUST_MS]		= { .type = NLA_U32 },
	[WSMON_A_KILLS]			= { .type = NLA_NESTED },
	[WSMON_A_FLUSH_METHOD]		= { .type = NLA_STRING, .maxlen = 32 },
	[WSMON_A_FLUSH_WHY]		= { .type = NLA_STRING, .maxlen = 256 },
	[WSMON_A_LOCK_BUSY]		= { .type = NLA_U64 },
	[WSMON_A_IDLE_REFS]		= { .type = NLA_U64 },
	[WSMON_A_ALLOC_FAILED]	= { .type = NLA_U64 },
	[WSMON_A_TRACK_HIDDEN]		= { .type = NLA_U32 },
	[WSMON_A_STATE_ENTRIES]		= { .type = NLA_NESTED },
	[WSMON_A_COUNTERS]		= { .type = NLA_NESTED },
};

static const char *const flush_names[] = {
	[WSMON_FLUSH_NONE] = "none",
	[WSMON_FLUSH_MM] = "mm",
	[WSMON_FLUSH_ALL] = "all",
};

const char *stats_flush_name(uint32_t flush)
{
	return flush <= WSMON_FLUSH_ALL ? flush_names[flush] : "unknown";
}

int stats_flush_parse(const char *name)
{
	int i;

	for (i = WSMON_FLUSH_NONE; i <= WSMON_FLUSH_ALL; i++)
		if (!strcmp(name, flush_names[i]))
			return i;
	return -1;
}

const char *const stats_rate_names[STATS_NR_RATES] = {
	"majflt", "swpin", "swpout", "refault_anon", "refault_file",
	"activate_anon", "activate_file", "restore_anon", "restore_file",
};

const char *stats_state_name(uint32_t state)
{
	switch (state) {
	case WSMON_STATE_OK:
		return "ok";
	case WSMON_STATE_PRESSURE:
		return "pressure";
	case WSMON_STATE_THRASHING:
		return "thrashing";
	case WSMON_STATE_OOM_IMMINENT:
		return "oom-imminent";
	}
	return "unknown";
}

/* A RATES nest (per 1000 s) into per-second figures, or COUNTERS (@per 1). */
static int parse_rates(struct nlattr *nest, double *out, double per)
{
	static struct nla_policy pol[WSMON_RATE_A_MAX + 1];
	struct nlattr *tb[WSMON_RATE_A_MAX + 1];
	int i;

	for (i = WSMON_RATE_A_MAJFLT; i <= WSMON_RATE_A_MAX; i++)
		pol[i].type = NLA_U64;
	if (nla_parse_nested(tb, WSMON_RATE_A_MAX, nest, pol) < 0)
		return -1;
	for (i = WSMON_RATE_A_MAJFLT; i <= WSMON_RATE_A_MAX; i++)
		out[i - WSMON_RATE_A_MAJFLT] = tb[i] ? nla_get_u64(tb[i]) / per : 0;
	return 0;
}

static uint32_t get_u32_or(struct nlattr *a, uint32_t def)
{
	return a ? nla_get_u32(a) : def;
}

static uint64_t get_u64_or(struct nlattr *a, uint64_t def)
{
	return a ? nla_get_u64(a) : def;
}

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
	int n;

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

	/* the sampler's figures (absent from a foundation-only module) */
	if (tb[WSMON_A_SAMPLE_MS])
		st->sample_ms = nla_get_u32(tb[WSMON_A_SAMPLE_MS]);
	if (tb[WSMON_A_SCAN_BUDGET])
		st->scan_budget = nla_get_u32(tb[WSMON_A_SCAN_BUDGET]);
	st->flush = get_u32_or(tb[WSMON_A_FLUSH], WSMON_FLUSH_ALL);
	st->flush_cpus = get_u32_or(tb[WSMON_A_FLUSH_CPUS], 0);
	st->max_stale = get_u32_or(tb[WSMON_A_MAX_STALE], 0);
	st->sample_tables = get_u64_or(tb[WSMON_A_SAMPLE_TABLES], 0);
	st->sample_skipped = get_u64_or(tb[WSMON_A_SAMPLE_SKIPPED], 0);
	if (tb[WSMON_A_WINDOWS]) {
		n = wsmon_nl_list(tb[WSMON_A_WINDOWS], st->windows, sizeof(uint32_t), 16);
		if (n < 0)
			goto bad_list;
		st->nr_windows = n;
	}
	if (tb[WSMON_A_TRACK_PIDS]) {
		n = wsmon_nl_list(tb[WSMON_A_TRACK_PIDS], st->pids, sizeof(uint32_t), 1024);
		if (n < 0)
			goto bad_list;
		st->nr_pids = n;
	}
	if (tb[WSMON_A_TRACKED])
		st->tracked = nla_get_u32(tb[WSMON_A_TRACKED]);
	if (tb[WSMON_A_SAMPLES])
		st->samples = nla_get_u64(tb[WSMON_A_SAMPLES]);
	if (tb[WSMON_A_SAMPLE_NS])
		st->sample_ns = nla_get_u64(tb[WSMON_A_SAMPLE_NS]);
	if (tb[WSMON_A_SAMPLE_PAGES])
		st->sample_pages = nla_get_u64(tb[WSMON_A_SAMPLE_PAGES]);
	if (tb[WSMON_A_BUDGET_EXHAUSTED])
		st->budget_exhausted = nla_get_u64(tb[WSMON_A_BUDGET_EXHAUSTED]);
	st->track_hidden = get_u32_or(tb[WSMON_A_TRACK_HIDDEN], 0);
	st->lock_busy = get_u64_or(tb[WSMON_A_LOCK_BUSY], 0);
	st->has_idle_refs = tb[WSMON_A_IDLE_REFS] != NULL;
	st->idle_refs = get_u64_or(tb[WSMON_A_IDLE_REFS], 0);
	st->alloc_failed = get_u64_or(tb[WSMON_A_ALLOC_FAILED], 0);
	if (tb[WSMON_A_AGE_BYTES])
		st->age_bytes = nla_get_u64(tb[WSMON_A_AGE_BYTES]);
	if (tb[WSMON_A_RECLAIM_MODE])
		snprintf(st->reclaim_mode, sizeof(st->reclaim_mode), "%s",
			 nla_get_string(tb[WSMON_A_RECLAIM_MODE]));
	if (tb[WSMON_A_FLUSH_METHOD])
		snprintf(st->flush_method, sizeof(st->flush_method), "%s",
			 nla_get_string(tb[WSMON_A_FLUSH_METHOD]));
	if (tb[WSMON_A_FLUSH_WHY])
		snprintf(st->flush_why, sizeof(st->flush_why), "%s",
			 nla_get_string(tb[WSMON_A_FLUSH_WHY]));

	st->has_thrash = tb[WSMON_A_STATE] != NULL;
	st->state = get_u32_or(tb[WSMON_A_STATE], 0);
	st->state_since = get_u64_or(tb[WSMON_A_STATE_SINCE], 0);
	st->demand_milli = get_u32_or(tb[WSMON_A_DEMAND], 0);
	st->demand_bytes = get_u64_or(tb[WSMON_A_DEMAND_BYTES], 0);
	st->user_mem = get_u64_or(tb[WSMON_A_USER_MEM], 0);
	st->has_counters = tb[WSMON_A_COUNTERS] != NULL;
	if ((tb[WSMON_A_RATES] && parse_rates(tb[WSMON_A_RATES], st->rates, 1000.0)) ||
	    (tb[WSMON_A_RATES_AVG] && parse_rates(tb[WSMON_A_RATES_AVG], st->rates_avg, 1000.0)) ||
	    (st->has_counters && parse_rates(tb[WSMON_A_COUNTERS], st->counters, 1.0))) {
		*why = "malformed rates";
		return -EINVAL;
	}
	st->demand_window = get_u32_or(tb[WSMON_A_DEMAND_WINDOW], 0);
	st->pressure_demand = get_u32_or(tb[WSMON_A_PRESSURE_DEMAND], 0);
	st->thrash_demand = get_u32_or(tb[WSMON_A_THRASH_DEMAND], 0);
	st->thrash_rate = get_u32_or(tb[WSMON_A_THRASH_RATE], 0);
	st->enter_samples = get_u32_or(tb[WSMON_A_ENTER_SAMPLES], 0);
	st->leave_samples = get_u32_or(tb[WSMON_A_LEAVE_SAMPLES], 0);
	st->imminent_ms = get_u32_or(tb[WSMON_A_IMMINENT_MS], 0);
	st->exhaust_ms = tb[WSMON_A_EXHAUST_MS] ? (int64_t)nla_get_u32(tb[WSMON_A_EXHAUST_MS]) : -1;
	/* one count per policy this client knows; otherwise none shown */
	st->has_kills = tb[WSMON_A_KILLS] &&
			wsmon_nl_list(tb[WSMON_A_KILLS], st->kills, sizeof(st->kills[0]),
				      WSMON_POLICY_MAX + 1) == WSMON_POLICY_MAX + 1;
	st->has_state_entries = tb[WSMON_A_STATE_ENTRIES] &&
		wsmon_nl_list(tb[WSMON_A_STATE_ENTRIES], st->state_entries,
			      sizeof(st->state_entries[0]), WSMON_STATE_MAX + 1) == WSMON_STATE_MAX + 1;
	st->event_type = get_u32_or(tb[WSMON_A_EVENT_TYPE], 0);
	return 0;

bad_list:
	*why = "malformed list attribute";
	return -EINVAL;
}

struct stats_reply {
	struct wsmon_stats *st;
	int got;
};

static int stats_cb(struct nlmsghdr *nlh, void *arg)
{
	struct stats_reply *r = arg;
	const char *why;

	if (wsmon_stats_parse(nlh, r->st, &why))
		return -EBADMSG;
	r->got = 1;
	return 0;
}

int wsmon_get_stats(struct wsmon_nl *nl, struct wsmon_stats *st)
{
	struct stats_reply r = { .st = st };
	int err;

	err = wsmon_nl_request(nl, WSMON_CMD_GET_STATS, 0, NULL, NULL, stats_cb, &r);
	if (!err && !r.got)
		err = -EPROTO;
	return err;
}

int stats_sample_event(struct nlmsghdr *nlh, void *arg)
{
	struct sample_wait *w = arg;
	struct wsmon_stats st;
	const char *why;

	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd == WSMON_CMD_EVENT &&
	    !wsmon_stats_parse(nlh, &st, &why) && st.event_type == WSMON_EVENT_SAMPLE &&
	    st.samples != w->seen)
		w->got = 1;
	return 0;
}
