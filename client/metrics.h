/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wsmon's figures in the Prometheus text exposition format (version
 * 0.0.4): names with the wsmon_ prefix, base units (bytes, seconds),
 * _total for counters, and a bounded number of series per scrape (the
 * top N processes by working set, one series per cgroup).
 */
#ifndef WSMON_METRICS_H
#define WSMON_METRICS_H

#include <stddef.h>
#include <stdio.h>

#include "cgroup.h"
#include "proc.h"
#include "stats.h"

/*
 * Write the metrics of @st, the @top processes of @p (n of them) with the
 * largest W over the demand window, and the @ng groups of @g.
 */
void metrics_write(FILE *f, const struct wsmon_stats *st, const struct wsmon_proc *p,
		   size_t n, int top, const struct cg_sum *g, int ng);

/* @s as a label value: backslash, double quote and newline escaped. */
void metrics_label(FILE *f, const char *s);

#endif
