// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: a stream of malformed and random requests to the wsmon family
 * on a raw generic netlink socket: every command (and unknown ones) with
 * random, missing, oversized, wrongly typed and nested attributes,
 * truncated headers and attributes, odd flags, and dumps abandoned after
 * their first message.  KILL always carries DRY_RUN, so nothing is killed.
 *
 *   nlfuzz COUNT SEED
 *
 * Every request that is whole at the netlink level asks for an ACK and
 * must get an answer (an error, an ACK, or dump data) within 2 s; after
 * the stream the module must still answer GET_STATS.  Prints the seed and
 * the tally; exits 1 when a request went unanswered or the module stopped
 * answering.  The same COUNT and SEED replay the same stream.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/wsmon.h>

#include "nl.h"
#include "stats.h"

#define BUF 8192

static unsigned long long rng;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned int)(rng % n) : 0;
}

struct msgbuf {
	unsigned char b[BUF];
	size_t len;
};

static void *put(struct msgbuf *m, size_t len)
{
	void *p = m->b + m->len;

	if (m->len + NLA_ALIGN(len) > BUF)
		return NULL;
	memset(p, 0, NLA_ALIGN(len));
	m->len += NLA_ALIGN(len);
	return p;
}

/* one attribute of random type, length and payload; sometimes a nest */
static void rand_attr(struct msgbuf *m, int depth)
{
	static const unsigned int lens[] = { 0, 1, 2, 4, 8, 16, 3, 7, 64, 300, 1500 };
	unsigned int type = rnd(WSMON_A_MAX + 4), len, i;
	struct nlattr *a;
	size_t start = m->len;

	if (rnd(8) == 0)
		type |= NLA_F_NESTED;
	a = put(m, NLA_HDRLEN);
	if (!a)
		return;
	if (depth < 3 && rnd(4) == 0) {
		unsigned int n = rnd(5);

		for (i = 0; i < n; i++)
			rand_attr(m, depth + 1);
	} else {
		unsigned char *p;

		len = lens[rnd(sizeof(lens) / sizeof(lens[0]))];
		p = put(m, len);
		if (!p) {
			m->len = start;
			return;
		}
		for (i = 0; i < len; i++)
			p[i] = rnd(4) ? (unsigned char)rnd(256) : 0;
	}
	a->nla_type = (unsigned short)type;
	a->nla_len = (unsigned short)(m->len - start);
	switch (rnd(16)) {
	case 0:
		a->nla_len += 4 + rnd(200);	/* claims more than there is */
		break;
	case 1:
		a->nla_len = rnd(NLA_HDRLEN);	/* shorter than its header */
		break;
	}
}

/* a valid attribute a command takes, so requests get past the first check */
static void good_attr(struct msgbuf *m, unsigned int cmd)
{
	struct nlattr *a = put(m, NLA_HDRLEN + 4);

	if (!a)
		return;
	a->nla_len = NLA_HDRLEN + 4;
	switch (cmd) {
	case WSMON_CMD_GET_PROC:
	case WSMON_CMD_GET_SWAPMAP:
		a->nla_type = WSMON_A_PID;
		*(unsigned int *)(a + 1) = rnd(3) ? 1 + rnd(400) : rnd(0xffffffff);
		break;
	case WSMON_CMD_SET_CONFIG:
		a->nla_type = WSMON_A_SAMPLE_MS;
		*(unsigned int *)(a + 1) = rnd(2) ? 100 + rnd(2000) : rnd(0xffffffff);
		break;
	default:
		a->nla_type = WSMON_A_POLICY;
		*(unsigned int *)(a + 1) = rnd(5);
	}
}

struct tally {
	unsigned long sent, acks, errors, data, unanswered, truncated, abandoned;
	unsigned long err_count[256];
};

/* Read until the answer for @seq (an error, an ACK, DONE, or with @first
 * set any data); 0, or -1 when none came within 2 s. */
static int answer(int fd, unsigned int seq, int first, struct tally *t)
{
	static unsigned char buf[65536];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct nlmsghdr *h;
	ssize_t n;
	int rem;

	for (;;) {
		if (poll(&pfd, 1, 2000) <= 0)
			return -1;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == ENOBUFS || errno == EINTR)
				continue;
			return -1;
		}
		for (h = (struct nlmsghdr *)buf, rem = (int)n; NLMSG_OK(h, rem);
		     h = NLMSG_NEXT(h, rem)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				int e = -((struct nlmsgerr *)NLMSG_DATA(h))->error;

				if (e) {
					t->errors++;
					t->err_count[e & 255]++;
				} else {
					t->acks++;
				}
				return 0;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				t->acks++;
				return 0;
			}
			t->data++;
			if (first)
				return 0;	/* abandon the rest of the dump */
		}
	}
}

