// SPDX-License-Identifier: GPL-2.0
/*
 * Requests to the wsmon family with libnl-genl-3.  libnl 3.7 has no
 * extended-ACK API, so the socket asks for it (NETLINK_EXT_ACK, capped
 * ACKs) and the error callback parses NLMSGERR_ATTR_MSG itself.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "nl.h"

/* room for the largest request: SET_CONFIG with 1024 tracked PIDs */
#define WSMON_NL_REQ_SIZE	16384

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct request_ctx {
	struct wsmon_nl *nl;
	wsmon_reply_fn reply;
	void *reply_arg;
	int err;		/* kernel error or callback error, -errno */
	int done;
};

const char *wsmon_nl_extack_msg(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	unsigned int ack_len;
	struct nlattr *attrs;

	if (nlh->nlmsg_type != NLMSG_ERROR || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e) ||
	    e->msg.nlmsg_len < sizeof(struct nlmsghdr))
		return NULL;
	/* the ACK echoes the request header, and its payload unless capped */
	ack_len = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	if (nlh->nlmsg_len <= ack_len)
		return NULL;
	attrs = (struct nlattr *)((char *)nlh + ack_len);
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, attrs, nlh->nlmsg_len - ack_len, NULL))
		return NULL;
	if (!tb[NLMSGERR_ATTR_MSG] || nla_len(tb[NLMSGERR_ATTR_MSG]) < 1)
		return NULL;
	/* must be NUL-terminated inside the attribute */
	if (((char *)nla_data(tb[NLMSGERR_ATTR_MSG]))[nla_len(tb[NLMSGERR_ATTR_MSG]) - 1])
		return NULL;
	return nla_get_string(tb[NLMSGERR_ATTR_MSG]);
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e - 1;
	struct request_ctx *ctx = arg;
	const char *msg;

	(void)nla;
	ctx->err = e->error ? e->error : 0;
	msg = wsmon_nl_extack_msg(nlh);
	if (msg)
		snprintf(ctx->nl->ext_msg, sizeof(ctx->nl->ext_msg), "%s", msg);
	ctx->done = 1;
	return NL_STOP;
}

/*
 * The replies to request @seq, read straight from the receive buffer,
 * up to the ACK or the end of the dump.  libnl's nl_recvmsgs() copies
 * every message into an nl_msg of its own and runs a callback chain for
 * it, which cost more than parsing the records of a dump of thousands of
 * processes; iproute2 reads replies this way too.
 */
static int request_recv(struct request_ctx *ctx, uint32_t seq)
{
	struct sockaddr_nl peer;
	unsigned char *buf = NULL;
	struct nlmsghdr *h;
	int n, err;

	while (!ctx->done) {
		n = nl_recv(ctx->nl->sk, &peer, &buf, NULL);
		if (n <= 0) {
			free(buf);
			return n == -NLE_NOMEM ? -ENOMEM : -EIO;
		}
		for (h = (struct nlmsghdr *)buf; !ctx->done && nlmsg_ok(h, n);
		     h = nlmsg_next(h, &n)) {
			if (h->nlmsg_seq != seq || h->nlmsg_type == NLMSG_NOOP)
				continue;	/* not an answer to this request */
			if (h->nlmsg_type == NLMSG_DONE) {
				/* a dump that failed says why here */
				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
					memcpy(&err, nlmsg_data(h), sizeof(err));
					if (err < 0 && !ctx->err)
						ctx->err = err;
				}
				ctx->done = 1;
			} else if (h->nlmsg_type == NLMSG_ERROR) {
				if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
					ctx->err = -EPROTO;
					ctx->done = 1;
				} else {
					on_error(&peer, nlmsg_data(h), ctx);
				}
			} else if (ctx->reply && !ctx->err) {
				err = ctx->reply(h, ctx->reply_arg);
				if (err < 0)
					ctx->err = err;	/* keep reading so the dump drains */
			}
		}
		free(buf);
		buf = NULL;
	}
	return ctx->err;
}



/* A request to @nl->family at @version, its replies to @reply. */
static int request(struct wsmon_nl *nl, uint8_t cmd, int flags, uint8_t version,
		   wsmon_fill_fn fill, void *fill_arg, wsmon_reply_fn reply, void *reply_arg)
{
	struct request_ctx ctx = {
		.nl = nl, .reply = reply, .reply_arg = reply_arg,
	};
	struct nl_msg *msg = nl->req;
	int err;

	nl->ext_msg[0] = '\0';
	/*
	 * Empty the reused message as a new one is: zeroed as far as the
	 * last request wrote (genlmsg_put() leaves the generic header's
	 * reserved field as it finds it), then the header alone.
	 */
	memset(nlmsg_hdr(msg), 0, nlmsg_hdr(msg)->nlmsg_len < WSMON_NL_REQ_SIZE ?
				  nlmsg_hdr(msg)->nlmsg_len : WSMON_NL_REQ_SIZE);
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_HDRLEN;
	if (++nl->seq == NL_AUTO_SEQ)
		nl->seq++;
	if (!genlmsg_put(msg, NL_AUTO_PORT, nl->seq, nl->family, 0,
			 flags | NLM_F_ACK, cmd, version))
		return -EMSGSIZE;
	if (fill) {
		err = fill(msg, fill_arg);
		if (err < 0)
			return err;
	}

	if (nl_send_auto(nl->sk, msg) < 0)
		return -EIO;
	return request_recv(&ctx, nlmsg_hdr(msg)->nlmsg_seq);
}

