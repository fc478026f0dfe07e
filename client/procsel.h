/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which processes a table shows and in what order, as ps and top take
 * it: -p PID[,PID...], -u USER, -s [-]KEY, -r/--reverse (ps, top; show
 * takes -p for its one PID).
 */
#ifndef WSMON_PROCSEL_H
#define WSMON_PROCSEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "procview.h"

#define PROCSEL_MAX_PIDS 1024

struct procsel {
	uint32_t pids[PROCSEL_MAX_PIDS];
	size_t npids;
	bool by_uid;
	uint32_t uid;
	enum ps_sort sort;
	bool reverse;
};

void procsel_init(struct procsel *s);
/* -p "PID[,PID...]", repeatable; 0, or an error said as "CMD: ..." */
int procsel_add_pids(struct procsel *s, const char *cmd, const char *arg);
/* -u USER: a name or a numeric UID */
int procsel_set_user(struct procsel *s, const char *cmd, const char *arg);
/* -s KEY, or -s -KEY for the other way round */
int procsel_set_sort(struct procsel *s, const char *cmd, const char *arg);
/*
 * An option of PROCSEL_OPTS (options.c): -p, -u, -s, -r.  1 when @c was
 * one and is taken, 0 when @c is none of them, -EINVAL when it was said
 * to be wrong.
 */
int procsel_option(struct procsel *s, const char *cmd, int c, const char *arg);
/* keep what @s selects, in place; the new count */
size_t procsel_filter(const struct procsel *s, struct wsmon_proc *v, size_t n);
/* turn a sorted list around when @s says so */
void procsel_order(const struct procsel *s, struct wsmon_proc *v, size_t n);
/* PIDs asked for with -p that are not in @v (after the filter): the first, or 0 */
uint32_t procsel_missing(const struct procsel *s, const struct wsmon_proc *v, size_t n);

#endif
