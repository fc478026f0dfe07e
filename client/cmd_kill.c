// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon kill [--policy badness|rss|wss] [--dry-run] [--protect NAME|PID]...
 * One OOM-style kill, chosen and done in the kernel (root only).
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "kill.h"
#include "output.h"

/* --policy, --dry-run and --protect, shared with watch; 0, or an exit code */
int kill_option(struct kill_req *r, int c, const char *arg, const char *cmd)
{
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
	case 'p':
		if (kill_protect_add(r, arg, &why)) {
			wsmon_error("%s: --protect '%s': %s", cmd, arg, why);
			return WSMON_EXIT_USAGE;
		}
		return 0;
	}
	return WSMON_EXIT_USAGE;
}

int cmd_kill(struct wsmon_opts *opts, int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "policy", required_argument, NULL, 'P' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "protect", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct kill_req r;
	struct kill_victim v;
	struct wsmon_nl nl;
	int c, err;

	memset(&r, 0, sizeof(r));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jh", lopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			printf("usage: wsmon kill [--policy badness|rss|wss] [--dry-run] [--protect NAME|PID]...\n"
			       "  kill the largest process by the policy, in the kernel (root)\n");
			return WSMON_EXIT_OK;
		case 'P':
		case 'n':
		case 'p':
			err = kill_option(&r, c, optarg, "kill");
			if (err)
				return err;
			break;
		default:
			wsmon_error("kill: unknown option '%s' (see 'wsmon kill --help')",
				    argv[optind - 1]);
			return WSMON_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		wsmon_error("kill: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	if (wsmon_connect(&nl))
		return WSMON_EXIT_FAIL;
	err = kill_request(&nl, &r, &v);
	if (err) {
		wsmon_request_error(&nl, "kill", err);
		wsmon_nl_close(&nl);
		return WSMON_EXIT_FAIL;
	}
	wsmon_nl_close(&nl);
	out_init(stdout, opts->json);
	out_open_object(NULL);
	print_string(PRINT_ANY, "action", "%s ", v.killed ? "killed" : "would kill");
	kill_print_victim(&v);
	print_text("\n");
	out_close_object();
	out_finish();
	return WSMON_EXIT_OK;
}
