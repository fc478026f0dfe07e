// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon advise: Denning's working set as an allocation policy.  For every
 * process the caller may see, and every cgroup v2 group they are in: the
 * memory at the knee of the fault-rate curve, the fault rate expected
 * there, what it holds now and its limits, and what a limit at the knee
 * would free, largest first; then the same for the whole machine.  Where
 * the advice is weak it says so.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "cli.h"
#include "curve.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "stats.h"

#define ADV_MIN_SAMPLES	10	/* fewer: too few references to tell */

struct advice {
	const struct wsmon_proc *p;
	uint64_t frees;			/* bytes a limit at the knee would free */
	double knee_faults;		/* faults/s expected at the knee */
	const char *weak;		/* why the advice is weak, or NULL */
};

static uint64_t longest_window(const struct wsmon_proc *p)
{
	return p->nr_windows ? p->windows[p->nr_windows - 1] : 0;
}

static void advise_proc(const struct wsmon_proc *p, const struct wsmon_stats *st,
			struct advice *a)
{
	struct curve_pt pts[WSM_NR];
	int n, knee, i;

	memset(a, 0, sizeof(*a));
	a->p = p;
	a->frees = p->knee_samples && p->rss > p->knee ? p->rss - p->knee : 0;
	n = curve_points(p->hist->reuse, p->reuse_samples, st->page_size, st->sample_ms,
			 pts, &knee);
	for (i = 0; i < n; i++)
		if (pts[i].window == p->knee_samples)
			a->knee_faults = pts[i].faults_per_s;
	if (p->secondary_mmu) {
		/* a guest's or device's references are unseen: no advice */
		a->frees = 0;
		a->knee_faults = 0;
		a->weak = "working set unknown: used through a secondary MMU (a KVM guest, a device)";
	} else if (!p->knee_samples)
		a->weak = "no knee: no references seen";
	else if (p->reuse_samples < ADV_MIN_SAMPLES)
		a->weak = "too few samples";
	else if (p->reuse_samples < longest_window(p))
		a->weak = "watched for less than its longest window";
	else if (n > 0 && a->knee_faults > pts[0].faults_per_s / 2)
		a->weak = "no clear knee: memory there saves less than half the faults";
}

static int by_frees(const void *x, const void *y)
{
	const struct advice *a = x, *b = y;

	return a->frees < b->frees ? 1 : a->frees > b->frees ? -1 : (int)a->p->pid - (int)b->p->pid;
}

static void print_groups(const struct wsmon_proc *v, size_t n, uint64_t *group_frees)
{
	struct kill_req none;
	struct cg_sum *g;
	uint64_t cur, high, max, held;
	int ng, i, okc, okh, okm;

	memset(&none, 0, sizeof(none));
	g = calloc(n + 1, sizeof(*g));
	if (!g)
		return;
	ng = cg_sum_procs(v, (int)n, &none, 10, "/proc", g, (int)n + 1);
	out_open_array("cgroups");
	print_text("\nCGROUP                                   PROCS        RSS       KNEE    CURRENT       HIGH        MAX      FREES\n");
	for (i = 0; i < ng; i++) {
		if (!strcmp(g[i].path, "/"))
			continue;	/* the root group has no limits */
		okc = cg_read_limit(CG_ROOT, g[i].path, "memory.current", &cur);
		okh = cg_read_limit(CG_ROOT, g[i].path, "memory.high", &high);
		okm = cg_read_limit(CG_ROOT, g[i].path, "memory.max", &max);
		out_open_object(NULL);
		print_string(PRINT_ANY, "path", "%-40s", g[i].path);
		print_u64(PRINT_ANY, "procs", " %5" PRIu64, (uint64_t)g[i].procs);
		print_size(PRINT_ANY, "rss", " %10s", g[i].rss);
		print_size(PRINT_ANY, "knee", " %10s", g[i].knee);
		cg_print_limit("memory_current", " %10s", okc, cur);
		cg_print_limit("memory_high", " %10s", okh, high);
		cg_print_limit("memory_max", " %10s", okm, max);
		/* the knee counts the page cache they used; they hold all of it */
		held = g[i].rss + g[i].file_cache;
		print_size(PRINT_JSON, "wss_file", NULL, g[i].wss_file);
		print_size(PRINT_ANY, "frees", " %10s", held > g[i].knee ? held - g[i].knee : 0);
		if (g[i].knee > cg_tightest(okh, high, okm, max))
			print_string(PRINT_ANY, "note", "  %s",
				     "its working set exceeds its limit: it will thrash inside it");
		print_text("\n");
		out_close_object();
		*group_frees += held > g[i].knee ? held - g[i].knee : 0;
	}
	out_close_array();
	free(g);
}

