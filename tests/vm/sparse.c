// SPDX-License-Identifier: GPL-2.0
/*
 * sparse: what any user can map for free, to check that it costs the
 * sampler (almost) nothing.  Statically linked.
 *
 *   sparse [-r TIB] [-g GIB] [-s STRIDE_KIB]
 *
 * Reserves TIB TiB (default 64) PROT_NONE with MAP_NORESERVE, and maps
 * GIB GiB (default 2) MAP_NORESERVE of which it writes one page every
 * STRIDE KiB (default 1024), prints "ready PID" and then sleeps: the
 * memory stays mapped and idle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	unsigned long tib = 64, gib = 2, stride = 1024, off, len;
	char *res, *p;
	int c;

	while ((c = getopt(argc, argv, "r:g:s:")) != -1) {
		switch (c) {
		case 'r': tib = strtoul(optarg, NULL, 0); break;
		case 'g': gib = strtoul(optarg, NULL, 0); break;
		case 's': stride = strtoul(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	if (!stride) {
		fprintf(stderr, "sparse: bad stride\n");
		return 2;
	}
	if (tib) {
		res = mmap(NULL, tib << 40, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (res == MAP_FAILED) {
			perror("sparse: mmap reservation");
			return 1;
		}
	}
	len = gib << 30;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		perror("sparse: mmap");
		return 1;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	for (off = 0; off < len; off += stride << 10)
		p[off] = 1;
	printf("ready %d\n", getpid());
	fflush(stdout);
	for (;;)
		pause();
}
