// SPDX-License-Identifier: GPL-2.0
/* Unit tests: extack parsing from crafted NLMSG_ERROR messages (client/nl.c). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nl.h"

/* an error ACK for a request of @req_payload bytes, optionally capped */
static struct nl_msg *error_ack(int capped, int req_payload, const char *ext)
{
	struct nl_msg *m = nlmsg_alloc_simple(NLMSG_ERROR, capped ? NLM_F_CAPPED : 0);
	struct nlmsgerr e = { .error = -EINVAL };
	char zero[64] = { 0 };

	assert_non_null(m);
	e.msg.nlmsg_len = NLMSG_HDRLEN + req_payload;
	assert_int_equal(nlmsg_append(m, &e, sizeof(e), NLMSG_ALIGNTO), 0);
	if (!capped)
		assert_int_equal(nlmsg_append(m, zero, req_payload, NLMSG_ALIGNTO), 0);
	if (ext) {
		nlmsg_hdr(m)->nlmsg_flags |= NLM_F_ACK_TLVS;
		assert_int_equal(nla_put_string(m, NLMSGERR_ATTR_MSG, ext), 0);
	}
	return m;
}

static void test_capped(void **state)
{
	struct nl_msg *m = error_ack(1, 0, "Unsupported attribute");

	(void)state;
	assert_string_equal(wsmon_nl_extack_msg(nlmsg_hdr(m)), "Unsupported attribute");
	nlmsg_free(m);
}

static void test_uncapped_with_payload(void **state)
{
	struct nl_msg *m = error_ack(0, 12, "Unknown attribute type");

	(void)state;
	assert_string_equal(wsmon_nl_extack_msg(nlmsg_hdr(m)), "Unknown attribute type");
	nlmsg_free(m);
}

static void test_no_tlvs(void **state)
{
	struct nl_msg *m = error_ack(1, 0, NULL);

	(void)state;
	assert_null(wsmon_nl_extack_msg(nlmsg_hdr(m)));
	nlmsg_free(m);
}

static void test_unterminated(void **state)
{
	struct nl_msg *m = error_ack(1, 0, NULL);

	(void)state;
	nlmsg_hdr(m)->nlmsg_flags |= NLM_F_ACK_TLVS;
	nla_put(m, NLMSGERR_ATTR_MSG, 4, "abcd");
	assert_null(wsmon_nl_extack_msg(nlmsg_hdr(m)));
	nlmsg_free(m);
}

static void test_not_an_error(void **state)
{
	struct nl_msg *m = nlmsg_alloc_simple(0x20, 0);

	(void)state;
	assert_null(wsmon_nl_extack_msg(nlmsg_hdr(m)));
	nlmsg_free(m);
}

/* a lying echoed length must not make the parser read past the message */
static void test_bogus_echo_length(void **state)
{
	struct nl_msg *m = error_ack(0, 8, "x");
	struct nlmsgerr *e = nlmsg_data(nlmsg_hdr(m));

	(void)state;
	e->msg.nlmsg_len = 100000;
	assert_null(wsmon_nl_extack_msg(nlmsg_hdr(m)));
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capped),
		cmocka_unit_test(test_uncapped_with_payload),
		cmocka_unit_test(test_no_tlvs),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_not_an_error),
		cmocka_unit_test(test_bogus_echo_length),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("nl", tests, NULL, NULL);
}
