// SPDX-License-Identifier: GPL-2.0
/* Unit tests: command-line parsing and exit codes (client/cli.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "cli.h"

/* run wsmon_main with stderr captured; returns the exit code */
static int run(char *err, size_t errlen, int argc, char **argv)
{
	FILE *tmp = tmpfile();
	int saved = dup(2), rc;
	size_t n;

	fflush(stderr);
	dup2(fileno(tmp), 2);
	rc = wsmon_main(argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(err, 1, errlen - 1, tmp);
	err[n] = '\0';
	fclose(tmp);
	return rc;
}

#define RUN(err, ...) ({ \
	char *_argv[] = { "wsmon", __VA_ARGS__, NULL }; \
	run(err, sizeof(err), sizeof(_argv) / sizeof(_argv[0]) - 1, _argv); })

static void test_unknown_command(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(RUN(err, "frobnicate"), WSMON_EXIT_USAGE);
	assert_string_equal(err, "wsmon: unknown command 'frobnicate' (see 'wsmon --help')\n");
}

static void test_unknown_global_option(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(RUN(err, "--frob", "status"), WSMON_EXIT_USAGE);
	assert_string_equal(err, "wsmon: unknown option '--frob' (see 'wsmon --help')\n");
}

static void test_unknown_command_option(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(RUN(err, "status", "-x"), WSMON_EXIT_USAGE);
	assert_string_equal(err, "wsmon: status: unknown option '-x' (see 'wsmon status --help')\n");
}

static void test_extra_operand(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(RUN(err, "status", "now"), WSMON_EXIT_USAGE);
	assert_string_equal(err, "wsmon: status: unexpected argument 'now'\n");
}

static void test_no_command(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(RUN(err, "-j"), WSMON_EXIT_USAGE);
	assert_non_null(strstr(err, "usage: wsmon"));
}

static void test_find_command(void **state)
{
	(void)state;
	assert_non_null(wsmon_find_command("status"));
	assert_null(wsmon_find_command("stat"));
	assert_null(wsmon_find_command(""));
}

static void test_cmd_options_json(void **state)
{
	struct wsmon_opts o = { .json = false };
	char *argv[] = { "status", "--json", "rest", NULL };
	int code = -1;

	(void)state;
	assert_int_equal(wsmon_cmd_options(wsmon_find_command("status"), &o, 3,
					   argv, &code), 2);
	assert_true(o.json);
	assert_int_equal(code, -1);
}

/* JOURNAL_STREAM names the journal's stream by device and inode */
static void test_journal_stream(void **state)
{
	char path[] = "/tmp/wsmon-test-XXXXXX", env[64];
	struct stat st;
	int fd = mkstemp(path), other = open("/dev/null", O_WRONLY);

	(void)state;
	assert_true(fd >= 0 && other >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	unsetenv("JOURNAL_STREAM");
	assert_false(wsmon_fd_is_journal(fd));
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", env, 1);
	assert_true(wsmon_fd_is_journal(fd));
	assert_false(wsmon_fd_is_journal(other));	/* a pipe, a file: not it */
	setenv("JOURNAL_STREAM", "8:", 1);
	assert_false(wsmon_fd_is_journal(fd));
	strcat(env, "x");
	setenv("JOURNAL_STREAM", env, 1);
	assert_false(wsmon_fd_is_journal(fd));
	unsetenv("JOURNAL_STREAM");
	close(fd);
	close(other);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown_command),
		cmocka_unit_test(test_unknown_global_option),
		cmocka_unit_test(test_unknown_command_option),
		cmocka_unit_test(test_extra_operand),
		cmocka_unit_test(test_no_command),
		cmocka_unit_test(test_find_command),
		cmocka_unit_test(test_cmd_options_json),
		cmocka_unit_test(test_journal_stream),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
