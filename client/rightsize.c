// SPDX-License-Identifier: GPL-2.0
/* The rightsize rule; see rightsize.h. */
#include <stdbool.h>

#include "rightsize.h"

#define RS_PAGE		4096ULL

static uint64_t page_up(double v)
{
	uint64_t b = v < 0 ? 0 : (uint64_t)v;

	return (b + RS_PAGE - 1) / RS_PAGE * RS_PAGE;
}

uint64_t rs_target(const struct rs_params *p, const struct rs_input *in)
{
	uint64_t t = page_up(in->knee * (1.0 + p->margin));

	if (t < p->floor)
		t = p->floor;
	if (in->max != RS_UNLIMITED && t > in->max)
		t = in->max;
	return t;
}

enum rs_why rs_step(const struct rs_params *p, struct rs_state *s, const struct rs_input *in)
{
	uint64_t target = rs_target(p, in), cur = s->high, next;
	enum rs_why why = RS_HOLD;
	bool start = cur == RS_UNLIMITED;

	if (start)
		cur = page_up((double)in->current);	/* start from what it holds */
	if (s->since_raise < UINT32_MAX)
		s->since_raise++;
	if (in->some_pct > p->max_pressure) {
		/*
		 * stalling: give it room now, never less than it holds, nor
		 * than what it touched in the last sample with the margin (a
		 * working set that grew shows there before its knee moves)
		 */
		next = page_up(cur * RS_RAISE);
		if (next < in->current)
			next = page_up((double)in->current);
		if (next < page_up(in->recent * (1.0 + p->margin)))
			next = page_up(in->recent * (1.0 + p->margin));
		if (next < target)
			next = target;
		why = RS_RAISE_PRESSURE;
		s->since_raise = 0;
	} else if (target > cur) {
		next = target;
		why = RS_RAISE_KNEE;
		s->since_raise = 0;
	} else if (!start && cur > target && s->since_raise > p->hold &&
		   in->some_pct <= p->max_pressure / 2) {
		/* calm for a while: down one step, not past the target */
		next = page_up(cur * (1.0 - p->step));
		if (next < target)
			next = target;
		why = RS_LOWER;
	} else {
		next = cur;
	}
	if (next < p->floor)
		next = p->floor;
	if (in->max != RS_UNLIMITED && next > in->max) {
		next = in->max;
		if (why != RS_HOLD)
			why = RS_CEILING;
	}
	/*
	 * an unknown working set: never below what is in force (from no
	 * limit, no limit); a raise is never below it
	 */
	if (in->unknown && next < s->high) {
		next = s->high;
		why = RS_HOLD;
	}
	if (s->high == RS_UNLIMITED && why == RS_HOLD) {
		why = RS_START;
		s->since_raise = 0;	/* calm samples before the first step down */
	}
	else if (next == s->high)
		why = RS_HOLD;
	s->high = next;
	return why;
}

const char *rs_why_name(enum rs_why why)
{
	static const char *const names[] = {
		[RS_HOLD] = "hold", [RS_LOWER] = "lower", [RS_RAISE_PRESSURE] = "raise_pressure",
		[RS_RAISE_KNEE] = "raise_knee", [RS_CEILING] = "ceiling", [RS_START] = "start",
	};

	return names[why];
}
