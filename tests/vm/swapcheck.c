// SPDX-License-Identifier: GPL-2.0
/*
 * swapcheck: ground truth for the swap map.  Maps MiB of anonymous memory
 * and writes every page, pushes chosen pages out with MADV_PAGEOUT, reads
 * where the kernel put them from /proc/self/pagemap (swapped bit, type and
 * offset), waits until wsmon has made two passes over it, and compares
 * wsmon's GET_SWAPMAP for itself page by page: every swapped page must be
 * there with the same type and offset, and nothing else.
 *
 *   swapcheck MIB    prints "pages N swapped S matched M missing X wrong W
 *                    extra E", then "checked" and waits for SIGTERM;
 *                    exits 1 at once when the maps differ.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <netlink/attr.h>

#include <linux/wsmon.h>

#include "nl.h"
#include "proc.h"
#include "swapmap.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define PM_SWAP		(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)
#define PM_TYPE(e)	((e) & 0x1f)
#define PM_OFFSET(e)	(((e) & ((1ULL << 55) - 1)) >> 5)

struct dump {
	struct swap_owner who;
	struct swap_extent *ext;
	size_t n;
	const char *why;
};

static int map_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dump *d = arg;

	return swapmap_parse(nlh, &d->who, &d->ext, &d->n, &d->why);
}

static int proc_cb(struct nlmsghdr *nlh, void *arg)
{
	const char *why;

	return wsmon_proc_parse(nlh, arg, NULL, &why);
}

static int fill_pid(struct nl_msg *msg, void *arg)
{
	return nla_put_u32(msg, WSMON_A_PID, *(uint32_t *)arg) ? -EMSGSIZE : 0;
}

static uint64_t passes(struct wsmon_nl *nl, uint32_t pid)
{
	struct wsmon_proc p = { .passes = 0 };

	if (wsmon_nl_request(nl, WSMON_CMD_GET_PROC, 0, fill_pid, &pid, proc_cb, &p))
		return 0;
	return p.passes;
}

/* pages pushed out: a block, every third page, pairs every 16 pages */
static int chosen(size_t i, size_t n)
{
	if (i < n / 8)
		return 1;
	if (i >= n / 4 && i < n / 2)
		return i % 3 == 0;
	if (i >= n / 2 && i < 3 * n / 4)
		return i % 16 < 2;
	return 0;
}

int main(int argc, char **argv)
{
	long psz = sysconf(_SC_PAGESIZE);
	size_t n, i, j, swapped = 0, matched = 0, missing = 0, wrong = 0, extra = 0;
	uint64_t *pm, p0;
	struct dump d = { .ext = NULL };
	struct wsmon_nl nl;
	uint32_t pid = getpid();
	char *mem;
	int fd, tries;

	if (argc != 2 || atol(argv[1]) < 1) {
		fprintf(stderr, "usage: swapcheck MIB\n");
		return 2;
	}
	n = (size_t)atol(argv[1]) * (1 << 20) / psz;
	mem = mmap(NULL, n * psz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pm = calloc(n, sizeof(*pm));
	if (mem == MAP_FAILED || !pm) {
		perror("swapcheck: memory");
		return 1;
	}
	madvise(mem, n * psz, MADV_NOHUGEPAGE);
	for (i = 0; i < n; i++)
		memcpy(mem + i * psz, &i, sizeof(i));	/* distinct pages */
	for (i = 0; i < n; i++) {
		for (j = i; j < n && chosen(j, n) == chosen(i, n); j++)
			;
		if (chosen(i, n) && madvise(mem + i * psz, (j - i) * psz, MADV_PAGEOUT)) {
			perror("swapcheck: MADV_PAGEOUT");
			return 1;
		}
		i = j - 1;
	}
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0 || pread(fd, pm, n * sizeof(*pm),
			    (uintptr_t)mem / psz * sizeof(*pm)) != (ssize_t)(n * sizeof(*pm))) {
		perror("swapcheck: pagemap");
		return 1;
	}
	close(fd);

	if (wsmon_nl_open(&nl)) {
		fprintf(stderr, "swapcheck: the wsmon module is not loaded\n");
		return 1;
	}
	for (tries = 0, p0 = passes(&nl, pid); passes(&nl, pid) < p0 + 2 && tries < 300; tries++)
		usleep(100000);
	if (wsmon_nl_request(&nl, WSMON_CMD_GET_SWAPMAP, NLM_F_DUMP, fill_pid, &pid,
			     map_cb, &d)) {
		fprintf(stderr, "swapcheck: GET_SWAPMAP failed%s%s\n", d.why ? ": " : "",
			d.why ? d.why : "");
		return 1;
	}
	wsmon_nl_close(&nl);

	for (i = 0; i < n; i++) {
		uint64_t va = (uintptr_t)mem + i * psz;
		const struct swap_extent *e = NULL;

		for (j = 0; j < d.n; j++)
			if (va >= d.ext[j].start && va < d.ext[j].start + d.ext[j].pages * psz) {
				e = &d.ext[j];
				break;
			}
		if (!(pm[i] & PM_SWAP) || (pm[i] & PM_PRESENT)) {
			extra += e != NULL;
			continue;
		}
		swapped++;
		if (!e)
			missing++;
		else if (e->type != PM_TYPE(pm[i]) ||
			 e->offset + (va - e->start) / psz != PM_OFFSET(pm[i]))
			wrong++;
		else
			matched++;
	}
	/* and nothing outside the region either */
	for (j = 0; j < d.n; j++) {
		uint64_t s = d.ext[j].start, e = s + d.ext[j].pages * psz;

		if (s < (uintptr_t)mem || e > (uintptr_t)mem + n * psz)
			extra += d.ext[j].pages;
	}
	printf("pages %zu swapped %zu matched %zu missing %zu wrong %zu extra %zu extents %zu\n",
	       n, swapped, matched, missing, wrong, extra, d.n);
	fflush(stdout);
	if (!swapped || matched != swapped || extra)
		return 1;
	printf("checked\n");
	fflush(stdout);
	pause();
	return 0;
}
