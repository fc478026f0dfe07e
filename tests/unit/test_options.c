// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the one description of the command line (client/options.c)
 * and what is made from it: every command runnable and described, the
 * man page and the completion naming every command and option, the
 * parser taking exactly the described options, and the exit codes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "options.h"

static char *capture(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	fn(fp);
	fclose(fp);
	return buf;
}

static void test_every_command_described(void **state)
{
	const struct cli_desc *d;
	int n = 0;

	(void)state;
	for (d = cli_descs; d->name; d++, n++) {
		assert_non_null(wsmon_find_command(d->name));
		assert_non_null(d->summary);
		assert_non_null(d->opts);
	}
	assert_int_equal(n, 15);
	assert_null(cli_desc_find("nonsense"));
}

/* the man page names every command and every option, escaped for troff */
static void test_man_names_everything(void **state)
{
	char *man = capture(cli_man), want[64];
	const struct cli_desc *d;
	const struct cli_opt *o;

	(void)state;
	assert_non_null(strstr(man, ".TH WSMON 8"));
	assert_non_null(strstr(man, ".SH EXIT STATUS"));
	for (d = cli_descs; d->name; d++) {
		snprintf(want, sizeof(want), ".SS \"%s", d->name);
		assert_non_null(strstr(man, want));
		for (o = d->opts; o->name; o++) {
			char *w = want + sprintf(want, "\\-\\-");
			const char *c;

			for (c = o->name; *c; c++)	/* troff: \- for each - */
				w += *c == '-' ? sprintf(w, "\\-") : sprintf(w, "%c", *c);
			assert_non_null(strstr(man, want));
		}
	}
	free(man);
}

static void test_completion_names_everything(void **state)
{
	char *comp = capture(cli_completion), want[64];
	const struct cli_desc *d;
	const struct cli_opt *o;

	(void)state;
	assert_non_null(strstr(comp, "complete -F _wsmon wsmon"));
	for (d = cli_descs; d->name; d++) {
		snprintf(want, sizeof(want), "\t%s) COMPREPLY", d->name);
		assert_non_null(strstr(comp, want));
		for (o = d->opts; o->name; o++) {
			snprintf(want, sizeof(want), "--%s ", o->name);
			assert_non_null(strstr(comp, want));
		}
	}
	assert_non_null(strstr(comp, "'none mm all'"));
	free(comp);
}

/* the parser returns the described ids, and refuses what is not described */
static void test_getopt_from_description(void **state)
{
	char *ok[] = { "ps", "-s", "rss", "--top", "3", "-j", NULL };
	char *missing[] = { "ps", "--sort", NULL };
	char *unknown[] = { "ps", "--budget", "9", NULL };
	const struct cli_desc *d = cli_desc_find("ps");
	struct wsmon_opts o = { .json = false };
	struct cli_parse p = { .started = 0 };
	FILE *saved = stderr;

	(void)state;
	assert_int_equal(cli_getopt(&p, d, &o, 6, ok), 's');
	assert_string_equal(optarg, "rss");
	assert_int_equal(cli_getopt(&p, d, &o, 6, ok), 'n');
	assert_string_equal(optarg, "3");
	assert_int_equal(cli_getopt(&p, d, &o, 6, ok), CLI_END);
	assert_true(o.json);

	stderr = fopen("/dev/null", "w");
	memset(&p, 0, sizeof(p));
	assert_int_equal(cli_getopt(&p, d, &o, 2, missing), CLI_USAGE);
	memset(&p, 0, sizeof(p));
	assert_int_equal(cli_getopt(&p, d, &o, 3, unknown), CLI_USAGE);
	fclose(stderr);
	stderr = saved;
}

/* every command's help fits the width: $COLUMNS, or 80 */
static void test_help_wrapped(void **state)
{
	static const char *const widths[] = { NULL, "60", "132" };
	const struct cli_desc *d;
	size_t w;

	(void)state;
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		int max = widths[w] ? atoi(widths[w]) : 80;

		if (widths[w])
			setenv("COLUMNS", widths[w], 1);
		else
			unsetenv("COLUMNS");
		for (d = cli_descs; d->name; d++) {
			char *buf = NULL, *line, *save = NULL;
			size_t len = 0;
			FILE *fp = open_memstream(&buf, &len);

			assert_non_null(fp);
			cli_help(d, fp);
			fclose(fp);
			assert_non_null(strstr(buf, "options:"));
			for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
				if ((int)strlen(line) > max)
					fail_msg("wsmon %s --help at %d columns: %zu: %s", d->name, max,
						 strlen(line), line);
			free(buf);
		}
	}
	unsetenv("COLUMNS");
}

/* top and export have their own formats: no --json, --pretty, --bytes */
static void test_text_only(void **state)
{
	static const char *const cmds[] = { "top", "export", "ps" };
	size_t k;

	(void)state;
	for (k = 0; k < 3; k++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);

		assert_non_null(fp);
		cli_help(cli_desc_find(cmds[k]), fp);
		fclose(fp);
		/* ps takes them all; the other two only --help */
		assert_int_equal(strstr(buf, "--json") != NULL, k == 2);
		assert_int_equal(strstr(buf, "--bytes") != NULL, k == 2);
		assert_non_null(strstr(buf, "--help"));
		free(buf);
	}
}

/*
 * One meaning per letter: a short option is the same long option in every
 * command that has it (-s is --sort, -p is --pid, -c is --count ...), and
 * none of them is a letter of the global options (-j, -h).
 */
static void test_one_meaning_per_letter(void **state)
{
	const char *seen[128] = { NULL };
	const struct cli_desc *d;
	const struct cli_opt *o;

	(void)state;
	seen['j'] = "json";
	seen['h'] = "help";
	for (d = cli_descs; d->name; d++)
		for (o = d->opts; o->name; o++) {
			if (!o->short_name)
				continue;
			/*
			 * -n is "how many" throughout: rows (--top, as head -n)
			 * or, in top, frames (--frames, as procps top -n)
			 */
			if (o->short_name == 'n' && (!strcmp(o->name, "top") || !strcmp(o->name, "frames")))
				continue;
			if (seen[(int)o->short_name] && strcmp(seen[(int)o->short_name], o->name))
				fail_msg("%s: -%c is --%s here and --%s elsewhere", d->name,
					 o->short_name, o->name, seen[(int)o->short_name]);
			seen[(int)o->short_name] = o->name;
		}
	/* the letters ps and top users expect */
	assert_string_equal(seen['p'], "pid");
	assert_string_equal(seen['u'], "user");
	assert_string_equal(seen['s'], "sort");
	assert_string_equal(seen['d'], "delay");
}

static void test_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(wsmon_exit_code(0), WSMON_EXIT_OK);
	assert_int_equal(wsmon_exit_code(-ENOENT), 3);
	assert_int_equal(wsmon_exit_code(-EPERM), 4);
	assert_int_equal(wsmon_exit_code(-EACCES), 4);
	assert_int_equal(wsmon_exit_code(-ESRCH), WSMON_EXIT_FAIL);
	assert_int_equal(WSMON_EXIT_USAGE, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_described),
		cmocka_unit_test(test_man_names_everything),
		cmocka_unit_test(test_completion_names_everything),
		cmocka_unit_test(test_getopt_from_description),
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_one_meaning_per_letter),
		cmocka_unit_test(test_help_wrapped),
		cmocka_unit_test(test_text_only),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
