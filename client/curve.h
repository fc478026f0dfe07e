/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Denning's fault-rate-versus-memory curve as points to draw: from T = 0
 * (no memory: every reference faults) to the window after which nothing
 * changes, in bytes and faults per second.  One implementation for the
 * terminal plot, the JSON "curve" and any picture drawn from them.
 */
#ifndef WSMON_CURVE_H
#define WSMON_CURVE_H

#include <stdint.h>

#include "wsmath.h"

struct curve_pt {
	uint32_t window;	/* T, samples */
	double bytes;		/* s(T): mean working-set size */
	double faults_per_s;	/* f(T) */
};

/*
 * The points of the curve for @reuse counted over @n samples of
 * @sample_ms, pages of @page_size, into @pts (WSM_NR at most); the count
 * (0 when there is nothing to draw).  *@knee is the index of the knee, or
 * -1.
 */
int curve_points(const uint64_t reuse[WSM_NR], uint64_t n, uint64_t page_size,
		 uint32_t sample_ms, struct curve_pt *pts, int *knee);

#endif
