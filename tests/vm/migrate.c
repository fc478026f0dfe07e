// SPDX-License-Identifier: GPL-2.0
/*
 * migrate: move every page of a process between NUMA nodes 0 and 1 and
 * back, over and over, with migrate_pages(2), the ground truth for the
 * tests of ages under migration.
 *
 *   migrate PID SECONDS
 *
 * Prints "rounds N left L": the one-way moves done and the pages that
 * could not be moved in the last one.  How many pages really moved is
 * /proc/vmstat's pgmigrate_success, which the test reads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static long now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int main(int argc, char **argv)
{
	unsigned long nodes[2] = { 1UL << 0, 1UL << 1 };
	long rounds = 0, left = 0, end;
	int pid;

	if (argc != 3 || (pid = atoi(argv[1])) <= 0 || atol(argv[2]) <= 0) {
		fprintf(stderr, "usage: migrate PID SECONDS\n");
		return 2;
	}
	end = now_s() + atol(argv[2]);
	while (now_s() < end) {
		const unsigned long *from = &nodes[rounds & 1];
		const unsigned long *to = &nodes[!(rounds & 1)];

		left = syscall(SYS_migrate_pages, pid, 8 * sizeof(long), from, to);
		if (left < 0) {
			fprintf(stderr, "migrate: migrate_pages: %s\n", strerror(errno));
			return 1;
		}
		rounds++;
	}
	printf("rounds %ld left %ld\n", rounds, left);
	return 0;
}
