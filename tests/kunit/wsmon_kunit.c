// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for wsmon's pure logic: the per-page age and reuse
 * histogram update, Denning's curve and knee, victim scoring and the
 * thrash state machine.  Kbuild builds this as wsmon_kunit.ko when the
 * kernel has KUnit (the debug kernel, scripts/debug-kernel); loading it
 * runs the suites.  It compiles the module's pure sources itself, so it
 * tests the code wsmon.ko runs without sharing an object with it.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../../module/policy.c"
#include "../../module/wsmath.c"

/* The histogram and curves: too big for a kernel stack, so test-managed. */
struct curve {
	u64 reuse[WSM_NR], F[WSM_NR], S[WSM_NR];
	u32 counts[WSM_NR];	/* as the sampler keeps them */
};

static struct curve *curve_new(struct kunit *test)
{
	struct curve *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	return c;
}

/* ---- ages and the reuse histogram */

static void age_first_pass_counts_nothing(struct kunit *test)
{
	u32 *reuse = curve_new(test)->counts;
	int k;

	KUNIT_EXPECT_EQ(test, wsm_age_step(WSM_AGE_NONE, 1, 0, 1, reuse), 0U);
	KUNIT_EXPECT_EQ(test, wsm_age_step(WSM_AGE_NONE, 0, 0, 1, reuse), 1U);
	for (k = 0; k < WSM_NR; k++)
		KUNIT_EXPECT_EQ(test, reuse[k], 0U);
}

static void age_first_touch_and_reuse(struct kunit *test)
{
	u32 *reuse = curve_new(test)->counts;

	KUNIT_EXPECT_EQ(test, wsm_age_step(WSM_AGE_NONE, 1, 1, 1, reuse), 0U);
	KUNIT_EXPECT_EQ(test, reuse[0], 1U);
	/* idle for 3 samples (ages 1, 2, 3), referenced in the 4th */
	KUNIT_EXPECT_EQ(test, wsm_age_step(3, 1, 1, 1, reuse), 0U);
	KUNIT_EXPECT_EQ(test, reuse[4], 1U);
	/* the longest interval the histogram holds */
	wsm_age_step(WSM_AGE_MAX, 1, 1, 1, reuse);
	KUNIT_EXPECT_EQ(test, reuse[WSM_MAX_INTERVAL], 1U);
}

static void age_saturates(struct kunit *test)
{
	u32 age = WSM_AGE_NONE;
	int i;

	for (i = 0; i < 1000; i++)
		age = wsm_age_step(age, 0, 1, 1, NULL);
	KUNIT_EXPECT_EQ(test, age, (u32)WSM_AGE_MAX);
	KUNIT_EXPECT_EQ(test, wsm_age_step(5, 0, 1, 1, NULL), 6U);
}

/*
 * Ages count samples, not visits: a table visited again after 4 samples
 * (a pass the budget spread out) ages an idle page by 4, and a page
 * found referenced then counts a reuse at its age + 4.
 */
static void age_gap_counts_samples(struct kunit *test)
{
	u32 *reuse = curve_new(test)->counts;

	KUNIT_EXPECT_EQ(test, wsm_age_step(2, 0, 1, 4, reuse), 6U);
	KUNIT_EXPECT_EQ(test, wsm_age_step(WSM_AGE_NONE, 0, 1, 4, reuse), 4U);
	KUNIT_EXPECT_EQ(test, wsm_age_step(250, 0, 1, 9, reuse), (u32)WSM_AGE_MAX);
	KUNIT_EXPECT_EQ(test, wsm_age_step(2, 1, 1, 4, reuse), 0U);
	KUNIT_EXPECT_EQ(test, reuse[6], 1U);
	/* a gap of 0 is taken as 1 */
	KUNIT_EXPECT_EQ(test, wsm_age_step(2, 0, 1, 0, reuse), 3U);
}

