// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon swap [PID]: the swap map.  Without a PID, each swap area of
 * /proc/swaps with what process pages use of it, its occupancy and its
 * largest owners; with one, that process's extents.  The module sees
 * only pages that processes map: shmem/tmpfs pages in swap and the swap
 * cache are what /proc/swaps counts beyond it ("not seen").
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netlink/attr.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "output.h"
#include "swapmap.h"
#include "swaps.h"

#define MAX_SWAP_AREAS 64

struct map_dump {
	struct swap_owner who;
	struct swap_extent *ext;
	size_t n;
	int msgs;
	const char *why;
};

static int map_cb(struct nlmsghdr *nlh, void *arg)
{
	struct map_dump *d = arg;
	int err = swapmap_parse(nlh, &d->who, &d->ext, &d->n, &d->why);

	if (!err)
		d->msgs++;
	return err;
}

static int summary_cb(struct nlmsghdr *nlh, void *arg)
{
	const char *why;

	return swap_summary_parse(nlh, arg, &why);
}

static int fill_pid(struct nl_msg *msg, void *arg)
{
	return nla_put_u32(msg, WSMON_A_PID, *(uint32_t *)arg) ? -EMSGSIZE : 0;
}

static const struct swap_area_stat *find_type(const struct swap_summary *s,
					      uint32_t type)
{
	int i;

	for (i = 0; i < s->nr_areas; i++)
		if (s->areas[i].type == type)
			return &s->areas[i];
	return NULL;
}

static void print_strip(const uint64_t *bucket, uint64_t slots)
{
	uint64_t per = (slots + SWAP_BUCKETS - 1) / SWAP_BUCKETS;
	char strip[SWAP_BUCKETS + 1];
	int i;

	for (i = 0; i < SWAP_BUCKETS; i++)
		strip[i] = !bucket[i] ? '.' : bucket[i] >= per ? '#' : '+';
	strip[SWAP_BUCKETS] = 0;
	printf("  occupancy     [%s] ('#' full, '+' partly, '.' unused by processes)\n",
	       strip);
}

static void print_area(uint32_t type, const struct swap_area *sa,
		       const struct swap_area_stat *a, const struct map_dump *all,
		       uint64_t page_size)
{
	uint64_t bucket[SWAP_BUCKETS], slots = sa ? sa->size / page_size : 0;
	uint64_t mine = a ? a->slots * page_size : 0;
	int i;

	out_open_object(NULL);
	print_u64(PRINT_ANY, "type", "swap area %" PRIu64 ":", type);
	if (sa) {
		print_string(PRINT_ANY, "path", " %s", sa->path);
		print_string(PRINT_ANY, "kind", " (%s)", sa->type);
		print_size(PRINT_ANY, "size", ", size %s", sa->size);
		print_size(PRINT_ANY, "used", ", used %s", sa->used);
		print_double(PRINT_ANY, "priority", ", priority %.0f\n", sa->priority);
	} else {
		print_null(PRINT_ANY, "path", " %s (not in /proc/swaps)\n");
	}
	print_size(PRINT_ANY, "process_bytes", "  process pages %s", mine);
	print_u64(PRINT_ANY, "slots", " in %" PRIu64 " slots", a ? a->slots : 0);
	print_u64(PRINT_ANY, "mapped", " (%" PRIu64 " swap PTEs)", a ? a->mapped : 0);
	print_u64(PRINT_ANY, "owners", " of %" PRIu64 " processes\n", a ? a->owners : 0);
	print_u64(PRINT_ANY, "runs", "  layout        %" PRIu64 " runs of consecutive slots",
		  a ? a->runs : 0);
	if (a && a->slots) {
		print_u64(PRINT_ANY, "lowest", ", slots %" PRIu64, a->lowest);
		print_u64(PRINT_ANY, "highest", "..%" PRIu64 "\n", a->highest);
	} else {
		print_text("\n");
	}
	if (sa) {
		print_size(PRINT_ANY, "unseen",
			   "  not seen      %s (shmem/tmpfs, swap cache: no process maps them)\n",
			   sa->used > mine ? sa->used - mine : 0);
		swap_occupancy(all->ext, all->n, type, slots, bucket);
		out_open_array("occupancy");
		for (i = 0; i < SWAP_BUCKETS; i++)
			print_u64(PRINT_JSON, NULL, NULL, bucket[i]);
		out_close_array();
		if (!out_is_json())
			print_strip(bucket, slots);
	}
	out_open_array("top");
	if (a && a->nr_top && !out_is_json())
		printf("  top owners    %7s %-15s %10s\n", "PID", "COMMAND", "SWAP");
	for (i = 0; a && i < a->nr_top; i++) {
		char buf[32];

		out_open_object(NULL);
		print_u64(PRINT_JSON, "pid", NULL, a->top[i].pid);
		print_string(PRINT_JSON, "comm", NULL, a->top[i].comm);
		print_u64(PRINT_JSON, "uid", NULL, a->top[i].uid);
		print_u64(PRINT_JSON, "swap", NULL, a->top[i].bytes);
		out_close_object();
		if (!out_is_json())
			printf("                %7u %-15s %10s\n", a->top[i].pid, a->top[i].comm,
			       format_size(buf, sizeof(buf), a->top[i].bytes));
	}
	out_close_array();
	out_close_object();
}