int cmd_advise(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("advise");
	struct cli_parse cp = { .started = 0 };
	uint64_t rss = 0, knee = 0, frees = 0, group_frees = 0;
	struct wsmon_stats st;
	struct proc_list l;
	struct advice *a;
	long top = -1;
	char *end;
	int c, rc;
	size_t i, shown;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0)
		if (c == 'n') {
			top = strtol(optarg, &end, 10);
			if (*end || top < 1) {
				wsmon_error("advise: -n takes a number of processes, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
		}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("advise: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	rc = wsmon_snapshot("advise", true, &st, &l);
	if (rc)
		return rc;
	a = calloc(l.n + 1, sizeof(*a));
	if (!a) {
		proc_list_free(&l);
		wsmon_error("advise: out of memory");
		return WSMON_EXIT_FAIL;
	}
	for (i = 0; i < l.n; i++) {
		advise_proc(&l.v[i], &st, &a[i]);
		rss += l.v[i].rss;
		/*
		 * a report errs high: no knee yet counts all it holds.  Set
		 * against RSS, so without the read() page cache, which the
		 * groups below add because memory.current holds it.
		 */
		knee += l.v[i].knee_samples ? l.v[i].knee : l.v[i].rss;
		frees += a[i].frees;
	}
	qsort(a, l.n, sizeof(*a), by_frees);
	shown = top > 0 && (size_t)top < l.n ? (size_t)top : l.n;

	out_init(stdout, opts->json);
	out_open_object(NULL);
	out_open_array("processes");
	print_text("    PID COMMAND               RSS       KNEE  FAULTS/S@KNEE      FREES  NOTE\n");
	for (i = 0; i < shown; i++) {
		const struct wsmon_proc *p = a[i].p;

		out_open_object(NULL);
		print_u64(PRINT_ANY, "pid", "%7" PRIu64, p->pid);
		print_string(PRINT_ANY, "comm", " %-16s", p->comm);
		print_size(PRINT_ANY, "rss", " %10s", p->rss);
		if (p->knee_samples)
			print_size(PRINT_ANY, "knee", " %10s", p->knee);
		else
			print_null(PRINT_ANY, "knee", " %10s");
		print_u64(PRINT_JSON, "knee_samples", NULL, p->knee_samples);
		print_double(PRINT_ANY, "knee_faults_per_s", " %14.1f", a[i].knee_faults);
		print_size(PRINT_ANY, "frees", " %10s", a[i].frees);
		if (a[i].weak)
			print_string(PRINT_ANY, "weak", "  %s", a[i].weak);
		print_text("\n");
		out_close_object();
	}
	out_close_array();
	print_groups(l.v, l.n, &group_frees);
	out_open_object("fleet");
	print_u64(PRINT_ANY, "nr_processes", "\nmachine: %" PRIu64 " processes", l.n);
	print_size(PRINT_ANY, "rss", " hold %s", rss);
	print_size(PRINT_ANY, "knee", "; at their knees they need %s", knee);
	print_size(PRINT_ANY, "frees", ": %s would be freed", frees);
	print_text(" if every process sat at its knee\n");
	out_close_object();
	out_close_object();
	out_finish();
	free(a);
	proc_list_free(&l);
	return WSMON_EXIT_OK;
}
