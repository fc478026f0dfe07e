// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the rightsize rule (rightsize.c), step by step on figures
 * chosen by hand: it starts from what a group holds, comes down only
 * after calm samples and a step at a time, never past the knee plus the
 * margin nor the floor, goes up at once under pressure and when the knee
 * rises, and never above memory.max; a group whose working set is
 * unknown (a KVM guest in it) is never lowered.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rightsize.h"

#define MIB (1ULL << 20)

static const struct rs_params prm = {
	.margin = 0.10, .max_pressure = 5.0, .step = 0.05, .floor = 16 * MIB, .hold = 10,
};

static void test_start_and_lower(void **state)
{
	struct rs_state s = { .high = RS_UNLIMITED, .since_raise = 1000 };
	struct rs_input in = { .knee = 32 * MIB, .current = 96 * MIB, .max = RS_UNLIMITED };
	uint64_t prev;
	int i;

	(void)state;
	/* from no limit: what it holds, no reclaim */
	assert_int_equal(rs_step(&prm, &s, &in), RS_START);
	assert_int_equal(s.high, 96 * MIB);
	/* calm for 10 samples first, then 5% a sample, down to the knee + 10% */
	for (i = 0; i < 10; i++)
		assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
	prev = s.high;
	assert_int_equal(rs_step(&prm, &s, &in), RS_LOWER);
	assert_true(s.high < prev && s.high >= prev * 95 / 100 - 4096);
	for (i = 0; i < 100; i++)
		rs_step(&prm, &s, &in);
	assert_true(s.high >= 35 * MIB + 200 * 1024 && s.high <= 35 * MIB + 300 * 1024);
	assert_int_equal(s.high, rs_target(&prm, &in));
	assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
}

static void test_pressure_raises_at_once_then_holds(void **state)
{
	struct rs_state s = { .high = 36 * MIB, .since_raise = 1000 };
	struct rs_input in = { .knee = 32 * MIB, .recent = 48 * MIB, .current = 36 * MIB,
			       .max = RS_UNLIMITED, .some_pct = 40 };
	int i;

	(void)state;
	/* stalled: up by half (54 MiB), above what it touched plus the margin (52.8) */
	assert_int_equal(rs_step(&prm, &s, &in), RS_RAISE_PRESSURE);
	assert_int_equal(s.high, 54 * MIB);
	/* touched more than that: up to it, with the margin */
	s.high = 36 * MIB;
	in.recent = 64 * MIB;
	assert_int_equal(rs_step(&prm, &s, &in), RS_RAISE_PRESSURE);
	assert_true(s.high >= 70 * MIB + 408 * 1024 && s.high <= 70 * MIB + 412 * 1024);
	/* calm again: held for 10 samples, then down a step at a time */
	in.some_pct = 0;
	in.recent = 16 * MIB;
	for (i = 0; i < 10; i++)
		assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
	assert_int_equal(rs_step(&prm, &s, &in), RS_LOWER);
	/* some pressure, under the bound but over half of it: no lowering */
	in.some_pct = 3;
	assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
}

static void test_knee_rises(void **state)
{
	struct rs_state s = { .high = 20 * MIB, .since_raise = 1000 };
	struct rs_input in = { .knee = 40 * MIB, .current = 20 * MIB, .max = RS_UNLIMITED };

	(void)state;
	assert_int_equal(rs_step(&prm, &s, &in), RS_RAISE_KNEE);
	assert_int_equal(s.high, rs_target(&prm, &in));
}

static void test_bounds(void **state)
{
	struct rs_state s = { .high = 64 * MIB, .since_raise = 1000 };
	struct rs_input in = { .knee = 1 * MIB, .current = 64 * MIB, .max = 48 * MIB };
	int i;

	(void)state;
	/* a tiny knee: never below the floor */
	in.max = RS_UNLIMITED;
	for (i = 0; i < 200; i++)
		rs_step(&prm, &s, &in);
	assert_int_equal(s.high, 16 * MIB);
	/* pressure never lifts it above memory.max */
	in.max = 20 * MIB;
	in.some_pct = 90;
	in.current = 19 * MIB;
	assert_int_equal(rs_step(&prm, &s, &in), RS_CEILING);
	assert_int_equal(s.high, 20 * MIB);
	assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
}

/*
 * A group holding a process used through a secondary MMU (a KVM guest):
 * its working set is unknown, so no limit is set where there was none,
 * a limit in force never comes down, and pressure still raises it.
 */
static void test_unknown_never_lowers(void **state)
{
	struct rs_state s = { .high = RS_UNLIMITED, .since_raise = 1000 };
	struct rs_input in = { .knee = 1 * MIB, .current = 96 * MIB, .max = RS_UNLIMITED,
			       .unknown = true };
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		rs_step(&prm, &s, &in);
		assert_int_equal(s.high, RS_UNLIMITED);
	}
	/* a limit set before it came: held, though the knee is far below */
	s.high = 80 * MIB;
	for (i = 0; i < 100; i++) {
		assert_int_equal(rs_step(&prm, &s, &in), RS_HOLD);
		assert_int_equal(s.high, 80 * MIB);
	}
	/* stalling: raised as for any group */
	in.some_pct = 40;
	assert_int_equal(rs_step(&prm, &s, &in), RS_RAISE_PRESSURE);
	assert_int_equal(s.high, 120 * MIB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_and_lower),
		cmocka_unit_test(test_pressure_raises_at_once_then_holds),
		cmocka_unit_test(test_knee_rises),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_unknown_never_lowers),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
