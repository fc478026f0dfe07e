// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon cgroups: every cgroup v2 group of the processes the caller may
 * see, with the sums of their RSS and working set (with the page cache
 * they read, W FILE, which no page table shows) beside the group's own
 * memory.current, memory.high and memory.max, and whether the working set
 * exceeds the limit: a group that will thrash inside its limit while the
 * host looks fine.  Its own memory.pressure shows a group that already
 * stalls there: one throttled at memory.high barely runs, so its W looks
 * small.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "cli.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "psi.h"
#include "stats.h"

/* stalled this share of the time (memory.pressure full avg10): it thrashes at its limit */
#define CG_STALL_PCT	10.0

static void print_group(const struct cg_sum *g)
{
	uint64_t cur, high, max, limit;
	char file[CG_PATH_MAX + 64];
	bool over, stalled;
	struct psi psi;
	int ec, eh, em, ep;

	ec = cg_read_limit(CG_ROOT, g->path, "memory.current", &cur);
	eh = cg_read_limit(CG_ROOT, g->path, "memory.high", &high);
	em = cg_read_limit(CG_ROOT, g->path, "memory.max", &max);
	/* the limit that bites first: memory.high throttles, memory.max reclaims */
	limit = cg_tightest(eh, high, em, max);
	snprintf(file, sizeof(file), "%s%s/memory.pressure", CG_ROOT, g->path);
	ep = psi_read(file, &psi);
	over = g->wss_split > limit;
	/* without a limit of its own, a stall is the host's doing, not its limit's */
	stalled = limit != UINT64_MAX && !ep && psi.full.present && psi.full.avg10 >= CG_STALL_PCT;

	out_open_object(NULL);
	print_string(PRINT_ANY, "cgroup", "%-40s", g->path);
	print_u64(PRINT_ANY, "procs", " %5" PRIu64, (uint64_t)g->procs);
	print_size(PRINT_ANY, "rss", " %10s", g->rss);
	print_size(PRINT_ANY, "wss", " %10s", g->wss_split);
	print_size(PRINT_ANY, "wss_file", " %10s", g->wss_file);
	print_size(PRINT_JSON, "file_cache", NULL, g->file_cache);
	print_size(PRINT_ANY, "swap", " %10s", g->swap);
	cg_print_limit("memory_current", " %10s", ec, cur);
	cg_print_limit("memory_high", " %10s", eh, high);
	cg_print_limit("memory_max", " %10s", em, max);
	if (!ep && psi.full.present)
		print_double(PRINT_ANY, "psi_full_avg10", " %5.1f%%", psi.full.avg10);
	else
		print_null(PRINT_ANY, "psi_full_avg10", " %6s");
	print_u64(PRINT_JSON, "secondary_mmu_procs", NULL, (uint64_t)g->secondary_mmu);
	print_bool(PRINT_JSON, "over_limit", NULL, over);
	print_bool(PRINT_JSON, "stalled", NULL, stalled);
	if (over)
		print_text("  W exceeds its limit: it will thrash inside it");
	else if (stalled)
		print_text("  stalls on memory: thrashing at its limit (its W looks small while it waits)");
	if (g->secondary_mmu)
		print_text("  holds a guest or device: its W counts all they hold");
	print_text("\n");
	out_close_object();
}

int cmd_cgroups(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("cgroups");
	struct cli_parse cp = { .started = 0 };
	struct kill_req none;
	struct wsmon_stats st;
	struct proc_list l;
	struct cg_sum *g;
	int c, rc, ng, i;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0)
		;
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("cgroups: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	rc = wsmon_snapshot("cgroups", false, &st, &l);
	if (rc)
		return rc;
	g = calloc(l.n + 1, sizeof(*g));
	if (!g) {
		proc_list_free(&l);
		wsmon_error("cgroups: out of memory");
		return WSMON_EXIT_FAIL;
	}
	memset(&none, 0, sizeof(none));
	ng = cg_sum_procs(l.v, (int)l.n, &none, st.demand_window, "/proc", g, (int)l.n + 1);
	qsort(g, (size_t)ng, sizeof(*g), cg_cmp_wss);

	out_init(stdout, opts->json);
	out_open_object(NULL);
	print_u64(PRINT_JSON, "demand_window", NULL, st.demand_window);
	out_open_array("cgroups");
	if (!out_is_json())
		printf("%-40s %5s %10s %10s %10s %10s %10s %10s %10s %6s\n", "CGROUP", "PROCS",
		       "RSS", "W", "W FILE", "SWAP", "CURRENT", "HIGH", "MAX", "STALL");
	for (i = 0; i < ng; i++)
		print_group(&g[i]);
	out_close_array();
	out_close_object();
	if (!out_is_json() && !ng)
		printf("(no cgroup v2 groups: is cgroup2 mounted at %s?)\n", CG_ROOT);
	out_finish();
	free(g);
	proc_list_free(&l);
	return WSMON_EXIT_OK;
}
