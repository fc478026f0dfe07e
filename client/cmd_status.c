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

struct stats_reply {
	struct wsmon_stats *st;
	const char *why;
	int got;
};

static int stats_cb(struct nlmsghdr *nlh, void *arg)
{
	struct stats_reply *r = arg;
	int err = wsmon_stats_parse(nlh, r->st, &r->why);

	if (!err)
		r->got = 1;
	return err;
}

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
	out_close_object();
}

int cmd_status(struct wsmon_opts *opts, int argc, char **argv)
{
	struct swap_area areas[MAX_SWAP_AREAS];
	struct wsmon_stats st;
	struct stats_reply r = { .st = &st };
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
	err = wsmon_nl_request(&nl, WSMON_CMD_GET_STATS, 0, NULL, NULL,
			       stats_cb, &r);
	if (err) {
		if (r.why)
			wsmon_error("status: bad reply from the module: %s", r.why);
		else
			wsmon_request_error(&nl, "status", err);
		wsmon_nl_close(&nl);
		return WSMON_EXIT_FAIL;
	}
	wsmon_nl_close(&nl);
	if (!r.got) {
		wsmon_error("status: the module sent no reply");
		return WSMON_EXIT_FAIL;
	}

	/* total swap is not exported to modules: take it from /proc/swaps */
	n = swaps_read("/proc/swaps", areas, MAX_SWAP_AREAS);
	if (n >= 0)
		swap_total = swaps_total(areas, (size_t)n);

	out_init(stdout, opts->json);
	status_print(&st, n >= 0 ? &swap_total : NULL);
	out_finish();
	return WSMON_EXIT_OK;
}
