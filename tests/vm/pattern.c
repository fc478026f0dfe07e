// SPDX-License-Identifier: GPL-2.0
/*
 * pattern: a process with a known memory access pattern, the ground truth
 * for the sampler tests.  Statically linked so its RSS is its mapping.
 *
 *   pattern -m TOTAL_MIB -H HOT_MIB [-W WARM_MIB -e WARM_EVERY_MS]
 *           [-t HOT_EVERY_MS] [-M MOVE_AFTER_MS] [-G HOT_MIB]
 *           [-T] [-D] [-S] [-R] [-F]
 *
 * Maps TOTAL MiB of anonymous memory (2 MiB aligned), writes all of it,
 * prints "ready", then writes one byte of every page of the hot set every
 * HOT_EVERY_MS (default 100) and of the warm set (right after the hot set)
 * every WARM_EVERY_MS.  With -M the hot set moves to the next HOT MiB
 * after that long and it prints "moved".  -T asks for transparent huge
 * pages (MADV_HUGEPAGE), otherwise MADV_NOHUGEPAGE.  -D makes the
 * process non-dumpable (PR_SET_DUMPABLE 0), as ssh-agent does.  -S
 * scatters the hot set: HOT MiB worth of pages chosen at random (fixed
 * seed) over the whole region, touched in that random order.  With -G,
 * SIGUSR2 grows the hot set to HOT_MIB (it prints "grown"; the warm set
 * stays where it was, so the hot set may cover it).  SIGUSR1 prints "loops N ms
 * M": the hot loops done and the time since the last SIGUSR1 (or the start),
 * the rate the rightsize tests compare.  -R reads instead of writing, and
 * never writes: every page stays mapped to the shared zero page (with -T
 * the huge zero page), which is no memory of the process's own.  -F
 * forks once the memory is written: parent and child then only read it,
 * so every page stays shared by the two (each prints "ready PID").  -P
 * prints "pass MS" after every hot loop: how long touching the hot set
 * took, which under thrashing is how long the set takes to come back; and
 * "warm BEGIN END" after every touch of the warm set, CLOCK_MONOTONIC ms.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#define MIB (1UL << 20)
#define ALIGN_2M (2 * MIB)

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static volatile sig_atomic_t report, grow;
static int readonly;
static volatile char sink;

static void on_usr1(int sig)
{
	(void)sig;
	report = 1;
}

static void on_usr2(int sig)
{
	(void)sig;
	grow = 1;
}

static void touch(volatile char *p, size_t len, long page)
{
	size_t off;

	for (off = 0; off < len; off += page)
		if (readonly)
			sink = p[off];
		else
			p[off]++;
}

int main(int argc, char **argv)
{
	long total = 0, hot = 0, warm = 0, warm_every = 0, hot_every = 100;
	long move_after = -1, page = sysconf(_SC_PAGESIZE), start, last_warm;
	long grow_to = -1, loops = 0, since;
	struct sigaction sa = { .sa_handler = on_usr1 }, sa2 = { .sa_handler = on_usr2 };
	size_t hot_off = 0, warm_off;
	int thp = 0, scatter = 0, share = 0, passes = 0, c;
	size_t *hotpages = NULL, nhot = 0, i;
	char *raw, *p;

	while ((c = getopt(argc, argv, "m:H:W:e:t:M:G:TDSRFP")) != -1) {
		switch (c) {
		case 'm': total = atol(optarg); break;
		case 'H': hot = atol(optarg); break;
		case 'W': warm = atol(optarg); break;
		case 'e': warm_every = atol(optarg); break;
		case 't': hot_every = atol(optarg); break;
		case 'M': move_after = atol(optarg); break;
		case 'G': grow_to = atol(optarg); break;
		case 'T': thp = 1; break;
		case 'S': scatter = 1; break;
		case 'R': readonly = 1; break;
		case 'F': share = 1; break;
		case 'P': passes = 1; break;
		case 'D':
			if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) {
				perror("pattern: PR_SET_DUMPABLE");
				return 1;
			}
			break;
		default: return 2;
		}
	}
	if (total <= 0 || hot < 0 || hot + warm > total || hot_every <= 0 ||
	    (warm && warm_every <= 0) || (move_after >= 0 && 2 * hot + warm > total) ||
	    (grow_to >= 0 && (grow_to < hot || grow_to > total))) {
		fprintf(stderr, "pattern: bad arguments\n");
		return 2;
	}
	raw = mmap(NULL, total * MIB + ALIGN_2M, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED) {
		perror("pattern: mmap");
		return 1;
	}
	p = (char *)(((unsigned long)raw + ALIGN_2M - 1) & ~(ALIGN_2M - 1));
	madvise(p, total * MIB, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	if (readonly)
		touch(p, total * MIB, page);
	else
		memset(p, 1, total * MIB);
	if (scatter) {
		/* a random choice of hot pages: a shuffled prefix of all pages */
		size_t npages = total * MIB / page;

		nhot = hot * MIB / page;
		hotpages = malloc(npages * sizeof(*hotpages));
		if (!hotpages)
			return 1;
		for (i = 0; i < npages; i++)
			hotpages[i] = i;
		srandom(42);
		for (i = 0; i < nhot; i++) {
			size_t j = i + random() % (npages - i), t = hotpages[i];

			hotpages[i] = hotpages[j];
			hotpages[j] = t;
		}
	}
	sigaction(SIGUSR1, &sa, NULL);
	if (grow_to >= 0)
		sigaction(SIGUSR2, &sa2, NULL);
	if (share) {
		readonly = 1;	/* a write would give the writer its own copy */
		fflush(stdout);
		if (fork() < 0) {
			perror("pattern: fork");
			return 1;
		}
	}
	printf("ready %d\n", getpid());
	fflush(stdout);

	warm_off = hot * MIB;
	start = last_warm = since = now_ms();
	for (;;) {
		long t = now_ms();

		if (report) {
			report = 0;
			printf("loops %ld ms %ld\n", loops, t - since);
			fflush(stdout);
			loops = 0;
			since = t;
		}
		if (grow) {
			grow = 0;
			hot = grow_to;
			printf("grown\n");
			fflush(stdout);
		}
		if (move_after >= 0 && t - start >= move_after && !hot_off) {
			hot_off = hot * MIB + warm * MIB;
			printf("moved\n");
			fflush(stdout);
		}
		if (scatter)
			for (i = 0; i < nhot; i++)
				touch(p + hotpages[i] * page, 1, page);
		else
			touch(p + hot_off, hot * MIB, page);
		loops++;
		if (passes) {
			printf("pass %ld\n", now_ms() - t);
			fflush(stdout);
		}
		if (warm && t - last_warm >= warm_every) {
			long begin = now_ms();

			touch(p + warm_off, warm * MIB, page);
			last_warm = t;
			if (passes) {
				printf("warm %ld %ld\n", begin, now_ms());
				fflush(stdout);
			}
		}
		usleep(hot_every * 1000);
	}
}
