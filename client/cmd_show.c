// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon show PID: the W(window) curve, the idle-age and reuse histograms,
 * and Denning's fault-rate-vs-memory curve with its knee, as terminal
 * plots (or JSON).
 */
#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/attr.h>

#include "cli.h"
#include "curve.h"
#include "options.h"
#include "output.h"
#include "plot.h"
#include "proc.h"
#include "procview.h"
#include "stats.h"
#include "svg.h"
#include "wsmath.h"

struct one_proc {
	struct wsmon_proc p;
	struct wsmon_proc_hist hist;
	const char *why;
	int got;
};

static int one_cb(struct nlmsghdr *nlh, void *arg)
{
	struct one_proc *o = arg;

	if (wsmon_proc_parse(nlh, &o->p, &o->hist, &o->why))
		return -EINVAL;
	o->got = 1;
	return 0;
}

static int fill_pid(struct nl_msg *msg, void *arg)
{
	if (nla_put_u32(msg, WSMON_A_PID, *(uint32_t *)arg) ||
	    nla_put_flag(msg, WSMON_A_HISTOGRAMS))
		return -EMSGSIZE;
	return 0;
}

static const char *const idle_labels[WSMON_IDLE_BUCKETS] = {
	"0", "1", "2-3", "4-7", "8-15", "16-31", "32-63", "64-127", "128+",
};

/* the histograms as bars: MiB by idle age; pages per sample by reuse interval */
struct show_bars {
	double idle[WSMON_IDLE_BUCKETS];
	char labels[9][16];
	const char *lp[9];
	double reuse[9];
};

static void show_bars(const struct wsmon_proc *p, uint64_t page_size, struct show_bars *sb)
{
	uint64_t b[9] = { 0 };
	int i;

	for (i = 0; i < WSMON_IDLE_BUCKETS; i++)
		sb->idle[i] = (double)p->hist->idle[i] * page_size / (1 << 20);
	/* reuse intervals in log2 buckets; bucket 0 holds first touches */
	for (i = 1; i < WSMON_REUSE_SLOTS; i++)
		b[wsm_age_bucket(i)] += p->hist->reuse[i];	/* 1..8 */
	b[0] = p->hist->reuse[0];
	for (i = 0; i < 9; i++) {
		if (i == 0)
			snprintf(sb->labels[i], sizeof(sb->labels[i]), "first");
		else if (i == 8)
			snprintf(sb->labels[i], sizeof(sb->labels[i]), "128+");
		else if (i == 1)
			snprintf(sb->labels[i], sizeof(sb->labels[i]), "1");
		else
			snprintf(sb->labels[i], sizeof(sb->labels[i]), "%d-%d", 1 << (i - 1),
				 (1 << i) - 1);
		sb->lp[i] = sb->labels[i];
		sb->reuse[i] = p->reuse_samples ? (double)b[i] / p->reuse_samples : 0;
	}
}

static void show_histograms(const struct wsmon_proc *p, uint64_t page_size)
{
	struct show_bars sb;
	int i;

	out_open_array("idle_hist");
	for (i = 0; i < WSMON_IDLE_BUCKETS; i++)
		print_u64(PRINT_JSON, NULL, NULL, p->hist->idle[i] * page_size);
	out_close_array();
	out_open_array("reuse_hist");
	for (i = 0; i < WSMON_REUSE_SLOTS; i++)
		print_u64(PRINT_JSON, NULL, NULL, p->hist->reuse[i]);
	out_close_array();
	if (out_is_json())
		return;

	show_bars(p, page_size, &sb);
	printf("\nidle age (samples since last reference), MiB of resident pages\n");
	plot_bars(stdout, idle_labels, sb.idle, WSMON_IDLE_BUCKETS, "MiB");
	printf("\nreuse interval (samples between references), pages per sample\n");
	plot_bars(stdout, sb.lp, sb.reuse, 9, "/sample");
}

/* Denning's curve from T = 0: x = s(T) memory, y = f(T) faults per second. */
static void show_curve(const struct wsmon_proc *p, uint64_t page_size,
		       uint32_t sample_ms, bool logy)
{
	struct curve_pt pts[WSM_NR];
	double x[WSM_NR], y[WSM_NR];
	int n, i, knee;

	n = curve_points(p->hist->reuse, p->reuse_samples, page_size, sample_ms, pts, &knee);
	out_open_array("curve");
	for (i = 0; i < n; i++) {
		x[i] = pts[i].bytes / (1 << 20);
		y[i] = pts[i].faults_per_s;
		out_open_object(NULL);
		print_u64(PRINT_JSON, "window", NULL, pts[i].window);
		print_u64(PRINT_JSON, "size", NULL, (uint64_t)pts[i].bytes);
		print_double(PRINT_JSON, "faults_per_s", NULL, pts[i].faults_per_s);
		out_close_object();
	}
	out_close_array();
	if (out_is_json() || n <= 0)
		return;
	printf("\nfault rate vs memory (Denning's curve, from no memory at T=0), knee marked *\n");
	plot_xy(stdout, x, y, n, knee, "MiB", "faults/s", logy);
}

