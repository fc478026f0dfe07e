// SPDX-License-Identifier: GPL-2.0
/* Unit tests: one print path giving text and JSON (client/output.c). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "output.h"

static char *buf;
static size_t len;
static FILE *mem;

static void start(bool json)
{
	mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	out_init(mem, json);
}

static const char *finish(void)
{
	out_finish();
	fclose(mem);
	return buf;
}

static int teardown(void **state)
{
	(void)state;
	free(buf);
	buf = NULL;
	return 0;
}

static void print_sample(void)
{
	out_open_object(NULL);
	print_string(PRINT_ANY, "name", "name %s\n", "a\"b\\c\n");
	print_u64(PRINT_ANY, "count", "count %llu\n", 18446744073709551615ULL);
	print_size(PRINT_ANY, "size", "size %s\n", 1536);
	out_open_array("list");
	print_u64(PRINT_JSON, NULL, NULL, 1);
	print_u64(PRINT_JSON, NULL, NULL, 2);
	out_close_array();
	print_null(PRINT_ANY, "none", "none %s\n");
	print_string(PRINT_FP, NULL, "%s", "text only");
	print_text("\n");
	print_double(PRINT_ANY, "ratio", "ratio %.2f\n", 0.5);
	print_bool(PRINT_ANY, "capped", "capped %s\n", true);
	print_bool(PRINT_ANY, "off", "off %s\n", false);
	out_close_object();
}

static void test_json(void **state)
{
	(void)state;
	start(true);
	print_sample();
	assert_string_equal(finish(),
		"{\"schema\":1,\"name\":\"a\\\"b\\\\c\\n\",\"count\":18446744073709551615,"
		"\"size\":1536,\"list\":[1,2],\"none\":null,\"ratio\":0.5,"
		"\"capped\":true,\"off\":false}\n");
}

static void test_text(void **state)
{
	(void)state;
	start(false);
	print_sample();
	assert_string_equal(finish(),
		"name a\"b\\c?\ncount 18446744073709551615\nsize 1.5 KiB\n"
		"none -\ntext only\nratio 0.50\ncapped yes\noff no\n");
}

static void test_control_chars_escaped(void **state)
{
	(void)state;
	start(true);
	print_string(PRINT_JSON, NULL, NULL, "\x01\t");
	assert_string_equal(finish(), "\"\\u0001\\t\"\n");
}

/* --pretty: two spaces a level, one member a line */
static void test_pretty(void **state)
{
	(void)state;
	out_set_style(true, false);
	start(true);
	out_open_object(NULL);
	print_u64(PRINT_JSON, "a", NULL, 1);
	out_open_array("b");
	print_u64(PRINT_JSON, NULL, NULL, 2);
	out_close_array();
	out_open_object("c");
	out_close_object();
	out_close_object();
	out_set_style(false, false);
	assert_string_equal(finish(),
		"{\n  \"schema\": 1,\n  \"a\": 1,\n  \"b\": [\n    2\n  ],\n  \"c\": {}\n}\n");
}

/* --bytes: text sizes as counts; JSON is bytes anyway */
static void test_bytes(void **state)
{
	char b[32];

	(void)state;
	out_set_style(false, true);
	start(false);
	print_size(PRINT_ANY, "size", "size %s\n", 1536);
	assert_string_equal(format_size(b, sizeof(b), 3ULL << 30), "3221225472");
	assert_string_equal(format_size_human(b, sizeof(b), 3ULL << 30), "3.0 GiB");
	out_set_style(false, false);
	assert_string_equal(finish(), "size 1536\n");
}

/*
 * Names come from users: an escape sequence must not reach the terminal,
 * and JSON must stay valid UTF-8 whatever the bytes.
 */
static void test_hostile_names(void **state)
{
	char clear[] = "\033[2J\x9b" "1m", cut[] = "caf\xc3", ff[] = "a\xff" "b",
	     c1[] = "x\xc2\x9b" "y", ok[] = "d\xc3\xa9j\xc3\xa0 \xe2\x82\xac";

	(void)state;
	start(false);
	print_string(PRINT_ANY, "comm", "%s\n", "\033]0;title\007");
	assert_string_equal(finish(), "?]0;title?\n");

	start(true);
	print_string(PRINT_JSON, NULL, NULL, "a\xff\xc3(\xed\xa0\x80z\x7f");
	assert_string_equal(finish(), "\"a\\ufffd\\ufffd(\\ufffd\\ufffd\\ufffdz\\u007f\"\n");

	text_sanitize(clear);
	assert_string_equal(clear, "?[2J?1m");
	text_sanitize(cut);
	assert_string_equal(cut, "caf?");
	text_sanitize(ff);
	assert_string_equal(ff, "a?b");
	text_sanitize(c1);
	assert_string_equal(c1, "x??y");
	text_sanitize(ok);	/* valid UTF-8 stays as it is */
	assert_string_equal(ok, "d\xc3\xa9j\xc3\xa0 \xe2\x82\xac");
}

static void test_nested_objects(void **state)
{
	(void)state;
	start(true);
	out_open_array(NULL);
	out_open_object(NULL);
	print_u64(PRINT_JSON, "a", NULL, 1);
	out_close_object();
	out_open_object(NULL);
	print_u64(PRINT_JSON, "a", NULL, 2);
	out_close_object();
	out_close_array();
	assert_string_equal(finish(), "[{\"a\":1},{\"a\":2}]\n");
}

static void test_format_size(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(format_size(b, sizeof(b), 0), "0 B");
	assert_string_equal(format_size(b, sizeof(b), 1023), "1023 B");
	assert_string_equal(format_size(b, sizeof(b), 1024), "1.0 KiB");
	assert_string_equal(format_size(b, sizeof(b), 3ULL << 30), "3.0 GiB");
	/* the largest unit is PiB */
	assert_string_equal(format_size(b, sizeof(b), UINT64_MAX), "16384.0 PiB");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_json, teardown),
		cmocka_unit_test_teardown(test_text, teardown),
		cmocka_unit_test_teardown(test_control_chars_escaped, teardown),
		cmocka_unit_test_teardown(test_pretty, teardown),
		cmocka_unit_test_teardown(test_bytes, teardown),
		cmocka_unit_test_teardown(test_hostile_names, teardown),
		cmocka_unit_test_teardown(test_nested_objects, teardown),
		cmocka_unit_test(test_format_size),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
