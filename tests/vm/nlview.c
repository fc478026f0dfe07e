// SPDX-License-Identifier: GPL-2.0
/*
 * nlview: the wsmon family spoken with raw netlink and no library, for
 * the permission tests.  Statically linked, so it may be made setuid.
 *
 *   nlview pids [FD]       dump GET_PROC and print the PIDs, one a line,
 *                          on socket FD (inherited) or on a new socket
 *   nlview exec PROG ARG.. open a socket as fd 3 and exec PROG with it
 *   nlview event           join "events", wait for one event and print
 *                          "track_pids=yes" or "track_pids=no"
 *   nlview kills           try to join "kills": prints "joined" or the error
 *   nlview target PID [PROTECTED]
 *                          KILL with TARGET_PID and TARGET_START (GET_PROC's
 *                          START of PID), PROTECTED in PROTECT_PIDS: what
 *                          top's kill key sends; prints "killed" or the
 *                          error and the kernel's message
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/wsmon.h>

#define BUF 65536
#define NLA_DATA(a) ((void *)((char *)(a) + NLA_HDRLEN))

static char buf[BUF];

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("nlview: socket");
		exit(1);
	}
	return fd;
}

/* Send a generic netlink request with one optional string attribute. */
static void nl_send(int fd, uint16_t type, uint8_t cmd, uint16_t flags,
		    uint16_t attr, const char *str)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char attrs[64];
	} req;
	struct nlattr *a = (struct nlattr *)req.attrs;
	size_t len = NLMSG_LENGTH(GENL_HDRLEN);

	memset(&req, 0, sizeof(req));
	if (str) {
		a->nla_type = attr;
		a->nla_len = NLA_HDRLEN + strlen(str) + 1;
		strcpy(NLA_DATA(a), str);
		len += NLA_ALIGN(a->nla_len);
	}
	req.n.nlmsg_len = len;
	req.n.nlmsg_type = type;
	req.n.nlmsg_flags = NLM_F_REQUEST | flags;
	req.n.nlmsg_seq = 1;
	req.g.cmd = cmd;
	req.g.version = 1;
	if (send(fd, &req, len, 0) < 0) {
		perror("nlview: send");
		exit(1);
	}
}

/* Call @fn for each attribute of a generic netlink message. */
static void for_attrs(struct nlmsghdr *n, void (*fn)(struct nlattr *, void *), void *arg)
{
	struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(n) + GENL_HDRLEN);
	int rem = n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		fn(a, arg);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
}

struct family {
	int id;
	int events, kills;
};

static void group_attr(struct nlattr *grp, struct family *f)
{
	struct nlattr *a = NLA_DATA(grp);
	int rem = grp->nla_len - NLA_HDRLEN, id = -1;
	const char *name = NULL;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_MCAST_GRP_ID)
			id = *(uint32_t *)NLA_DATA(a);
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_MCAST_GRP_NAME)
			name = NLA_DATA(a);
		rem -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	if (name && !strcmp(name, WSMON_GENL_MCGRP_EVENTS))
		f->events = id;
	if (name && !strcmp(name, WSMON_GENL_MCGRP_KILLS))
		f->kills = id;
}

static void family_attr(struct nlattr *a, void *arg)
{
	struct family *f = arg;
	struct nlattr *g;
	int rem;

	switch (a->nla_type & NLA_TYPE_MASK) {
	case CTRL_ATTR_FAMILY_ID:
		f->id = *(uint16_t *)NLA_DATA(a);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		g = NLA_DATA(a);
		rem = a->nla_len - NLA_HDRLEN;
		while (rem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN && g->nla_len <= rem) {
			group_attr(g, f);
			rem -= NLA_ALIGN(g->nla_len);
			g = (struct nlattr *)((char *)g + NLA_ALIGN(g->nla_len));
		}
		break;
	}
}

static struct family resolve(int fd)
{
	struct family f = { -1, -1, -1 };
	struct nlmsghdr *n = (struct nlmsghdr *)buf;
	ssize_t len;