/* a page referenced every 3rd sample for 30 samples: one first touch, 9 reuses at 3 */
static void age_periodic_page(struct kunit *test)
{
	u32 *reuse = curve_new(test)->counts;
	u32 age = WSM_AGE_NONE;
	int s, k;

	for (s = 0; s < 30; s++)
		age = wsm_age_step(age, s % 3 == 0, 1, 1, reuse);
	KUNIT_EXPECT_EQ(test, reuse[0], 1U);
	KUNIT_EXPECT_EQ(test, reuse[3], 9U);
	for (k = 1; k < WSM_NR; k++)
		if (k != 3)
			KUNIT_EXPECT_EQ(test, reuse[k], 0U);
	KUNIT_EXPECT_EQ(test, age, 2U);	/* last referenced at sample 27 */
}

/* a count that would wrap stays at its maximum */
static void age_reuse_saturates(struct kunit *test)
{
	u32 *reuse = curve_new(test)->counts;

	reuse[1] = U32_MAX - 1;
	wsm_age_step(0, 1, 1, 1, reuse);
	KUNIT_EXPECT_EQ(test, reuse[1], U32_MAX);
	wsm_age_step(0, 1, 1, 1, reuse);
	KUNIT_EXPECT_EQ(test, reuse[1], U32_MAX);
}

static void age_buckets(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wsm_age_bucket(0), 0U);
	KUNIT_EXPECT_EQ(test, wsm_age_bucket(1), 1U);
	KUNIT_EXPECT_EQ(test, wsm_age_bucket(3), 2U);
	KUNIT_EXPECT_EQ(test, wsm_age_bucket(4), 3U);
	KUNIT_EXPECT_EQ(test, wsm_age_bucket(WSM_AGE_MAX), (u32)WSM_AGE_BUCKETS - 1);
}

/* ---- Denning's curve and knee */

static void curve_hand_computed(struct kunit *test)
{
	struct curve *c = curve_new(test);

	/* 2 first touches, 10 reuses at 1 sample, 3 at 4 samples */
	c->reuse[0] = 2;
	c->reuse[1] = 10;
	c->reuse[4] = 3;
	wsm_curve(c->reuse, c->F, c->S);
	KUNIT_EXPECT_EQ(test, c->F[0], 15ULL);
	KUNIT_EXPECT_EQ(test, c->F[1], 5ULL);
	KUNIT_EXPECT_EQ(test, c->F[3], 5ULL);
	KUNIT_EXPECT_EQ(test, c->F[4], 2ULL);
	KUNIT_EXPECT_EQ(test, c->F[WSM_MAX_INTERVAL], 2ULL);
	KUNIT_EXPECT_EQ(test, c->S[0], 0ULL);
	KUNIT_EXPECT_EQ(test, c->S[1], 15ULL);
	KUNIT_EXPECT_EQ(test, c->S[4], 30ULL);
	KUNIT_EXPECT_EQ(test, c->S[6], 34ULL);
	/* F*S: T=1 75, T=2 100, T=3 125, T=4 60, T=5 64: the knee is 4 */
	KUNIT_EXPECT_EQ(test, wsm_knee(c->F, c->S), 4U);
}

static void knee_hot_set_alone(struct kunit *test)
{
	struct curve *c = curve_new(test);

	/* a stream of new pages and a hot set; a warm page now and then */
	c->reuse[0] = 50;
	c->reuse[1] = 100;
	c->reuse[8] = 1;
	wsm_curve(c->reuse, c->F, c->S);
	/* T=1: 51 * 151; T=8: 50 * 508 */
	KUNIT_EXPECT_EQ(test, wsm_knee(c->F, c->S), 1U);
}

static void knee_where_faults_stop(struct kunit *test)
{
	struct curve *c = curve_new(test);

	/* no first touches: the knee is the least window with no fault */
	c->reuse[1] = 100;
	c->reuse[8] = 1;
	wsm_curve(c->reuse, c->F, c->S);
	KUNIT_EXPECT_EQ(test, c->F[8], 0ULL);
	KUNIT_EXPECT_EQ(test, wsm_knee(c->F, c->S), 8U);
}

