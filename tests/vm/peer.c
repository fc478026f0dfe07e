// SPDX-License-Identifier: GPL-2.0
/*
 * peer: what wsmon is measured against in `make bench`, each figure timed
 * with CLOCK_MONOTONIC and printed as "NAME NS EXTRA".
 *
 *   peer clear_refs PID   the kernel's own working-set method: write 1 to
 *                         /proc/PID/clear_refs, one sample later read
 *                         /proc/PID/smaps and sum Referenced (the timed
 *                         part is the write plus the read; kB in EXTRA)
 *   peer rollup           read /proc/PID/smaps_rollup of every process
 *                         (processes read in EXTRA)
 *   peer time CMD ARG...  run a command with stdout to /dev/null
 *   peer lookup FAMILY    resolve a generic netlink family by name, as
 *                         every client does first (CTRL_CMD_GETFAMILY,
 *                         which the kernel answers under genl_mutex);
 *                         10 lookups, the median in NS, 0 or the errno in
 *                         EXTRA
 *   peer scan             kill(-1, 0): one pass of the kernel over every
 *                         process in one call (for_each_process under
 *                         tasklist_lock, a permission check each, no
 *                         signal sent), as KILL's ranking is one pass;
 *                         10 passes, the median in NS, 0 or the errno
 *                         in EXTRA
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* read a whole file, returning its size, or -1 */
static long slurp(const char *path, char *buf, size_t len, long *referenced)
{
	FILE *f = fopen(path, "r");
	char line[256];
	long n = 0, kb;

	if (!f)
		return -1;
	if (!referenced) {
		size_t r;

		while ((r = fread(buf, 1, len, f)) > 0)
			n += r;
	} else {
		while (fgets(line, sizeof(line), f)) {
			n += strlen(line);
			if (sscanf(line, "Referenced: %ld kB", &kb) == 1)
				*referenced += kb;
		}
	}
	fclose(f);
	return n;
}

static int clear_refs(const char *pid)
{
	char path[64];
	long long t0, t1, t2;
	long ref = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/clear_refs", pid);
	t0 = now_ns();
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1) {
		perror(path);
		return 1;
	}
	close(fd);
	t1 = now_ns();
	usleep(1000 * 1000);	/* one wsmon sample at the default period */
	snprintf(path, sizeof(path), "/proc/%s/smaps", pid);
	t2 = now_ns();
	if (slurp(path, NULL, 0, &ref) < 0) {
		perror(path);
		return 1;
	}
	printf("clear_refs %lld %ld\n", (t1 - t0) + (now_ns() - t2), ref);
	return 0;
}

static int rollup(void)
{
	static char buf[1 << 16];
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300];
	long long t0 = now_ns();
	long n = 0;

	if (!d) {
		perror("/proc");
		return 1;
	}
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/smaps_rollup", e->d_name);
		if (slurp(path, buf, sizeof(buf), NULL) > 0)
			n++;
	}
	closedir(d);
	printf("rollup %lld %ld\n", now_ns() - t0, n);
	return 0;
}

/* one CTRL_CMD_GETFAMILY round trip for @name: 0, or a negative errno */
static int lookup_once(int fd, const char *name)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		struct nlattr a;
		char name[GENL_NAMSIZ];
	} req;
	static char buf[8192];
	size_t len = strlen(name) + 1;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	ssize_t r;

	if (len > GENL_NAMSIZ)
		return -ENAMETOOLONG;
	memset(&req, 0, sizeof(req));
	req.a.nla_type = CTRL_ATTR_FAMILY_NAME;
	req.a.nla_len = NLA_HDRLEN + len;
	memcpy(req.name, name, len);
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(req.a.nla_len);
	req.n.nlmsg_type = GENL_ID_CTRL;
	req.n.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		return -errno;
	r = recv(fd, buf, sizeof(buf), 0);
	if (r < 0)
		return -errno;
	if (r < (ssize_t)sizeof(*h) || !NLMSG_OK(h, (size_t)r))
		return -EBADMSG;
	if (h->nlmsg_type == NLMSG_ERROR)
		return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	return 0;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static long long median(long long *t, int n)
{
	qsort(t, n, sizeof(t[0]), cmp_ll);
	return t[n / 2];
}

static int lookup(const char *name)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	long long t[10];
	int i, err = 0;

	if (fd < 0) {
		perror("socket(NETLINK_GENERIC)");
		return 1;
	}
	for (i = 0; i < 10 && !err; i++) {
		long long t0 = now_ns();

		err = lookup_once(fd, name);
		t[i] = now_ns() - t0;
	}
	close(fd);
	printf("lookup %lld %d\n", median(t, i), -err);
	return 0;
}

static int scan(void)
{
	long long t[10];
	int i, err = 0;

	for (i = 0; i < 10 && !err; i++) {
		long long t0 = now_ns();

		err = kill(-1, 0) ? errno : 0;
		t[i] = now_ns() - t0;
	}
	printf("scan %lld %d\n", median(t, i), err);
	return 0;
}

static int run(char **argv)
{
	long long t0 = now_ns();
	int status;
	pid_t p = fork();

	if (p < 0) {
		perror("fork");
		return 1;
	}
	if (p == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(p, &status, 0) < 0)
		return 1;
	printf("time %lld %d\n", now_ns() - t0,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "clear_refs"))
		return clear_refs(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "rollup"))
		return rollup();
	if (argc == 3 && !strcmp(argv[1], "lookup"))
		return lookup(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "scan"))
		return scan();
	if (argc >= 3 && !strcmp(argv[1], "time"))
		return run(argv + 2);
	fprintf(stderr,
		"usage: peer clear_refs PID | rollup | time CMD [ARG...] | lookup FAMILY | scan\n");
	return 2;
}
