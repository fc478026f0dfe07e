// SPDX-License-Identifier: GPL-2.0
/* Unit tests: GET_STATS reply parsing from crafted messages, status output. */
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

#include "output.h"
#include "psi.h"
#include "stats.h"
#include "status.h"

/* a GET_STATS reply with every attribute but @skip (0: none) */
static struct nl_msg *reply(int skip)
{
	struct nl_msg *m = nlmsg_alloc();

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 1, 0x20, 0, 0, WSMON_CMD_GET_STATS,
				    WSMON_GENL_VERSION));
	if (skip != WSMON_A_MODULE_VERSION)
		nla_put_string(m, WSMON_A_MODULE_VERSION, "9.8.7");
	if (skip != WSMON_A_KERNEL_RELEASE)
		nla_put_string(m, WSMON_A_KERNEL_RELEASE, "6.1.0-56-amd64");
	if (skip != WSMON_A_PAGE_SIZE)
		nla_put_u32(m, WSMON_A_PAGE_SIZE, 4096);
	if (skip != WSMON_A_MEM_TOTAL)
		nla_put_u64(m, WSMON_A_MEM_TOTAL, 2ULL << 30);
	if (skip != WSMON_A_MEM_FREE)
		nla_put_u64(m, WSMON_A_MEM_FREE, 1ULL << 30);
	if (skip != WSMON_A_MEM_AVAILABLE)
		nla_put_u64(m, WSMON_A_MEM_AVAILABLE, 3ULL << 29);
	if (skip != WSMON_A_SWAP_FREE)
		nla_put_u64(m, WSMON_A_SWAP_FREE, 12345 * 4096ULL);
	return m;
}

static void test_parse_full(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	const char *why = NULL;

	(void)state;
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	assert_string_equal(st.module_version, "9.8.7");
	assert_string_equal(st.kernel_release, "6.1.0-56-amd64");
	assert_int_equal(st.page_size, 4096);
	assert_int_equal(st.mem_total, 2ULL << 30);
	assert_int_equal(st.mem_free, 1ULL << 30);
	assert_int_equal(st.mem_available, 3ULL << 29);
	assert_int_equal(st.swap_free, 12345 * 4096ULL);
	nlmsg_free(m);
}

/* the sampler's live-host figures, and flush names both ways */
static void test_parse_live_figures(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	const char *why = NULL;

	(void)state;
	nla_put_u32(m, WSMON_A_SAMPLE_MS, 1000);
	nla_put_u32(m, WSMON_A_FLUSH, WSMON_FLUSH_MM);
	nla_put_u32(m, WSMON_A_FLUSH_CPUS, 3);
	nla_put_u64(m, WSMON_A_SAMPLE_SKIPPED, 1048);
	nla_put_u64(m, WSMON_A_SAMPLE_TABLES, 12);
	nla_put_u32(m, WSMON_A_MAX_STALE, 7);
	nla_put_u64(m, WSMON_A_LOCK_BUSY, 127);
	nla_put_u64(m, WSMON_A_IDLE_REFS, 4099);
	nla_put_u64(m, WSMON_A_ALLOC_FAILED, 22);
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	assert_int_equal(st.lock_busy, 127);
	assert_true(st.has_idle_refs);
	assert_int_equal(st.idle_refs, 4099);
	assert_int_equal(st.alloc_failed, 22);
	assert_int_equal(st.flush, WSMON_FLUSH_MM);
	assert_int_equal(st.flush_cpus, 3);
	assert_int_equal(st.sample_skipped, 1048);
	assert_int_equal(st.sample_tables, 12);
	assert_int_equal(st.max_stale, 7);
	assert_string_equal(stats_flush_name(st.flush), "mm");
	assert_int_equal(stats_flush_parse("none"), WSMON_FLUSH_NONE);
	assert_int_equal(stats_flush_parse("all"), WSMON_FLUSH_ALL);
	assert_int_equal(stats_flush_parse("most"), -1);
	assert_string_equal(stats_flush_name(9), "unknown");
	nlmsg_free(m);
}

static void test_parse_missing(void **state)
{
	int attr;

	(void)state;
	for (attr = WSMON_A_MODULE_VERSION; attr <= WSMON_A_SWAP_FREE; attr++) {
		struct nl_msg *m = reply(attr);
		struct wsmon_stats st;
		const char *why = NULL;

		assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), -EINVAL);
		assert_non_null(why);
		nlmsg_free(m);
	}
}

static void test_parse_wrong_type(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	struct wsmon_stats st;
	const char *why = NULL;
	uint16_t short_val = 1;

	(void)state;
	genlmsg_put(m, 0, 1, 0x20, 0, 0, WSMON_CMD_GET_STATS, 1);
	/* a u64 attribute carrying two bytes */
	nla_put(m, WSMON_A_MEM_TOTAL, sizeof(short_val), &short_val);
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), -EINVAL);
	nlmsg_free(m);
}

static void test_parse_unterminated_string(void **state)
{
	struct nl_msg *m = reply(WSMON_A_MODULE_VERSION);
	struct wsmon_stats st;
	const char *why = NULL;

	(void)state;
	nla_put(m, WSMON_A_MODULE_VERSION, 3, "abc");
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), -EINVAL);
	nlmsg_free(m);
}

