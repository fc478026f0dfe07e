// SPDX-License-Identifier: GPL-2.0
/* Denning's curve as points; see curve.h. */
#include <string.h>

#include "curve.h"

int curve_points(const uint64_t reuse[WSM_NR], uint64_t n, uint64_t page_size,
		 uint32_t sample_ms, struct curve_pt *pts, int *knee)
{
	u64 r[WSM_NR], F[WSM_NR], S[WSM_NR];
	double per_s = sample_ms ? 1000.0 / sample_ms : 0;
	uint32_t t, last = 0, k;
	int m = 0;

	*knee = -1;
	if (!n)
		return 0;
	memcpy(r, reuse, sizeof(r));
	wsm_curve(r, F, S);
	k = wsm_knee(F, S);
	/* F stops falling past the longest interval seen: one point more */
	for (t = 1; t < WSM_NR; t++)
		if (r[t])
			last = t;
	if (!last && !r[0])
		return 0;
	if (last < WSM_MAX_INTERVAL)
		last++;
	for (t = 0; t <= last; t++) {
		pts[m].window = t;
		pts[m].bytes = (double)S[t] / n * page_size;
		pts[m].faults_per_s = (double)F[t] / n * per_s;
		if (t == k)
			*knee = m;
		m++;
	}
	return m;
}