	nl_send(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, CTRL_ATTR_FAMILY_NAME,
		WSMON_GENL_NAME);
	len = recv(fd, buf, sizeof(buf), 0);
	if (len < (ssize_t)NLMSG_HDRLEN || n->nlmsg_type == NLMSG_ERROR) {
		fprintf(stderr, "nlview: family %s not found\n", WSMON_GENL_NAME);
		exit(1);
	}
	for_attrs(n, family_attr, &f);
	return f;
}

/* The attribute @type in a PROC nest @a, or NULL. */
static struct nlattr *proc_attr(struct nlattr *a, int type)
{
	struct nlattr *p;
	int rem;

	if ((a->nla_type & NLA_TYPE_MASK) != WSMON_A_PROC)
		return NULL;
	p = NLA_DATA(a);
	rem = a->nla_len - NLA_HDRLEN;
	while (rem >= NLA_HDRLEN && p->nla_len >= NLA_HDRLEN && p->nla_len <= rem) {
		if ((p->nla_type & NLA_TYPE_MASK) == type)
			return p;
		rem -= NLA_ALIGN(p->nla_len);
		p = (struct nlattr *)((char *)p + NLA_ALIGN(p->nla_len));
	}
	return NULL;
}

static void pid_attr(struct nlattr *a, void *arg)
{
	struct nlattr *p = proc_attr(a, WSMON_PROC_A_PID);

	(void)arg;
	if (p)
		printf("%u\n", *(uint32_t *)NLA_DATA(p));
}

static int dump_pids(int fd)
{
	struct family f = resolve(fd);
	ssize_t len;

	nl_send(fd, f.id, WSMON_CMD_GET_PROC, NLM_F_DUMP, 0, NULL);
	for (;;) {
		struct nlmsghdr *n = (struct nlmsghdr *)buf;

		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0) {
			perror("nlview: recv");
			return 1;
		}
		for (; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
			if (n->nlmsg_type == NLMSG_DONE)
				return 0;
			if (n->nlmsg_type == NLMSG_ERROR) {
				fprintf(stderr, "nlview: error %d\n",
					((struct nlmsgerr *)NLMSG_DATA(n))->error);
				return 1;
			}
			for_attrs(n, pid_attr, NULL);
		}
	}
}

static void track_attr(struct nlattr *a, void *arg)
{
	if ((a->nla_type & NLA_TYPE_MASK) == WSMON_A_TRACK_PIDS)
		*(int *)arg = 1;
}

/* Append a u32 or u64 attribute at *@len of @msg. */
static void put_attr(char *msg, size_t *len, uint16_t type, const void *val, size_t n)
{
	struct nlattr *a = (struct nlattr *)(msg + *len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + n;
	memcpy(NLA_DATA(a), val, n);
	*len += NLA_ALIGN(a->nla_len);
}

/*
 * Send @cmd with a PID, and TARGET_START when @start is not NULL, and
 * @protect in PROTECT_PIDS when it is not 0.
 */
static void send_pid_req(int fd, int family, uint8_t cmd, uint32_t pid, const uint64_t *start,
			 uint32_t protect)
{
	char msg[256] = { 0 };
	struct nlmsghdr *n = (struct nlmsghdr *)msg;
	struct genlmsghdr *g = NLMSG_DATA(n);
	size_t len = NLMSG_LENGTH(GENL_HDRLEN);

	put_attr(msg, &len, start ? WSMON_A_TARGET_PID : WSMON_A_PID, &pid, sizeof(pid));
	if (start)
		put_attr(msg, &len, WSMON_A_TARGET_START, start, sizeof(*start));
	if (protect) {
		struct nlattr *nest = (struct nlattr *)(msg + len);

		nest->nla_type = WSMON_A_PROTECT_PIDS | NLA_F_NESTED;
		len += NLA_HDRLEN;
		put_attr(msg, &len, WSMON_LIST_ENTRY, &protect, sizeof(protect));
		nest->nla_len = msg + len - (char *)nest;
	}
	n->nlmsg_len = len;
	n->nlmsg_type = family;
	n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	n->nlmsg_seq = 2;
	g->cmd = cmd;
	g->version = 1;
	if (send(fd, msg, len, 0) < 0) {
		perror("nlview: send");
		exit(1);
	}
}

static void start_attr(struct nlattr *a, void *arg)
{
	struct nlattr *p = proc_attr(a, WSMON_PROC_A_START);

	if (p)
		memcpy(arg, NLA_DATA(p), sizeof(uint64_t));
}

/*
 * Read the answer to a request: calls @fn for each attribute of a reply;
 * returns the error of its NLMSG_ERROR (0: an ack), printing the
 * kernel's message if there is one.
 */
static int answer(int fd, void (*fn)(struct nlattr *, void *), void *arg)
{
	for (;;) {
		struct nlmsghdr *n = (struct nlmsghdr *)buf;
		ssize_t len = recv(fd, buf, sizeof(buf), 0);

		if (len < 0) {
			perror("nlview: recv");
			exit(1);
		}
		for (; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
			struct nlmsgerr *e = NLMSG_DATA(n);
			struct nlattr *a;
			int rem;

			if (n->nlmsg_type != NLMSG_ERROR) {
				if (fn)
					for_attrs(n, fn, arg);
				continue;
			}
			if (!e->error)
				return 0;
			/* the request is not echoed: the TLVs follow its header */
			a = (struct nlattr *)((char *)(e + 1));
			rem = n->nlmsg_len - NLMSG_LENGTH(sizeof(*e));
			while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem) {
				if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
					printf("message: %s\n", (char *)NLA_DATA(a));
				rem -= NLA_ALIGN(a->nla_len);
				a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
			}
			printf("error: %s\n", strerror(-e->error));
			return e->error;
		}
	}
}

