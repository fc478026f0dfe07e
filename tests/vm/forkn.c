// SPDX-License-Identifier: GPL-2.0
/*
 * forkn: N small processes that sleep until told to go, the ground truth
 * for dumping thousands of processes.  Statically linked, so each child
 * costs little more than its page tables.
 *
 *   forkn N     forks N children, prints their PIDs one per line, then
 *               "ready"; on SIGTERM or SIGINT kills and reaps them all
 *               and prints "reaped N".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	long n, i, reaped = 0;
	pid_t *kids;

	if (argc != 2 || (n = atol(argv[1])) < 1) {
		fprintf(stderr, "usage: forkn N\n");
		return 2;
	}
	kids = calloc(n, sizeof(*kids));
	if (!kids) {
		perror("forkn: calloc");
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] < 0) {
			perror("forkn: fork");
			n = i;
			break;
		}
		if (kids[i] == 0) {
			signal(SIGTERM, SIG_DFL);
			for (;;)
				pause();
		}
		printf("%d\n", kids[i]);
	}
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		pause();
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (reaped < n) {
		if (wait(NULL) > 0)
			reaped++;
		else if (errno != EINTR)
			break;
	}
	printf("reaped %ld\n", reaped);
	return reaped == n ? 0 : 1;
}
