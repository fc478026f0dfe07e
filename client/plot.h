/* SPDX-License-Identifier: GPL-2.0 */
/* Terminal plots: horizontal bars and an x-y scatter. */
#ifndef WSMON_PLOT_H
#define WSMON_PLOT_H

#include <stdio.h>

void plot_bars(FILE *fp, const char *const *labels, const double *v, int n,
	       const char *unit);
/* Points (x[i], y[i]); point @mark (or -1) is drawn as '*'. */
void plot_xy(FILE *fp, const double *x, const double *y, int n, int mark,
	     const char *xunit, const char *yunit);

#endif