static void knee_without_references(struct kunit *test)
{
	struct curve *c = curve_new(test);

	wsm_curve(c->reuse, c->F, c->S);
	KUNIT_EXPECT_EQ(test, wsm_knee(c->F, c->S), 0U);
}

/* ---- victim scoring */

static void badness_as_oom_badness(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wsm_badness(1000, 200, 10, 0, 100000), 1210ULL);
	KUNIT_EXPECT_EQ(test, wsm_badness(1000, 200, 10, 500, 100000), 51210ULL);
	/* a strongly protected process still scores, at the floor */
	KUNIT_EXPECT_EQ(test, wsm_badness(1000, 200, 10, -999, 100000), 1ULL);
	KUNIT_EXPECT_EQ(test, wsm_badness(0, 0, 0, 0, 100000), 1ULL);
	/* less than 1000 pages in all: adj has no unit to scale */
	KUNIT_EXPECT_EQ(test, wsm_badness(5, 0, 0, 1000, 999), 5ULL);
}

struct candidate {
	u64 rss, swap, pgtables;
	s32 adj;
};

static int choose(const struct candidate *c, int n, u64 totalpages)
{
	u64 score, best_score = 0, best_rss = 0;
	int i, best = -1;

	for (i = 0; i < n; i++) {
		score = wsm_badness(c[i].rss, c[i].swap, c[i].pgtables, c[i].adj, totalpages);
		if (best < 0 || wsm_better_victim(score, c[i].rss, best_score, best_rss)) {
			best = i;
			best_score = score;
			best_rss = c[i].rss;
		}
	}
	return best;
}

static void victim_order(struct kunit *test)
{
	const struct candidate big_adj[] = {
		{ .rss = 50000 },
		{ .rss = 20000, .adj = 500 },	/* + 500 * 100 */
		{ .rss = 40000, .swap = 5000 },
	};
	const struct candidate swap_counts[] = {
		{ .rss = 30000 },
		{ .rss = 20000, .swap = 20000 },
	};
	const struct candidate tie[] = {
		{ .rss = 100, .swap = 900 },
		{ .rss = 900, .swap = 100 },
		{ .rss = 900, .swap = 100 },	/* same again: the first stays */
	};

	KUNIT_EXPECT_EQ(test, choose(big_adj, 3, 100000), 1);
	KUNIT_EXPECT_EQ(test, choose(swap_counts, 2, 100000), 1);
	KUNIT_EXPECT_EQ(test, choose(tie, 3, 100000), 1);
	KUNIT_EXPECT_FALSE(test, wsm_better_victim(10, 5, 10, 5));
	KUNIT_EXPECT_TRUE(test, wsm_better_victim(11, 0, 10, 5));
}

/* ---- the thrash state */

static void thrash_target(struct kunit *test)
{
	/* the default rules: pressure 800, thrash 1000 thousandths, 100 pages/s */
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(799, 99, 800, 1000, 100), (u32)WSMON_STATE_OK);
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(800, 0, 800, 1000, 100),
			(u32)WSMON_STATE_PRESSURE);
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(0, 100, 800, 1000, 100),
			(u32)WSMON_STATE_PRESSURE);
	/* demand over memory without evidence is not thrashing, nor the reverse */
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(2000, 99, 800, 1000, 100),
			(u32)WSMON_STATE_PRESSURE);
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(999, 5000, 800, 1000, 100),
			(u32)WSMON_STATE_PRESSURE);
	KUNIT_EXPECT_EQ(test, wsm_thrash_target(1000, 100, 800, 1000, 100),
			(u32)WSMON_STATE_THRASHING);
}

