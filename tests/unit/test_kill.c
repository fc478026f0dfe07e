// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the choices made in user space: when watch kills (after,
 * cooldown, episodes), the protect list and policy names, --prefer and
 * --avoid against a /proc tree, the bounded queue between watch's
 * threads, parsing a KILL victim, and the exhaustion rule (policy.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "kill.h"
#include "policy.h"
#include "queue.h"
#include "watch.h"

#define T WSMON_STATE_THRASHING
#define OK WSMON_STATE_OK

static void test_after(void **state)
{
	struct watch_fsm f;

	(void)state;
	watch_init(&f, 3000, 10000);
	assert_int_equal(watch_step(&f, OK, 0), WATCH_NONE);
	assert_int_equal(watch_step(&f, T, 1000), WATCH_NONE);	/* episode starts */
	assert_int_equal(watch_step(&f, T, 3999), WATCH_NONE);
	assert_int_equal(watch_episode_ms(&f, 3999), 2999);
	assert_int_equal(watch_step(&f, T, 4000), WATCH_KILL);
}

static void test_episode_ends_when_state_drops(void **state)
{
	struct watch_fsm f;

	(void)state;
	watch_init(&f, 3000, 10000);
	watch_step(&f, T, 0);
	watch_step(&f, WSMON_STATE_PRESSURE, 2000);		/* over */
	assert_int_equal(watch_step(&f, T, 2500), WATCH_NONE);	/* a new one */
	assert_int_equal(watch_step(&f, T, 5000), WATCH_NONE);
	assert_int_equal(watch_step(&f, T, 5500), WATCH_KILL);
}

/* one episode, one victim: THRASHING through the cooldown kills no more */
static void test_cooldown(void **state)
{
	struct watch_fsm f;
	int64_t t;

	(void)state;
	watch_init(&f, 2000, 10000);
	watch_step(&f, T, 0);
	assert_int_equal(watch_step(&f, T, 2000), WATCH_KILL);
	watch_killed(&f, 2000);
	for (t = 3000; t < 12000; t += 1000)
		assert_int_equal(watch_step(&f, T, t), WATCH_NONE);
	/* after the cooldown, still thrashing: a new episode, --after again */
	assert_int_equal(watch_step(&f, T, 12000), WATCH_NONE);
	assert_int_equal(watch_step(&f, T, 13000), WATCH_NONE);
	assert_int_equal(watch_step(&f, T, 14000), WATCH_KILL);
}

static void test_after_zero(void **state)
{
	struct watch_fsm f;

	(void)state;
	watch_init(&f, 0, 0);
	assert_int_equal(watch_step(&f, T, 5), WATCH_KILL);
}

static void test_protect(void **state)
{
	struct kill_req r;
	const char *why;
	char name[20];
	int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(kill_protect_add(&r, "1234", &why), 0);
	assert_int_equal(kill_protect_add(&r, "postgres", &why), 0);
	assert_int_equal(kill_protect_add(&r, "123abc", &why), 0);	/* a name */
	assert_int_equal(r.nr_pids, 1);
	assert_int_equal(r.pids[0], 1234);
	assert_int_equal(r.nr_comms, 2);
	assert_string_equal(r.comms[1], "123abc");
	assert_int_equal(kill_protect_add(&r, "0", &why), -1);
	assert_int_equal(kill_protect_add(&r, "99999999999", &why), -1);
	assert_int_equal(kill_protect_add(&r, "", &why), -1);
	assert_int_equal(kill_protect_add(&r, "a-name-too-long-for-comm", &why), -1);
	for (i = 2; i < KILL_MAX_PROTECT; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(kill_protect_add(&r, name, &why), 0);
	}
	assert_int_equal(kill_protect_add(&r, "one-more", &why), -1);
	assert_non_null(strstr(why, "too many"));
}

static void test_policy_names(void **state)
{
	uint32_t p = 99;

	(void)state;
	assert_int_equal(kill_policy_parse("rss", &p), 0);
	assert_int_equal(p, WSMON_POLICY_RSS);
	assert_int_equal(kill_policy_parse("wss", &p), 0);
	assert_int_equal(p, WSMON_POLICY_WSS);
	assert_int_equal(kill_policy_parse("badness", &p), 0);
	assert_int_equal(p, WSMON_POLICY_BADNESS);
	assert_int_equal(kill_policy_parse("largest", &p), -1);
	assert_string_equal(kill_policy_name(WSMON_POLICY_WSS), "wss");
}

static void test_queue_drops_oldest(void **state)
{
	struct queue q;
	int i, v;

	(void)state;
	assert_int_equal(queue_init(&q, sizeof(int), 4), 0);
	for (i = 1; i <= 6; i++)
		assert_true(queue_push(&q, &i));
	assert_int_equal(q.dropped, 2);
	for (i = 3; i <= 6; i++) {
		assert_true(queue_pop(&q, &v));
		assert_int_equal(v, i);
	}
	queue_close(&q);
	assert_false(queue_pop(&q, &v));
	assert_false(queue_push(&q, &i));
	queue_destroy(&q);
}

static void *producer(void *arg)
{
	struct queue *q = arg;
	int i;

	for (i = 0; i < 10000; i++)
		queue_push(q, &i);
	queue_close(q);
	return NULL;
}

/* across threads: what arrives is in order, and arrived + dropped = sent */
static void test_queue_threads(void **state)
{
	struct queue q;
	pthread_t t;
	long got = 0;
	int v, last = -1;

	(void)state;
	assert_int_equal(queue_init(&q, sizeof(int), 16), 0);
	assert_int_equal(pthread_create(&t, NULL, producer, &q), 0);
	while (queue_pop(&q, &v)) {
		assert_true(v > last);
		last = v;
		got++;
	}
	pthread_join(t, NULL);
	assert_int_equal(got + (long)q.dropped, 10000);
	assert_int_equal(last, 9999);
	queue_destroy(&q);
}

static void test_victim_parse(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	struct kill_victim v;
	struct nlattr *n;
	const char *why;

	(void)state;
	genlmsg_put(m, 0, 1, 0x20, 0, 0, WSMON_CMD_KILL, WSMON_GENL_VERSION);
	nla_put_u32(m, WSMON_A_POLICY, WSMON_POLICY_WSS);
	n = nla_nest_start(m, WSMON_A_VICTIM);
	nla_put_u32(m, WSMON_PROC_A_PID, 4321);
	nla_put_string(m, WSMON_PROC_A_COMM, "hog");
	nla_put_u64(m, WSMON_PROC_A_RSS, 100 << 20);
	nla_put_u64(m, WSMON_PROC_A_SWAP, 50 << 20);
	nla_put_u64(m, WSMON_PROC_A_WORKING_SET, 140 << 20);
	nla_put_u32(m, WSMON_PROC_A_OOM_SCORE_ADJ, (uint32_t)-500);
	nla_put_u64(m, WSMON_PROC_A_SCORE, 35840);
	nla_put_flag(m, WSMON_PROC_A_KILLED);
	nla_nest_end(m, n);
	assert_int_equal(kill_victim_parse(nlmsg_hdr(m), &v, &why), 0);
	assert_int_equal(v.pid, 4321);
	assert_string_equal(v.comm, "hog");
	assert_int_equal(v.wss, 140 << 20);
	assert_int_equal(v.adj, -500);
	assert_true(v.killed);
	assert_int_equal(v.policy, WSMON_POLICY_WSS);
	nlmsg_free(m);

	m = nlmsg_alloc();	/* no VICTIM */
	genlmsg_put(m, 0, 1, 0x20, 0, 0, WSMON_CMD_KILL, WSMON_GENL_VERSION);
	nla_put_u32(m, WSMON_A_POLICY, 0);
	assert_int_equal(kill_victim_parse(nlmsg_hdr(m), &v, &why), -EINVAL);
	nlmsg_free(m);
}

static void test_imminent_kills_at_once(void **state)
{
	struct watch_fsm f;

	(void)state;
	watch_init(&f, 10000, 30000);
	assert_int_equal(watch_step(&f, OK, 0), WATCH_NONE);
	/* no --after wait */
	assert_int_equal(watch_step(&f, WSMON_STATE_OOM_IMMINENT, 1000), WATCH_KILL);
	watch_killed(&f, 1000);
	/* but the cooldown holds: the memory of the first kill is coming back */
	assert_int_equal(watch_step(&f, WSMON_STATE_OOM_IMMINENT, 2000), WATCH_NONE);
	assert_int_equal(watch_step(&f, WSMON_STATE_OOM_IMMINENT, 31000), WATCH_KILL);
}

static void test_victim_dying_shared(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	struct kill_victim v;
	struct nlattr *n;
	const char *why;

	(void)state;
	genlmsg_put(m, 0, 1, 0x20, 0, 0, WSMON_CMD_KILL, WSMON_GENL_VERSION);
	nla_put_u32(m, WSMON_A_POLICY, WSMON_POLICY_RSS);
	nla_put_u32(m, WSMON_A_SIGNAL, 15);
	n = nla_nest_start(m, WSMON_A_VICTIM);
	nla_put_u32(m, WSMON_PROC_A_PID, 77);
	nla_put_string(m, WSMON_PROC_A_COMM, "big");
	nla_put_u64(m, WSMON_PROC_A_RSS, 1);
	nla_put_u64(m, WSMON_PROC_A_SWAP, 0);
	nla_put_u64(m, WSMON_PROC_A_WORKING_SET, 0);
	nla_put_u64(m, WSMON_PROC_A_SCORE, 1);
	nla_put_u64(m, WSMON_PROC_A_START, 123456789);
	nla_put_flag(m, WSMON_PROC_A_DYING);
	nla_nest_end(m, n);
	n = nla_nest_start(m, WSMON_A_ALSO_KILLED);
	nla_put_u32(m, WSMON_LIST_ENTRY, 78);
	nla_put_u32(m, WSMON_LIST_ENTRY, 79);
	nla_nest_end(m, n);
	assert_int_equal(kill_victim_parse(nlmsg_hdr(m), &v, &why), 0);
	assert_true(v.dying);
	assert_false(v.killed);
	assert_int_equal(v.signal, 15);
	assert_int_equal(v.start, 123456789);
	assert_int_equal(v.nr_also, 2);
	assert_int_equal(v.also[0], 78);
	assert_int_equal(v.also[1], 79);
	nlmsg_free(m);
}

/* a /proc of three processes in a temporary directory */
static void test_prefer_avoid_scan(void **state)
{
	char dir[] = "/tmp/wsmon-proc-XXXXXX", path[64];
	static const char *const procs[][2] = {
		{ "101", "postgres\n" }, { "102", "firefox\n" }, { "103", "postgres: w\n" },
	};
	struct kill_req r;
	const char *why;
	FILE *f;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, procs[i][0]);
		assert_int_equal(mkdir(path, 0755), 0);
		snprintf(path, sizeof(path), "%s/%s/comm", dir, procs[i][0]);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(procs[i][1], f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/self", dir);	/* not a PID */
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(kill_match_set(&r.prefer, "^postgres", &why), 0);
	assert_int_equal(kill_match_scan(&r.prefer, dir), 2);
	assert_int_equal(r.prefer.pids[0] + r.prefer.pids[1], 101 + 103);
	assert_int_equal(kill_match_set(&r.avoid, "fire|chrome", &why), 0);
	assert_int_equal(kill_match_scan(&r.avoid, dir), 1);
	assert_int_equal(r.avoid.pids[0], 102);
	/* twice, or a bad regex: refused with a reason */
	assert_int_equal(kill_match_set(&r.avoid, "x", &why), -1);
	assert_non_null(why);
	memset(&r, 0, sizeof(r));
	assert_int_equal(kill_match_set(&r.avoid, "(", &why), -1);
	assert_int_equal(kill_match_set(&r.avoid, "", &why), -1);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

/* 1 s samples: the rule over headroom figures (pages), one per sample */
static int first_fire(const u64 *h, int n)
{
	struct wsm_imminent st = { 0 };
	int i;

	for (i = 0; i < n; i++)
		if (wsm_imminent_step(&st, h[i], i ? wsm_exhaust_ms(h[i], h[i - 1], 1000000000ULL) :
					      U32_MAX, 5000, 2))
			return i;
	return -1;
}

static void test_exhaustion_rule(void **state)
{
	/* 256 MiB VM, 512 MiB swap: ~175k pages (684 MiB) of headroom */
	static const u64 burst[] = { 175000, 136600, 136600, 136600 };	/* 150 MiB, held */
	static const u64 sweep[] = { 175000, 140000, 105000, 105000 };	/* 273 MiB in 2 s */
	static const u64 leak[] = { 175000, 149400, 123800, 98200, 72600, 47000, 21400 };

	(void)state;
	assert_int_equal(wsm_exhaust_ms(1000, 1100, 1000000000ULL), 10000);
	assert_int_equal(wsm_exhaust_ms(1000, 900, 1000000000ULL), U32_MAX);
	/* a burst that stops, or a sweep that fits, never fires */
	assert_int_equal(first_fire(burst, 4), -1);
	assert_int_equal(first_fire(sweep, 4), -1);
	/*
	 * a leak of 100 MiB/s (25600 pages/s): under 5 s from 98k pages
	 * (3.8 s), and half gone (87.5k) at 72.6k: the 5th sample, 2.8 s
	 * before the end
	 */
	assert_int_equal(first_fire(leak, 7), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_after),
		cmocka_unit_test(test_episode_ends_when_state_drops),
		cmocka_unit_test(test_cooldown),
		cmocka_unit_test(test_after_zero),
		cmocka_unit_test(test_protect),
		cmocka_unit_test(test_policy_names),
		cmocka_unit_test(test_queue_drops_oldest),
		cmocka_unit_test(test_queue_threads),
		cmocka_unit_test(test_victim_parse),
		cmocka_unit_test(test_imminent_kills_at_once),
		cmocka_unit_test(test_victim_dying_shared),
		cmocka_unit_test(test_prefer_avoid_scan),
		cmocka_unit_test(test_exhaustion_rule),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("kill", tests, NULL, NULL);
}
