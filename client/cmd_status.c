// SPDX-License-Identifier: GPL-2.0
/* wsmon status: module identity, memory and swap. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "output.h"
#include "stats.h"
#include "status.h"
#include "swaps.h"

#define MAX_SWAP_AREAS 64

void status_print(const struct wsmon_stats *st, const uint64_t *swap_total)
{
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
		print_u64(PRINT_ANY, "sample_pages", ", last %" PRIu64 " pages",
			  st->sample_pages);
		print_double(PRINT_ANY, "sample_ms_taken", " in %.1f ms\n",
			     st->sample_ns / 1e6);
		print_u64(PRINT_ANY, "scan_budget", "budget        %" PRIu64 " pages/sample",
			  st->scan_budget);
		print_u64(PRINT_ANY, "budget_exhausted", " (exhausted %" PRIu64 " times)\n",
			  st->budget_exhausted);
		print_size(PRINT_ANY, "age_bytes", "age memory    %s\n", st->age_bytes);
		print_string(PRINT_ANY, "reclaim_mode", "reclaim mode  %s\n",
			     st->reclaim_mode);
		out_open_array("windows");
		print_text("windows      ");
		for (uint32_t i = 0; i < st->nr_windows; i++)
			print_u64(PRINT_ANY, NULL, " %" PRIu64, st->windows[i]);
		print_text(" samples\n");
		out_close_array();
		out_open_array("track_pids");
		print_text("tracking     ");
		if (!st->nr_pids)
			print_text(" every user process");
		for (uint32_t i = 0; i < st->nr_pids; i++)
			print_u64(PRINT_ANY, NULL, " %" PRIu64, st->pids[i]);
		print_text("\n");
		out_close_array();
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
	if (wsmon_connect(&nl))
		return WSMON_EXIT_FAIL;
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
