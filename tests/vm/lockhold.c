// SPDX-License-Identifier: GPL-2.0
/*
 * lockhold: a process whose mmap_lock is held for a long time with a
 * writer queued behind, as under reclaim, for the test that the sampler
 * never waits for one process's lock (69-mmaplock).
 *
 *   lockhold MIB ROUNDS
 *
 * Maps MIB MiB of half-random data (so zram must compress it), then for
 * each round: MADV_PAGEOUT of it all (which holds mmap_lock for reading
 * while it reclaims), while a second thread calls mmap() (a writer, now
 * queued) and a third, the observer, reads the module's sample count
 * (GET_STATS, through the client's library) every 100 ms while that
 * writer is still waiting.  For each wait of 400 ms and more it prints
 *
 *   window MS samples N
 *
 * MS: from the first read to the last one the writer was still waiting
 * after (a read that waited in a fault only shortens a window), N:
 * samples the module finished in between; then it reads the memory back
 * in.  Ground truth that the writer waited: it had not returned from
 * mmap() after the window's last read.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "nl.h"
#include "stats.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

static char *mem;
static size_t bytes;
static atomic_int round_no, writer_in;	/* writer_in: round it waits in */
static atomic_int go_writer, stop;
static atomic_int observing;		/* 1: read once, -1: could not */

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

static void fill(void)
{
	uint64_t x = 88172645463325252ull;

	for (size_t i = 0; i < bytes; i += 8) {
		if ((i & 4095) < 2048) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
		}
		memcpy(mem + i, &x, 8);
	}
}

static void *writer(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		uint64_t t0;
		void *p;

		if (!atomic_exchange(&go_writer, 0)) {
			usleep(1000);
			continue;
		}
		usleep(20000);	/* MADV_PAGEOUT holds the lock by now */
		t0 = now_ms();
		atomic_store(&writer_in, atomic_load(&round_no));
		p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		atomic_store(&writer_in, 0);
		printf("writer waited %llu ms\n", (unsigned long long)(now_ms() - t0));
		fflush(stdout);
		if (p != MAP_FAILED)
			munmap(p, 4096);
	}
	return NULL;
}

static struct wsmon_nl nl;

static long samples(void)
{
	static struct wsmon_stats st;

	return wsmon_get_stats(&nl, &st) ? -1 : (long)st.samples;
}

static void *observer(void *arg)
{
	(void)arg;
	/*
	 * One read before the rounds, to fault in this thread's stack and
	 * heap: a fault in a round waits for this process's own mmap_lock,
	 * behind the writer.
	 */
	atomic_store(&observing, samples() < 0 ? -1 : 1);
	while (!atomic_load(&stop)) {
		int r = atomic_load(&writer_in);
		uint64_t t0, t1 = 0;
		long s0, s1 = -1, s;

		if (!r) {
			usleep(5000);
			continue;
		}
		usleep(50000);	/* well into its wait */
		if (atomic_load(&writer_in) != r)
			continue;
		s0 = samples();
		t0 = now_ms();
		/*
		 * Read again every 100 ms while the same wait lasts: the window
		 * ends at the last read the writer was still waiting after.
		 */
		while (s0 >= 0) {
			usleep(100000);
			s = samples();
			if (atomic_load(&writer_in) != r || s < 0)
				break;
			t1 = now_ms();
			s1 = s;
		}
		if (s1 >= 0 && t1 - t0 >= 400)
			printf("window %llu samples %ld\n", (unsigned long long)(t1 - t0), s1 - s0);
		else
			printf("no window: %s\n",
			       s0 < 0 ? "GET_STATS failed" : "the wait was over");
		fflush(stdout);
		while (atomic_load(&writer_in) == r)
			usleep(5000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t w, o;
	int rounds, i;

	if (argc != 3 || !(bytes = strtoul(argv[1], NULL, 0) << 20) ||
	    (rounds = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: lockhold MIB ROUNDS\n");
		return 2;
	}
	mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("lockhold: mmap");
		return 1;
	}
	fill();
	if (wsmon_nl_open(&nl)) {
		fprintf(stderr, "lockhold: the wsmon family is not there\n");
		return 1;
	}
	if (pthread_create(&w, NULL, writer, NULL) || pthread_create(&o, NULL, observer, NULL))
		return 1;
	while (!atomic_load(&observing))
		usleep(1000);
	if (atomic_load(&observing) < 0) {
		fprintf(stderr, "lockhold: GET_STATS failed\n");
		return 1;
	}
	printf("ready %d\n", getpid());
	fflush(stdout);
	for (i = 1; i <= rounds; i++) {
		uint64_t t0 = now_ms();
		volatile char sum = 0;

		atomic_store(&round_no, i);
		atomic_store(&go_writer, 1);
		if (madvise(mem, bytes, MADV_PAGEOUT)) {
			perror("lockhold: MADV_PAGEOUT");
			return 1;
		}
		printf("round %d pageout %llu ms\n", i, (unsigned long long)(now_ms() - t0));
		fflush(stdout);
		while (atomic_load(&writer_in) == i)
			usleep(1000);
		for (size_t j = 0; j < bytes; j += 4096)
			sum += mem[j];	/* back in from swap */
	}
	atomic_store(&stop, 1);
	pthread_join(w, NULL);
	pthread_join(o, NULL);
	printf("done\n");
	return 0;
}
