// SPDX-License-Identifier: GPL-2.0
/* Sorting and printing processes, text and JSON through one path. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "procview.h"

static const char *const sort_names[] = {
	[PS_SORT_PID] = "pid", [PS_SORT_COMM] = "comm", [PS_SORT_RSS] = "rss",
	[PS_SORT_WSS] = "wss", [PS_SORT_KNEE] = "knee",
	[PS_SORT_MAJFLT] = "majflt", [PS_SORT_MINFLT] = "minflt",
	[PS_SORT_SWAP] = "swap",
};

int ps_sort_parse(const char *name, enum ps_sort *key)
{
	size_t i;

	for (i = 0; i < sizeof(sort_names) / sizeof(sort_names[0]); i++)
		if (!strcmp(name, sort_names[i])) {
			*key = (enum ps_sort)i;
			return 0;
		}
	return -1;
}

uint64_t ps_sort_wss(const struct wsmon_proc *p)
{
	int64_t w = wsmon_proc_wss(p, 10);

	if (w >= 0)
		return (uint64_t)w;
	return p->nr_windows ? p->wss[p->nr_windows - 1] : 0;
}

#define DESC(x, y) ((x) > (y) ? -1 : (x) < (y) ? 1 : 0)

int ps_compare(const struct wsmon_proc *a, const struct wsmon_proc *b,
	       enum ps_sort key)
{
	int r = 0;

	switch (key) {
	case PS_SORT_PID:
		break;
	case PS_SORT_COMM:
		r = strcmp(a->comm, b->comm);
		break;
	case PS_SORT_RSS:
		r = DESC(a->rss, b->rss);
		break;
	case PS_SORT_WSS:
		r = DESC(ps_sort_wss(a), ps_sort_wss(b));
		break;
	case PS_SORT_KNEE:
		r = DESC(a->knee, b->knee);
		break;
	case PS_SORT_SWAP:
		r = DESC(a->swap, b->swap);
		break;
	case PS_SORT_MAJFLT:
		r = DESC(a->majflt_rate, b->majflt_rate);
		break;
	case PS_SORT_MINFLT:
		r = DESC(a->minflt_rate, b->minflt_rate);
		break;
	}
	/* ties, and the pid key: ascending PID */
	return r ? r : (a->pid > b->pid) - (a->pid < b->pid);
}

void proc_print_wss_json(const struct wsmon_proc *p)
{
	char key[16];
	uint32_t i;

	out_open_object("wss_by_window");
	for (i = 0; i < p->nr_windows; i++) {
		/* "w" and the window, without printf: thousands of processes */
		char *d;

		key[sizeof(key) - 1] = '\0';
		d = u64_digits(key + sizeof(key) - 1, p->windows[i]);
		*--d = 'w';
		print_u64(PRINT_JSON, d, NULL, p->wss[i]);
	}
	out_close_object();
}

static void proc_json_members(const struct wsmon_proc *p)
{
	print_u64(PRINT_JSON, "pid", NULL, p->pid);
	print_string(PRINT_JSON, "comm", NULL, p->comm);
	print_u64(PRINT_JSON, "uid", NULL, p->uid);
	print_u64(PRINT_JSON, "passes", NULL, p->passes);
	print_u64(PRINT_JSON, "rss", NULL, p->rss);
	print_u64(PRINT_JSON, "present", NULL, p->present);
	proc_print_wss_json(p);
	if (p->wss_split >= 0)
		print_u64(PRINT_JSON, "wss", NULL, (uint64_t)p->wss_split);
	if (p->cgroup_id)
		print_u64(PRINT_JSON, "cgroup_id", NULL, p->cgroup_id);
	print_u64(PRINT_JSON, "knee_samples", NULL, p->knee_samples);
	print_u64(PRINT_JSON, "knee", NULL, p->knee);
	print_double(PRINT_JSON, "majflt_per_s", NULL, p->majflt_rate);
	print_double(PRINT_JSON, "minflt_per_s", NULL, p->minflt_rate);
	print_u64(PRINT_JSON, "reuse_samples", NULL, p->reuse_samples);
	print_u64(PRINT_JSON, "swap", NULL, p->swap);
	print_bool(PRINT_JSON, "swap_capped", NULL, p->swap_capped);
	print_bool(PRINT_JSON, "secondary_mmu", NULL, p->secondary_mmu);
	if (p->file_cache >= 0) {
		print_u64(PRINT_JSON, "file_cache", NULL, (uint64_t)p->file_cache);
		print_u64(PRINT_JSON, "wss_file", NULL, (uint64_t)p->file_wss);
		print_u64(PRINT_JSON, "wss_file_unknown", NULL, (uint64_t)p->file_unknown);
	}
	print_u64(PRINT_JSON, "stale_samples", NULL, p->stale);
	print_u64(PRINT_JSON, "pass_samples", NULL, p->pass_samples);
	if (p->has_thrash)
		print_double(PRINT_JSON, "thrash_ms", NULL, p->thrash_ns / 1e6);
	else
		print_null(PRINT_JSON, "thrash_ms", NULL);
}

