// SPDX-License-Identifier: GPL-2.0
/* Prometheus text format; see metrics.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/wsmon.h>

#include "kill.h"
#include "metrics.h"
#include "output.h"

void metrics_label(FILE *f, const char *raw)
{
	char safe[4096];
	const char *s = safe;

	/* label values must be UTF-8; a path or name may be anything */
	snprintf(safe, sizeof(safe), "%s", raw);
	text_sanitize(safe);
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static void head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void gauge(FILE *f, const char *name, const char *help, double v)
{
	head(f, name, "gauge", help);
	fprintf(f, "%s %.17g\n", name, v);
}

static void counter(FILE *f, const char *name, const char *help, uint64_t v)
{
	head(f, name, "counter", help);
	fprintf(f, "%s %" PRIu64 "\n", name, v);
}

/* the W of the demand window, the figure processes are ranked by */
static uint32_t metrics_window;

static uint64_t demand_ws(const struct wsmon_proc *p)
{
	int64_t w = wsmon_proc_wss(p, metrics_window);

	if (w >= 0)
		return (uint64_t)w;
	return p->nr_windows ? p->wss[p->nr_windows - 1] : 0;
}

static int by_ws(const void *a, const void *b)
{
	uint64_t x = demand_ws(a), y = demand_ws(b);

	return x < y ? 1 : x > y ? -1 : 0;
}

static void proc_series(FILE *f, const char *name, const struct wsmon_proc *p, uint64_t v)
{
	fprintf(f, "%s{pid=\"%u\",comm=\"", name, p->pid);
	metrics_label(f, p->comm);
	fprintf(f, "\"} %" PRIu64 "\n", v);
}

static void cg_series(FILE *f, const char *name, const struct cg_sum *g, uint64_t v)
{
	fprintf(f, "%s{cgroup=\"", name);
	metrics_label(f, g->path);
	fprintf(f, "\"} %" PRIu64 "\n", v);
}

