// SPDX-License-Identifier: GPL-2.0
/* Unit tests: reading /proc/pressure/memory. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "psi.h"

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/wsmon-psi-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_both_lines(void **state)
{
	char *p = write_tmp("some avg10=1.50 avg60=0.25 avg300=0.01 total=123456\n"
			    "full avg10=0.75 avg60=0.00 avg300=0.00 total=789\n");
	struct psi psi;

	(void)state;
	assert_int_equal(psi_read(p, &psi), 0);
	assert_true(psi.some.present);
	assert_true(psi.full.present);
	assert_float_equal(psi.some.avg10, 1.5, 1e-9);
	assert_float_equal(psi.some.avg60, 0.25, 1e-9);
	assert_float_equal(psi.full.avg10, 0.75, 1e-9);
	assert_int_equal(psi.some.total_us, 123456);
	assert_int_equal(psi.full.total_us, 789);
	unlink(p);
}

static void test_some_only(void **state)
{
	char *p = write_tmp("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
	struct psi psi;

	(void)state;
	assert_int_equal(psi_read(p, &psi), 0);
	assert_true(psi.some.present);
	assert_false(psi.full.present);
	unlink(p);
}

static void test_malformed(void **state)
{
	char *p = write_tmp("some avg10=x avg60=0.00 avg300=0.00 total=0\n");
	struct psi psi;

	(void)state;
	assert_int_equal(psi_read(p, &psi), -EINVAL);
	unlink(p);
}

static void test_missing(void **state)
{
	struct psi psi;

	(void)state;
	assert_int_equal(psi_read("/nonexistent/pressure/memory", &psi), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_lines),
		cmocka_unit_test(test_some_only),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_missing),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("psi", tests, NULL, NULL);
}
