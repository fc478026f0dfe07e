// SPDX-License-Identifier: GPL-2.0
/* Unit tests: /proc/swaps parsing (client/swaps.c). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "swaps.h"

static char path[] = "/tmp/wsmon-test-swaps-XXXXXX";

static void write_file(const char *text)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	strcpy(path, "/tmp/wsmon-test-swaps-XXXXXX");
	return 0;
}

static void test_two_areas(void **state)
{
	struct swap_area a[4];

	(void)state;
	write_file("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		   "/dev/zram0                              partition\t65532\t\t1024\t\t100\n"
		   "/var/swap\\040file                       file\t\t1048572\t\t0\t\t-2\n");
	assert_int_equal(swaps_read(path, a, 4), 2);
	assert_string_equal(a[0].path, "/dev/zram0");
	assert_string_equal(a[0].type, "partition");
	assert_int_equal(a[0].size, 65532 * 1024ULL);
	assert_int_equal(a[0].used, 1024 * 1024ULL);
	assert_int_equal(a[0].priority, 100);
	assert_string_equal(a[1].path, "/var/swap file");
	assert_int_equal(a[1].priority, -2);
	assert_int_equal(swaps_total(a, 2), (65532 + 1048572) * 1024ULL);
}

static void test_no_swap(void **state)
{
	struct swap_area a[1];

	(void)state;
	write_file("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	assert_int_equal(swaps_read(path, a, 1), 0);
	assert_int_equal(swaps_total(a, 0), 0);
}

static void test_malformed(void **state)
{
	struct swap_area a[1];

	(void)state;
	write_file("Filename Type Size Used Priority\n/dev/sda2 partition lots\n");
	assert_int_equal(swaps_read(path, a, 1), -EINVAL);
}

static void test_not_swaps(void **state)
{
	struct swap_area a[1];

	(void)state;
	write_file("MemTotal: 1 kB\n");
	assert_int_equal(swaps_read(path, a, 1), -EINVAL);
}

static void test_missing_file(void **state)
{
	struct swap_area a[1];

	(void)state;
	assert_int_equal(swaps_read("/nonexistent/swaps", a, 1), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_two_areas, teardown),
		cmocka_unit_test_teardown(test_no_swap, teardown),
		cmocka_unit_test_teardown(test_malformed, teardown),
		cmocka_unit_test_teardown(test_not_swaps, teardown),
		cmocka_unit_test(test_missing_file),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("swaps", tests, NULL, NULL);
}
