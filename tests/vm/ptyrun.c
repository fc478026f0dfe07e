// SPDX-License-Identifier: GPL-2.0
/*
 * ptyrun: drive a full-screen program through a pseudo-terminal, as a
 * person would, for the wsmon top tests.  Statically linked.
 *
 *   ptyrun OUT CMD [ARG...] < SCRIPT
 *
 * runs CMD on a new 40x160 terminal (TERM=xterm), copies all it writes to
 * OUT and follows SCRIPT, one step a line:
 *   wait SECONDS TEXT   until TEXT appears in what CMD wrote since the last
 *                       mark (escape sequences removed)
 *   mark                start the next wait's search here
 *   send KEYS           type KEYS
 *   exit SECONDS        until CMD exits; its exit status must be 0
 * Exit 0 when every step passed; 1 with the failing step on stderr.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static char seen[1 << 20];	/* text since the last mark, escapes removed */
static size_t nseen;
static int esc;			/* inside an escape sequence */
static FILE *out;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* keep printable text; drop CSI/OSC sequences and other controls */
static void take(const char *buf, ssize_t n)
{
	ssize_t i;
	unsigned char c;

	fwrite(buf, 1, (size_t)n, out);
	fflush(out);
	for (i = 0; i < n; i++) {
		c = (unsigned char)buf[i];
		if (esc == 1) {		/* after ESC */
			esc = c == '[' ? 2 : c == ']' ? 3 : c == '(' || c == ')' ? 4 : 0;
			continue;
		}
		if (esc == 2) {		/* CSI: ends with a letter */
			if (c >= 0x40 && c <= 0x7e)
				esc = 0;
			continue;
		}
		if (esc == 3) {		/* OSC: ends with BEL */
			if (c == 7)
				esc = 0;
			continue;
		}
		if (esc == 4) {		/* charset designation: one more byte */
			esc = 0;
			continue;
		}
		if (c == 27) {
			esc = 1;
			continue;
		}
		if (c < 0x20 && c != '\n')
			c = ' ';
		if (nseen < sizeof(seen) - 1)
			seen[nseen++] = (char)c;
	}
	seen[nseen] = '\0';
}

/* read what the program wrote for up to @secs; 1 when it closed */
static int pump(int fd, double secs)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[4096];
	ssize_t n;
	int r;

	r = poll(&p, 1, (int)(secs * 1000));
	if (r <= 0)
		return 0;
	n = read(fd, buf, sizeof(buf));
	if (n <= 0)
		return 1;
	take(buf, n);
	return 0;
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 40, .ws_col = 160 };
	char line[512], *arg;
	int fd, status = 0, exited = 0, closed = 0;
	double secs, end;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: ptyrun OUT CMD [ARG...] < SCRIPT\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 2;
	}
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 2;
	}
	if (pid == 0) {
		setenv("TERM", "xterm", 1);
		setenv("LANG", "C.UTF-8", 1);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "wait ", 5)) {
			secs = strtod(line + 5, &arg);
			arg += strspn(arg, " ");
			end = now() + secs;
			while (!strstr(seen, arg) && !closed && now() < end)
				closed = pump(fd, end - now());
			if (!strstr(seen, arg)) {
				fprintf(stderr, "ptyrun: '%s' did not appear within %.0f s\n", arg, secs);
				goto fail;
			}
		} else if (!strcmp(line, "mark")) {
			nseen = 0;
			seen[0] = '\0';
		} else if (!strncmp(line, "send ", 5)) {
			if (write(fd, line + 5, strlen(line + 5)) < 0) {
				perror("ptyrun: send");
				goto fail;
			}
		} else if (!strncmp(line, "exit ", 5)) {
			end = now() + strtod(line + 5, NULL);
			while (now() < end) {
				if (waitpid(pid, &status, WNOHANG) == pid) {
					exited = 1;
					break;
				}
				if (!closed)
					closed = pump(fd, 0.1);
				else
					usleep(100000);
			}
			if (!exited) {
				fprintf(stderr, "ptyrun: still running after %s s\n", line + 5);
				goto fail;
			}
			if (!WIFEXITED(status) || WEXITSTATUS(status)) {
				fprintf(stderr, "ptyrun: exit status %d\n",
					WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
				return 1;
			}
		} else if (line[0]) {
			fprintf(stderr, "ptyrun: bad step '%s'\n", line);
			goto fail;
		}
	}
	return 0;
fail:
	if (!exited) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return 1;
}