static int swap_areas(struct wsmon_nl *nl)
{
	struct swap_area sa[MAX_SWAP_AREAS];
	struct swap_summary s;
	struct map_dump all = { .ext = NULL };
	uint32_t t, ntypes = 0;
	int n, i, err;

	err = wsmon_nl_request(nl, WSMON_CMD_GET_SWAP, 0, NULL, NULL, summary_cb, &s);
	if (!err)
		err = wsmon_nl_request(nl, WSMON_CMD_GET_SWAPMAP, NLM_F_DUMP, NULL, NULL,
				       map_cb, &all);
	if (err) {
		wsmon_request_error(nl, "swap", err);
		free(all.ext);
		return wsmon_exit_code(err);
	}
	/* the module cannot see the areas: /proc/swaps lists them in type order */
	n = swaps_read("/proc/swaps", sa, MAX_SWAP_AREAS);
	if (n < 0) {
		wsmon_error("swap: cannot read /proc/swaps: %s", strerror(-n));
		free(all.ext);
		return WSMON_EXIT_FAIL;
	}
	ntypes = (uint32_t)n;
	for (i = 0; i < s.nr_areas; i++)
		if (s.areas[i].type + 1 > ntypes)
			ntypes = s.areas[i].type + 1;

	out_open_object(NULL);
	print_size(PRINT_ANY, "swap_free", "swap free %s", s.swap_free);
	print_u64(PRINT_ANY, "nr_areas", ", %" PRIu64 " areas\n", (uint64_t)n);
	out_open_array("areas");
	for (t = 0; t < ntypes; t++)
		print_area(t, t < (uint32_t)n ? &sa[t] : NULL, find_type(&s, t), &all,
			   (uint64_t)sysconf(_SC_PAGESIZE));
	out_close_array();
	out_close_object();
	free(all.ext);
	return WSMON_EXIT_OK;
}

static int swap_pid(struct wsmon_nl *nl, uint32_t pid)
{
	struct map_dump d = { .ext = NULL };
	uint64_t pages = 0;
	size_t i;
	int err;

	err = wsmon_nl_request(nl, WSMON_CMD_GET_SWAPMAP, NLM_F_DUMP, fill_pid, &pid,
			       map_cb, &d);
	if (err || !d.msgs) {
		if (d.why)
			wsmon_error("swap: bad reply from the module: %s", d.why);
		else if (err && nl->ext_msg[0])
			wsmon_request_error(nl, "swap", err);
		else if (!err || err == -ESRCH)	/* 6.1 may drop a dump's extack */
			wsmon_error("swap: PID %u is not a tracked process", pid);
		else if (err == -EPERM)
			wsmon_error("swap: %s (PID %u is not yours to inspect; needs CAP_SYS_ADMIN)", strerror(EPERM), pid);
		else
			wsmon_request_error(nl, "swap", err);
		free(d.ext);
		return wsmon_exit_code(err ? err : -ESRCH);
	}
	for (i = 0; i < d.n; i++)
		pages += d.ext[i].pages;

	out_open_object(NULL);
	print_u64(PRINT_ANY, "pid", "process %" PRIu64, d.who.pid);
	print_string(PRINT_ANY, "comm", " (%s)", d.who.comm);
	print_u64(PRINT_JSON, "uid", NULL, d.who.uid);
	print_size(PRINT_ANY, "swap", ": %s in swap", d.who.bytes);
	print_u64(PRINT_ANY, "nr_extents", " in %" PRIu64 " extents\n", d.n);
	print_u64(PRINT_JSON, "pages", NULL, pages);
	if (d.n && !out_is_json())
		printf("%18s %18s %8s %4s %s\n", "START", "END", "PAGES", "AREA", "SLOTS");
	out_open_array("extents");
	for (i = 0; i < d.n; i++) {
		const struct swap_extent *e = &d.ext[i];

		out_open_object(NULL);
		print_u64(PRINT_JSON, "start", NULL, e->start);
		print_u64(PRINT_JSON, "pages", NULL, e->pages);
		print_u64(PRINT_JSON, "type", NULL, e->type);
		print_u64(PRINT_JSON, "offset", NULL, e->offset);
		out_close_object();
		if (!out_is_json())
			printf("%#18" PRIx64 " %#18" PRIx64 " %8" PRIu64 " %4u %" PRIu64 "-%" PRIu64 "\n",
			       e->start, e->start + e->pages * (uint64_t)sysconf(_SC_PAGESIZE),
			       e->pages, e->type, e->offset, e->offset + e->pages - 1);
	}
	out_close_array();
	out_close_object();
	free(d.ext);
	return WSMON_EXIT_OK;
}

int cmd_swap(struct wsmon_opts *opts, int argc, char **argv)
{
	struct wsmon_nl nl;
	int first, err, ret = WSMON_EXIT_USAGE;
	long pid = 0;
	char *end;

	first = wsmon_cmd_options(wsmon_find_command("swap"), opts, argc, argv, &ret);
	if (first < 0)
		return ret;
	if (argc - first > 1) {
		wsmon_error("swap: takes at most one PID (see 'wsmon swap --help')");
		return WSMON_EXIT_USAGE;
	}
	if (first < argc) {
		pid = strtol(argv[first], &end, 10);
		if (*end || pid < 1 || pid > INT32_MAX) {
			wsmon_error("swap: '%s' is not a PID", argv[first]);
			return WSMON_EXIT_USAGE;
		}
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	out_init(stdout, opts->json);
	ret = pid ? swap_pid(&nl, (uint32_t)pid) : swap_areas(&nl);
	if (ret == WSMON_EXIT_OK)
		out_finish();
	wsmon_nl_close(&nl);
	return ret;
}
