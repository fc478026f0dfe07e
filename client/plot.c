// SPDX-License-Identifier: GPL-2.0
/* Terminal plots. */
#include <math.h>
#include <stdlib.h>
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

/* The row of @v on a scale from @lo to @hi, 0 at the top. */
static int row_of(double v, double lo, double hi)
{
	int r = (int)((v - lo) / (hi - lo) * (XY_H - 1) + 0.5);

	return XY_H - 1 - (r < 0 ? 0 : r > XY_H - 1 ? XY_H - 1 : r);
}

static void put(char grid[XY_H][XY_W + 1], int r, int c, char ch)
{
	static const char rank[] = " .o*";

	if (strchr(rank, ch) - rank > strchr(rank, grid[r][c]) - rank)
		grid[r][c] = ch;
}

/* Decimals that tell the row labels apart, @step apart from @lo. */
static int label_decimals(double lo, double step)
{
	char a[32], b[32];
	int d, r;

	for (d = 0; d < 6; d++) {
		for (r = 0; r + 1 < XY_H; r++) {
			snprintf(a, sizeof(a), "%.*f", d, lo + step * r);
			snprintf(b, sizeof(b), "%.*f", d, lo + step * (r + 1));
			if (!strcmp(a, b))
				break;
		}
		if (r + 1 == XY_H)
			return d;
	}
	return d;
}

void plot_xy(FILE *fp, const double *x, const double *y, int n, int mark,
	     const char *xunit, const char *yunit, bool logy)
{
	char grid[XY_H][XY_W + 1], label[32];
	double xmax = 0, ylo = 0, yhi = 0, minpos = 0, v;
	int i, r, c, r0 = 0, c0 = 0, steps, s, d;

	for (i = 0; i < n; i++) {
		if (x[i] > xmax)
			xmax = x[i];
		if (y[i] > yhi)
			yhi = y[i];
		if (y[i] > 0 && (!minpos || y[i] < minpos))
			minpos = y[i];
	}
	if (xmax <= 0)
		xmax = 1;
	if (logy && minpos > 0) {
		ylo = floor(log10(minpos));
		yhi = ceil(log10(yhi));
		if (yhi <= ylo)
			yhi = ylo + 1;
	} else {
		logy = false;
		if (yhi <= 0)
			yhi = 1;
	}
	for (r = 0; r < XY_H; r++) {
		memset(grid[r], ' ', XY_W);
		grid[r][XY_W] = '\0';
	}
	/* the points, joined by straight segments */
	for (i = 0; i < n; i++) {
		v = logy ? (y[i] > 0 ? log10(y[i]) : ylo) : y[i];
		c = (int)(x[i] / xmax * (XY_W - 1) + 0.5);
		r = row_of(v, ylo, yhi);
		if (i > 0) {
			steps = abs(c - c0) > abs(r - r0) ? abs(c - c0) : abs(r - r0);
			for (s = 1; s < steps; s++)
				put(grid, r0 + (r - r0) * s / steps, c0 + (c - c0) * s / steps, '.');
		}
		put(grid, r, c, i == mark ? '*' : 'o');
		r0 = r;
		c0 = c;
	}
	d = label_decimals(ylo, (yhi - ylo) / (XY_H - 1));
	for (r = 0; r < XY_H; r++) {
		v = ylo + (yhi - ylo) * (XY_H - 1 - r) / (XY_H - 1);
		if (logy)
			snprintf(label, sizeof(label), "%.3g", pow(10, v));
		else
			snprintf(label, sizeof(label), "%.*f", d, v);
		fprintf(fp, "%10s |%s\n", label, grid[r]);
	}
	fprintf(fp, "%10s +", logy ? "(log)" : "");
	for (c = 0; c < XY_W; c++)
		fputc('-', fp);
	fprintf(fp, "\n%12s0%*s%.1f %s\n", "", XY_W - 8, "", xmax, xunit);
	fprintf(fp, "%12sy: %s%s\n", "", yunit, logy ? ", log scale" : "");
	if (mark >= 0)
		fprintf(fp, "  knee: %.1f %s at %.2f %s\n", x[mark], xunit, y[mark], yunit);
}
