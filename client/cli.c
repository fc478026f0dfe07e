// SPDX-License-Identifier: GPL-2.0
/* Global options and a table of subcommands, in the manner of iw. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct wsmon_command commands[] = {
	{ "status", "[-j]", "module, memory, swap and sampler figures", cmd_status },
	{ "ps", "[-j] [-s KEY] [-n N]", "processes by working set", cmd_ps },
	{ "show", "[-j] PID", "one process: W curve, histograms, knee", cmd_show },
	{ "config", "[--sample-ms MS] [--windows N,..] [--pids P,..|--all] [--budget PAGES] [RULES]",
	  "change the sampler and the thrash rules (root; see config --help)", cmd_config },
	{ "swap", "[-j] [PID]", "swap areas: what process pages use, owners; or one process's extents",
	  cmd_swap },
	{ "events", "[-j] [--states] [--count N] [--timeout S]",
	  "print samples and thrash state changes live", cmd_events },
	{ "kill", "[-j] [--policy badness|rss|wss] [--dry-run] [--protect NAME|PID]...",
	  "kill the largest process, chosen in the kernel (root)", cmd_kill },
	{ "watch", "[-j] [--kill] [--dry-run] [--policy P] [--after S] [--cooldown S] [--protect NAME|PID]...",
	  "monitor thrashing; with --kill, kill one process per episode (root)", cmd_watch },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void wsmon_error(const char *fmt, ...)
{
	va_list ap;

	fputs("wsmon: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *fp)
{
	size_t i;

	fprintf(fp,
		"usage: wsmon [-j|--json] COMMAND [ARGS]\n"
		"       wsmon -h|--help | -V|--version\n\ncommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-7s %s\n          %s\n", commands[i].name,
			commands[i].args, commands[i].help);
	fprintf(fp, "\nEach command takes -j/--json and -h/--help.\n");
}

const struct wsmon_command *wsmon_find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static const struct option common_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int wsmon_cmd_options(const struct wsmon_command *cmd, struct wsmon_opts *opts,
		      int argc, char **argv, int *exit_code)
{
	int c;

	optind = 0;	/* full re-initialisation of getopt */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "jh", common_options, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			printf("usage: wsmon %s %s\n  %s\n", cmd->name, cmd->args,
			       cmd->help);
			*exit_code = WSMON_EXIT_OK;
			return -1;
		default:
			wsmon_error("%s: unknown option '%s' (see 'wsmon %s --help')",
				    cmd->name, argv[optind - 1], cmd->name);
			*exit_code = WSMON_EXIT_USAGE;
			return -1;
		}
	}
	return optind;
}

int wsmon_connect(struct wsmon_nl *nl)
{
	int err = wsmon_nl_open(nl);

	if (!err)
		return 0;
	if (err == -ENOENT)
		wsmon_error("the wsmon kernel module is not loaded (load it with 'modprobe wsmon' or 'insmod wsmon.ko')");
	else
		wsmon_error("cannot open a generic netlink socket: %s", strerror(-err));
	return err;
}

void wsmon_request_error(const struct wsmon_nl *nl, const char *what, int err)
{
	if (nl->ext_msg[0])
		wsmon_error("%s: %s (kernel: %s)", what, strerror(-err), nl->ext_msg);
	else
		wsmon_error("%s: %s", what, strerror(-err));
}

int wsmon_main(int argc, char **argv)
{
	static const struct option global_options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct wsmon_opts opts = { .json = false };
	const struct wsmon_command *cmd;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jhV", global_options, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'h':
			usage(stdout);
			return WSMON_EXIT_OK;
		case 'V':
			printf("wsmon %s\n", WSMON_VERSION);
			return WSMON_EXIT_OK;
		default:
			wsmon_error("unknown option '%s' (see 'wsmon --help')",
				    argv[optind - 1]);
			return WSMON_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return WSMON_EXIT_USAGE;
	}
	cmd = wsmon_find_command(argv[optind]);
	if (!cmd) {
		wsmon_error("unknown command '%s' (see 'wsmon --help')", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	return cmd->run(&opts, argc - optind, argv + optind);
}
