// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the Prometheus text that wsmon export serves (metrics.c),
 * from made-up figures: every sample line is well formed and follows its
 * HELP and TYPE, names carry the wsmon_ prefix and counters end in
 * _total, exactly one thrash state is 1, label values are escaped, the
 * number of process series is bounded; and Prometheus' own promtool
 * (scripts/setup unpacks it into /var/cache/wsmon) accepts the text.
 */
#include <regex.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <linux/wsmon.h>

#include "metrics.h"

#define PROMTOOL "/var/cache/wsmon/prometheus/usr/bin/promtool"

static struct wsmon_proc proc(uint32_t pid, const char *comm, uint64_t mib)
{
	struct wsmon_proc p;

	memset(&p, 0, sizeof(p));
	p.pid = pid;
	snprintf(p.comm, sizeof(p.comm), "%s", comm);
	p.rss = mib << 21;
	p.knee = mib << 20;
	p.nr_windows = 1;
	p.windows[0] = 10;
	p.wss[0] = mib << 20;
	return p;
}

static char *render(int top, size_t *len)
{
	static struct wsmon_stats st;
	struct wsmon_proc p[5];
	struct cg_sum g[2];
	char *buf;
	FILE *f;

	memset(&st, 0, sizeof(st));
	st.state = WSMON_STATE_PRESSURE;
	st.demand_milli = 1250;
	st.demand_bytes = 300 << 20;
	st.user_mem = 240 << 20;
	st.samples = 42;
	st.sample_ms = 1000;
	st.demand_window = 10;
	st.exhaust_ms = -1;
	st.rates[0] = 12.5;
	st.has_counters = 1;
	st.counters[1] = 123456;
	st.counters[4] = 789;
	st.has_state_entries = 1;
	st.state_entries[WSMON_STATE_OOM_IMMINENT] = 2;
	snprintf(st.module_version, sizeof(st.module_version), "0.1.0");
	p[0] = proc(10, "db", 40);
	p[1] = proc(11, "we\"ird\\na\nme", 30);	/* a command name is user data */
	p[2] = proc(12, "c", 20);
	p[3] = proc(13, "d", 10);
	p[4] = proc(14, "e", 5);
	memset(g, 0, sizeof(g));
	snprintf(g[0].path, sizeof(g[0].path), "/system.slice/db.service");
	g[0].wss = 50 << 20;		/* per process: a shared page twice */
	g[0].wss_split = 40 << 20;	/* split by mapcount: exported */
	snprintf(g[1].path, sizeof(g[1].path), "/");
	f = open_memstream(&buf, len);
	metrics_write(f, &st, p, 5, top, g, 2);
	fclose(f);
	return buf;
}

static void test_well_formed(void **state)
{
	regex_t sample, comment;
	char *buf, *line, *save = NULL, last_type[128] = "";
	size_t len;
	int ones = 0, lines = 0;

	(void)state;
	assert_int_equal(regcomp(&sample, "^(wsmon_[a-z_]+)(\\{[a-z_]+=\"([^\"\\\\]|\\\\.)*\"(,[a-z_]+=\"([^\"\\\\]|\\\\.)*\")*\\})? -?[0-9.e+-]+$",
				 REG_EXTENDED), 0);
	assert_int_equal(regcomp(&comment, "^# (HELP|TYPE) wsmon_[a-z_]+ .+$", REG_EXTENDED), 0);
	buf = render(3, &len);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		regmatch_t m[2];

		lines++;
		if (line[0] == '#') {
			assert_int_equal(regexec(&comment, line, 0, NULL, 0), 0);
			if (!strncmp(line, "# TYPE ", 7)) {
				snprintf(last_type, sizeof(last_type), "%s", line + 7);
				*strchr(last_type, ' ') = '\0';
				/* counters, and only counters, end in _total */
				assert_true((strstr(line, " counter") != NULL) ==
					    (strstr(last_type, "_total") != NULL));
			}
			continue;
		}
		if (regexec(&sample, line, 2, m, 0))
			fail_msg("malformed sample line: %s", line);
		/* a sample follows the TYPE of its own metric */
		assert_int_equal((int)(m[1].rm_eo - m[1].rm_so), (int)strlen(last_type));
		assert_memory_equal(line, last_type, strlen(last_type));
		if (!strncmp(line, "wsmon_thrash_state{", 19) && line[strlen(line) - 1] == '1')
			ones++;
	}
	assert_true(lines > 40);
	assert_int_equal(ones, 1);
	free(buf);
	regfree(&sample);
	regfree(&comment);
}

static void test_labels_and_bounds(void **state)
{
	size_t len;
	char *buf = render(3, &len);

	(void)state;
	assert_non_null(strstr(buf, "wsmon_thrash_state{state=\"pressure\"} 1\n"));
	assert_non_null(strstr(buf, "wsmon_demand_ratio 1.25\n"));
	/* a quote and a backslash are escaped, a newline made '?' */
	assert_non_null(strstr(buf, "comm=\"we\\\"ird\\\\na?me\""));
	/* the largest working sets first, at most --top of them */
	assert_non_null(strstr(buf, "wsmon_process_working_set_bytes{pid=\"10\",comm=\"db\"} 41943040\n"));
	assert_null(strstr(buf, "pid=\"13\""));
	assert_non_null(strstr(buf, "wsmon_cgroup_working_set_bytes{cgroup=\"/system.slice/db.service\"} 41943040\n"));
	/* no estimate while memory is not falling */
	assert_null(strstr(buf, "wsmon_exhaustion_seconds "));
	/* the kernel's counters for rate(), and a state a scrape may miss */
	assert_non_null(strstr(buf, "# TYPE wsmon_swapped_in_pages_total counter\nwsmon_swapped_in_pages_total 123456\n"));
	assert_non_null(strstr(buf, "wsmon_refaulted_pages_total{type=\"file\"} 789\n"));
	assert_non_null(strstr(buf, "wsmon_state_entries_total{state=\"oom-imminent\"} 2\n"));
	assert_non_null(strstr(buf, "wsmon_build_info{version=\"" WSMON_VERSION "\",module_version=\"0.1.0\"} 1\n"));
	free(buf);
}

static void test_promtool(void **state)
{
	char path[] = "/tmp/wsmon-metrics-XXXXXX", cmd[256];
	size_t len;
	char *buf;
	FILE *f;
	int fd;

	(void)state;
	if (access(PROMTOOL, X_OK))
		fail_msg("no %s: run scripts/setup", PROMTOOL);
	buf = render(20, &len);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fwrite(buf, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), PROMTOOL " check metrics <%s >/dev/null 2>&1", path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_labels_and_bounds),
		cmocka_unit_test(test_promtool),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
