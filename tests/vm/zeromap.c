// SPDX-License-Identifier: GPL-2.0
/*
 * zeromap: the kernel's own word on which pages of a process are the zero
 * page: every mapped page of /proc/PID/maps is looked up in
 * /proc/PID/pagemap (its frame) and /proc/kpageflags (KPF_ZERO_PAGE, and
 * KPF_THP for the huge zero page).  Needs root.
 *
 *   zeromap PID     prints "present P zero Z huge_zero H" (pages)
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PM_PRESENT	(1ULL << 63)
#define PM_PFN(e)	((e) & ((1ULL << 55) - 1))
#define KPF_THP		22
#define KPF_ZERO_PAGE	24

static int pread_u64(int fd, uint64_t idx, uint64_t *v)
{
	return pread(fd, v, sizeof(*v), idx * sizeof(*v)) == sizeof(*v) ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long long present = 0, zero = 0, huge = 0;
	long page = sysconf(_SC_PAGESIZE);
	unsigned long start, end, a;
	char path[64], line[512];
	int pm, kf;
	FILE *maps;

	if (argc != 2 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: zeromap PID\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[1]);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	pm = open(path, O_RDONLY);
	kf = open("/proc/kpageflags", O_RDONLY);
	if (!maps || pm < 0 || kf < 0) {
		perror("zeromap");
		return 1;
	}
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%lx-%lx", &start, &end) != 2)
			continue;
		for (a = start; a < end; a += page) {
			uint64_t e, flags;

			if (pread_u64(pm, a / page, &e) || !(e & PM_PRESENT))
				continue;
			present++;
			if (!PM_PFN(e) || pread_u64(kf, PM_PFN(e), &flags))
				continue;
			if (flags & (1ULL << KPF_ZERO_PAGE)) {
				zero++;
				if (flags & (1ULL << KPF_THP))
					huge++;
			}
		}
	}
	printf("present %llu zero %llu huge_zero %llu\n", present, zero, huge);
	return 0;
}
