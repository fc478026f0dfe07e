/* SPDX-License-Identifier: GPL-2.0 */
/* wsmon status output, separate from the request so tests can call it. */
#ifndef WSMON_STATUS_H
#define WSMON_STATUS_H

#include <stdint.h>

#include "stats.h"

/* swap_total is NULL when /proc/swaps could not be read. */
void status_print(const struct wsmon_stats *st, const uint64_t *swap_total);

struct psi;
/* The thrash section alone (also printed by events); psi may be NULL. */
void status_print_thrash(const struct wsmon_stats *st, const struct psi *psi);

#endif
