/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Carrying out a kill: an optional SIGTERM with a grace period, SIGKILL
 * to exactly the process chosen, and reaping its memory at once with
 * process_mrelease(2), timed.
 */
#ifndef WSMON_VICTIM_H
#define WSMON_VICTIM_H

#include <stdbool.h>
#include <stdint.h>

#include "kill.h"

struct wsmon_nl;

struct kill_outcome {
	bool term_exited;	/* it exited within the grace after SIGTERM */
	bool reaped;		/* process_mrelease() returned its memory */
	bool gone;		/* it had exited before it could be reaped */
	int reap_err;		/* errno of process_mrelease(), or 0 */
	/* ms from SIGKILL until the memory was back (reaped or exited); -1 */
	int64_t free_ms;
};

/*
 * Kill as @r asks; with @grace_ms > 0, SIGTERM first and SIGKILL to the
 * same process (PID and start time) if it still runs after @grace_ms.
 * With @reap, the memory of a process that got SIGKILL is reaped at once;
 * without, the wait is for its exit (at most 10 s) so that both are
 * timed the same way.  0 with *@v (the last reply) and *@o, or -errno.
 */
int kill_carry_out(struct wsmon_nl *nl, struct kill_req *r, int64_t grace_ms, bool reap,
		   struct kill_victim *v, struct kill_outcome *o);

/* The outcome as print_*() members (inside an open object). */
void kill_print_outcome(const struct kill_outcome *o, bool sigkill);

#endif
