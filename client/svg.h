/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pictures as SVG, for a browser: line charts with axes, ticks and a
 * marked point, and bar charts.  wsmon show --svg and wsmon report --svg
 * draw with them.
 */
#ifndef WSMON_SVG_H
#define WSMON_SVG_H

#include <stdbool.h>
#include <stdio.h>

struct svg_series {
	const char *name;	/* for the legend; NULL: none */
	const double *x, *y;
	int n;
};

struct svg_chart {
	const char *title, *xlabel, *ylabel;
	bool logy;		/* a logarithmic y axis (values <= 0 on the bottom) */
	int mark;		/* index in series 0 to circle, or -1 */
	const char *mark_label;
	double hline;		/* a dashed horizontal line at this y; NAN: none */
	const char *hline_label;
};

/* The document: @w x @h pixels, @title above everything. */
void svg_begin(FILE *f, int w, int h, const char *title);
void svg_end(FILE *f);

/* A line chart in the box at (@x0, @y0), @w x @h. */
void svg_lines(FILE *f, int x0, int y0, int w, int h, const struct svg_chart *c,
	       const struct svg_series *s, int ns);

/* A bar chart: @n bars labelled @labels, heights @v in @unit. */
void svg_bars(FILE *f, int x0, int y0, int w, int h, const char *title,
	      const char *const *labels, const double *v, int n, const char *unit);

/* @s as XML character data (escaped; not UTF-8 made '?') */
void svg_text(FILE *f, const char *s);

#endif
