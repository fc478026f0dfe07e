// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon report: what a record (wsmon record) says, after the fact: how
 * long it ran, the time spent in each thrash state, the peak demand and
 * the processes with the largest working sets; with --svg, the demand
 * ratio and those working sets over time as a picture.  It needs no
 * module: a record can be read anywhere.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jsonread.h"
#include "options.h"
#include "output.h"
#include "stats.h"
#include "svg.h"

#define REP_MAX_BYTES	(512 << 20)	/* a record larger than this is refused */
#define REP_SHOWN	5		/* working sets drawn */

struct rep_proc {
	uint32_t pid;
	char comm[64];
	uint64_t peak;		/* bytes */
	int n, tcap, wcap;
	double *t, *w;		/* seconds; MiB */
};

struct rep {
	int n, tcap, dcap, scap;	/* records */
	double *t, *demand;
	int *state;			/* index in states[] */
	double thrash_demand;
	struct rep_proc *p;
	int np, pcap;
	/* the record being read */
	double cur_t;
	struct rep_proc cur;	/* the process being read */
	const char *why;
	char bad[96];		/* why a record was refused */
};

/* the states as record writes them (stats_state_name) and as report's JSON keys */
static const char *const state_keys[] = { "ok", "pressure", "thrashing", "oom_imminent" };
#define NR_STATES ((int)(sizeof(state_keys) / sizeof(state_keys[0])))

static bool grow(void **v, int *cap, int n, size_t size)
{
	void *p;

	if (n < *cap)
		return true;
	p = realloc(*v, (size_t)(*cap ? *cap * 2 : 64) * size);
	if (!p)
		return false;
	*v = p;
	*cap = *cap ? *cap * 2 : 64;
	return true;
}

static double num(const struct json_event *e)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*s", (int)e->len, e->raw);
	return strtod(buf, NULL);
}

/* a process of the record being read: add its point to its series */
static int add_point(struct rep *r)
{
	struct rep_proc *p = NULL;
	int i;

	for (i = 0; i < r->np; i++)
		if (r->p[i].pid == r->cur.pid && !strcmp(r->p[i].comm, r->cur.comm))
			p = &r->p[i];
	if (!p) {
		if (!grow((void **)&r->p, &r->pcap, r->np, sizeof(*r->p)))
			return -ENOMEM;
		p = &r->p[r->np++];
		memset(p, 0, sizeof(*p));
		p->pid = r->cur.pid;
		snprintf(p->comm, sizeof(p->comm), "%s", r->cur.comm);
	}
	if (!grow((void **)&p->t, &p->tcap, p->n, sizeof(double)) ||
	    !grow((void **)&p->w, &p->wcap, p->n, sizeof(double)))
		return -ENOMEM;
	p->t[p->n] = r->cur_t;
	p->w[p->n] = r->cur.peak / 1048576.0;
	p->n++;
	if (r->cur.peak > p->peak)
		p->peak = r->cur.peak;
	return 0;
}

