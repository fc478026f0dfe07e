// SPDX-License-Identifier: GPL-2.0
/*
 * oomrun: one scenario of the OOM-killer benchmark.  Runs the commands
 * given (each with sh -c, oom_score_adj 0) next to a canary thread that
 * touches 4 MiB every 10 ms, and measures from the start (onset):
 *   - detect: the first THRASHING or OOM-IMMINENT event from the module;
 *   - kill:   the first command to die of a signal;
 * and which one died, and the canary's longest stall (the longest gap
 * between two of its 10 ms rounds).  oomrun itself is oom_score_adj
 * -1000, so no killer chooses it.
 *
 *   oomrun TIMEOUT_S NAME CMD [CMD...]
 *   prints "NAME detect_ms D kill_ms K died cmdN(sigS) canary_stall_ms S"
 *   (D or K "-" when it did not happen within the timeout)
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <netlink/genl/genl.h>

#include <linux/wsmon.h>

#include "nl.h"
#include "stats.h"

#define CANARY_BYTES (4 << 20)
#define MAX_CMDS 4

static atomic_int stop;
static atomic_llong max_gap_ns, detect_ns = -1;
static long long t0;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *canary(void *arg)
{
	volatile char *mem = malloc(CANARY_BYTES);
	long long last = now_ns(), t;
	size_t i;

	(void)arg;
	if (!mem)
		return NULL;
	while (!atomic_load(&stop)) {
		for (i = 0; i < CANARY_BYTES; i += 4096)
			mem[i]++;
		usleep(10000);
		t = now_ns();
		if (t - last > atomic_load(&max_gap_ns))
			atomic_store(&max_gap_ns, t - last);
		last = t;
	}
	return NULL;
}

static int ev_cb(struct nlmsghdr *nlh, void *arg)
{
	struct wsmon_stats st;
	const char *why;

	(void)arg;
	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd == WSMON_CMD_EVENT &&
	    !wsmon_stats_parse(nlh, &st, &why) && st.state >= WSMON_STATE_THRASHING &&
	    atomic_load(&detect_ns) < 0)
		atomic_store(&detect_ns, now_ns() - t0);
	return 0;
}

static void *listener(void *arg)
{
	struct wsmon_nl *nl = arg;

	while (!atomic_load(&stop))
		wsmon_nl_receive(nl, 200, ev_cb, NULL);
	return NULL;
}

static void ms(char *buf, size_t len, long long ns)
{
	if (ns < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lld", ns / 1000000);
}

int main(int argc, char **argv)
{
	char died[128] = "-", d[32], k[32];
	pid_t pids[MAX_CMDS];
	long long kill_ns = -1, deadline;
	struct wsmon_nl nl;
	pthread_t ct, lt;
	int i, n, status, fd, have_nl;

	if (argc < 4 || argc - 3 > MAX_CMDS) {
		fprintf(stderr, "usage: oomrun TIMEOUT_S NAME CMD [CMD...]\n");
		return 2;
	}
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "-1000", 5) != 5)
			perror("oomrun: oom_score_adj");
		close(fd);
	}
	have_nl = !wsmon_nl_open(&nl) && !wsmon_nl_subscribe(&nl, WSMON_GENL_MCGRP_EVENTS);
	t0 = now_ns();
	deadline = t0 + atol(argv[1]) * 1000000000LL;
	pthread_create(&ct, NULL, canary, NULL);
	if (have_nl)
		pthread_create(&lt, NULL, listener, &nl);
	n = argc - 3;
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			fd = open("/proc/self/oom_score_adj", O_WRONLY);
			if (fd >= 0 && write(fd, "0", 1) != 1)
				_exit(126);
			execl("/bin/sh", "sh", "-c", argv[3 + i], (char *)NULL);
			_exit(127);
		}
	}
	while (now_ns() < deadline && kill_ns < 0) {
		pid_t p = waitpid(-1, &status, WNOHANG);

		if (p > 0 && WIFSIGNALED(status)) {
			kill_ns = now_ns() - t0;
			for (i = 0; i < n; i++)
				if (pids[i] == p)
					snprintf(died, sizeof(died), "cmd%d(sig%d)", i + 1,
						 WTERMSIG(status));
			break;
		}
		usleep(p > 0 ? 0 : 20000);
	}
	atomic_store(&stop, 1);
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	pthread_join(ct, NULL);
	if (have_nl)
		pthread_join(lt, NULL);
	ms(d, sizeof(d), atomic_load(&detect_ns));
	ms(k, sizeof(k), kill_ns);
	printf("%s detect_ms %s kill_ms %s died %s canary_stall_ms %lld\n", argv[2], d, k, died,
	       atomic_load(&max_gap_ns) / 1000000);
	return 0;
}
