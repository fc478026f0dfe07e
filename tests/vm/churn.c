// SPDX-License-Identifier: GPL-2.0
/*
 * churn SECONDS [-t]: for that long, map, touch, mremap, partly unmap,
 * MADV_DONTNEED and MADV_PAGEOUT memory, and fork children that touch
 * memory and exit, so that the sampler races with every kind of
 * address-space change.  With -t also THPs: an aligned 4 MiB region asked
 * for huge pages (MADV_HUGEPAGE, and MADV_COLLAPSE where the kernel has
 * it), then split by an mprotect of one page in its middle and by a
 * partial munmap.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MIB (1UL << 20)
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

static unsigned long collapsed;

/* a THP-backed region: collapse it, then split it two ways */
static int thp_round(void)
{
	char *raw = mmap(NULL, 6 * MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;

	if (raw == MAP_FAILED)
		return -1;
	p = (char *)(((unsigned long)raw + 2 * MIB - 1) & ~(2 * MIB - 1));
	madvise(p, 4 * MIB, MADV_HUGEPAGE);
	memset(p, 4, 4 * MIB);
	if (!madvise(p, 4 * MIB, MADV_COLLAPSE))
		collapsed++;
	mprotect(p + MIB, 4096, PROT_READ);	/* splits the first PMD */
	munmap(p + 3 * MIB, MIB);		/* and the second */
	memset(p + 2 * MIB, 5, MIB);
	madvise(p, 2 * MIB, MADV_PAGEOUT);
	munmap(raw, 6 * MIB);
	return 0;
}

int main(int argc, char **argv)
{
	time_t end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 5);
	int thp = argc > 2 && !strcmp(argv[2], "-t");
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
		madvise(p + 2 * MIB, 2 * MIB, MADV_PAGEOUT);	/* needs swap to act */
		munmap(p + 6 * MIB, 2 * MIB);
		child = fork();
		if (child == 0) {
			memset(p, 3, 4 * MIB);
			_exit(0);
		}
		if (child > 0)
			waitpid(child, NULL, 0);
		munmap(p, 6 * MIB);
		if (thp && thp_round())
			return 1;
		rounds++;
	}
	printf("churn: %lu rounds, %lu collapses\n", rounds, collapsed);
	return 0;
}
