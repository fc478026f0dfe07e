// SPDX-License-Identifier: GPL-2.0
/*
 * churn SECONDS: for that long, map, touch, mremap, partly unmap and
 * MADV_DONTNEED memory, and fork children that touch memory and exit, so
 * that the sampler races with every kind of address-space change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MIB (1UL << 20)

int main(int argc, char **argv)
{
	time_t end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 5);
	unsigned long rounds = 0;

	while (time(NULL) < end) {
		char *p = mmap(NULL, 4 * MIB, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		pid_t child;

		if (p == MAP_FAILED)
			return 1;
		memset(p, 1, 4 * MIB);
		p = mremap(p, 4 * MIB, 8 * MIB, MREMAP_MAYMOVE);
		if (p == MAP_FAILED)
			return 1;
		memset(p, 2, 8 * MIB);
		madvise(p, 2 * MIB, MADV_DONTNEED);
		munmap(p + 6 * MIB, 2 * MIB);
		child = fork();
		if (child == 0) {
			memset(p, 3, 4 * MIB);
			_exit(0);
		}
		if (child > 0)
			waitpid(child, NULL, 0);
		munmap(p, 6 * MIB);
		rounds++;
	}
	printf("churn: %lu rounds\n", rounds);
	return 0;
}
