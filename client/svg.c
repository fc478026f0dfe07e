// SPDX-License-Identifier: GPL-2.0
/* SVG pictures; see svg.h. */
#include <math.h>
#include <string.h>

#include "output.h"
#include "svg.h"

#define PAD_L	70	/* room for the y labels */
#define PAD_R	20
#define PAD_T	30	/* the chart's title */
#define PAD_B	45	/* x labels and the x axis's name */

static const char *const colours[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
};
#define NR_COLOURS (sizeof(colours) / sizeof(colours[0]))

void svg_text(FILE *f, const char *s)
{
	char buf[1024];
	const char *p;

	snprintf(buf, sizeof(buf), "%s", s);
	text_sanitize(buf);	/* XML 1.0 allows no control characters */
	for (p = buf; *p; p++) {
		switch (*p) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*p, f);
		}
	}
}

static void text_at(FILE *f, double x, double y, const char *anchor, const char *extra,
		    const char *s)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
		extra ? " " : "", extra ? extra : "");
	svg_text(f, s);
	fputs("</text>\n", f);
}

void svg_begin(FILE *f, int w, int h, const char *title)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"sans-serif\" font-size=\"12\">\n<title>", w, h, w, h);
	svg_text(f, title);
	fputs("</title>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w, h);
	text_at(f, w / 2.0, 22, "middle", "font-size=\"16\" font-weight=\"bold\"", title);
}

void svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

