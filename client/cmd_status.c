// SPDX-License-Identifier: GPL-2.0
/* wsmon status: module identity, memory, swap, sampler and thrash state. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "output.h"
#include "psi.h"
#include "stats.h"
#include "status.h"
#include "swaps.h"

#define MAX_SWAP_AREAS 64

static void print_rates(const char *key, const double *r)
{
	int i;

	out_open_object(key);
	for (i = 0; i < STATS_NR_RATES; i++)
		print_double(PRINT_JSON, stats_rate_names[i], NULL, r[i]);
	out_close_object();
}

/* Text only: the paging rates of one line. */
static void print_rates_text(const double *r)
{
	print_double(PRINT_FP, NULL, " majflt %.0f", r[0]);
	print_double(PRINT_FP, NULL, " swpin %.0f", r[1]);
	print_double(PRINT_FP, NULL, " swpout %.0f", r[2]);
	print_double(PRINT_FP, NULL, " refault %.0f", r[3]);
	print_double(PRINT_FP, NULL, "+%.0f\n", r[4]);
}

static void print_psi_line(const char *key, const struct psi_line *l)
{
	if (!l->present)
		return;
	out_open_object(key);
	print_string(PRINT_FP, NULL, " %s", key);
	print_double(PRINT_ANY, "avg10", " %.2f%%", l->avg10);
	print_double(PRINT_ANY, "avg60", "/%.2f%%", l->avg60);
	print_double(PRINT_ANY, "avg300", "/%.2f%%", l->avg300);
	print_u64(PRINT_JSON, "total_us", NULL, l->total_us);
	out_close_object();
}

/* The thrash state, Denning's demand ratio, paging rates and PSI. */
void status_print_thrash(const struct wsmon_stats *st, const struct psi *psi)
{
	const double *r = st->rates, *a = st->rates_avg;

	print_string(PRINT_ANY, "state", "state         %s",
		     stats_state_name(st->state));
	print_u64(PRINT_ANY, "state_since", " since sample %" PRIu64 "\n",
		  st->state_since);
	print_double(PRINT_ANY, "demand", "demand        %.2f", st->demand_milli / 1000.0);
	print_size(PRINT_ANY, "demand_bytes", " = working sets %s", st->demand_bytes);
	print_u64(PRINT_ANY, "demand_window", " (W over %" PRIu64 " samples)",
		  st->demand_window);
	print_size(PRINT_ANY, "user_mem", " / user memory %s\n", st->user_mem);
	if (st->exhaust_ms >= 0)
		print_double(PRINT_ANY, "exhaust_s",
			     "exhaustion    memory + swap gone in %.1f s at the last sample's rate\n",
			     st->exhaust_ms / 1000.0);
	else
		print_null(PRINT_ANY, "exhaust_s", "exhaustion    %s (memory + swap not falling)\n");
	print_text("paging /s     now:");
	print_rates_text(r);
	print_text("              avg:");
	print_rates_text(a);
	print_double(PRINT_FP, NULL, "workingset /s activate %.0f", r[5]);
	print_double(PRINT_FP, NULL, "+%.0f", r[6]);
	print_double(PRINT_FP, NULL, " restore %.0f", r[7]);
	print_double(PRINT_FP, NULL, "+%.0f (anon+file)\n", r[8]);
	print_rates("rates", r);
	print_rates("rates_avg", a);
	if (psi) {
		out_open_object("psi_memory");
		print_text("psi memory   ");
		print_psi_line("some", &psi->some);
		print_psi_line("full", &psi->full);
		print_text(" (avg10/60/300)\n");
		out_close_object();
	} else {
		print_null(PRINT_ANY, "psi_memory", "psi memory    %s (no /proc/pressure/memory)\n");
	}
	if (st->has_kills) {
		out_open_object("kills");
		print_u64(PRINT_ANY, "badness", "kills         badness %" PRIu64,
			  st->kills[WSMON_POLICY_BADNESS]);
		print_u64(PRINT_ANY, "rss", ", rss %" PRIu64, st->kills[WSMON_POLICY_RSS]);
		print_u64(PRINT_ANY, "wss", ", wss %" PRIu64 " (processes signalled since load)\n",
			  st->kills[WSMON_POLICY_WSS]);
		out_close_object();
	}
	out_open_object("rules");
	print_double(PRINT_ANY, "pressure_demand", "rules         pressure: demand >= %.2f",
		     st->pressure_demand / 1000.0);
	print_u64(PRINT_ANY, "thrash_rate", " or >= %" PRIu64 " swap-ins+refaults/s;",
		  st->thrash_rate);
	print_double(PRINT_ANY, "thrash_demand", " thrashing: demand >= %.2f and that rate\n",
		     st->thrash_demand / 1000.0);
	print_u64(PRINT_ANY, "enter_samples", "              enter after %" PRIu64,
		  st->enter_samples);
	print_u64(PRINT_ANY, "leave_samples", ", leave after %" PRIu64 " samples\n",
		  st->leave_samples);
	print_double(PRINT_ANY, "imminent_s",
		     "              oom-imminent: memory + swap gone within %.1f s, 2 samples in a row",
		     st->imminent_ms / 1000.0);
	print_text(st->imminent_ms ? "\n" : " (off)\n");
	out_close_object();
}

