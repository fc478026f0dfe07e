// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon kill [--policy badness|rss|wss] [--dry-run] [--protect NAME|PID]...
 *            [--prefer REGEX] [--avoid REGEX] [--term-grace S] [--no-reap]
 * One OOM-style kill, chosen and done in the kernel (root only).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "options.h"
#include "kill.h"
#include "cgroup.h"
#include "output.h"
#include "victim.h"

int parse_double(const char *s, double lo, double hi, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno || *end || !*s || !(*v >= lo && *v <= hi) ? -1 : 0;
}

int parse_seconds_ms(const char *s, int64_t *ms)
{
	double v;

	if (parse_double(s, 0, 86400, &v))
		return -1;
	*ms = (int64_t)(v * 1000);
	return 0;
}

int kill_option(struct kill_opts *k, int c, const char *arg, const char *cmd)
{
	struct kill_req *r = &k->req;
	const char *why;

	switch (c) {
	case 'P':
		if (kill_policy_parse(arg, &r->policy)) {
			wsmon_error("%s: unknown policy '%s' (badness, rss or wss)", cmd, arg);
			return WSMON_EXIT_USAGE;
		}
		return 0;
	case 'n':
		r->dry_run = true;
		return 0;
	case 'T':
		if (kill_protect_add(r, arg, &why)) {
			wsmon_error("%s: --protect '%s': %s", cmd, arg, why);
			return WSMON_EXIT_USAGE;
		}
		return 0;
	case 'F':
	case 'V':
		if (kill_match_set(c == 'F' ? &r->prefer : &r->avoid, arg, &why)) {
			wsmon_error("%s: --%s '%s': %s", cmd, c == 'F' ? "prefer" : "avoid", arg, why);
			return WSMON_EXIT_USAGE;
		}
		return 0;
	case 'G':
		if (parse_seconds_ms(arg, &k->grace_ms)) {
			wsmon_error("%s: --term-grace takes seconds (0 to 86400), not '%s'", cmd, arg);
			return WSMON_EXIT_USAGE;
		}
		return 0;
	case 'N':
		k->no_reap = true;
		return 0;
	case 'S':
		if (strcmp(arg, "process") && strcmp(arg, "cgroup")) {
			wsmon_error("%s: --scope is process or cgroup, not '%s'", cmd, arg);
			return WSMON_EXIT_USAGE;
		}
		k->cgroup = !strcmp(arg, "cgroup");
		return 0;
	}
	return -1;
}

/* --scope cgroup: a whole group, chosen by the sums of its processes */
static int kill_cgroup(struct wsmon_opts *opts, struct kill_opts *k)
{
	struct cg_sum g;
	const char *why;
	bool killed;
	int err;

	if (geteuid()) {
		wsmon_error("kill: --scope cgroup needs root (it reads every process and writes cgroup.kill)");
		return WSMON_EXIT_PERM;
	}
	err = cg_carry_out(&k->req, &g, &killed, &why);
	if (err) {
		wsmon_error("kill: %s", why ? why : strerror(-err));
		return wsmon_exit_code(err);
	}
	out_init(stdout, opts->json);
	out_open_object(NULL);
	print_string(PRINT_ANY, "action", "%s ", killed ? "killed" : "would kill");
	cg_print(&g);
	print_string(PRINT_ANY, "policy", " (%s)", kill_policy_name(k->req.policy));
	print_text("\n");
	out_close_object();
	out_finish();
	return WSMON_EXIT_OK;
}

int cmd_kill(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("kill");
	struct cli_parse cp = { .started = 0 };
	static struct kill_opts k;
	struct kill_outcome o;
	struct kill_victim v;
	struct wsmon_nl nl;
	int c, err;

	memset(&k, 0, sizeof(k));
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		err = kill_option(&k, c, optarg, "kill");
		if (err)
			return err < 0 ? WSMON_EXIT_USAGE : err;
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("kill: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	if (k.cgroup) {
		wsmon_nl_close(&nl);
		return kill_cgroup(opts, &k);
	}
	err = kill_carry_out(&nl, &k.req, k.grace_ms, !k.no_reap, &v, &o);
	if (err) {
		wsmon_request_error(&nl, "kill", err);
		wsmon_nl_close(&nl);
		return wsmon_exit_code(err);
	}
	wsmon_nl_close(&nl);
	out_init(stdout, opts->json);
	out_open_object(NULL);
	print_string(PRINT_ANY, "action", "%s ", v.dying ? "dying" : v.killed ? "killed" :
		     "would kill");
	kill_print_victim(&v);
	kill_print_outcome(&o, v.killed && v.signal == SIGKILL);
	print_text("\n");
	out_close_object();
	out_finish();
	return WSMON_EXIT_OK;
}
