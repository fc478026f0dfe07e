/* SPDX-License-Identifier: GPL-2.0 */
/* How processes are sorted and printed (ps table, show header). */
#ifndef WSMON_PROCVIEW_H
#define WSMON_PROCVIEW_H

#include <stddef.h>

#include "proc.h"

enum ps_sort {
	PS_SORT_PID, PS_SORT_COMM, PS_SORT_RSS, PS_SORT_WSS, PS_SORT_KNEE,
	PS_SORT_MAJFLT, PS_SORT_MINFLT, PS_SORT_SWAP,
};

int ps_sort_parse(const char *name, enum ps_sort *key);
/* qsort order: largest first for sizes and rates, ascending for pid/comm */
int ps_compare(const struct wsmon_proc *a, const struct wsmon_proc *b,
	       enum ps_sort key);
/* The working set ps sorts by: W for window 10 if present, else the last. */
uint64_t ps_sort_wss(const struct wsmon_proc *p);

void ps_print(const struct wsmon_proc *v, size_t n);
/*
 * A table cell: W over window index @w, or the knee ("-" without one);
 * "?" for a process used through a secondary MMU, whose working set the
 * accessed bits cannot show
 */
const char *proc_w_cell(const struct wsmon_proc *p, uint32_t w, char *buf, size_t len);
const char *proc_knee_cell(const struct wsmon_proc *p, char *buf, size_t len);
/* the note under a table that has such a process */
#define PROC_SECONDARY_NOTE \
	"?: used through a secondary MMU (a KVM guest, a device): its working set is unknown"
/* One process's figures as JSON members or text lines (show). */
void proc_print_summary(const struct wsmon_proc *p);
void proc_print_wss_json(const struct wsmon_proc *p);

#endif