const char *proc_w_cell(const struct wsmon_proc *p, uint32_t w, char *buf, size_t len)
{
	if (p->secondary_mmu)
		return "?";
	return format_size(buf, len, w < p->nr_windows ? p->wss[w] : 0);
}

const char *proc_knee_cell(const struct wsmon_proc *p, char *buf, size_t len)
{
	if (p->secondary_mmu)
		return "?";
	return p->knee_samples ? format_size(buf, len, p->knee) : "-";
}

void ps_print(const struct wsmon_proc *v, size_t n)
{
	bool secondary = false;
	char buf[32], hdr[16];
	size_t i;
	uint32_t w;

	out_open_object(NULL);
	out_open_array("processes");
	if (n && !out_is_json()) {
		printf("%7s %-15s %9s", "PID", "COMMAND", "RSS");
		for (w = 0; w < v[0].nr_windows; w++) {
			snprintf(hdr, sizeof(hdr), "W(%u)", v[0].windows[w]);
			printf(" %9s", hdr);
		}
		printf(" %9s %9s %8s %9s\n", "KNEE", "SWAP", "MAJFLT/s", "MINFLT/s");
	}
	for (i = 0; i < n; i++) {
		const struct wsmon_proc *p = &v[i];

		out_open_object(NULL);
		proc_json_members(p);
		out_close_object();
		if (out_is_json())
			continue;
		printf("%7u %-15s %9s", p->pid, p->comm,
		       format_size(buf, sizeof(buf), p->rss));
		for (w = 0; w < p->nr_windows; w++)
			printf(" %9s", proc_w_cell(p, w, buf, sizeof(buf)));
		printf(" %9s", proc_knee_cell(p, buf, sizeof(buf)));
		printf(" %9s %8.1f %9.1f\n", format_size(buf, sizeof(buf), p->swap),
		       p->majflt_rate, p->minflt_rate);
		secondary |= p->secondary_mmu;
	}
	if (secondary && !out_is_json())
		printf("%s\n", PROC_SECONDARY_NOTE);
	out_close_array();
	out_close_object();
}

void proc_print_summary(const struct wsmon_proc *p)
{
	char buf[32], buf2[32];
	uint32_t w;

	proc_json_members(p);
	if (out_is_json())
		return;
	printf("process     %u (%s), uid %u, %" PRIu64 " passes\n", p->pid, p->comm,
	       p->uid, p->passes);
	printf("figures     %u samples old, last pass spanned %u samples\n", p->stale,
	       p->pass_samples);
	printf("rss         %s (present %s)\n", format_size(buf, sizeof(buf), p->rss),
	       format_size(buf2, sizeof(buf2), p->present));
	if (p->secondary_mmu)
		printf("working set unknown: its memory is also used through a secondary MMU\n"
		       "            (a KVM guest, a device), whose references the accessed bits\n"
		       "            do not show; wsmon counts all it holds (%s), and gives no knee\n",
		       format_size(buf, sizeof(buf), p->rss));
	else if (p->knee_samples)
		printf("knee        %s at a window of %u samples\n",
		       format_size(buf, sizeof(buf), p->knee), p->knee_samples);
	else
		printf("knee        - (no reuse seen yet)\n");
	printf("faults/s    major %.1f, minor %.1f\n", p->majflt_rate, p->minflt_rate);
	printf("swap        %s", format_size(buf, sizeof(buf), p->swap));
	if (p->has_thrash)
		printf(", waited %.1f ms for thrashing pages\n", p->thrash_ns / 1e6);
	else
		printf(" (thrash delay: delay accounting is off, sysctl kernel.task_delayacct=1)\n");
	printf("\nW(t, window)\n");
	for (w = 0; w < p->nr_windows; w++)
		printf("  %4u samples %10s\n", p->windows[w],
		       format_size(buf, sizeof(buf), p->wss[w]));
}
