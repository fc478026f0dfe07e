// SPDX-License-Identifier: GPL-2.0
/*
 * A process whose hot data is page cache: fileread HOT MS ANON_MIB [COLD]
 * reads all of file HOT with pread() every MS milliseconds, and touches
 * ANON_MIB MiB of anonymous memory as often; file COLD, if named, is read
 * whole once at the start and then only held open.  No page of either
 * file is ever mapped, so no page table shows their use.
 *
 * Prints "ready PID" once the first pass is done; SIGUSR1 prints "loops N
 * ms M" (the passes done and the time since the last SIGUSR1, or the
 * start), as the pattern program does.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	(1 << 20)

static volatile sig_atomic_t report;

static void on_usr1(int sig)
{
	(void)sig;
	report = 1;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* read all of @fd; -1 on an error */
static int read_all(int fd, char *buf)
{
	off_t off = 0;
	ssize_t n;

	while ((n = pread(fd, buf, CHUNK, off)) > 0)
		off += n;
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	long ms, mib, passes = 0, since, next, t;
	int hot, cold = -1, ready = 0;
	size_t len, i;
	char *buf, *anon;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: fileread HOT MS ANON_MIB [COLD]\n");
		return 2;
	}
	ms = atol(argv[2]);
	mib = atol(argv[3]);
	hot = open(argv[1], O_RDONLY);
	if (argc == 5)
		cold = open(argv[4], O_RDONLY);
	buf = malloc(CHUNK);
	len = (size_t)mib << 20;
	anon = mmap(NULL, len ?: 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hot < 0 || (argc == 5 && cold < 0) || !buf || anon == MAP_FAILED) {
		perror("fileread");
		return 1;
	}
	signal(SIGUSR1, on_usr1);
	if (cold >= 0 && read_all(cold, buf)) {
		perror("fileread: cold");
		return 1;
	}
	since = next = now_ms();
	for (;;) {
		if (read_all(hot, buf)) {
			perror("fileread: hot");
			return 1;
		}
		for (i = 0; i < len; i += 4096)
			anon[i]++;
		passes++;
		if (!ready) {
			printf("ready %d\n", (int)getpid());
			fflush(stdout);
			ready = 1;
		}
		if (report) {
			report = 0;
			t = now_ms();
			printf("loops %ld ms %ld\n", passes, t - since);
			fflush(stdout);
			passes = 0;
			since = t;
		}
		next += ms;
		t = now_ms();
		if (next > t)
			usleep((useconds_t)(next - t) * 1000);
		else
			next = t;	/* late: no catching up */
	}
}
