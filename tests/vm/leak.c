// SPDX-License-Identifier: GPL-2.0
/*
 * leak: allocate and write memory at RATE MiB/s until killed, like a
 * runaway process.  Statically linked.   leak RATE_MIB_PER_S
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long rate = argc > 1 ? atol(argv[1]) : 50;
	char *p;

	if (rate < 1)
		return 2;
	for (;;) {
		p = malloc(1 << 20);
		if (p)
			memset(p, 0x5a, 1 << 20);
		usleep(1000000 / rate);
	}
}
