// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: Denning's curve as wsmon show draws it (curve.c) on
 * hand-computed reuse histograms, from T = 0, and the terminal plot: the
 * points joined, row labels that differ, the log scale.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "curve.h"
#include "plot.h"

static void test_steady_hot_set(void **state)
{
	uint64_t reuse[WSM_NR] = { 0 };
	struct curve_pt pts[WSM_NR];
	int n, knee;

	(void)state;
	/*
	 * 100 pages touched every sample for 10 samples of 1 s: 100 first
	 * touches, 900 reuses at interval 1.  F(0) = 1000, F(1) = F(2) = 100;
	 * S(1) = 1000, S(2) = 1100 page-samples.
	 */
	reuse[0] = 100;
	reuse[1] = 900;
	n = curve_points(reuse, 10, 4096, 1000, pts, &knee);
	assert_int_equal(n, 3);
	/* no memory: every reference faults */
	assert_int_equal(pts[0].window, 0);
	assert_true(pts[0].bytes == 0);
	assert_true(pts[0].faults_per_s == 100.0);
	/* the hot set: 100 pages, only the first touches fault */
	assert_int_equal(pts[1].window, 1);
	assert_true(pts[1].bytes == 100 * 4096.0);
	assert_true(pts[1].faults_per_s == 10.0);
	assert_true(pts[2].bytes == 110 * 4096.0);
	assert_int_equal(knee, 1);

	/* the same without first touches: (0, 100/s) down to (100 pages, 0) */
	reuse[0] = 0;
	reuse[1] = 1000;
	n = curve_points(reuse, 10, 4096, 500, pts, &knee);
	assert_int_equal(n, 3);
	assert_true(pts[0].faults_per_s == 200.0);	/* 500 ms samples */
	assert_true(pts[1].bytes == 100 * 4096.0);
	assert_true(pts[1].faults_per_s == 0);
	assert_int_equal(knee, 1);
}

static void test_two_tiers(void **state)
{
	uint64_t reuse[WSM_NR] = { 0 };
	struct curve_pt pts[WSM_NR];
	int n, knee;

	(void)state;
	/* 20 references a sample at interval 1, 10 a sample at interval 5 */
	reuse[1] = 200;
	reuse[5] = 100;
	n = curve_points(reuse, 10, 4096, 1000, pts, &knee);
	assert_int_equal(n, 7);		/* T = 0..6 */
	/* F: 300, 100, 100, 100, 100, 0, 0 over 10 samples */
	assert_true(pts[0].faults_per_s == 30.0);
	assert_true(pts[1].faults_per_s == 10.0);
	assert_true(pts[4].faults_per_s == 10.0);
	assert_true(pts[5].faults_per_s == 0);
	/* S(5) = 300 + 4 * 100 = 700 page-samples: 70 pages */
	assert_true(pts[5].bytes == 70 * 4096.0);
	assert_int_equal(pts[knee].window, 5);	/* the least memory that stops faulting */
	/* nothing counted: nothing to draw */
	memset(reuse, 0, sizeof(reuse));
	assert_int_equal(curve_points(reuse, 10, 4096, 1000, pts, &knee), 0);
	assert_int_equal(knee, -1);
	assert_int_equal(curve_points(reuse, 0, 4096, 1000, pts, &knee), 0);
}

/* the plot's row labels, in order */
static int labels(const char *out, char lab[][32], int max)
{
	const char *l = out;
	int n = 0;

	while (l && *l && n < max) {
		const char *bar = strchr(l, '|');
		const char *nl = strchr(l, '\n');

		if (bar && (!nl || bar < nl)) {
			int len = (int)(bar - l);

			snprintf(lab[n], 32, "%.*s", len, l);
			n++;
		}
		l = nl ? nl + 1 : NULL;
	}
	return n;
}

static void test_plot(void **state)
{
	double x[] = { 0, 10, 20 }, y[] = { 0.9, 0.95, 1.0 };
	double ly[] = { 1000, 10, 0.01 };
	char lab[32][32], *buf;
	size_t size;
	int n, i, j;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &size);
	plot_xy(f, x, y, 3, 1, "MiB", "faults/s", false);
	fclose(f);
	n = labels(buf, lab, 32);
	assert_int_equal(n, 15);
	/* close values still give rows that read differently */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(lab[i], lab[j]);
	assert_non_null(strchr(buf, '*'));	/* the knee */
	assert_non_null(strchr(buf, 'o'));	/* the other points */
	assert_non_null(strstr(buf, "."));	/* the segments between them */
	free(buf);

	f = open_memstream(&buf, &size);
	plot_xy(f, x, ly, 3, -1, "MiB", "faults/s", true);
	fclose(f);
	assert_non_null(strstr(buf, "log scale"));
	assert_non_null(strstr(buf, "1e+03"));
	assert_non_null(strstr(buf, "0.01"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steady_hot_set),
		cmocka_unit_test(test_two_tiers),
		cmocka_unit_test(test_plot),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("curve", tests, NULL, NULL);
}
