// SPDX-License-Identifier: GPL-2.0
/* Parse /proc/swaps. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "swaps.h"

/* /proc/swaps escapes blanks in paths as \040 (octal), like mangle_path(). */
static void unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' &&
		    r[2] >= '0' && r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
			*w++ = (char)((r[1] - '0') << 6 | (r[2] - '0') << 3 | (r[3] - '0'));
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

int swaps_read(const char *path, struct swap_area *areas, size_t max)
{
	char line[512];
	size_t n = 0;
	FILE *f;
	int err = 0;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	/* header: Filename Type Size Used Priority */
	if (!fgets(line, sizeof(line), f)) {
		err = ferror(f) ? -EIO : -EINVAL;
		goto out;
	}
	if (strncmp(line, "Filename", 8)) {
		err = -EINVAL;
		goto out;
	}
	while (fgets(line, sizeof(line), f)) {
		struct swap_area a;
		uint64_t size_kb, used_kb;

		if (n == max)
			break;
		memset(&a, 0, sizeof(a));
		if (sscanf(line, "%255s %15s %" SCNu64 " %" SCNu64 " %d",
			   a.path, a.type, &size_kb, &used_kb, &a.priority) != 5) {
			err = -EINVAL;
			goto out;
		}
		unescape(a.path);
		a.size = size_kb * 1024;
		a.used = used_kb * 1024;
		areas[n++] = a;
	}
	if (ferror(f))
		err = -EIO;
out:
	fclose(f);
	return err ? err : (int)n;
}

uint64_t swaps_total(const struct swap_area *areas, size_t n)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += areas[i].size;
	return sum;
}
