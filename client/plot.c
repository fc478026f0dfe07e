// SPDX-License-Identifier: GPL-2.0
/* Terminal plots. */
#include <string.h>

#include "plot.h"

#define BAR_WIDTH	50
#define XY_W		60
#define XY_H		15

void plot_bars(FILE *fp, const char *const *labels, const double *v, int n,
	       const char *unit)
{
	double max = 0;
	int i, j, len;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (i = 0; i < n; i++) {
		len = max > 0 ? (int)(v[i] / max * BAR_WIDTH + 0.5) : 0;
		fprintf(fp, "  %8s |", labels[i]);
		for (j = 0; j < len; j++)
			fputc('#', fp);
		fprintf(fp, "%*s %.1f %s\n", BAR_WIDTH - len, "", v[i], unit);
	}
}

void plot_xy(FILE *fp, const double *x, const double *y, int n, int mark,
	     const char *xunit, const char *yunit)
{
	char grid[XY_H][XY_W + 1];
	double xmax = 0, ymax = 0;
	int i, r, c;

	for (i = 0; i < n; i++) {
		if (x[i] > xmax)
			xmax = x[i];
		if (y[i] > ymax)
			ymax = y[i];
	}
	if (xmax <= 0)
		xmax = 1;
	if (ymax <= 0)
		ymax = 1;
	for (r = 0; r < XY_H; r++) {
		memset(grid[r], ' ', XY_W);
		grid[r][XY_W] = '\0';
	}
	for (i = 0; i < n; i++) {
		c = (int)(x[i] / xmax * (XY_W - 1) + 0.5);
		r = XY_H - 1 - (int)(y[i] / ymax * (XY_H - 1) + 0.5);
		if (grid[r][c] != '*')
			grid[r][c] = i == mark ? '*' : '.';
	}
	for (r = 0; r < XY_H; r++)
		fprintf(fp, "%10.1f |%s\n", ymax * (XY_H - 1 - r) / (XY_H - 1), grid[r]);
	fprintf(fp, "%10s +", yunit);
	for (c = 0; c < XY_W; c++)
		fputc('-', fp);
	fprintf(fp, "\n%12s0%*s%.1f %s\n", "", XY_W - 8, "", xmax, xunit);
	if (mark >= 0)
		fprintf(fp, "  knee: %.1f %s at %.2f %s\n", x[mark], xunit, y[mark], yunit);
}