/* a step of 1, 2 or 5 times a power of ten giving about @n ticks over @span */
static double nice_step(double span, int n)
{
	double raw = span / n, p = pow(10, floor(log10(raw))), m = raw / p;

	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void fmt_tick(char *buf, size_t len, double v)
{
	if (fabs(v) >= 1e6 || (fabs(v) < 1e-3 && v != 0))
		snprintf(buf, len, "%.3g", v);
	else
		snprintf(buf, len, "%.6g", v);
}

struct axis {
	double lo, hi;
	bool log;
};

static double scale(const struct axis *a, double v, double from, double to)
{
	double t;

	if (a->log)
		v = v > 0 ? log10(v) : a->lo;
	t = a->hi > a->lo ? (v - a->lo) / (a->hi - a->lo) : 0.5;
	return from + t * (to - from);
}

static void range(struct axis *a, const struct svg_series *s, int ns, bool use_y, double extra)
{
	double lo = INFINITY, hi = -INFINITY, v;
	int i, j;

	for (i = 0; i < ns; i++)
		for (j = 0; j < s[i].n; j++) {
			v = use_y ? s[i].y[j] : s[i].x[j];
			if (!isfinite(v) || (a->log && v <= 0))
				continue;
			lo = fmin(lo, a->log ? log10(v) : v);
			hi = fmax(hi, a->log ? log10(v) : v);
		}
	if (isfinite(extra) && (!a->log || extra > 0)) {
		lo = fmin(lo, a->log ? log10(extra) : extra);
		hi = fmax(hi, a->log ? log10(extra) : extra);
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (!a->log && lo > 0)
		lo = 0;		/* linear axes start at 0 */
	if (a->log) {
		lo = floor(lo);
		hi = ceil(hi);
	}
	if (hi <= lo)
		hi = lo + 1;
	a->lo = lo;
	a->hi = hi;
}

void svg_lines(FILE *f, int x0, int y0, int w, int h, const struct svg_chart *c,
	       const struct svg_series *s, int ns)
{
	double l = x0 + PAD_L, r = x0 + w - PAD_R, t = y0 + PAD_T, b = y0 + h - PAD_B;
	struct axis ax = { .log = false }, ay = { .log = c->logy };
	char buf[64];
	double v, step, px, py;
	int i, j;

	range(&ax, s, ns, false, NAN);
	range(&ay, s, ns, true, c->hline);
	text_at(f, x0 + w / 2.0, y0 + 18, "middle", "font-weight=\"bold\"", c->title);
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
		l, t, r - l, b - t);
	/* ticks and grid */
	step = nice_step(ax.hi - ax.lo, 6);
	for (v = ceil(ax.lo / step) * step; v <= ax.hi + step * 1e-9; v += step) {
		px = scale(&ax, v, l, r);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
			px, t, px, b);
		fmt_tick(buf, sizeof(buf), v);
		text_at(f, px, b + 15, "middle", NULL, buf);
	}
	step = ay.log ? 1 : nice_step(ay.hi - ay.lo, 5);
	for (v = ceil(ay.lo / step) * step; v <= ay.hi + step * 1e-9; v += step) {
		py = b - (ay.hi > ay.lo ? (v - ay.lo) / (ay.hi - ay.lo) : 0.5) * (b - t);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
			l, py, r, py);
		fmt_tick(buf, sizeof(buf), ay.log ? pow(10, v) : v);
		text_at(f, l - 6, py + 4, "end", NULL, buf);
	}
	text_at(f, (l + r) / 2, b + 35, "middle", NULL, c->xlabel);
	snprintf(buf, sizeof(buf), "rotate(-90 %.1f %.1f)", x0 + 15.0, (t + b) / 2);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" transform=\"%s\">", x0 + 15.0,
		(t + b) / 2, buf);
	svg_text(f, c->ylabel);
	fputs("</text>\n", f);
	if (isfinite(c->hline)) {
		py = scale(&ay, c->hline, b, t);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" stroke-dasharray=\"6,4\"/>\n",
			l, py, r, py);
		if (c->hline_label)
			text_at(f, r - 4, py - 4, "end", "fill=\"#d62728\"", c->hline_label);
	}
	/* the series */
	for (i = 0; i < ns; i++) {
		const char *col = colours[i % NR_COLOURS];

		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", col);
		for (j = 0; j < s[i].n; j++)
			fprintf(f, "%s%.1f,%.1f", j ? " " : "", scale(&ax, s[i].x[j], l, r),
				scale(&ay, s[i].y[j], b, t));
		fputs("\"/>\n", f);
		if (s[i].n <= 64)
			for (j = 0; j < s[i].n; j++)
				fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
					scale(&ax, s[i].x[j], l, r), scale(&ay, s[i].y[j], b, t), col);
		if (s[i].name) {
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>\n",
				l + 10, t + 8 + i * 16.0, col);
			text_at(f, l + 25, t + 17 + i * 16.0, "start", NULL, s[i].name);
		}
	}
	if (ns > 0 && c->mark >= 0 && c->mark < s[0].n) {
		px = scale(&ax, s[0].x[c->mark], l, r);
		py = scale(&ay, s[0].y[c->mark], b, t);
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n",
			px, py);
		/* the label on the side with room for it */
		if (c->mark_label)
			text_at(f, px > (l + r) / 2 ? px - 10 : px + 10, py - 10,
				px > (l + r) / 2 ? "end" : "start",
				"fill=\"#d62728\" font-weight=\"bold\"", c->mark_label);
	}
}

void svg_bars(FILE *f, int x0, int y0, int w, int h, const char *title,
	      const char *const *labels, const double *v, int n, const char *unit)
{
	double l = x0 + PAD_L, r = x0 + w - PAD_R, t = y0 + PAD_T, b = y0 + h - PAD_B;
	double max = 0, bw, px, bh;
	char buf[64];
	int i;

	for (i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] > max)
			max = v[i];
	text_at(f, x0 + w / 2.0, y0 + 18, "middle", "font-weight=\"bold\"", title);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n",
		l, b, r, b);
	bw = n ? (r - l) / n : 0;
	for (i = 0; i < n; i++) {
		bh = max > 0 && isfinite(v[i]) ? v[i] / max * (b - t - 15) : 0;
		px = l + i * bw;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\"/>\n",
			px + bw * 0.1, b - bh, bw * 0.8, bh);
		fmt_tick(buf, sizeof(buf), round(v[i] * 10) / 10);
		text_at(f, px + bw / 2, b - bh - 4, "middle", "font-size=\"10\"", buf);
		text_at(f, px + bw / 2, b + 15, "middle", NULL, labels[i]);
	}
	text_at(f, (l + r) / 2, b + 35, "middle", NULL, unit);
}