static void thrash_hysteresis(struct kunit *test)
{
	u32 state = WSMON_STATE_OK, pending = 0;
	const u32 thr = WSMON_STATE_THRASHING, ok = WSMON_STATE_OK;

	/* enter after 2 samples in a row, leave after 3 */
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, thr, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, ok, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, pending, 0U);	/* interrupted: start again */
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, thr, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, thr, 2, 3), 1);
	KUNIT_EXPECT_EQ(test, state, thr);
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, ok, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, ok, 2, 3), 0);
	KUNIT_EXPECT_EQ(test, state, thr);
	KUNIT_EXPECT_EQ(test, wsm_thrash_step(&state, &pending, ok, 2, 3), 1);
	KUNIT_EXPECT_EQ(test, state, ok);
	KUNIT_EXPECT_EQ(test, pending, 0U);
}

/* ---- the exhaustion rule */

static void exhaust_estimate(struct kunit *test)
{
	/* 1000 pages left, 100 lost over 1 s: 10 s to go */
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1000, 1100, 1000000000ULL), 10000U);
	/* 500 ms samples: twice the rate */
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1000, 1100, 500000000ULL), 5000U);
	/* not falling, or no time: never */
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1000, 1000, 1000000000ULL), U32_MAX);
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1100, 1000, 1000000000ULL), U32_MAX);
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1000, 1100, 0), U32_MAX);
	/* 1 TiB of headroom falling by a page in 600 s does not overflow */
	KUNIT_EXPECT_EQ(test, wsm_exhaust_ms(1ULL << 28, (1ULL << 28) + 1, 600000000000ULL),
			U32_MAX);
}

static void imminent_needs_a_run(struct kunit *test)
{
	struct wsm_imminent st = { };

	/* 1000 pages of headroom; a burst: one sample under the bar */
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 1000, U32_MAX, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 400, 3000, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 400, U32_MAX, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, st.run, 0U);
	KUNIT_EXPECT_EQ(test, st.start, 400ULL);	/* a new fall starts here */
	/* a leak: two in a row, and half of the 400 gone */
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 300, 4000, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 250, 3000, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 200, 2000, 5000, 2), 1);
	/* the bar itself is not under it; 0 turns the rule off */
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 150, 5000, 5000, 2), 0);
	KUNIT_EXPECT_EQ(test, wsm_imminent_step(&st, 100, 1, 0, 1), 0);
}

static struct kunit_case wsmon_age_cases[] = {
	KUNIT_CASE(age_first_pass_counts_nothing),
	KUNIT_CASE(age_first_touch_and_reuse),
	KUNIT_CASE(age_saturates),
	KUNIT_CASE(age_periodic_page),
	KUNIT_CASE(age_reuse_saturates),
	KUNIT_CASE(age_gap_counts_samples),
	KUNIT_CASE(age_buckets),
	{}
};

static struct kunit_case wsmon_curve_cases[] = {
	KUNIT_CASE(curve_hand_computed),
	KUNIT_CASE(knee_hot_set_alone),
	KUNIT_CASE(knee_where_faults_stop),
	KUNIT_CASE(knee_without_references),
	{}
};

static struct kunit_case wsmon_policy_cases[] = {
	KUNIT_CASE(badness_as_oom_badness),
	KUNIT_CASE(victim_order),
	KUNIT_CASE(thrash_target),
	KUNIT_CASE(thrash_hysteresis),
	KUNIT_CASE(exhaust_estimate),
	KUNIT_CASE(imminent_needs_a_run),
	{}
};

static struct kunit_suite wsmon_age_suite = {
	.name = "wsmon_ages",
	.test_cases = wsmon_age_cases,
};

static struct kunit_suite wsmon_curve_suite = {
	.name = "wsmon_curve",
	.test_cases = wsmon_curve_cases,
};

static struct kunit_suite wsmon_policy_suite = {
	.name = "wsmon_policy",
	.test_cases = wsmon_policy_cases,
};

kunit_test_suites(&wsmon_age_suite, &wsmon_curve_suite, &wsmon_policy_suite);

MODULE_DESCRIPTION("KUnit suites for wsmon's pure logic");
MODULE_LICENSE("GPL");
