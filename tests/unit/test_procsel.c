// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: selecting and ordering processes as ps and top do
 * (client/procsel.c): -p PID lists, -u by name or UID, -s -KEY and
 * --reverse, and which asked-for PID is missing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "procsel.h"

static void test_pids(void **state)
{
	static struct procsel s;

	(void)state;
	procsel_init(&s);
	assert_int_equal(procsel_add_pids(&s, "ps", "1,42"), 0);
	assert_int_equal(procsel_add_pids(&s, "ps", "7"), 0);
	assert_int_equal(s.npids, 3);
	assert_int_equal(s.pids[0], 1);
	assert_int_equal(s.pids[1], 42);
	assert_int_equal(s.pids[2], 7);
	/* each of these is refused, and changes nothing */
	assert_int_not_equal(procsel_add_pids(&s, "ps", "1,,2"), 0);
	assert_int_not_equal(procsel_add_pids(&s, "ps", "x"), 0);
	assert_int_not_equal(procsel_add_pids(&s, "ps", "0"), 0);
	assert_int_not_equal(procsel_add_pids(&s, "ps", "3,"), 0);
	assert_int_not_equal(procsel_add_pids(&s, "ps", ""), 0);
	assert_int_not_equal(procsel_add_pids(&s, "ps", "99999999999"), 0);
	assert_int_equal(s.npids, 3);
}

static void test_user(void **state)
{
	static struct procsel s;

	(void)state;
	procsel_init(&s);
	assert_int_equal(procsel_set_user(&s, "ps", "root"), 0);
	assert_true(s.by_uid);
	assert_int_equal(s.uid, 0);
	assert_int_equal(procsel_set_user(&s, "ps", "65534"), 0);
	assert_int_equal(s.uid, 65534);
	assert_int_not_equal(procsel_set_user(&s, "ps", "no-such-user-here"), 0);
	assert_int_not_equal(procsel_set_user(&s, "ps", ""), 0);
	assert_int_not_equal(procsel_set_user(&s, "ps", "-1"), 0);
}

static void test_sort(void **state)
{
	static struct procsel s;

	(void)state;
	procsel_init(&s);
	assert_int_equal(s.sort, PS_SORT_WSS);
	assert_int_equal(procsel_set_sort(&s, "ps", "-rss"), 0);
	assert_int_equal(s.sort, PS_SORT_RSS);
	assert_true(s.reverse);
	assert_int_equal(procsel_set_sort(&s, "ps", "pid"), 0);
	assert_int_equal(s.sort, PS_SORT_PID);
	assert_int_not_equal(procsel_set_sort(&s, "ps", "-"), 0);
	assert_int_not_equal(procsel_set_sort(&s, "ps", "--rss"), 0);
}

static void test_filter_order(void **state)
{
	static struct procsel s;
	struct wsmon_proc v[4];
	size_t n, i;

	(void)state;
	memset(v, 0, sizeof(v));
	for (i = 0; i < 4; i++) {
		v[i].pid = (uint32_t)(10 + i);
		v[i].uid = i % 2 ? 1000 : 0;
	}
	procsel_init(&s);
	assert_int_equal(procsel_filter(&s, v, 4), 4);	/* nothing asked: all */
	assert_int_equal(procsel_add_pids(&s, "ps", "13,11,99"), 0);
	n = procsel_filter(&s, v, 4);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].pid, 11);	/* the list's order, not -p's */
	assert_int_equal(v[1].pid, 13);
	assert_int_equal(procsel_missing(&s, v, n), 99);
	s.reverse = true;
	procsel_order(&s, v, n);
	assert_int_equal(v[0].pid, 13);
	assert_int_equal(v[1].pid, 11);

	procsel_init(&s);
	for (i = 0; i < 4; i++) {
		v[i].pid = (uint32_t)(10 + i);
		v[i].uid = i % 2 ? 1000 : 0;
	}
	assert_int_equal(procsel_set_user(&s, "ps", "1000"), 0);
	n = procsel_filter(&s, v, 4);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].pid, 11);
	assert_int_equal(v[1].pid, 13);
	assert_int_equal(procsel_missing(&s, v, n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pids),
		cmocka_unit_test(test_user),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_filter_order),
	};

	return cmocka_run_group_tests_name("procsel", tests, NULL, NULL);
}
