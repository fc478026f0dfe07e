// SPDX-License-Identifier: GPL-2.0
/*
 * leak: allocate and write memory at RATE MiB/s, like a runaway process;
 * with MAX, stop after MAX MiB and hold it (a burst that ends: a build
 * step, a cache warming up).  Statically linked.
 *
 *   leak RATE_MIB_PER_S [MAX_MIB]
 *
 * Prints "ready PID" first, and "holding N MiB" once MAX is reached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long rate = argc > 1 ? atol(argv[1]) : 50;
	long max = argc > 2 ? atol(argv[2]) : 0, n;
	char *p;

	if (rate < 1 || max < 0)
		return 2;
	printf("ready %d\n", getpid());
	fflush(stdout);
	for (n = 0; !max || n < max; n++) {
		p = malloc(1 << 20);
		if (p)
			memset(p, 0x5a, 1 << 20);
		usleep(1000000 / rate);
	}
	printf("holding %ld MiB\n", n);
	fflush(stdout);
	for (;;)
		pause();
}
