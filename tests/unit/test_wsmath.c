// SPDX-License-Identifier: GPL-2.0
/* Unit tests: Denning's curve and knee (module/wsmath.c), hand-computed. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wsmath.h"

/*
 * Over 8 samples: hot set of 100 pages reused every sample (800 reuses at
 * interval 1), warm set of 50 reused once at interval 8.  By hand:
 * F(0) = 850, F(1..7) = 50, F(8..) = 0; S(1) = 850, S(8) = 850 + 7*50 =
 * 1200, so s(8) = 1200/8 = 150 pages = hot + warm.  F(8) = 0: knee T* = 8.
 */
static void test_hot_warm(void **state)
{
	u64 reuse[WSM_NR] = { 0 }, F[WSM_NR], S[WSM_NR];

	(void)state;
	reuse[1] = 800;
	reuse[8] = 50;
	wsm_curve(reuse, F, S);
	assert_int_equal(F[0], 850);
	assert_int_equal(F[1], 50);
	assert_int_equal(F[7], 50);
	assert_int_equal(F[8], 0);
	assert_int_equal(S[1], 850);
	assert_int_equal(S[8], 1200);
	assert_int_equal(wsm_knee(F, S), 8);
	assert_int_equal(S[8] / 8, 150);
}

/*
 * Hot set alone: 1000 pages reused every sample, plus a stream of 10 new
 * pages a sample (first touches) over 1 sample.  F(0) = 1010, F(T>=1) = 10,
 * S(T) = 1010 + 10(T-1); F*S is smallest at T = 1: knee s = 1010 pages,
 * the hot set (plus one sample of the stream).
 */
static void test_hot_alone(void **state)
{
	u64 reuse[WSM_NR] = { 0 }, F[WSM_NR], S[WSM_NR];

	(void)state;
	reuse[0] = 10;
	reuse[1] = 1000;
	wsm_curve(reuse, F, S);
	assert_int_equal(F[1], 10);
	assert_int_equal(S[1], 1010);
	assert_int_equal(S[5], 1050);
	assert_int_equal(wsm_knee(F, S), 1);
}

static void test_no_references(void **state)
{
	u64 reuse[WSM_NR] = { 0 }, F[WSM_NR], S[WSM_NR];

	(void)state;
	wsm_curve(reuse, F, S);
	assert_int_equal(wsm_knee(F, S), 0);
}

/*
 * The last slot holds intervals of 255 samples or more: they are faults
 * for every window but the last, where the curve ends and F reaches 0, so
 * the knee is the end of the curve (F*S = 0 there).
 */
static void test_long_intervals(void **state)
{
	u64 reuse[WSM_NR] = { 0 }, F[WSM_NR], S[WSM_NR];

	(void)state;
	reuse[1] = 100;
	reuse[WSM_MAX_INTERVAL] = 5;
	wsm_curve(reuse, F, S);
	assert_int_equal(F[WSM_MAX_INTERVAL - 1], 5);
	assert_int_equal(F[WSM_MAX_INTERVAL], 0);
	assert_int_equal(wsm_knee(F, S), WSM_MAX_INTERVAL);
}

/* products beyond 64 bits must still compare right */
static void test_large_counts(void **state)
{
	u64 reuse[WSM_NR] = { 0 }, F[WSM_NR], S[WSM_NR];

	(void)state;
	reuse[1] = 1ULL << 40;
	reuse[2] = 1ULL << 40;
	wsm_curve(reuse, F, S);
	assert_int_equal(wsm_knee(F, S), 2);
}

static void test_age_bucket(void **state)
{
	(void)state;
	assert_int_equal(wsm_age_bucket(0), 0);
	assert_int_equal(wsm_age_bucket(1), 1);
	assert_int_equal(wsm_age_bucket(3), 2);
	assert_int_equal(wsm_age_bucket(4), 3);
	assert_int_equal(wsm_age_bucket(254), 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hot_warm),
		cmocka_unit_test(test_hot_alone),
		cmocka_unit_test(test_no_references),
		cmocka_unit_test(test_long_intervals),
		cmocka_unit_test(test_large_counts),
		cmocka_unit_test(test_age_bucket),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("wsmath", tests, NULL, NULL);
}
