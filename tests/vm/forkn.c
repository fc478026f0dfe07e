// SPDX-License-Identifier: GPL-2.0
/*
 * forkn: N small processes that sleep until told to go, the ground truth
 * for dumping thousands of processes.  Statically linked, so each child
 * costs little more than its page tables.
 *
 *   forkn N [MIB]  forks N children, prints their PIDs one per line, then
 *                  "ready"; on SIGTERM or SIGINT kills and reaps them all
 *                  and prints "reaped N".  With MIB, each child maps MIB
 *                  of anonymous memory the parent wrote before forking:
 *                  shared copy-on-write, so it costs page tables, not
 *                  memory, and /proc walks every page of it, as it does
 *                  for a real process's resident set.
 *   forkn N MIB pageout
 *                  as above, but first every other page of the MIB goes
 *                  to swap (MADV_PAGEOUT), and the parent prints
 *                  "swapped S": its pages in swap by its own pagemap,
 *                  which the children share slot for slot.  Each swapped
 *                  page is a run of its own: the most swap extents a
 *                  process can have per page it maps.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#define PM_SWAP		(1ULL << 62)

static volatile sig_atomic_t stop;

/* Every other page of @m to swap; its pages in swap by pagemap, or -1. */
static long page_out(char *m, long pages)
{
	long psz = sysconf(_SC_PAGESIZE), i, swapped = 0;
	uint64_t *pm;
	int fd;

	for (i = 0; i < pages; i += 2)
		if (madvise(m + i * psz, psz, MADV_PAGEOUT)) {
			perror("forkn: MADV_PAGEOUT");
			return -1;
		}
	pm = calloc(pages, sizeof(*pm));
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (!pm || fd < 0 ||
	    pread(fd, pm, pages * sizeof(*pm),
		  (uintptr_t)m / psz * sizeof(*pm)) != (ssize_t)(pages * sizeof(*pm))) {
		perror("forkn: pagemap");
		return -1;
	}
	close(fd);
	for (i = 0; i < pages; i++)
		swapped += !!(pm[i] & PM_SWAP);
	free(pm);
	return swapped;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	long n, i, reaped = 0, mib = 0, swapped;
	int pageout = argc == 4 && !strcmp(argv[3], "pageout");
	pid_t *kids;

	if (argc < 2 || argc > 4 || (n = atol(argv[1])) < 1 ||
	    (argc >= 3 && (mib = atol(argv[2])) < 1) || (argc == 4 && !pageout)) {
		fprintf(stderr, "usage: forkn N [MIB [pageout]]\n");
		return 2;
	}
	if (mib) {
		char *m = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED) {
			perror("forkn: mmap");
			return 1;
		}
		/* no THP: one PTE per page, as most of a real process's memory */
		madvise(m, mib << 20, MADV_NOHUGEPAGE);
		memset(m, 1, mib << 20);
		if (pageout) {
			swapped = page_out(m, (mib << 20) / sysconf(_SC_PAGESIZE));
			if (swapped < 0)
				return 1;
			printf("swapped %ld\n", swapped);
		}
	}
	kids = calloc(n, sizeof(*kids));
	if (!kids) {
		perror("forkn: calloc");
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] < 0) {
			perror("forkn: fork");
			n = i;
			break;
		}
		if (kids[i] == 0) {
			signal(SIGTERM, SIG_DFL);
			for (;;)
				pause();
		}
		printf("%d\n", kids[i]);
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		pause();
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (reaped < n) {
		if (wait(NULL) > 0)
			reaped++;
		else if (errno != EINTR)
			break;
	}
	printf("reaped %ld\n", reaped);
	return reaped == n ? 0 : 1;
}