static int target(uint32_t pid, uint32_t protect)
{
	int fd = nl_open(), one = 1;
	struct family f = resolve(fd);
	uint64_t start = 0;

	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one))) {
		perror("nlview: NETLINK_EXT_ACK");
		return 1;
	}
	send_pid_req(fd, f.id, WSMON_CMD_GET_PROC, pid, NULL, 0);
	if (answer(fd, start_attr, &start) || !start) {
		fprintf(stderr, "nlview: no START for PID %u\n", pid);
		return 1;
	}
	send_pid_req(fd, f.id, WSMON_CMD_KILL, pid, &start, protect);
	if (answer(fd, NULL, NULL))
		return 1;
	printf("killed\n");
	return 0;
}

static int join(int fd, int group)
{
	return setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group));
}

int main(int argc, char **argv)
{
	int fd;

	if (argc >= 2 && !strcmp(argv[1], "pids"))
		return dump_pids(argc > 2 ? atoi(argv[2]) : nl_open());
	if (argc >= 3 && !strcmp(argv[1], "exec")) {
		fd = nl_open();
		if (fd != 3 && (dup2(fd, 3) < 0 || close(fd))) {
			perror("nlview: dup2");
			return 1;
		}
		execv(argv[2], argv + 2);
		perror("nlview: exec");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "event")) {
		struct nlmsghdr *n = (struct nlmsghdr *)buf;
		struct family f;
		int track = 0;

		fd = nl_open();
		f = resolve(fd);
		if (f.events < 0 || join(fd, f.events)) {
			perror("nlview: join events");
			return 1;
		}
		if (recv(fd, buf, sizeof(buf), 0) < (ssize_t)NLMSG_HDRLEN)
			return 1;
		for_attrs(n, track_attr, &track);
		printf("track_pids=%s\n", track ? "yes" : "no");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "kills")) {
		struct family f;

		fd = nl_open();
		f = resolve(fd);
		if (f.kills < 0) {
			printf("no kills group\n");
			return 1;
		}
		if (join(fd, f.kills)) {
			printf("%s\n", strerror(errno));
			return 1;
		}
		printf("joined\n");
		return 0;
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "target"))
		return target(strtoul(argv[2], NULL, 10),
			      argc == 4 ? strtoul(argv[3], NULL, 10) : 0);
	fprintf(stderr, "usage: nlview pids [FD] | exec PROG ARG... | event | kills | target PID [PROTECTED]\n");
	return 2;
}
