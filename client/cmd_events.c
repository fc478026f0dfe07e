// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon events: the module's "events" multicast group, live, one line per
 * event (or one JSON object per line): every finished sample, every
 * change of the thrash state and every kill.  Ends on SIGINT/SIGTERM, after --count
 * events, or with an error after --timeout seconds without one.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "options.h"
#include "kill.h"
#include "output.h"
#include "stats.h"

struct ev_state {
	long count;		/* events still wanted; -1: no limit */
	bool states_only;
	uint32_t last_state;
	int bad;
};

static volatile sig_atomic_t ev_stop;

static void ev_signal(int sig)
{
	(void)sig;
	ev_stop = 1;
}

static const char *const ev_names[] = {
	[WSMON_EVENT_SAMPLE] = "sample", [WSMON_EVENT_STATE] = "state",
	[WSMON_EVENT_KILL] = "kill",
};

static void ev_print(const struct wsmon_stats *st, uint32_t prev,
		     const struct kill_victim *victim)
{
	char when[40];

	wsmon_rfc3339(when, sizeof(when));

	out_open_object(NULL);
	print_string(PRINT_ANY, "time", "%s", when);
	print_string(PRINT_ANY, "event", " %-6s", ev_names[st->event_type]);
	print_u64(PRINT_ANY, "samples", " #%" PRIu64, st->samples);
	if (st->event_type == WSMON_EVENT_STATE)
		print_string(PRINT_ANY, "from", " %s ->", stats_state_name(prev));
	print_string(PRINT_ANY, "state", " %s", stats_state_name(st->state));
	if (victim) {
		print_text(" killed ");
		out_open_object("victim");
		kill_print_victim(victim);
		out_close_object();
	}
	print_double(PRINT_ANY, "demand", " demand %.2f", st->demand_milli / 1000.0);
	print_size(PRINT_ANY, "demand_bytes", " (%s", st->demand_bytes);
	print_size(PRINT_ANY, "user_mem", " / %s)", st->user_mem);
	print_double(PRINT_ANY, "swpin", " swpin/s %.0f", st->rates[1]);
	print_double(PRINT_ANY, "swpout", " swpout/s %.0f", st->rates[2]);
	print_double(PRINT_ANY, "refault", " refault/s %.0f", st->rates[3] + st->rates[4]);
	print_double(PRINT_ANY, "majflt", " majflt/s %.0f", st->rates[0]);
	print_size(PRINT_ANY, "mem_available", " avail %s\n", st->mem_available);
	out_close_object();
}

static int ev_cb(struct nlmsghdr *nlh, void *arg)
{
	struct ev_state *s = arg;
	struct kill_victim v;
	struct wsmon_stats st;
	const char *why;
	uint32_t prev;

	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd != WSMON_CMD_EVENT)
		return 0;
	if (wsmon_stats_parse(nlh, &st, &why) ||
	    st.event_type >= sizeof(ev_names) / sizeof(ev_names[0]) ||
	    !ev_names[st.event_type]) {
		s->bad++;
		return 0;
	}
	if (st.event_type == WSMON_EVENT_KILL && kill_victim_parse(nlh, &v, &why)) {
		s->bad++;
		return 0;
	}
	prev = s->last_state;
	s->last_state = st.state;
	if (s->states_only && st.event_type == WSMON_EVENT_SAMPLE)
		return 0;
	if (s->count == 0)
		return 0;
	out_init(stdout, out_is_json());
	ev_print(&st, prev, st.event_type == WSMON_EVENT_KILL ? &v : NULL);
	out_finish();
	fflush(stdout);
	if (s->count > 0)
		s->count--;
	return 0;
}

int cmd_events(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("events");
	struct cli_parse cp = { .started = 0 };
	struct ev_state s = { .count = -1 };
	struct sigaction sa = { .sa_handler = ev_signal };	/* no SA_RESTART */
	struct wsmon_stats st;
	struct wsmon_nl nl;
	long timeout = -1;
	char *end;
	int c, err;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'c':
		case 't': {
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || !*optarg || v < 1 || v > 86400) {
				wsmon_error("events: --%s takes a number from 1 to 86400, not '%s'",
					    c == 'c' ? "count" : "timeout", optarg);
				return WSMON_EXIT_USAGE;
			}
			if (c == 'c')
				s.count = v;
			else
				timeout = v;
			break;
		}
		case 'S':
			s.states_only = true;
			break;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("events: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	err = wsmon_get_stats(&nl, &st);
	if (!err)
		err = wsmon_nl_subscribe(&nl, WSMON_GENL_MCGRP_EVENTS);
	/* kills carry host PIDs: their group is for CAP_SYS_ADMIN only */
	if (!err && wsmon_nl_subscribe(&nl, WSMON_GENL_MCGRP_KILLS) == -EPERM)
		wsmon_error("events: kills are not shown: their group needs CAP_SYS_ADMIN");
	if (err) {
		wsmon_request_error(&nl, "events", err);
		wsmon_nl_close(&nl);
		return wsmon_exit_code(err);
	}
	s.last_state = st.state;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	out_init(stdout, opts->json);
	while (!ev_stop && s.count != 0) {
		err = wsmon_nl_receive(&nl, timeout > 0 ? (int)timeout * 1000 : -1, ev_cb, &s);
		if (err == -EINTR)
			continue;
		if (err == -ETIMEDOUT) {
			wsmon_error("events: no event within %ld s", timeout);
			break;
		}
		if (err < 0) {
			wsmon_error("events: receiving: %s", strerror(-err));
			break;
		}
	}
	wsmon_nl_close(&nl);
	if (s.bad)
		wsmon_error("events: %d malformed events ignored", s.bad);
	return err && err != -EINTR ? WSMON_EXIT_FAIL : WSMON_EXIT_OK;
}