/* --svg: the curve with its knee, and both histograms, as one picture */
static int show_svg(const char *file, const struct wsmon_proc *p, const struct wsmon_stats *st,
		    bool logy)
{
	struct curve_pt pts[WSM_NR];
	double x[WSM_NR], y[WSM_NR];
	struct svg_chart c = {
		.xlabel = "memory s(T), MiB", .ylabel = "faults per second f(T)", .logy = logy,
		.hline = NAN,
	};
	struct svg_series s = { .name = NULL, .x = x, .y = y };
	char title[160], knee[96], rss[32], kb[32], tmp[4096];
	struct show_bars sb;
	int i, knee_i;
	FILE *f;

	s.n = curve_points(p->hist->reuse, p->reuse_samples, st->page_size, st->sample_ms, pts, &knee_i);
	for (i = 0; i < s.n; i++) {
		x[i] = pts[i].bytes / (1 << 20);
		y[i] = pts[i].faults_per_s;
	}
	show_bars(p, st->page_size, &sb);
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f) {
		wsmon_error("show: cannot write %s: %s", tmp, strerror(errno));
		return WSMON_EXIT_FAIL;
	}
	snprintf(title, sizeof(title), "wsmon show %u (%s): RSS %s, knee %s", p->pid, p->comm,
		 format_size_human(rss, sizeof(rss), p->rss),
		 p->knee_samples ? format_size_human(kb, sizeof(kb), p->knee) : "none yet");
	svg_begin(f, 960, 760, title);
	c.title = "Denning's curve: fault rate against memory, from no memory (T = 0)";
	c.mark = knee_i;
	if (knee_i >= 0) {
		snprintf(knee, sizeof(knee), "knee: %.1f MiB at %.1f faults/s (T = %u samples)",
			 x[knee_i], y[knee_i], pts[knee_i].window);
		c.mark_label = knee;
	}
	svg_lines(f, 0, 30, 960, 380, &c, &s, s.n > 0 ? 1 : 0);
	svg_bars(f, 0, 420, 480, 330, "idle age: resident MiB by samples since last use",
		 idle_labels, sb.idle, WSMON_IDLE_BUCKETS, "samples since last reference");
	svg_bars(f, 480, 420, 480, 330, "reuse interval: pages per sample",
		 sb.lp, sb.reuse, 9, "samples between references");
	svg_end(f);
	if (fclose(f) || rename(tmp, file)) {
		wsmon_error("show: cannot write %s: %s", file, strerror(errno));
		unlink(tmp);
		return WSMON_EXIT_FAIL;
	}
	return WSMON_EXIT_OK;
}

int cmd_show(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("show");
	struct cli_parse cp = { .started = 0 };
	struct one_proc o = { .got = 0 };
	struct wsmon_stats st;
	struct wsmon_nl nl;
	const char *svg = NULL, *arg = NULL;
	bool logy = false;
	int err, c;
	uint32_t pid;
	char *end;
	long v;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0)
		if (c == 'l')
			logy = true;
		else if (c == 'S')
			svg = optarg;
		else if (c == 'p')
			arg = optarg;
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	/* one PID: the operand, or -p as ps and top take it */
	if (optind + !arg != argc) {
		wsmon_error("show: needs one PID, as an operand or with -p (see 'wsmon show --help')");
		return WSMON_EXIT_USAGE;
	}
	if (!arg)
		arg = argv[optind];
	v = strtol(arg, &end, 10);
	if (*end || v < 1 || v > INT32_MAX) {
		wsmon_error("show: '%s' is not a PID", arg);
		return WSMON_EXIT_USAGE;
	}
	pid = (uint32_t)v;
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	err = wsmon_get_stats(&nl, &st);
	if (!err)
		err = wsmon_nl_request(&nl, WSMON_CMD_GET_PROC, 0, fill_pid, &pid,
				       one_cb, &o);
	if (err || !o.got) {
		if (o.why)
			wsmon_error("show: bad reply from the module: %s", o.why);
		else
			wsmon_request_error(&nl, "show", err ? err : -EPROTO);
		wsmon_nl_close(&nl);
		return wsmon_exit_code(err ? err : -EPROTO);
	}
	wsmon_nl_close(&nl);
	if (svg) {
		if (!o.p.hist) {
			wsmon_error("show: the module sent no histograms for PID %u", pid);
			return WSMON_EXIT_FAIL;
		}
		return show_svg(svg, &o.p, &st, logy);
	}

	out_init(stdout, opts->json);
	out_open_object(NULL);
	proc_print_summary(&o.p);
	print_u64(PRINT_JSON, "sample_ms", NULL, st.sample_ms);
	if (o.p.hist) {
		show_histograms(&o.p, st.page_size);
		show_curve(&o.p, st.page_size, st.sample_ms, logy);
	}
	out_close_object();
	out_finish();
	return WSMON_EXIT_OK;
}