static int on_value(const struct json_event *e, void *arg)
{
	struct rep *r = arg;
	char s[64];
	int i;

	if (e->depth == 0 && e->type == JSON_OBJECT && !e->end) {
		if (!grow((void **)&r->t, &r->tcap, r->n, sizeof(double)) ||
		    !grow((void **)&r->demand, &r->dcap, r->n, sizeof(double)) ||
		    !grow((void **)&r->state, &r->scap, r->n, sizeof(int)))
			return -ENOMEM;
		r->t[r->n] = r->n ? r->t[r->n - 1] : 0;
		r->demand[r->n] = 0;
		r->state[r->n] = 0;
		r->n++;
		return 0;
	}
	if (e->depth == 0 || !r->n)
		return 0;
	if (!strcmp(e->path, "schema") && e->type == JSON_NUMBER && num(e) != WSMON_JSON_SCHEMA) {
		snprintf(r->bad, sizeof(r->bad), "record %d has schema %g; this wsmon reads %d",
			 r->n, num(e), WSMON_JSON_SCHEMA);
		return -EINVAL;
	} else if (!strcmp(e->path, "t_s") && e->type == JSON_NUMBER) {
		r->t[r->n - 1] = r->cur_t = num(e);
	} else if (!strcmp(e->path, "demand") && e->type == JSON_NUMBER) {
		r->demand[r->n - 1] = num(e);
	} else if (!strcmp(e->path, "thrash_demand") && e->type == JSON_NUMBER) {
		r->thrash_demand = num(e);
	} else if (!strcmp(e->path, "state") && e->type == JSON_STRING) {
		json_unescape(e->raw, e->len, s, sizeof(s));
		for (i = 0; i < NR_STATES; i++)
			if (!strcmp(s, stats_state_name((uint32_t)i)))
				break;
		if (i == NR_STATES) {
			/* not "ok": a state this wsmon does not know */
			snprintf(r->bad, sizeof(r->bad), "record %d has an unknown state '%.32s'",
				 r->n, s);
			return -EINVAL;
		}
		r->state[r->n - 1] = i;
	} else if (!strcmp(e->path, "processes[]") && e->type == JSON_OBJECT) {
		if (!e->end) {
			memset(&r->cur, 0, sizeof(r->cur));
			return 0;
		}
		return add_point(r);
	} else if (!strcmp(e->path, "processes[].pid") && e->type == JSON_NUMBER) {
		r->cur.pid = (uint32_t)num(e);
	} else if (!strcmp(e->path, "processes[].comm") && e->type == JSON_STRING) {
		json_unescape(e->raw, e->len, r->cur.comm, sizeof(r->cur.comm));
	} else if (!strcmp(e->path, "processes[].wss") && e->type == JSON_NUMBER) {
		r->cur.peak = (uint64_t)num(e);
	}
	return 0;
}

static int by_peak(const void *a, const void *b)
{
	const struct rep_proc *x = a, *y = b;

	return x->peak < y->peak ? 1 : x->peak > y->peak ? -1 : 0;
}

