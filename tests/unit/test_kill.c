// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the choices made in user space: when watch kills (after,
 * cooldown, episodes), the protect list and policy names, the bounded
 * queue between watch's threads, and parsing a KILL victim.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "kill.h"
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
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("kill", tests, NULL, NULL);
}
