/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one description of the command line: every command, its operands
 * and options (name, argument, meaning, range, default, values).  The
 * option parser's tables, --help, the man page (wsmon --generate-man) and
 * the bash completion (wsmon --generate-completion) are all made from it,
 * so they cannot drift apart.
 */
#ifndef WSMON_OPTIONS_H
#define WSMON_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

struct wsmon_opts;

/* what cli_getopt() returns besides an option's id */
#define CLI_END		-1	/* no more options: optind is the first operand */
#define CLI_HELP	-2	/* --help was printed: exit 0 */
#define CLI_USAGE	-3	/* a bad option was reported: exit 2 */
#define CLI_BYTES	0x200	/* --bytes, a common option */
#define CLI_PRETTY	0x201	/* --pretty, a common option (long only: -p is a PID) */

struct cli_opt {
	int id;			/* what the parser returns for it */
	char short_name;	/* 0: long only */
	const char *name;
	const char *arg;	/* its argument's name; NULL: none */
	const char *help;	/* meaning, range and default */
	const char *values;	/* the values it takes, for completion, or NULL */
};

struct cli_desc {
	const char *name;
	const char *operands;	/* "", "PID", "[PID]" */
	const char *summary;	/* one line */
	const char *text;	/* more, for --help and the man page; or NULL */
	const struct cli_opt *opts;	/* ends with an entry without a name */
	bool text_only;		/* no --json, --pretty, --bytes: its own format */
};

/* every command, in the order the help lists them; ends with a NULL name */
extern const struct cli_desc cli_descs[];

const struct cli_desc *cli_desc_find(const char *name);

/* getopt_long() state built from a description */
struct cli_parse {
	struct option longopts[32];
	char shortopts[64];
	int started;
};

/*
 * The next option of a command's argv (argv[0] is the command): its id,
 * with optarg set; -j/--json and -h/--help are handled here.  CLI_END,
 * CLI_HELP or CLI_USAGE when done.  @p starts zeroed.
 */
int cli_getopt(struct cli_parse *p, const struct cli_desc *d, struct wsmon_opts *opts,
	       int argc, char **argv);

void cli_help(const struct cli_desc *d, FILE *fp);
void cli_usage(FILE *fp);
void cli_man(FILE *fp);
void cli_completion(FILE *fp);

#endif
