/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Denning's working-set curves from a reuse histogram, in integers only,
 * with no kernel dependency: the module and the client's unit tests both
 * compile wsmath.c.
 *
 * Time is counted in samples.  A reference to a page whose previous
 * reference was k samples earlier has reuse interval k; reuse[k] counts
 * them (k = 1..WSM_MAX_INTERVAL, the last bucket holding all longer ones)
 * and reuse[0] counts first touches, references with no previous one.
 *
 * For a window of T samples a reference is a fault when its interval is
 * longer than T (or it is a first touch):
 *     F(T) = reuse[0] + sum_{k > T} reuse[k]          faults, T = 0..255
 * and the mean working-set size follows (Denning and Schwartz, 1972):
 *     S(T) = sum_{j < T} F(j)                         page-samples
 * Over n samples: s(T) = S(T)/n pages, f(T) = F(T)/n faults per sample,
 * lifetime L(T) = 1/f(T).  The knee T* maximises L(s)/s, the point where
 * a ray from the origin touches the lifetime curve, i.e. it minimises
 * F(T) * S(T).  Where the fault rate reaches zero the lifetime is
 * unbounded: the knee is then the smallest T with F(T) = 0, the least
 * memory that stops faulting.  Ties go to the smaller T.  The curve ends
 * at WSM_MAX_INTERVAL samples, the longest interval the ages can hold.
 */
#ifndef _WSMON_WSMATH_H
#define _WSMON_WSMATH_H

/* user space builds it with client/ktypes.h for u32 and u64 */
#ifdef __KERNEL__
#include <linux/types.h>
#endif

#define WSM_MAX_INTERVAL	255
#define WSM_NR			(WSM_MAX_INTERVAL + 1)

/* ages, one byte per page slot of a populated PTE table */
#define WSM_AGE_MAX		254	/* idle for this many samples or more */
#define WSM_AGE_NONE		255	/* not present, or never seen */

/* F[T] and S[T] for T = 0..WSM_MAX_INTERVAL. */
void wsm_curve(const u64 reuse[WSM_NR], u64 F[WSM_NR], u64 S[WSM_NR]);

/* The knee window T* in 1..WSM_MAX_INTERVAL, or 0 with no references. */
u32 wsm_knee(const u64 F[WSM_NR], const u64 S[WSM_NR]);

/*
 * One visit of one page slot, @gap samples (at least 1) after the last:
 * the slot's new age.  A page found @young gets age 0 and counts a reuse
 * at the interval since its last reference (age + gap); with no age yet
 * (WSM_AGE_NONE) it counts a first touch in reuse[0], but only when
 * @history is set: the first pass over a process knows nothing of what
 * came before it.  An idle page ages by @gap, saturating at WSM_AGE_MAX.
 * @reuse is not touched when !@young; its counts saturate.
 */
u32 wsm_age_step(u32 age, int young, int history, u32 gap, u32 reuse[WSM_NR]);

/* log2 bucket of an idle age: 0 -> 0, 1 -> 1, 2..3 -> 2, 4..7 -> 3, ... */
u32 wsm_age_bucket(u32 age);

#define WSM_AGE_BUCKETS		9	/* ages 0..254 */

#endif /* _WSMON_WSMATH_H */