/* newer modules may add attributes: the client ignores what it doesn't know */
static void test_parse_ignores_newer_attrs(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	const char *why = NULL;

	(void)state;
	nla_put_u32(m, WSMON_A_MAX + 1, 7);
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	nlmsg_free(m);
}

static void test_status_json(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	const char *why;
	uint64_t swap_total = 64ULL << 20;
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	f = open_memstream(&buf, &len);
	out_init(f, true);
	status_print(&st, &swap_total);
	out_finish();
	fclose(f);
	assert_string_equal(buf,
		"{\"schema\":1,\"module_version\":\"9.8.7\",\"kernel_release\":\"6.1.0-56-amd64\","
		"\"page_size\":4096,\"mem_total\":2147483648,\"mem_free\":1073741824,"
		"\"mem_available\":1610612736,\"swap_total\":67108864,"
		"\"swap_free\":50565120}\n");
	free(buf);
	nlmsg_free(m);
}

static void test_status_text_without_swaps(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	const char *why;
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	f = open_memstream(&buf, &len);
	out_init(f, false);
	status_print(&st, NULL);
	out_finish();
	fclose(f);
	assert_string_equal(buf,
		"wsmon module  9.8.7\n"
		"kernel        6.1.0-56-amd64\n"
		"page size     4096 bytes\n"
		"memory        total 2.0 GiB, free 1.0 GiB, available 1.5 GiB\n"
		"swap          total -, free 48.2 MiB\n");
	free(buf);
	nlmsg_free(m);
}

/* the thrash figures: rates arrive per 1000 s and are shown per second */
static void test_parse_thrash(void **state)
{
	struct nl_msg *m = reply(0);
	struct wsmon_stats st;
	struct nlattr *r;
	const char *why;
	struct psi psi = {
		.some = { .present = true, .avg10 = 12.5, .avg60 = 3, .avg300 = 1 },
		.full = { .present = true, .avg10 = 2.25 },
	};
	char *buf = NULL;
	size_t len;
	FILE *f;

	(void)state;
	nla_put_u32(m, WSMON_A_STATE, WSMON_STATE_THRASHING);
	nla_put_u64(m, WSMON_A_STATE_SINCE, 77);
	nla_put_u32(m, WSMON_A_DEMAND, 1250);
	nla_put_u64(m, WSMON_A_DEMAND_BYTES, 320ULL << 20);
	nla_put_u64(m, WSMON_A_USER_MEM, 256ULL << 20);
	r = nla_nest_start(m, WSMON_A_RATES);
	nla_put_u64(m, WSMON_RATE_A_MAJFLT, 3000);
	nla_put_u64(m, WSMON_RATE_A_SWPIN, 1500500);
	nla_put_u64(m, WSMON_RATE_A_REFAULT_FILE, 2000);
	nla_nest_end(m, r);
	nla_put_u32(m, WSMON_A_DEMAND_WINDOW, 10);
	nla_put_u32(m, WSMON_A_PRESSURE_DEMAND, 800);
	nla_put_u32(m, WSMON_A_THRASH_DEMAND, 1000);
	nla_put_u32(m, WSMON_A_THRASH_RATE, 100);
	nla_put_u32(m, WSMON_A_ENTER_SAMPLES, 2);
	nla_put_u32(m, WSMON_A_LEAVE_SAMPLES, 3);
	assert_int_equal(wsmon_stats_parse(nlmsg_hdr(m), &st, &why), 0);
	assert_true(st.has_thrash);
	assert_int_equal(st.state, WSMON_STATE_THRASHING);
	assert_int_equal(st.demand_milli, 1250);
	assert_float_equal(st.rates[0], 3.0, 1e-9);
	assert_float_equal(st.rates[1], 1500.5, 1e-9);
	assert_float_equal(st.rates[4], 2.0, 1e-9);
	assert_float_equal(st.rates_avg[1], 0.0, 1e-9);

	f = open_memstream(&buf, &len);
	out_init(f, false);
	status_print_thrash(&st, &psi);
	out_finish();
	fclose(f);
	assert_non_null(strstr(buf, "state         thrashing since sample 77\n"));
	assert_non_null(strstr(buf, "demand        1.25 = working sets 320.0 MiB (W over 10 samples) / user memory 256.0 MiB\n"));
	assert_non_null(strstr(buf, "now: majflt 3 swpin 1500 swpout 0 refault 0+2\n"));
	assert_non_null(strstr(buf, "psi memory    some 12.50%/3.00%/1.00% full 2.25%/0.00%/0.00%"));
	free(buf);
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_full),
		cmocka_unit_test(test_parse_live_figures),
		cmocka_unit_test(test_parse_missing),
		cmocka_unit_test(test_parse_wrong_type),
		cmocka_unit_test(test_parse_unterminated_string),
		cmocka_unit_test(test_parse_ignores_newer_attrs),
		cmocka_unit_test(test_status_json),
		cmocka_unit_test(test_status_text_without_swaps),
		cmocka_unit_test(test_parse_thrash),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
