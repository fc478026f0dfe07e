/* SPDX-License-Identifier: GPL-2.0 */
/* The client's generic netlink socket: family lookup, requests, errors. */
#ifndef WSMON_NL_H
#define WSMON_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <netlink/msg.h>

struct wsmon_nl {
	struct nl_sock *sk;
	int family;
	/*
	 * One request message and one callback set, allocated with the
	 * socket and reused: a request (a kill under memory pressure)
	 * allocates nothing of its own.
	 */
	struct nl_msg *req;
	struct nl_cb *cb;
	/* the kernel's extack message for the last failed request, or "" */
	char ext_msg[256];
	/*
	 * Our requests' sequence numbers, apart from libnl's: their replies
	 * are read by request_recv(), and libnl's own requests (resolving a
	 * group) must find its counters as it left them.
	 */
	uint32_t seq;
};

/* Fills the request after its generic netlink header. */
typedef int (*wsmon_fill_fn)(struct nl_msg *msg, void *arg);
/* Called for each reply message (each part of a dump). */
typedef int (*wsmon_reply_fn)(struct nlmsghdr *nlh, void *arg);

/*
 * Open a socket and resolve the family.  Returns 0, -ENOENT when the
 * family is not registered (module not loaded), or another -errno.
 */
int wsmon_nl_open(struct wsmon_nl *nl);
void wsmon_nl_close(struct wsmon_nl *nl);

/*
 * Send @cmd (NLM_F_DUMP in @flags for a dump), call @reply for each answer
 * and wait for the final ACK, DONE or error.  Returns 0 or -errno; on a
 * kernel error nl->ext_msg holds its extack message, if any.
 */
int wsmon_nl_request(struct wsmon_nl *nl, uint8_t cmd, int flags,
		     wsmon_fill_fn fill, void *fill_arg,
		     wsmon_reply_fn reply, void *reply_arg);

/* Join a multicast group of the family.  0, -ENOENT, -EPERM or -EPROTO. */
int wsmon_nl_subscribe(struct wsmon_nl *nl, const char *group);

/*
 * Wait up to @timeout_ms (-1: for ever) for notifications and call @fn
 * for each.  0, -ETIMEDOUT, -EINTR (a signal), -ENOBUFS (the socket's
 * queue overran: notifications were lost), or another -errno.
 */
int wsmon_nl_receive(struct wsmon_nl *nl, int timeout_ms, wsmon_reply_fn fn,
		     void *arg);

/*
 * The extack message in an NLMSG_ERROR message, or NULL.  Exposed for the
 * unit tests.
 */
const char *wsmon_nl_extack_msg(const struct nlmsghdr *nlh);

/*
 * The entries of a WSMON_LIST_ENTRY nest, each @size bytes, into @out (at
 * most @max); padding is skipped.  The count, or -1 when malformed.
 */
int wsmon_nl_list(const struct nlattr *nest, void *out, size_t size, int max);

/*
 * Attribute access inlined, for loops over thousands of records: libnl's
 * nla_ok(), nla_type() and friends are calls into the shared library,
 * and they took most of the time of parsing a dump.
 */
static inline int attr_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

static inline int attr_len(const struct nlattr *a)
{
	return (int)a->nla_len - NLA_HDRLEN;
}

static inline const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static inline bool attr_ok(const struct nlattr *a, int rem)
{
	return rem >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= rem;
}

static inline const struct nlattr *attr_next(const struct nlattr *a, int *rem)
{
	int len = NLA_ALIGN(a->nla_len);

	*rem -= len;
	return (const struct nlattr *)((const char *)a + len);
}

/* each attribute of @len bytes at @head */
#define attr_for_each(a, head, len, rem) \
	for ((a) = (head), (rem) = (len); attr_ok(a, rem); (a) = attr_next(a, &(rem)))

/* each top-level attribute of a generic netlink message (its header checked first) */
#define attr_for_each_genl(a, nlh, rem) \
	attr_for_each(a, (const struct nlattr *)((const char *)(nlh) + NLMSG_HDRLEN + GENL_HDRLEN), \
		      (int)(nlh)->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, rem)

/* each attribute nested in @nest */
#define attr_for_each_nested(a, nest, rem) \
	attr_for_each(a, (const struct nlattr *)attr_data(nest), attr_len(nest), rem)

#endif
