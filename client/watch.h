/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wsmon watch: when to kill.  A pure state machine fed with the thrash
 * state of each event and the time, so it can be tested on its own.
 */
#ifndef WSMON_WATCH_H
#define WSMON_WATCH_H

#include <stdbool.h>
#include <stdint.h>

struct watch_fsm {
	int64_t after_ms;		/* THRASHING must last this long */
	int64_t cooldown_ms;		/* no kill this long after one */
	int64_t since_ms;		/* this episode began; -1: none */
	int64_t quiet_until_ms;		/* the cooldown ends */
};

enum watch_action { WATCH_NONE, WATCH_KILL };

void watch_init(struct watch_fsm *f, int64_t after_ms, int64_t cooldown_ms);

/*
 * The thrash state at @now_ms.  An episode begins when THRASHING is seen
 * outside a cooldown and ends when the state leaves THRASHING or a kill is
 * made; WATCH_KILL once it has lasted after_ms.  OOM_IMMINENT (a fast
 * leak) outside a cooldown is WATCH_KILL at once.
 */
enum watch_action watch_step(struct watch_fsm *f, uint32_t state, int64_t now_ms);

/* A kill was made (or tried) at @now_ms: end the episode, start the cooldown. */
void watch_killed(struct watch_fsm *f, int64_t now_ms);

/* How long the current episode has lasted, 0 when there is none. */
int64_t watch_episode_ms(const struct watch_fsm *f, int64_t now_ms);

#endif
