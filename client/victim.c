// SPDX-License-Identifier: GPL-2.0
/*
 * After the choice.  The kernel chose and signalled a pinned task, so the
 * process signalled is the process chosen.  What follows goes by PID, and
 * keeps that promise:
 * - SIGKILL after a SIGTERM's grace names the process by PID and start
 *   time (TARGET_PID, TARGET_START): the kernel signals it only if it is
 *   still the same process;
 * - reaping goes through a pidfd; process_mrelease(2) acts only on a
 *   process that is already dying (the kernel's task_will_free_mem()), so
 *   a PID reused in between is refused (EINVAL), never harmed.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "cli.h"
#include "nl.h"
#include "output.h"
#include "victim.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif

#define EXIT_WAIT_MS	10000	/* without reaping: how long to wait for the exit */

static int pidfd_open_pid(uint32_t pid)
{
	return (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
}

/* Wait up to @ms for the process behind @pidfd to exit; true if it did. */
static bool wait_exit(int pidfd, int64_t ms)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	int64_t end = wsmon_now_ms() + ms, left;
	int n;

	while ((left = end - wsmon_now_ms()) > 0) {
		n = poll(&p, 1, left > 1000 ? 1000 : (int)left);
		if (n > 0)
			return true;
		if (n < 0 && errno != EINTR)
			return false;
	}
	return false;
}

/* After SIGKILL: reap (or wait for the exit), and time it. */
static void after_sigkill(const struct kill_victim *v, int pidfd, bool reap,
			  int64_t t0, struct kill_outcome *o)
{
	int i, fd;

	if (pidfd < 0) {
		/* gone before it could be opened: already exited and reaped */
		o->gone = true;
		o->free_ms = wsmon_now_ms() - t0;
		return;
	}
	if (reap) {
		if (syscall(SYS_process_mrelease, pidfd, 0) == 0) {
			o->reaped = true;
		} else if (errno == ESRCH) {
			o->gone = true;		/* exited and released already */
		} else {
			o->reap_err = errno;
			/*
			 * EINVAL: not dying, so not the process killed (its
			 * PID was reused before the pidfd was opened): do not
			 * wait for that one.
			 */
			if (errno == EINVAL || !wait_exit(pidfd, EXIT_WAIT_MS)) {
				o->free_ms = -1;
				return;
			}
		}
		/* the processes that shared its memory were killed too */
		for (i = 0; i < v->nr_also && i < KILL_MAX_ALSO; i++) {
			fd = pidfd_open_pid(v->also[i]);
			if (fd >= 0) {
				syscall(SYS_process_mrelease, fd, 0);
				close(fd);
			}
		}
	} else if (!wait_exit(pidfd, EXIT_WAIT_MS)) {
		o->free_ms = -1;
		return;
	}
	o->free_ms = wsmon_now_ms() - t0;
}

int kill_carry_out(struct wsmon_nl *nl, struct kill_req *r, int64_t grace_ms, bool reap,
		   struct kill_victim *v, struct kill_outcome *o)
{
	uint32_t signal = r->signal;
	int64_t t0;
	int pidfd, err;

	memset(o, 0, sizeof(*o));
	o->free_ms = -1;
	r->signal = grace_ms > 0 && !r->dry_run ? SIGTERM : SIGKILL;
	err = kill_request(nl, r, v);
	r->signal = signal;
	if (err || !v->killed)
		return err;	/* a dry run, or a victim already dying */

	t0 = wsmon_now_ms();
	/* it cannot be reaped (nor its PID reused) before it has exited */
	pidfd = pidfd_open_pid(v->pid);
	if (v->signal == SIGTERM) {
		struct kill_req exact = *r;
		struct kill_victim v2;

		if (pidfd < 0 || wait_exit(pidfd, grace_ms)) {
			o->term_exited = true;
			goto out;
		}
		exact.signal = SIGKILL;
		exact.target = v->pid;
		exact.target_start = v->start;
		err = kill_request(nl, &exact, &v2);
		if (err == -ESRCH) {		/* it exited just now */
			o->term_exited = true;
			err = 0;
			goto out;
		}
		if (err)
			goto out;
		*v = v2;
		t0 = wsmon_now_ms();
	}
	after_sigkill(v, pidfd, reap, t0, o);
out:
	if (pidfd >= 0)
		close(pidfd);
	return err;
}

void kill_print_outcome(const struct kill_outcome *o, bool sigkill)
{
	if (o->term_exited) {
		print_bool(PRINT_ANY, "term_exited", ", exited after SIGTERM", true);
		return;
	}
	if (!sigkill)
		return;
	print_bool(PRINT_JSON, "reaped", "", o->reaped);
	if (o->reaped)
		print_text(", memory reaped");
	if (o->gone)
		print_bool(PRINT_ANY, "gone", ", exited before it could be reaped", true);
	else if (o->reap_err)
		print_string(PRINT_ANY, "reap_error", " (reaping: %s)", strerror(o->reap_err));
	if (o->free_ms >= 0)
		print_u64(PRINT_ANY, "free_ms", ", memory back in %" PRIu64 " ms",
			  (uint64_t)o->free_ms);
}
