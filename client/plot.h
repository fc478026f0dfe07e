/* SPDX-License-Identifier: GPL-2.0 */
/* Terminal plots: horizontal bars and an x-y scatter. */
#ifndef WSMON_PLOT_H
#define WSMON_PLOT_H

#include <stdbool.h>
#include <stdio.h>

void plot_bars(FILE *fp, const char *const *labels, const double *v, int n,
	       const char *unit);
/*
 * A curve through the points (x[i], y[i]) in order, each drawn 'o' and
 * joined by straight segments; point @mark (or -1) is drawn '*'.  Row
 * labels have the decimals that tell them apart; with @logy the y axis is
 * logarithmic (zeros on the bottom row) when some y is above 0.
 */
void plot_xy(FILE *fp, const double *x, const double *y, int n, int mark,
	     const char *xunit, const char *yunit, bool logy);

#endif
