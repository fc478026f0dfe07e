// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: wsmon report over records made by hand, whose answers are
 * known: the time in each state, the peak demand, the largest working set;
 * the JSON reader's refusals (bad UTF-8, a control character, trailing
 * commas); the SVG it draws is well-formed XML (xmllint).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "jsonread.h"

static char rec[] = "/tmp/wsmon-rec-XXXXXX";
static char out[] = "/tmp/wsmon-rep-XXXXXX";

/* four samples a second apart: ok, pressure, thrashing, thrashing */
static const char record[] =
	"{\"schema\":1,\"t_s\":0,\"state\":\"ok\",\"demand\":0.5,\"thrash_demand\":1,"
	"\"processes\":[{\"pid\":10,\"comm\":\"db\",\"wss\":1048576},{\"pid\":11,\"comm\":\"web\",\"wss\":2097152}]}\n"
	"{\"schema\":1,\"t_s\":1,\"state\":\"pressure\",\"demand\":0.9,\"thrash_demand\":1,"
	"\"processes\":[{\"pid\":10,\"comm\":\"db\",\"wss\":8388608}]}\n"
	"{\"schema\":1,\"t_s\":2,\"state\":\"thrashing\",\"demand\":1.4,\"thrash_demand\":1,"
	"\"processes\":[{\"pid\":10,\"comm\":\"db\",\"wss\":4194304}]}\n"
	"{\"schema\":1,\"t_s\":3,\"state\":\"thrashing\",\"demand\":1.2,\"thrash_demand\":1,"
	"\"processes\":[{\"pid\":10,\"comm\":\"d\\u00e9j\\u00e0\",\"wss\":1048576}]}\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* run wsmon with @argv, stdout into @out; the exit code */
static int run(char **argv, int argc)
{
	int saved = dup(STDOUT_FILENO), rc;

	fflush(stdout);
	assert_non_null(freopen(out, "w", stdout));
	rc = wsmon_main(argc, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return rc;
}

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_summary(void **state)
{
	char *argv[] = { "wsmon", "report", rec, "--json", NULL };
	char *s;

	(void)state;
	write_file(rec, record);
	assert_int_equal(run(argv, 4), 0);
	s = slurp(out);
	/* each record's state holds until the next: ok 1 s, pressure 1 s, thrashing 1 s */
	assert_non_null(strstr(s, "\"state_s\":{\"ok\":1,\"pressure\":1,\"thrashing\":1,\"oom_imminent\":0}"));
	assert_non_null(strstr(s, "\"peak_demand\":1.4,\"peak_demand_t_s\":2"));
	assert_non_null(strstr(s, "\"duration_s\":3"));
	/* db peaks at 8 MiB, above web's 2 MiB; the renamed db is a process of its own */
	assert_non_null(strstr(s, "\"processes\":[{\"pid\":10,\"comm\":\"db\",\"peak_wss\":8388608,\"records\":3}"));
	assert_non_null(strstr(s, "{\"pid\":11,\"comm\":\"web\",\"peak_wss\":2097152,\"records\":1}"));
	assert_non_null(strstr(s, "\"comm\":\"d\xc3\xa9j\xc3\xa0\""));
}

static void test_svg(void **state)
{
	char svg[64], cmd[160];
	char *argv[] = { "wsmon", "report", rec, "--svg", svg, NULL };
	char *s;

	(void)state;
	snprintf(svg, sizeof(svg), "%s.svg", out);
	write_file(rec, record);
	assert_int_equal(run(argv, 5), 0);
	s = slurp(svg);
	assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(s, ">10 db</text>"));
	assert_non_null(strstr(s, ">THRASHING</text>"));
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", svg);
	assert_int_equal(system(cmd), 0);
	unlink(svg);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"{\"schema\":1,\"state\":\"ok\xff\"}\n",		/* not UTF-8 */
		"{\"schema\":1,\"state\":\"o\x01k\"}\n",		/* a raw control character */
		"{\"schema\":1,\"demand\":1,}\n",			/* a trailing comma */
		"{\"schema\":1,\"demand\":01}\n",			/* a leading zero */
		"{\"schema\":1,\"demand\":1\n",				/* cut short */
		"",							/* nothing */
		"{\"schema\":1,\"t_s\":0,\"state\":\"melting\"}\n",	/* no such state */
		"{\"schema\":2,\"t_s\":0,\"state\":\"ok\"}\n",		/* a later schema */
	};
	char *argv[] = { "wsmon", "report", rec, NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(rec, bad[i]);
		assert_int_equal(run(argv, 3), 1);
	}
}

/* the reader gives paths and values as they are written */
static int collect(const struct json_event *e, void *arg)
{
	char *buf = arg;

	if (e->end || e->type == JSON_OBJECT || e->type == JSON_ARRAY)
		return 0;
	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s=%.*s;", e->path, (int)e->len, e->raw);
	return 0;
}

static void test_reader_paths(void **state)
{
	char buf[256] = "", err[64], s[16];

	(void)state;
	assert_int_equal(json_walk("{\"a\":{\"b\":[1,{\"c\":\"x\\\"y\"}]},\"d\":null} {\"e\":true}",
				   collect, buf, err, sizeof(err)), 0);
	assert_string_equal(buf, "a.b[]=1;a.b[].c=\"x\\\"y\";d=null;e=true;");
	json_unescape("\"x\\\"y\\u00e9\"", 12, s, sizeof(s));
	assert_string_equal(s, "x\"y\xc3\xa9");
}

static int setup(void **state)
{
	int fd;

	(void)state;
	fd = mkstemp(rec);
	assert_true(fd >= 0);
	close(fd);
	fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(rec);
	unlink(out);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_reader_paths),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