static int family_id(struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;
	int rem;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EPROTO;
	attr_for_each_genl(a, nlh, rem)
		if (attr_type(a) == CTRL_ATTR_FAMILY_ID && attr_len(a) >= (int)sizeof(uint16_t)) {
			uint16_t id;

			memcpy(&id, attr_data(a), sizeof(id));
			*(int *)arg = id;
		}
	return 0;
}

static int fill_family_name(struct nl_msg *msg, void *arg)
{
	(void)arg;
	return nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, WSMON_GENL_NAME) ? -EMSGSIZE : 0;
}

/*
 * The family's ID, asked of the generic netlink controller with one
 * request read like any other: every command starts with it, a kill
 * under memory pressure too, and genl_ctrl_resolve() parsed the whole
 * family description with libnl's caches to get one number.
 */
static int resolve_family(struct wsmon_nl *nl)
{
	int id = -1, err;

	nl->family = GENL_ID_CTRL;
	err = request(nl, CTRL_CMD_GETFAMILY, 0, 1, fill_family_name, NULL, family_id, &id);
	if (!err && id < 0)
		err = -EPROTO;
	/* no such family: the module is not loaded */
	nl->family = err ? -1 : id;
	return err;
}

int wsmon_nl_open(struct wsmon_nl *nl)
{
	int one = 1;
	int fd, err;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return -ENOMEM;
	err = genl_connect(nl->sk);
	if (err < 0) {
		err = -EPROTO;
		goto err_free;
	}
	fd = nl_socket_get_fd(nl->sk);
	/* best effort: older kernels simply send no extack */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* a dump of thousands of processes: take large messages at once */
	nl_socket_set_msg_buf_size(nl->sk, 65536);

	nl->req = nlmsg_alloc_size(WSMON_NL_REQ_SIZE);
	nl->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nl->req || !nl->cb) {
		err = -ENOMEM;
		goto err_free;
	}
	err = resolve_family(nl);
	if (err)
		goto err_free;
	return 0;

err_free:
	wsmon_nl_close(nl);
	return err;
}

void wsmon_nl_close(struct wsmon_nl *nl)
{
	if (nl->cb)
		nl_cb_put(nl->cb);
	if (nl->req)
		nlmsg_free(nl->req);
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->cb = NULL;
	nl->req = NULL;
	nl->sk = NULL;
}
int wsmon_nl_request(struct wsmon_nl *nl, uint8_t cmd, int flags,
		     wsmon_fill_fn fill, void *fill_arg,
		     wsmon_reply_fn reply, void *reply_arg)
{
	return request(nl, cmd, flags, WSMON_GENL_VERSION, fill, fill_arg, reply, reply_arg);
}


int wsmon_nl_subscribe(struct wsmon_nl *nl, const char *group)
{
	int grp = genl_ctrl_resolve_grp(nl->sk, WSMON_GENL_NAME, group);
	int err;

	if (grp < 0)
		return -ENOENT;
	err = nl_socket_add_membership(nl->sk, grp);
	if (err == -NLE_PERM)
		return -EPERM;	/* a group for CAP_SYS_ADMIN only */
	return err < 0 ? -EPROTO : 0;
}

struct event_ctx {
	wsmon_reply_fn fn;
	void *arg;
	int err;
};

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct event_ctx *ctx = arg;
	int err = ctx->fn(nlmsg_hdr(msg), ctx->arg);

	if (err < 0 && !ctx->err)
		ctx->err = err;
	return NL_OK;
}

int wsmon_nl_receive(struct wsmon_nl *nl, int timeout_ms, wsmon_reply_fn fn,
		     void *arg)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(nl->sk), .events = POLLIN };
	struct event_ctx ctx = { .fn = fn, .arg = arg };
	struct nl_cb *cb = nl->cb;
	int err;

	err = poll(&pfd, 1, timeout_ms);
	if (err < 0)
		return -errno;
	if (err == 0)
		return -ETIMEDOUT;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &ctx);
	/* notifications carry sequence number 0 */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	err = nl_recvmsgs(nl->sk, cb);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_DEFAULT, NULL, NULL);
	if (err == -NLE_INTR)
		return -EINTR;
	if (err == -NLE_NOMEM)
		return -ENOBUFS;	/* libnl's name for a receive-queue overrun */
	if (err < 0)
		return -EIO;
	return ctx.err;
}

/* Entries of a WSMON_LIST_ENTRY nest, each @size bytes; -1 if malformed. */
int wsmon_nl_list(const struct nlattr *nest, void *out, size_t size, int max)
{
	const struct nlattr *a;
	int rem, n = 0;

	attr_for_each_nested(a, nest, rem) {
		if (attr_type(a) == WSMON_LIST_PAD)
			continue;
		if (attr_type(a) != WSMON_LIST_ENTRY || (size_t)attr_len(a) != size ||
		    n == max)
			return -1;
		memcpy((char *)out + n * size, attr_data(a), size);
		n++;
	}
	return n;
}
