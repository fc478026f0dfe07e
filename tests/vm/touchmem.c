// SPDX-License-Identifier: GPL-2.0
/*
 * touchmem MIB [pageout]: map MIB MiB of anonymous memory, write every page,
 * optionally push it all to swap with MADV_PAGEOUT, then sleep until killed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

int main(int argc, char **argv)
{
	size_t len;
	char *p;

	if (argc < 2 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: touchmem MIB [pageout]\n");
		return 2;
	}
	len = (size_t)atoi(argv[1]) << 20;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("touchmem: mmap");
		return 1;
	}
	memset(p, 0x5a, len);
	if (argc > 2 && !strcmp(argv[2], "pageout") && madvise(p, len, MADV_PAGEOUT)) {
		perror("touchmem: madvise(MADV_PAGEOUT)");
		return 1;
	}
	for (;;)
		pause();
}