void status_print(const struct wsmon_stats *st, const uint64_t *swap_total)
{
	struct psi psi;
	int psi_err = -ENOENT;

	out_open_object(NULL);
	print_string(PRINT_ANY, "module_version", "wsmon module  %s\n",
		     st->module_version);
	print_string(PRINT_ANY, "kernel_release", "kernel        %s\n",
		     st->kernel_release);
	print_u64(PRINT_ANY, "page_size", "page size     %" PRIu64 " bytes\n",
		  st->page_size);
	print_size(PRINT_ANY, "mem_total", "memory        total %s", st->mem_total);
	print_size(PRINT_ANY, "mem_free", ", free %s", st->mem_free);
	print_size(PRINT_ANY, "mem_available", ", available %s\n",
		   st->mem_available);
	if (swap_total)
		print_size(PRINT_ANY, "swap_total", "swap          total %s",
			   *swap_total);
	else
		print_null(PRINT_ANY, "swap_total", "swap          total %s");
	print_size(PRINT_ANY, "swap_free", ", free %s\n", st->swap_free);
	if (st->sample_ms) {
		print_u64(PRINT_ANY, "sample_ms", "sampling      every %" PRIu64 " ms",
			  st->sample_ms);
		print_u64(PRINT_ANY, "tracked", ", %" PRIu64 " processes", st->tracked);
		print_u64(PRINT_ANY, "samples", ", %" PRIu64 " samples", st->samples);
		print_u64(PRINT_ANY, "sample_pages", ", last %" PRIu64 " entries",
			  st->sample_pages);
		print_double(PRINT_ANY, "sample_ms_taken", " in %.1f ms\n",
			     st->sample_ns / 1e6);
		print_u64(PRINT_ANY, "sample_tables", "last sample   %" PRIu64 " page tables read",
			  st->sample_tables);
		print_u64(PRINT_ANY, "sample_skipped", ", %" PRIu64 " skipped as idle",
			  st->sample_skipped);
		print_u64(PRINT_ANY, "max_stale", ", figures at most %" PRIu64 " samples old\n",
			  st->max_stale);
		print_u64(PRINT_ANY, "scan_budget", "budget        %" PRIu64 " entries/sample",
			  st->scan_budget);
		print_u64(PRINT_ANY, "budget_exhausted", " (exhausted %" PRIu64 " times)\n",
			  st->budget_exhausted);
		print_u64(PRINT_ANY, "lock_busy", "put off       %" PRIu64 " processes at a busy mmap_lock",
			  st->lock_busy);
		print_u64(PRINT_ANY, "alloc_failed", ", %" PRIu64 " allocations refused (cgroup full)\n",
			  st->alloc_failed);
		print_string(PRINT_ANY, "flush", "tlb flush     %s", stats_flush_name(st->flush));
		print_u64(PRINT_ANY, "flush_cpus", " (%" PRIu64 " CPUs last sample)",
			  st->flush_cpus);
		/* how this kernel flushes, and why: absent from older modules */
		if (st->flush_method[0]) {
			print_string(PRINT_ANY, "flush_method", ", by %s", st->flush_method);
			print_string(PRINT_ANY, "flush_why", "\n              (%s)", st->flush_why);
		}
		print_text("\n");
		print_size(PRINT_ANY, "age_bytes", "age memory    %s\n", st->age_bytes);
		print_string(PRINT_ANY, "reclaim_mode", "reclaim mode  %s",
			     st->reclaim_mode);
		if (st->has_idle_refs)
			print_u64(PRINT_ANY, "idle_refs",
				  ", %" PRIu64 " references taken back from PG_idle",
				  st->idle_refs);
		print_text("\n");
		out_open_array("windows");
		print_text("windows      ");
		for (uint32_t i = 0; i < st->nr_windows; i++)
			print_u64(PRINT_ANY, NULL, " %" PRIu64, st->windows[i]);
		print_text(" samples\n");
		out_close_array();
		out_open_array("track_pids");
		print_text("tracking     ");
		if (!st->nr_pids && !st->track_hidden)
			print_text(" every user process");
		for (uint32_t i = 0; i < st->nr_pids; i++)
			print_u64(PRINT_ANY, NULL, " %" PRIu64, st->pids[i]);
		out_close_array();
		if (st->track_hidden)
			print_u64(PRINT_ANY, "track_hidden", " (and %" PRIu64 " you may not see)",
				  st->track_hidden);
		print_text("\n");
	}
	if (st->has_thrash) {
		psi_err = psi_read("/proc/pressure/memory", &psi);
		status_print_thrash(st, psi_err ? NULL : &psi);
	}
	out_close_object();
}

int cmd_status(struct wsmon_opts *opts, int argc, char **argv)
{
	struct swap_area areas[MAX_SWAP_AREAS];
	struct wsmon_stats st;
	struct wsmon_nl nl;
	uint64_t swap_total = 0;
	int ret = WSMON_EXIT_USAGE;
	int first, n, err;

	first = wsmon_cmd_options(wsmon_find_command("status"), opts, argc, argv, &ret);
	if (first < 0)
		return ret;
	if (first < argc) {
		wsmon_error("status: unexpected argument '%s'", argv[first]);
		return WSMON_EXIT_USAGE;
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	err = wsmon_get_stats(&nl, &st);
	if (err) {
		if (err == -EBADMSG || err == -EPROTO)
			wsmon_error("status: bad reply from the module");
		else
			wsmon_request_error(&nl, "status", err);
		wsmon_nl_close(&nl);
		return WSMON_EXIT_FAIL;
	}
	wsmon_nl_close(&nl);

	/* total swap is not exported to modules: take it from /proc/swaps */
	n = swaps_read("/proc/swaps", areas, MAX_SWAP_AREAS);
	if (n >= 0)
		swap_total = swaps_total(areas, (size_t)n);

	out_init(stdout, opts->json);
	status_print(&st, n >= 0 ? &swap_total : NULL);
	out_finish();
	return WSMON_EXIT_OK;
}
