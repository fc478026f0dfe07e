// SPDX-License-Identifier: GPL-2.0
/* Denning's working-set curves; see wsmath.h.  Pure C, no kernel calls. */
#include "wsmath.h"

void wsm_curve(const u64 reuse[WSM_NR], u64 F[WSM_NR], u64 S[WSM_NR])
{
	u64 tail = 0, sum = 0;
	int t;

	/* F(T) = first touches + reuses with interval > T */
	for (t = WSM_MAX_INTERVAL; t >= 0; t--) {
		F[t] = reuse[0] + tail;
		if (t > 0)
			tail += reuse[t];
	}
	for (t = 0; t < WSM_NR; t++) {
		S[t] = sum;
		sum += F[t];
	}
}

/* a * b < c * d for u64 operands, without overflow */
static int wsm_less(u64 a, u64 b, u64 c, u64 d)
{
	return (__uint128_t)a * b < (__uint128_t)c * d;
}

u32 wsm_knee(const u64 F[WSM_NR], const u64 S[WSM_NR])
{
	u32 t, best = 0;

	if (!F[0])
		return 0;
	for (t = 1; t < WSM_NR; t++) {
		if (!best || wsm_less(F[t], S[t], F[best], S[best]))
			best = t;
		if (!F[t])
			break;	/* no more faults: nothing further is better */
	}
	return best;
}

static u32 wsm_min(u32 a, u32 b)
{
	return a < b ? a : b;
}

static void wsm_count(u32 *c)
{
	if (*c != (u32)~0U)
		(*c)++;
}

u32 wsm_age_step(u32 age, int young, int history, u32 gap, u32 reuse[WSM_NR])
{
	if (!gap)
		gap = 1;
	if (!young)
		return age == WSM_AGE_NONE ? wsm_min(gap, WSM_AGE_MAX) :
					     wsm_min(age + gap, WSM_AGE_MAX);
	if (age != WSM_AGE_NONE)
		wsm_count(&reuse[wsm_min(age + gap, WSM_MAX_INTERVAL)]);
	else if (history)
		wsm_count(&reuse[0]);
	return 0;
}

u32 wsm_age_bucket(u32 age)
{
	u32 b = 0;

	while (age) {
		age >>= 1;
		b++;
	}
	return b;
}
