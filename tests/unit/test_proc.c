// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: GET_PROC records as the module writes them, parsed by
 * client/proc.c's policy-free reader, and each kind of malformed record
 * refused as libnl's policy would have refused it.
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
#include <netlink/msg.h>

#include "proc.h"

enum bad {
	GOOD, NO_PID, COMM_UNTERMINATED, COMM_LONG, SHORT_U64, LIST_ENTRY_SIZE,
	WINDOWS_MISMATCH, HIST_SIZE, HIST_HALF,
};

static struct nl_msg *record(enum bad bad, int hist)
{
	struct nl_msg *m = nlmsg_alloc_size(8192);
	struct nlattr *n, *l;
	uint32_t w;

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 1, 20, 0, NLM_F_MULTI, WSMON_CMD_GET_PROC, 1));
	n = nla_nest_start(m, WSMON_A_PROC);
	if (bad != NO_PID)
		nla_put_u32(m, WSMON_PROC_A_PID, 4242);
	if (bad == COMM_UNTERMINATED)
		nla_put(m, WSMON_PROC_A_COMM, 5, "hello");
	else if (bad == COMM_LONG)
		nla_put_string(m, WSMON_PROC_A_COMM, "a-name-past-sixteen");
	else
		nla_put_string(m, WSMON_PROC_A_COMM, "pat\033tern");
	nla_put_u32(m, WSMON_PROC_A_UID, 1000);
	if (bad == SHORT_U64)
		nla_put_u32(m, WSMON_PROC_A_PASSES, 3);
	else
		nla_put_u64(m, WSMON_PROC_A_PASSES, 3);
	nla_put_u64(m, WSMON_PROC_A_RSS, 8 << 20);
	l = nla_nest_start(m, WSMON_PROC_A_WINDOWS);
	for (w = 1; w <= 3; w++)
		nla_put_u32(m, WSMON_LIST_ENTRY, w * 10);
	nla_nest_end(m, l);
	l = nla_nest_start(m, WSMON_PROC_A_WSS);
	for (w = 1; w <= (bad == WINDOWS_MISMATCH ? 2U : 3U); w++) {
		if (bad == LIST_ENTRY_SIZE && w == 2)
			nla_put_u32(m, WSMON_LIST_ENTRY, w);
		else
			nla_put_u64(m, WSMON_LIST_ENTRY, (uint64_t)w << 20);
	}
	nla_nest_end(m, l);
	nla_put_u32(m, WSMON_PROC_A_KNEE_SAMPLES, 7);
	nla_put_u64(m, WSMON_PROC_A_KNEE, 5 << 20);
	nla_put_u64(m, WSMON_PROC_A_MINFLT_RATE, 1500);
	nla_put_u64(m, WSMON_PROC_A_WORKING_SET, 2 << 20);
	nla_put_flag(m, WSMON_PROC_A_SWAP_CAPPED);
	nla_put_u64(m, WSMON_PROC_A_THRASH_NS, 99);
	nla_put_u32(m, 250, 1);	/* a newer module's attribute */
	if (hist) {
		uint64_t idle[WSMON_IDLE_BUCKETS] = { 1, 2 }, reuse[WSMON_REUSE_SLOTS] = { 3, 4 };

		nla_put(m, WSMON_PROC_A_IDLE_HIST,
			bad == HIST_SIZE ? (int)sizeof(idle) - 8 : (int)sizeof(idle), idle);
		if (bad != HIST_HALF)
			nla_put(m, WSMON_PROC_A_REUSE_HIST, sizeof(reuse), reuse);
	}
	nla_nest_end(m, n);
	return m;
}

static void test_good(void **state)
{
	struct nl_msg *m = record(GOOD, 0);
	struct wsmon_proc p;
	const char *why;

	(void)state;
	assert_int_equal(wsmon_proc_parse(nlmsg_hdr(m), &p, NULL, &why), 0);
	assert_null(why);
	assert_int_equal(p.pid, 4242);
	assert_string_equal(p.comm, "pat?tern");	/* the escape is sanitised */
	assert_int_equal(p.uid, 1000);
	assert_int_equal(p.passes, 3);
	assert_int_equal(p.rss, 8 << 20);
	assert_int_equal(p.nr_windows, 3);
	assert_int_equal(p.windows[2], 30);
	assert_int_equal(p.wss[1], 2 << 20);
	assert_int_equal(p.knee_samples, 7);
	assert_int_equal(p.knee, 5 << 20);
	assert_true(p.minflt_rate > 1.49 && p.minflt_rate < 1.51);
	assert_int_equal(p.wss_split, 2 << 20);
	assert_true(p.swap_capped);
	assert_true(p.has_thrash);
	assert_int_equal(p.thrash_ns, 99);
	assert_int_equal(p.start, 0);	/* not sent */
	assert_null(p.hist);
	nlmsg_free(m);
}

static void test_histograms(void **state)
{
	struct nl_msg *m = record(GOOD, 1);
	struct wsmon_proc_hist room;
	struct wsmon_proc p;
	const char *why;

	(void)state;
	assert_int_equal(wsmon_proc_parse(nlmsg_hdr(m), &p, &room, &why), 0);
	assert_ptr_equal(p.hist, &room);
	assert_int_equal(room.idle[1], 2);
	assert_int_equal(room.reuse[1], 4);
	/* no room asked for: parsed, but not kept */
	assert_int_equal(wsmon_proc_parse(nlmsg_hdr(m), &p, NULL, &why), 0);
	assert_null(p.hist);
	nlmsg_free(m);
}

static void refused(enum bad bad, int hist)
{
	struct nl_msg *m = record(bad, hist);
	struct wsmon_proc_hist room;
	struct wsmon_proc p;
	const char *why = NULL;

	assert_int_equal(wsmon_proc_parse(nlmsg_hdr(m), &p, &room, &why), -EINVAL);
	assert_string_equal(why, "malformed GET_PROC reply");
	nlmsg_free(m);
}

static void test_refused(void **state)
{
	(void)state;
	refused(NO_PID, 0);
	refused(COMM_UNTERMINATED, 0);
	refused(COMM_LONG, 0);
	refused(SHORT_U64, 0);
	refused(LIST_ENTRY_SIZE, 0);
	refused(WINDOWS_MISMATCH, 0);
	refused(HIST_SIZE, 1);
	refused(HIST_HALF, 1);
}

/* a message cut inside its attributes: nothing is read past its end */
static void test_truncated(void **state)
{
	struct nl_msg *m = record(GOOD, 0);
	struct nlmsghdr *h = nlmsg_hdr(m);
	struct wsmon_proc p;
	const char *why;

	(void)state;
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + 40;
	assert_int_equal(wsmon_proc_parse(h, &p, NULL, &why), -EINVAL);
	h->nlmsg_len = NLMSG_HDRLEN + 2;	/* not even the generic header */
	assert_int_equal(wsmon_proc_parse(h, &p, NULL, &why), -EINVAL);
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_histograms),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_truncated),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("proc", tests, NULL, NULL);
}