static char *slurp(const char *file, const char **why)
{
	size_t n = 0, cap = 1 << 16;
	char *buf = NULL, *p;
	FILE *f = strcmp(file, "-") ? fopen(file, "re") : stdin;

	if (!f) {
		*why = strerror(errno);
		return NULL;
	}
	for (;;) {
		p = realloc(buf, cap);
		if (!p) {
			*why = "out of memory";
			goto fail;
		}
		buf = p;
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		if (cap >= REP_MAX_BYTES) {
			*why = "larger than 512 MiB";
			goto fail;
		}
		cap *= 2;
	}
	if (ferror(f)) {
		*why = strerror(errno);
		goto fail;
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		*why = "a NUL byte: not a record";
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	return buf;
fail:
	free(buf);
	if (f != stdin)
		fclose(f);
	return NULL;
}

static int rep_svg(const char *file, struct rep *r, const char *src)
{
	struct svg_series s[REP_SHOWN], d = { .name = NULL, .x = r->t, .y = r->demand, .n = r->n };
	struct svg_chart cd = {
		.title = "demand ratio: working sets over user memory", .xlabel = "seconds",
		.ylabel = "demand ratio", .mark = -1, .hline = r->thrash_demand > 0 ? r->thrash_demand : NAN,
		.hline_label = "THRASHING",
	};
	struct svg_chart cw = {
		.title = "the largest working sets (W over the demand window)", .xlabel = "seconds",
		.ylabel = "MiB", .mark = -1, .hline = NAN,
	};
	char names[REP_SHOWN][96], title[256], tmp[4096];
	int ns = r->np < REP_SHOWN ? r->np : REP_SHOWN, i;
	FILE *f;

	for (i = 0; i < ns; i++) {
		snprintf(names[i], sizeof(names[i]), "%u %s", r->p[i].pid, r->p[i].comm);
		s[i] = (struct svg_series){ .name = names[i], .x = r->p[i].t, .y = r->p[i].w,
					    .n = r->p[i].n };
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f) {
		wsmon_error("report: cannot write %s: %s", tmp, strerror(errno));
		return WSMON_EXIT_FAIL;
	}
	snprintf(title, sizeof(title), "wsmon report %s: %d samples over %.0f s", src, r->n,
		 r->n ? r->t[r->n - 1] - r->t[0] : 0);
	svg_begin(f, 960, 760, title);
	svg_lines(f, 0, 30, 960, 360, &cd, &d, 1);
	svg_lines(f, 0, 400, 960, 360, &cw, s, ns);
	svg_end(f);
	if (fclose(f) || rename(tmp, file)) {
		wsmon_error("report: cannot write %s: %s", file, strerror(errno));
		unlink(tmp);
		return WSMON_EXIT_FAIL;
	}
	return WSMON_EXIT_OK;
}

static void rep_print(const struct rep *r, const char *src)
{
	double in_state[NR_STATES] = { 0 }, peak = 0, dt;
	int i, peak_i = 0;

	for (i = 0; i < r->n; i++) {
		dt = i + 1 < r->n ? r->t[i + 1] - r->t[i] : 0;
		in_state[r->state[i]] += dt;
		if (r->demand[i] > peak) {
			peak = r->demand[i];
			peak_i = i;
		}
	}
	out_open_object(NULL);
	print_string(PRINT_ANY, "record", "record        %s\n", src);
	print_u64(PRINT_ANY, "records", "samples       %" PRIu64, (uint64_t)r->n);
	print_double(PRINT_ANY, "duration_s", " over %.1f s\n", r->n ? r->t[r->n - 1] - r->t[0] : 0);
	print_double(PRINT_ANY, "peak_demand", "peak demand   %.2f", peak);
	print_double(PRINT_ANY, "peak_demand_t_s", " at %.1f s\n", r->n ? r->t[peak_i] : 0);
	out_open_object("state_s");
	print_text("time in state");
	for (i = 0; i < NR_STATES; i++) {
		char fmt[48];

		snprintf(fmt, sizeof(fmt), " %s %%.1f s%s", stats_state_name((uint32_t)i),
			 i + 1 < NR_STATES ? "," : "\n");
		print_double(PRINT_ANY, state_keys[i], fmt, in_state[i]);
	}
	out_close_object();
	out_open_array("processes");
	print_text("largest working sets (peak W):\n");
	for (i = 0; i < r->np && i < 10; i++) {
		out_open_object(NULL);
		print_u64(PRINT_ANY, "pid", "  %7" PRIu64, r->p[i].pid);
		print_string(PRINT_ANY, "comm", " %-16s", r->p[i].comm);
		print_size(PRINT_ANY, "peak_wss", " %s", r->p[i].peak);
		print_u64(PRINT_ANY, "records", " (in %" PRIu64 " samples)\n", (uint64_t)r->p[i].n);
		out_close_object();
	}
	out_close_array();
	out_close_object();
}

static void rep_free(struct rep *r)
{
	for (int i = 0; i < r->np; i++) {
		free(r->p[i].t);
		free(r->p[i].w);
	}
	free(r->p);
	free(r->t);
	free(r->demand);
	free(r->state);
}

int cmd_report(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("report");
	struct cli_parse cp = { .started = 0 };
	const char *svg = NULL, *why = NULL, *src;
	struct rep r;
	char err[256], *text;
	int c, rc;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0)
		if (c == 'S')
			svg = optarg;
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind + 1 != argc) {
		wsmon_error("report: needs one FILE that wsmon record wrote (- for stdin)");
		return WSMON_EXIT_USAGE;
	}
	src = argv[optind];
	text = slurp(src, &why);
	if (!text) {
		wsmon_error("report: %s: %s", src, why);
		return WSMON_EXIT_FAIL;
	}
	memset(&r, 0, sizeof(r));
	rc = json_walk(text, on_value, &r, err, sizeof(err));
	free(text);
	if (rc) {
		if (rc == -1)
			wsmon_error("report: %s is not a record: %s", src, err);
		else if (r.bad[0])
			wsmon_error("report: %s: %s", src, r.bad);
		else
			wsmon_error("report: %s: out of memory", src);
		rep_free(&r);
		return WSMON_EXIT_FAIL;
	}
	qsort(r.p, (size_t)r.np, sizeof(*r.p), by_peak);
	if (svg) {
		rc = rep_svg(svg, &r, src);
	} else {
		out_init(stdout, opts->json);
		rep_print(&r, src);
		out_finish();
		rc = WSMON_EXIT_OK;
	}
	rep_free(&r);
	return rc;
}
