/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/swaps: what the module cannot read from exported symbols. */
#ifndef WSMON_SWAPS_H
#define WSMON_SWAPS_H

#include <stddef.h>
#include <stdint.h>

struct swap_area {
	char path[256];
	char type[16];		/* "partition" or "file" */
	uint64_t size;		/* bytes */
	uint64_t used;		/* bytes */
	int priority;
};

/*
 * Read up to @max areas from @path (normally "/proc/swaps").  Returns the
 * number of areas (0 when swap is off), or -errno when the file cannot be
 * read or a line is malformed.
 */
int swaps_read(const char *path, struct swap_area *areas, size_t max);

/* Sum of the sizes of @n areas. */
uint64_t swaps_total(const struct swap_area *areas, size_t n);

#endif
