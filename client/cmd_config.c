// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon config: change the sampler (CAP_SYS_ADMIN).  Without options it
 * prints the configuration, as part of `wsmon status`.
 */
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "options.h"
#include "stats.h"

#define CFG_MAX_LIST 1024

struct cfg_req {
	long sample_ms;		/* -1: unchanged */
	long budget;
	int flush;		/* -1: unchanged */
	int nr_windows;		/* -1: unchanged */
	uint32_t windows[16];
	int nr_pids;		/* -1: unchanged, 0: all */
	uint32_t pids[CFG_MAX_LIST];
	long rules[7];		/* in cfg_rules order; -1: unchanged */
};

/* The thrash rules: option, attribute, and whether it is a ratio. */
static const struct {
	const char *name;
	int attr;
	bool ratio;		/* given as 1.25, sent in thousandths */
} cfg_rules[7] = {
	{ "demand-window", WSMON_A_DEMAND_WINDOW, false },
	{ "pressure", WSMON_A_PRESSURE_DEMAND, true },
	{ "thrash", WSMON_A_THRASH_DEMAND, true },
	{ "thrash-rate", WSMON_A_THRASH_RATE, false },
	{ "enter", WSMON_A_ENTER_SAMPLES, false },
	{ "leave", WSMON_A_LEAVE_SAMPLES, false },
	{ "imminent-ms", WSMON_A_IMMINENT_MS, false },
};

#define CFG_RULE_OPT 0x100	/* getopt value of cfg_rules[0] */
#define CFG_NR_RULES (sizeof(cfg_rules) / sizeof(cfg_rules[0]))

/* "1,2,5" into @v; returns the count or -1. */
int parse_u32_list(const char *s, uint32_t *v, int max)
{
	int n = 0;
	char *end;
	unsigned long x;

	if (!*s)
		return -1;
	for (;;) {
		if (n == max || *s < '0' || *s > '9')
			return -1;
		errno = 0;
		x = strtoul(s, &end, 10);
		if (errno || x > UINT32_MAX)
			return -1;
		v[n++] = (uint32_t)x;
		if (!*end)
			return n;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

static int put_list(struct nl_msg *msg, int attr, const uint32_t *v, int n)
{
	struct nlattr *nest = nla_nest_start(msg, attr);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u32(msg, WSMON_LIST_ENTRY, v[i]))
			return -EMSGSIZE;
	nla_nest_end_keep_empty(msg, nest);	/* empty: track all */
	return 0;
}

static int fill_config(struct nl_msg *msg, void *arg)
{
	struct cfg_req *r = arg;

	if (r->sample_ms >= 0 && nla_put_u32(msg, WSMON_A_SAMPLE_MS, r->sample_ms))
		return -EMSGSIZE;
	if (r->budget >= 0 && nla_put_u32(msg, WSMON_A_SCAN_BUDGET, r->budget))
		return -EMSGSIZE;
	if (r->flush >= 0 && nla_put_u32(msg, WSMON_A_FLUSH, r->flush))
		return -EMSGSIZE;
	if (r->nr_windows >= 0 &&
	    put_list(msg, WSMON_A_WINDOWS, r->windows, r->nr_windows))
		return -EMSGSIZE;
	if (r->nr_pids >= 0 && put_list(msg, WSMON_A_TRACK_PIDS, r->pids, r->nr_pids))
		return -EMSGSIZE;
	for (size_t i = 0; i < sizeof(cfg_rules) / sizeof(cfg_rules[0]); i++)
		if (r->rules[i] >= 0 && nla_put_u32(msg, cfg_rules[i].attr, r->rules[i]))
			return -EMSGSIZE;
	return 0;
}

/* "1.25" into 1250; -1 when malformed or out of range. */
static long parse_ratio(const char *opt, const char *s)
{
	double v;

	if (parse_double(s, 0, 1000, &v)) {
		wsmon_error("config: --%s takes a ratio such as 0.8 or 1.25, not '%s'", opt, s);
		return -1;
	}
	return (long)(v * 1000.0 + 0.5);
}

static long parse_num(const char *opt, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || !*s || v < 0 || v > UINT32_MAX) {
		wsmon_error("config: %s takes a number, not '%s'", opt, s);
		return -1;
	}
	return v;
}

int cmd_config(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("config");
	struct cli_parse cp = { .started = 0 };
	static struct cfg_req r;
	struct wsmon_nl nl;
	int c, err, changes = 0;

	memset(&r, 0, sizeof(r));
	r.sample_ms = r.budget = -1;
	r.nr_windows = r.nr_pids = r.flush = -1;
	for (c = 0; c < (int)CFG_NR_RULES; c++)
		r.rules[c] = -1;
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 's':
			r.sample_ms = parse_num("--sample-ms", optarg);
			if (r.sample_ms < 0)
				return WSMON_EXIT_USAGE;
			break;
		case 'b':
			r.budget = parse_num("--scan-budget", optarg);
			if (r.budget < 0)
				return WSMON_EXIT_USAGE;
			break;
		case 'f':
			r.flush = stats_flush_parse(optarg);
			if (r.flush < 0) {
				wsmon_error("config: --flush takes none, mm or all, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'w':
			r.nr_windows = parse_u32_list(optarg, r.windows, 16);
			if (r.nr_windows < 0) {
				wsmon_error("config: --windows takes up to 16 numbers like 1,2,5,10, not '%s'",
					    optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'i':
			r.nr_pids = parse_u32_list(optarg, r.pids, CFG_MAX_LIST);
			if (r.nr_pids < 0) {
				wsmon_error("config: --pids takes PIDs like 1,42, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'a':
			r.nr_pids = 0;
			break;
		case CFG_RULE_OPT ... CFG_RULE_OPT + CFG_NR_RULES - 1: {
			int i = c - CFG_RULE_OPT;
			char opt[32];

			snprintf(opt, sizeof(opt), "--%s", cfg_rules[i].name);
			r.rules[i] = cfg_rules[i].ratio ? parse_ratio(cfg_rules[i].name, optarg) :
							  parse_num(opt, optarg);
			if (r.rules[i] < 0)
				return WSMON_EXIT_USAGE;
			break;
		}
		}
		changes++;
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("config: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	if (!changes) {
		char *sargv[] = { "status", opts->json ? "--json" : NULL, NULL };

		return cmd_status(opts, opts->json ? 2 : 1, sargv);
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	err = wsmon_nl_request(&nl, WSMON_CMD_SET_CONFIG, 0, fill_config, &r, NULL, NULL);
	if (err)
		wsmon_request_error(&nl, "config", err);
	wsmon_nl_close(&nl);
	return wsmon_exit_code(err);
}
