/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rightsize controller's rule, apart from its I/O so that it can be
 * unit-tested: given a group's knee, its pressure since the last step and
 * its limits, the next memory.high.  Denning's working set sets the
 * target; pressure raises the limit at once and the limit comes down only
 * slowly, as Senpai does.
 */
#ifndef WSMON_RIGHTSIZE_H
#define WSMON_RIGHTSIZE_H

#include <stdbool.h>
#include <stdint.h>

#define RS_UNLIMITED	UINT64_MAX
#define RS_RAISE	1.5	/* pressure: up by half, at least to what it holds */

struct rs_params {
	double margin;		/* target = knee * (1 + margin) */
	double max_pressure;	/* percent of time some task stalled: raise above it */
	double step;		/* lower by this share of the limit per sample */
	uint64_t floor;		/* bytes: never below */
	uint32_t hold;		/* samples after a raise before lowering again */
};

struct rs_state {
	uint64_t high;		/* the limit in force (bytes) */
	uint32_t since_raise;	/* samples since the last raise */
};

enum rs_why {
	RS_HOLD,		/* no change */
	RS_LOWER,		/* toward the target, one step */
	RS_RAISE_PRESSURE,	/* the group stalled: up at once */
	RS_RAISE_KNEE,		/* the knee rose above the limit: up to it at once */
	RS_CEILING,		/* memory.max caps it */
	RS_START,		/* from no limit: what the group holds now */
};

struct rs_input {
	uint64_t knee;		/* bytes: the sum of the group's knees */
	uint64_t recent;	/* bytes: what it touched in the last sample (W(1)) */
	uint64_t current;	/* memory.current */
	uint64_t max;		/* memory.max; RS_UNLIMITED: none */
	double some_pct;	/* memory.pressure some, share of the last interval */
	double full_pct;
	/*
	 * a process of the group is used through a secondary MMU (a KVM
	 * guest, a device): its working set is unknown, so the limit is
	 * never lowered, only raised under pressure
	 */
	bool unknown;
};

/* The target: the knee plus the margin, within the floor and memory.max. */
uint64_t rs_target(const struct rs_params *p, const struct rs_input *in);

/* One step: the next limit into s->high; why it changed. */
enum rs_why rs_step(const struct rs_params *p, struct rs_state *s, const struct rs_input *in);

const char *rs_why_name(enum rs_why why);

#endif
