// SPDX-License-Identifier: GPL-2.0
/* wsmon watch: the decision when to kill; see watch.h. */
#include <linux/wsmon.h>

#include "watch.h"

void watch_init(struct watch_fsm *f, int64_t after_ms, int64_t cooldown_ms)
{
	f->after_ms = after_ms;
	f->cooldown_ms = cooldown_ms;
	f->since_ms = -1;
	f->quiet_until_ms = INT64_MIN;
}

enum watch_action watch_step(struct watch_fsm *f, uint32_t state, int64_t now_ms)
{
	if (state == WSMON_STATE_OOM_IMMINENT) {
		/* a fast leak: the kernel's OOM killer is seconds away */
		if (now_ms < f->quiet_until_ms)
			return WATCH_NONE;
		if (f->since_ms < 0)
			f->since_ms = now_ms;
		return WATCH_KILL;
	}
	if (state != WSMON_STATE_THRASHING) {
		f->since_ms = -1;
		return WATCH_NONE;
	}
	if (now_ms < f->quiet_until_ms)
		return WATCH_NONE;	/* one episode, one victim */
	if (f->since_ms < 0)
		f->since_ms = now_ms;
	return now_ms - f->since_ms >= f->after_ms ? WATCH_KILL : WATCH_NONE;
}

void watch_killed(struct watch_fsm *f, int64_t now_ms)
{
	f->since_ms = -1;
	f->quiet_until_ms = now_ms + f->cooldown_ms;
}

int64_t watch_episode_ms(const struct watch_fsm *f, int64_t now_ms)
{
	return f->since_ms < 0 ? 0 : now_ms - f->since_ms;
}
