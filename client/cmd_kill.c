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
#include "options.h"
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
	const struct cli_desc *d = cli_desc_find("kill");
	struct cli_parse cp = { .started = 0 };
	static struct kill_req r;
	struct kill_victim v;
	struct wsmon_nl nl;
	int c, err;

	memset(&r, 0, sizeof(r));
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'P':
		case 'n':
		case 'p':
			err = kill_option(&r, c, optarg, "kill");
			if (err)
				return err;
			break;
		}
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
	err = kill_request(&nl, &r, &v);
	if (err) {
		wsmon_request_error(&nl, "kill", err);
		wsmon_nl_close(&nl);
		return wsmon_exit_code(err);
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
