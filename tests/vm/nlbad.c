// SPDX-License-Identifier: GPL-2.0
/*
 * nlbad: malformed and unknown requests to the wsmon family.  Each case
 * must be refused with the right errno and an extack message, and the
 * module must still answer a good request afterwards.  Prints one KTAP
 * result line per case on fd 3 (the VM's result port).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "nl.h"

static int tap_fd = 3;

static void result(int pass, const char *desc, int err, const char *ext)
{
	char n[32] = "";
	FILE *f = fopen("/tmp/ktap.n", "r+");
	int num = 0;

	if (f) {
		if (fgets(n, sizeof(n), f))
			num = atoi(n);
		rewind(f);
		fprintf(f, "%d\n", ++num);
		fclose(f);
	}
	dprintf(tap_fd, "%sok %d %s\n", pass ? "" : "not ", num, desc);
	if (!pass)
		dprintf(tap_fd, "# errno %d (%s), extack '%s'\n", -err,
			strerror(-err), ext);
	printf("%s: %s (errno %d, extack '%s')\n", pass ? "ok" : "NOT OK",
	       desc, -err, ext);
}

static int put_unknown_attr(struct nl_msg *msg, void *arg)
{
	(void)arg;
	return nla_put_u32(msg, WSMON_A_MAX + 10, 1);
}

static int put_reply_attr(struct nl_msg *msg, void *arg)
{
	(void)arg;
	return nla_put_u64(msg, WSMON_A_MEM_TOTAL, 1);
}

/* an attribute header that claims more bytes than the message holds */
static int put_truncated_attr(struct nl_msg *msg, void *arg)
{
	struct nlattr bad = { .nla_len = 64, .nla_type = WSMON_A_PAGE_SIZE };

	(void)arg;
	return nlmsg_append(msg, &bad, sizeof(bad), NLMSG_ALIGNTO);
}

static int set_reserved(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));

	(void)arg;
	g->reserved = 1;
	return 0;
}

static int count_reply(struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(*(int *)arg)++;
	return 0;
}

struct bad_case {
	const char *desc;
	int cmd;
	int flags;
	wsmon_fill_fn fill;
	int want;		/* errno */
	int want_ext;		/* an extack message is expected */
};

static const struct bad_case cases[] = {
	{ "unknown attribute type is refused", WSMON_CMD_GET_STATS, 0,
	  put_unknown_attr, EINVAL, 1 },
	{ "reply-only attribute in a request is refused", WSMON_CMD_GET_STATS, 0,
	  put_reply_attr, EINVAL, 1 },
	{ "truncated attribute is refused", WSMON_CMD_GET_STATS, 0,
	  put_truncated_attr, EINVAL, 0 },
	{ "non-zero reserved header field is refused", WSMON_CMD_GET_STATS, 0,
	  set_reserved, EINVAL, 1 },
	{ "unknown command is refused", 99, 0, NULL, EOPNOTSUPP, 0 },
	{ "dump of a doit-only command is refused", WSMON_CMD_GET_STATS,
	  NLM_F_DUMP, NULL, EOPNOTSUPP, 0 },
};

int main(void)
{
	struct wsmon_nl nl;
	unsigned int i;
	int replies = 0;
	int err;

	err = wsmon_nl_open(&nl);
	if (err) {
		result(0, "nlbad: open the wsmon family", err, "");
		return 1;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		int pass;

		err = wsmon_nl_request(&nl, c->cmd, c->flags, c->fill, NULL,
				       count_reply, &replies);
		pass = err == -c->want && (!c->want_ext || nl.ext_msg[0]);
		result(pass, c->desc, err, nl.ext_msg);
	}
	result(replies == 0, "no reply data was sent for any bad request",
	       -replies, "");

	err = wsmon_nl_request(&nl, WSMON_CMD_GET_STATS, 0, NULL, NULL,
			       count_reply, &replies);
	result(!err && replies == 1, "a good request is answered afterwards",
	       err, nl.ext_msg);
	wsmon_nl_close(&nl);
	return 0;
}