static void drain(int fd)
{
	static unsigned char buf[65536];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0 || errno == ENOBUFS)
		;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	unsigned long count, i;
	struct wsmon_stats st;
	struct tally t = { 0 };
	struct wsmon_nl nl;
	int fd, family, one = 1, e;

	if (argc != 3) {
		fprintf(stderr, "usage: nlfuzz COUNT SEED\n");
		return 2;
	}
	count = strtoul(argv[1], NULL, 10);
	rng = strtoull(argv[2], NULL, 10) * 2654435761ULL + 1;
	printf("nlfuzz: seed %s, %lu requests, uid %d\n", argv[2], count, getuid());
	if (wsmon_nl_open(&nl)) {
		fprintf(stderr, "nlfuzz: the wsmon family is not registered\n");
		return 1;
	}
	family = nl.family;
	wsmon_nl_close(&nl);
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0) {
		perror("nlfuzz: socket");
		return 1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));

	for (i = 0; i < count; i++) {
		static struct msgbuf m;
		struct nlmsghdr *h;
		struct genlmsghdr *g;
		/* mostly real commands, sometimes any number */
		unsigned int cmd = rnd(5) ? 1 + rnd(WSMON_CMD_MAX) : rnd(256);
		unsigned int n, k, seq = (unsigned int)i + 1;
		int whole = 1, dump = 0, first = 0;

		m.len = 0;
		h = put(&m, NLMSG_HDRLEN);
		g = put(&m, GENL_HDRLEN);
		h->nlmsg_type = (unsigned short)family;
		h->nlmsg_seq = seq;
		h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		if ((cmd == WSMON_CMD_GET_PROC || cmd == WSMON_CMD_GET_SWAPMAP) ? rnd(3) : !rnd(10)) {
			h->nlmsg_flags |= NLM_F_DUMP;
			dump = 1;
			first = rnd(2);		/* abandon after the first part */
		}
		if (rnd(20) == 0)
			h->nlmsg_flags |= (unsigned short)(rnd(0x10000) & ~NLM_F_REQUEST);
		g->cmd = (unsigned char)cmd;
		g->version = rnd(10) ? WSMON_GENL_VERSION : (unsigned char)rnd(256);
		g->reserved = rnd(20) ? 0 : (unsigned short)rnd(0x10000);
		if (rnd(2))
			good_attr(&m, cmd);
		if (cmd == WSMON_CMD_KILL) {
			struct nlattr *a = put(&m, NLA_HDRLEN);

			a->nla_len = NLA_HDRLEN;	/* never a real kill */
			a->nla_type = WSMON_A_DRY_RUN;
		}
		n = rnd(3) ? rnd(3) : rnd(8);
		for (k = 0; k < n; k++)
			rand_attr(&m, 0);
		h->nlmsg_len = (unsigned int)m.len;
		switch (rnd(40)) {
		case 0:
			h->nlmsg_len = rnd(NLMSG_HDRLEN + GENL_HDRLEN);	/* truncated */
			whole = 0;
			break;
		case 1:
			h->nlmsg_len = (unsigned int)m.len + 4 + rnd(100);	/* claims more */
			whole = 0;
			break;
		case 2:
			m.len = NLMSG_HDRLEN + rnd(GENL_HDRLEN);	/* no genl header */
			h->nlmsg_len = (unsigned int)m.len;
			break;
		}
		if (sendto(fd, m.b, m.len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
			if (whole && errno != EINVAL && errno != ENOBUFS)
				perror("nlfuzz: sendto");
			t.truncated++;
			continue;
		}
		t.sent++;
		if (!whole || (h->nlmsg_flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP))) {
			/* the kernel may drop these silently */
			t.truncated++;
			usleep(100);
			drain(fd);
			continue;
		}
		if (answer(fd, seq, dump && first, &t)) {
			t.unanswered++;
			fprintf(stderr, "nlfuzz: request %lu (cmd %u, flags %#x) unanswered\n",
				i, cmd, h->nlmsg_flags);
		}
		if (dump && first)
			t.abandoned++;
		drain(fd);
	}
	close(fd);

	printf("nlfuzz: sent %lu, acks %lu, errors %lu, dump parts %lu, abandoned dumps %lu, "
	       "not judged %lu, unanswered %lu\n", t.sent, t.acks, t.errors, t.data,
	       t.abandoned, t.truncated, t.unanswered);
	printf("nlfuzz: errnos:");
	for (e = 1; e < 256; e++)
		if (t.err_count[e])
			printf(" %s %lu;", strerror(e), t.err_count[e]);
	printf("\n");
	if (wsmon_nl_open(&nl) || wsmon_get_stats(&nl, &st)) {
		printf("nlfuzz: the module no longer answers GET_STATS\n");
		return 1;
	}
	wsmon_nl_close(&nl);
	printf("nlfuzz: the module still answers (%llu samples)\n", (unsigned long long)st.samples);
	return t.unanswered ? 1 : 0;
}