void metrics_write(FILE *f, const struct wsmon_stats *st, const struct wsmon_proc *p,
		   size_t n, int top, const struct cg_sum *g, int ng)
{
	static const char *const states[] = { "ok", "pressure", "thrashing", "oom-imminent" };
	static const struct { int i; const char *name, *help; } rates[] = {
		{ 0, "wsmon_major_faults_per_second", "Major faults per second, last sample (PGMAJFAULT)." },
		{ 1, "wsmon_swapins_per_second", "Pages swapped in per second, last sample (PSWPIN)." },
		{ 2, "wsmon_swapouts_per_second", "Pages swapped out per second, last sample (PSWPOUT)." },
	};
	struct wsmon_proc *sorted = NULL;
	size_t i, k;

	gauge(f, "wsmon_up", "1 when the module answered this scrape.", 1);
	head(f, "wsmon_thrash_state", "gauge", "1 for the thrash state the module is in, 0 for the others.");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		fprintf(f, "wsmon_thrash_state{state=\"%s\"} %d\n", states[i], st->state == i);
	gauge(f, "wsmon_demand_ratio",
	      "Sum of the working sets over the demand window divided by the memory user pages can have.",
	      st->demand_milli / 1000.0);
	gauge(f, "wsmon_working_set_demand_bytes", "Sum of the processes' working sets over the demand window.",
	      (double)st->demand_bytes);
	gauge(f, "wsmon_user_memory_bytes", "Memory user pages can have: the LRU lists plus free pages.",
	      (double)st->user_mem);
	gauge(f, "wsmon_memory_available_bytes", "MemAvailable as the module read it.",
	      (double)st->mem_available);
	gauge(f, "wsmon_swap_free_bytes", "Free swap.", (double)st->swap_free);
	if (st->exhaust_ms >= 0)
		gauge(f, "wsmon_exhaustion_seconds",
		      "When memory and swap would run out at the rate they fell over the last sample.",
		      st->exhaust_ms / 1000.0);
	for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		gauge(f, rates[i].name, rates[i].help, st->rates[rates[i].i]);
	head(f, "wsmon_refaults_per_second", "gauge",
	     "Workingset refaults per second, last sample, by LRU type.");
	fprintf(f, "wsmon_refaults_per_second{type=\"anon\"} %.17g\n", st->rates[3]);
	fprintf(f, "wsmon_refaults_per_second{type=\"file\"} %.17g\n", st->rates[4]);
	/* the kernel's counters, for rate() over any scrape interval */
	if (st->has_counters) {
		counter(f, "wsmon_major_faults_total", "Major faults since boot (PGMAJFAULT), as the last sample read it.",
			(uint64_t)st->counters[0]);
		counter(f, "wsmon_swapped_in_pages_total", "Pages swapped in since boot (PSWPIN), as the last sample read it.",
			(uint64_t)st->counters[1]);
		counter(f, "wsmon_swapped_out_pages_total", "Pages swapped out since boot (PSWPOUT), as the last sample read it.",
			(uint64_t)st->counters[2]);
		head(f, "wsmon_refaulted_pages_total", "counter",
		     "Workingset refaults since boot by LRU type (WORKINGSET_REFAULT_*), as the last sample read them.");
		fprintf(f, "wsmon_refaulted_pages_total{type=\"anon\"} %" PRIu64 "\n", (uint64_t)st->counters[3]);
		fprintf(f, "wsmon_refaulted_pages_total{type=\"file\"} %" PRIu64 "\n", (uint64_t)st->counters[4]);
	}
	if (st->has_state_entries) {
		head(f, "wsmon_state_entries_total", "counter",
		     "Times the module entered each thrash state since it was loaded: a scrape misses none, however short.");
		for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
			fprintf(f, "wsmon_state_entries_total{state=\"%s\"} %" PRIu64 "\n", states[i],
				st->state_entries[i]);
	}
	head(f, "wsmon_build_info", "gauge", "1, labelled with the client's and the module's versions.");
	fprintf(f, "wsmon_build_info{version=\"%s\",module_version=\"", WSMON_VERSION);
	metrics_label(f, st->module_version);
	fprintf(f, "\"} 1\n");
	counter(f, "wsmon_samples_total", "Samples the module has taken since it was loaded.", st->samples);
	if (st->has_kills) {
		head(f, "wsmon_kills_total", "counter",
		     "Processes the module's KILL signalled since it was loaded, by policy (cgroup.kill by wsmon watch --scope cgroup is not counted).");
		for (i = 0; i <= WSMON_POLICY_MAX; i++)
			fprintf(f, "wsmon_kills_total{policy=\"%s\"} %" PRIu64 "\n",
				kill_policy_name((uint32_t)i), st->kills[i]);
	}
	counter(f, "wsmon_samples_budget_exhausted_total", "Samples cut short by the scan budget.",
		st->budget_exhausted);
	counter(f, "wsmon_lock_busy_total",
		"Processes a sample put off because their mmap_lock was held or awaited.",
		st->lock_busy);
	if (st->has_idle_refs)
		counter(f, "wsmon_idle_refs_total",
			"References the sampler took from PG_idle: pages whose accessed bit reclaim cleared first.",
			st->idle_refs);
	counter(f, "wsmon_alloc_failed_total",
		"Allocations for a process refused without reclaim: its memory cgroup was full, or free memory short.",
		st->alloc_failed);
	gauge(f, "wsmon_sample_duration_seconds", "How long the last sample took.", st->sample_ns / 1e9);
	gauge(f, "wsmon_sample_period_seconds", "The sampling period.", st->sample_ms / 1000.0);
	gauge(f, "wsmon_tracked_processes", "Processes the module tracks.", st->tracked);
	gauge(f, "wsmon_age_memory_bytes", "Kernel memory the page ages take.", (double)st->age_bytes);

	metrics_window = st->demand_window;
	if (n) {
		sorted = malloc(n * sizeof(*sorted));
		if (sorted) {
			memcpy(sorted, p, n * sizeof(*sorted));
			qsort(sorted, n, sizeof(*sorted), by_ws);
		}
	}
	k = sorted ? (top >= 0 && (size_t)top < n ? (size_t)top : n) : 0;
	head(f, "wsmon_process_working_set_bytes", "gauge",
	     "W over the demand window of the processes with the largest, by PID and command.");
	for (i = 0; i < k; i++)
		proc_series(f, "wsmon_process_working_set_bytes", &sorted[i], demand_ws(&sorted[i]));
	head(f, "wsmon_process_resident_bytes", "gauge", "RSS of the same processes.");
	for (i = 0; i < k; i++)
		proc_series(f, "wsmon_process_resident_bytes", &sorted[i], sorted[i].rss);
	head(f, "wsmon_process_knee_bytes", "gauge",
	     "Memory at the knee of the same processes' fault-rate curves (0: no knee yet).");
	for (i = 0; i < k; i++)
		proc_series(f, "wsmon_process_knee_bytes", &sorted[i], sorted[i].knee);
	free(sorted);

	head(f, "wsmon_cgroup_working_set_bytes", "gauge",
	     "W over the demand window of each cgroup v2 group's processes, a page they share counted once (split by mapcount), with the page cache they read.");
	for (i = 0; i < (size_t)ng; i++)
		cg_series(f, "wsmon_cgroup_working_set_bytes", &g[i], g[i].wss_split);
	head(f, "wsmon_cgroup_working_set_file_bytes", "gauge",
	     "Of wsmon_cgroup_working_set_bytes, the page cache the group's processes read (read(), not mapped) within the demand window.");
	for (i = 0; i < (size_t)ng; i++)
		cg_series(f, "wsmon_cgroup_working_set_file_bytes", &g[i], g[i].wss_file);
	head(f, "wsmon_cgroup_resident_bytes", "gauge", "Sum of the RSS of each group's processes.");
	for (i = 0; i < (size_t)ng; i++)
		cg_series(f, "wsmon_cgroup_resident_bytes", &g[i], g[i].rss);
	head(f, "wsmon_cgroup_knee_bytes", "gauge",
	     "Sum of the knees of each group's processes: the memory a limit could be set to.");
	for (i = 0; i < (size_t)ng; i++)
		cg_series(f, "wsmon_cgroup_knee_bytes", &g[i], g[i].knee);
}
