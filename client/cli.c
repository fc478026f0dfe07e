// SPDX-License-Identifier: GPL-2.0
/* Global options and a table of subcommands, in the manner of iw. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "cli.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "stats.h"

/* what runs each command of the description (options.c) */
static const struct wsmon_command commands[] = {
	{ "status", cmd_status },
	{ "ps", cmd_ps },
	{ "show", cmd_show },
	{ "config", cmd_config },
	{ "swap", cmd_swap },
	{ "events", cmd_events },
	{ "kill", cmd_kill },
	{ "watch", cmd_watch },
	{ "advise", cmd_advise },
	{ "cgroups", cmd_cgroups },
	{ "top", cmd_top },
	{ "record", cmd_record },
	{ "report", cmd_report },
	{ "rightsize", cmd_rightsize },
	{ "export", cmd_export },
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

const struct wsmon_command *wsmon_find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int wsmon_cmd_options(const struct wsmon_command *cmd, struct wsmon_opts *opts,
		      int argc, char **argv, int *exit_code)
{
	const struct cli_desc *d = cli_desc_find(cmd->name);
	struct cli_parse p = { .started = 0 };
	int c;

	while ((c = cli_getopt(&p, d, opts, argc, argv)) >= 0)
		;	/* the commands that come here take no options of their own */
	if (c == CLI_END)
		return optind;
	*exit_code = c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	return -1;
}

bool wsmon_is_admin(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (syscall(SYS_capget, &hdr, data))
		return geteuid() == 0;
	return data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective & CAP_TO_MASK(CAP_SYS_ADMIN);
}

/*
 * Is @fd the journal's stream?  systemd sets JOURNAL_STREAM to the
 * "DEVICE:INODE" of the stream it connects a service's stdout and
 * stderr to; a pipe or a file the service's output was redirected to is
 * not it (sd_journal_stream_fd(3), systemd.exec(5)).
 */
bool wsmon_fd_is_journal(int fd)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char extra;

	if (!env || sscanf(env, "%llu:%llu%c", &dev, &ino, &extra) != 2 || fstat(fd, &st))
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

char *wsmon_rfc3339(char *buf, size_t len)
{
	char date[32], zone[8];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);	/* +0100 */
	snprintf(buf, len, "%s.%03ld%.3s:%.2s", date, ts.tv_nsec / 1000000, zone, zone + 3);
	return buf;
}

int64_t wsmon_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int wsmon_exit_code(int err)
{
	switch (err) {
	case 0:
		return WSMON_EXIT_OK;
	case -ENOENT:
		return WSMON_EXIT_NOMODULE;
	case -EPERM:
	case -EACCES:
		return WSMON_EXIT_PERM;
	default:
		return WSMON_EXIT_FAIL;
	}
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

int wsmon_connect_events(struct wsmon_nl *ev, struct wsmon_nl *rq, const char *cmd)
{
	int err = wsmon_connect(ev);

	if (err)
		return wsmon_exit_code(err);
	err = wsmon_nl_open(rq);
	if (!err)
		err = wsmon_nl_subscribe(ev, WSMON_GENL_MCGRP_EVENTS);
	if (err) {
		wsmon_request_error(ev, cmd, err);
		wsmon_nl_close(ev);
		wsmon_nl_close(rq);
		return wsmon_exit_code(err);
	}
	return 0;
}

int wsmon_snapshot(const char *cmd, bool hist, struct wsmon_stats *st, struct proc_list *l)
{
	struct wsmon_nl nl;
	int err = wsmon_connect(&nl);

	if (err)
		return wsmon_exit_code(err);
	err = wsmon_get_stats(&nl, st);
	if (!err)
		err = proc_dump(&nl, hist, l);
	if (err) {
		wsmon_request_error(&nl, cmd, err);
		proc_list_free(l);	/* what a dump cut short collected */
	}
	wsmon_nl_close(&nl);
	return err ? wsmon_exit_code(err) : 0;
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
		{ "pretty", no_argument, NULL, CLI_PRETTY },
		{ "bytes", no_argument, NULL, CLI_BYTES },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "generate-man", no_argument, NULL, 'M' },
		{ "generate-completion", no_argument, NULL, 'C' },
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
		case CLI_PRETTY:
			opts.json = true;
			opts.pretty = true;
			out_set_style(opts.pretty, opts.bytes);
			break;
		case CLI_BYTES:
			opts.bytes = true;
			out_set_style(opts.pretty, opts.bytes);
			break;
		case 'h':
			cli_usage(stdout);
			return WSMON_EXIT_OK;
		case 'M':	/* for the build: doc/wsmon.8 */
			cli_man(stdout);
			return WSMON_EXIT_OK;
		case 'C':	/* for the build: the bash completion */
			cli_completion(stdout);
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
		cli_usage(stderr);
		return WSMON_EXIT_USAGE;
	}
	cmd = wsmon_find_command(argv[optind]);
	if (!cmd) {
		wsmon_error("unknown command '%s' (see 'wsmon --help')", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	return cmd->run(&opts, argc - optind, argv + optind);
}
