// SPDX-License-Identifier: GPL-2.0
/* Unit tests: GET_SWAP and GET_SWAPMAP parsing, the occupancy of an area. */
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

#include "swapmap.h"

static struct nl_msg *msg(int cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(65536);

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 1, 0x20, 0, 0, cmd, WSMON_GENL_VERSION));
	return m;
}

static void put_owner(struct nl_msg *m, uint32_t pid, const char *comm, uint64_t bytes)
{
	struct nlattr *p = nla_nest_start(m, WSMON_A_PROC);

	nla_put_u32(m, WSMON_PROC_A_PID, pid);
	nla_put_string(m, WSMON_PROC_A_COMM, comm);
	nla_put_u32(m, WSMON_PROC_A_UID, 1000);
	nla_put_u64(m, WSMON_PROC_A_SWAP, bytes);
	nla_nest_end(m, p);
}

static void put_extent(struct nl_msg *m, uint64_t start, uint64_t pages,
		       uint32_t type, uint64_t offset)
{
	struct nlattr *e = nla_nest_start(m, WSMON_A_SWAP_EXTENT);

	nla_put_u64(m, WSMON_SWAP_EXTENT_A_START, start);
	nla_put_u64(m, WSMON_SWAP_EXTENT_A_PAGES, pages);
	nla_put_u32(m, WSMON_SWAP_EXTENT_A_TYPE, type);
	nla_put_u64(m, WSMON_SWAP_EXTENT_A_OFFSET, offset);
	nla_nest_end(m, e);
}

static void test_summary(void **state)
{
	struct nl_msg *m = msg(WSMON_CMD_GET_SWAP);
	struct nlattr *a, *top;
	struct swap_summary s;
	const char *why;

	(void)state;
	nla_put_u64(m, WSMON_A_SWAP_FREE, 1 << 20);
	a = nla_nest_start(m, WSMON_A_SWAP_AREA);
	nla_put_u32(m, WSMON_SWAP_AREA_A_TYPE, 1);
	nla_put_u64(m, WSMON_SWAP_AREA_A_SLOTS, 300);
	nla_put_u64(m, WSMON_SWAP_AREA_A_MAPPED, 350);
	nla_put_u32(m, WSMON_SWAP_AREA_A_OWNERS, 2);
	nla_put_u64(m, WSMON_SWAP_AREA_A_RUNS, 4);
	nla_put_u64(m, WSMON_SWAP_AREA_A_LOWEST, 10);
	nla_put_u64(m, WSMON_SWAP_AREA_A_HIGHEST, 999);
	top = nla_nest_start(m, WSMON_SWAP_AREA_A_TOP);
	put_owner(m, 42, "big", 200 * 4096);
	put_owner(m, 43, "small", 150 * 4096);
	nla_nest_end(m, top);
	nla_nest_end(m, a);
	assert_int_equal(swap_summary_parse(nlmsg_hdr(m), &s, &why), 0);
	assert_int_equal(s.swap_free, 1 << 20);
	assert_int_equal(s.nr_areas, 1);
	assert_int_equal(s.areas[0].type, 1);
	assert_int_equal(s.areas[0].slots, 300);
	assert_int_equal(s.areas[0].mapped, 350);
	assert_int_equal(s.areas[0].runs, 4);
	assert_int_equal(s.areas[0].highest, 999);
	assert_int_equal(s.areas[0].nr_top, 2);
	assert_int_equal(s.areas[0].top[1].pid, 43);
	assert_string_equal(s.areas[0].top[1].comm, "small");
	assert_int_equal(s.areas[0].top[0].bytes, 200 * 4096);
	nlmsg_free(m);
}

static void test_summary_missing_attr(void **state)
{
	struct nl_msg *m = msg(WSMON_CMD_GET_SWAP);
	struct nlattr *a;
	struct swap_summary s;
	const char *why = NULL;

	(void)state;
	a = nla_nest_start(m, WSMON_A_SWAP_AREA);
	nla_put_u32(m, WSMON_SWAP_AREA_A_TYPE, 0);	/* no SLOTS ... */
	nla_nest_end(m, a);
	assert_int_equal(swap_summary_parse(nlmsg_hdr(m), &s, &why), -EINVAL);
	assert_non_null(why);
	nlmsg_free(m);
}

/* a dump of one process over three messages: extents accumulate */
static void test_map_messages(void **state)
{
	struct swap_extent *ext = NULL;
	struct swap_owner who;
	const char *why;
	size_t n = 0;
	int part, i;

	(void)state;
	for (part = 0; part < 3; part++) {
		struct nl_msg *m = msg(WSMON_CMD_GET_SWAPMAP);

		put_owner(m, 7, "p", 300 * 4096);
		for (i = 0; i < 100; i++)
			put_extent(m, 0x10000000ULL + (part * 100 + i) * 8192, 1, 0,
				   part * 100 + i);
		assert_int_equal(swapmap_parse(nlmsg_hdr(m), &who, &ext, &n, &why), 0);
		nlmsg_free(m);
	}
	assert_int_equal(n, 300);
	assert_int_equal(who.pid, 7);
	for (i = 0; i < 300; i++)
		assert_int_equal(ext[i].offset, i);
	assert_int_equal(ext[299].start, 0x10000000ULL + 299 * 8192);
	free(ext);
}

static void test_map_without_proc(void **state)
{
	struct nl_msg *m = msg(WSMON_CMD_GET_SWAPMAP);
	struct swap_extent *ext = NULL;
	struct swap_owner who;
	const char *why = NULL;
	size_t n = 0;

	(void)state;
	put_extent(m, 0x1000, 1, 0, 5);
	assert_int_equal(swapmap_parse(nlmsg_hdr(m), &who, &ext, &n, &why), -EINVAL);
	assert_non_null(why);
	free(ext);
	nlmsg_free(m);
}

/* an area of 640 slots in 64 buckets of 10 */
static void test_occupancy(void **state)
{
	const struct swap_extent ext[] = {
		{ .start = 0, .pages = 25, .type = 0, .offset = 0 },	/* buckets 0-2 */
		{ .start = 0, .pages = 10, .type = 0, .offset = 5 },	/* shared: once */
		{ .start = 0, .pages = 1, .type = 0, .offset = 639 },	/* last slot */
		{ .start = 0, .pages = 50, .type = 1, .offset = 100 },	/* another area */
	};
	uint64_t b[SWAP_BUCKETS], sum = 0;
	int i;

	(void)state;
	swap_occupancy(ext, 4, 0, 640, b);
	assert_int_equal(b[0], 10);
	assert_int_equal(b[1], 10);
	assert_int_equal(b[2], 5);
	assert_int_equal(b[63], 1);
	for (i = 0; i < SWAP_BUCKETS; i++)
		sum += b[i];
	assert_int_equal(sum, 26);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_missing_attr),
		cmocka_unit_test(test_map_messages),
		cmocka_unit_test(test_map_without_proc),
		cmocka_unit_test(test_occupancy),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("swapmap", tests, NULL, NULL);
}
