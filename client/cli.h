/* SPDX-License-Identifier: GPL-2.0 */
/* Command line: global options, the command table, shared helpers. */
#ifndef WSMON_CLI_H
#define WSMON_CLI_H

#include "kill.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"

/* exit codes */
#define WSMON_EXIT_OK		0
#define WSMON_EXIT_FAIL		1	/* the request failed */
#define WSMON_EXIT_USAGE	2	/* bad command line */
#define WSMON_EXIT_NOMODULE	3	/* the module is not loaded */
#define WSMON_EXIT_PERM		4	/* permission denied */

struct wsmon_opts {
	bool json;
	bool pretty;	/* -p/--pretty */
	bool bytes;	/* --bytes */
};

/* what runs a command; its options and help are in options.c */
struct wsmon_command {
	const char *name;
	/* argv[0] is the command name; returns an exit code */
	int (*run)(struct wsmon_opts *opts, int argc, char **argv);
};

/* Parse and run; returns the process exit code. */
int wsmon_main(int argc, char **argv);

const struct wsmon_command *wsmon_find_command(const char *name);

/*
 * Parse a command's options: the common ones (-j/--json, -h/--help) and
 * none else.  Returns the index of the first operand, or -1 after printing
 * an error (or the help, with *exit_code set).
 */
int wsmon_cmd_options(const struct wsmon_command *cmd, struct wsmon_opts *opts,
		      int argc, char **argv, int *exit_code);

/* "wsmon: " + message + newline, on stderr. */
void wsmon_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Connect to the family; on failure print one line (how to load the
 * module when it is not loaded) and return non-zero.
 */
int wsmon_connect(struct wsmon_nl *nl);

/*
 * The exit code for an -errno of wsmon_connect() or a request: 0, 3 (the
 * module is not loaded), 4 (permission denied) or 1.
 */
int wsmon_exit_code(int err);

/*
 * For the live commands: @ev joined to the events group, @rq for requests.
 * 0, or an exit code after printing why (both closed).
 */
int wsmon_connect_events(struct wsmon_nl *ev, struct wsmon_nl *rq, const char *cmd);

struct wsmon_stats;
struct proc_list;
/*
 * The figures and every process the caller may see (with the histograms
 * if @hist), over a connection opened and closed here.  0, or an exit
 * code after printing why.
 */
int wsmon_snapshot(const char *cmd, bool hist, struct wsmon_stats *st, struct proc_list *l);
/* Has the caller CAP_SYS_ADMIN (the module's rule for seeing every process)? */
bool wsmon_is_admin(void);
/* Is @fd the journal's stream (JOURNAL_STREAM)? */
bool wsmon_fd_is_journal(int fd);
/* now as RFC 3339 local time with its offset, "2026-11-29T04:12:00.123+01:00" */
char *wsmon_rfc3339(char *buf, size_t len);
/* CLOCK_MONOTONIC in ms (watch's episodes, the kill's timings) */
int64_t wsmon_now_ms(void);

/* Print "wsmon: WHAT: strerror (kernel: extack)" for a failed request. */
void wsmon_request_error(const struct wsmon_nl *nl, const char *what, int err);

/* commands */
int cmd_status(struct wsmon_opts *opts, int argc, char **argv);
int cmd_ps(struct wsmon_opts *opts, int argc, char **argv);
int cmd_show(struct wsmon_opts *opts, int argc, char **argv);
int cmd_config(struct wsmon_opts *opts, int argc, char **argv);
int cmd_swap(struct wsmon_opts *opts, int argc, char **argv);
int cmd_events(struct wsmon_opts *opts, int argc, char **argv);
int cmd_kill(struct wsmon_opts *opts, int argc, char **argv);
int cmd_watch(struct wsmon_opts *opts, int argc, char **argv);
int cmd_advise(struct wsmon_opts *opts, int argc, char **argv);
int cmd_cgroups(struct wsmon_opts *opts, int argc, char **argv);
int cmd_top(struct wsmon_opts *opts, int argc, char **argv);
int cmd_record(struct wsmon_opts *opts, int argc, char **argv);
int cmd_report(struct wsmon_opts *opts, int argc, char **argv);
int cmd_rightsize(struct wsmon_opts *opts, int argc, char **argv);
int cmd_export(struct wsmon_opts *opts, int argc, char **argv);
/* the options kill and watch share (options.c, KILL_OPTS) */
struct kill_opts {
	struct kill_req req;
	int64_t grace_ms;		/* --term-grace; 0: SIGKILL at once */
	bool no_reap;			/* --no-reap */
	bool cgroup;			/* --scope cgroup */
};

/*
 * --policy ('P'), --dry-run ('n'), --protect ('p'), --prefer ('F'),
 * --avoid ('V'), --term-grace ('G'), --no-reap ('N'), --scope ('S'): 0, an exit code,
 * or -1 when @c is not one of them.
 */
int kill_option(struct kill_opts *k, int c, const char *arg, const char *cmd);
/* "SECONDS" (0 to 86400, fractions allowed) into ms; 0 or -1 */
int parse_seconds_ms(const char *s, int64_t *ms);
/* a number from @lo to @hi (fractions allowed, no NaN) into *@v; 0 or -1 */
int parse_double(const char *s, double lo, double hi, double *v);
/* "1,2,5" into @v (at most @max); the count, or -1 when malformed */
int parse_u32_list(const char *s, uint32_t *v, int max);

#endif
