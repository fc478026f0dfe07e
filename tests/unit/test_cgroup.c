// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: whole-group kills (cgroup.c) against a /proc and a cgroup
 * root made in a temporary directory: the sums per group, which groups
 * are exempt, the choice per policy, and the write to cgroup.kill.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <linux/wsmon.h>

#include "cgroup.h"

static char dir[] = "/tmp/wsmon-cg-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void proc(uint32_t pid, const char *cg, int adj)
{
	char rel[64], text[300];

	snprintf(rel, sizeof(rel), "proc/%u", pid);
	snprintf(text, sizeof(text), "%s/%s", dir, rel);
	assert_int_equal(mkdir(text, 0755), 0);
	snprintf(rel, sizeof(rel), "proc/%u/cgroup", pid);
	snprintf(text, sizeof(text), "0::%s\n", cg);
	put(rel, text);
	snprintf(rel, sizeof(rel), "proc/%u/oom_score_adj", pid);
	snprintf(text, sizeof(text), "%d\n", adj);
	put(rel, text);
}

static struct wsmon_proc p(uint32_t pid, const char *comm, uint64_t rss_mib, uint64_t wss_mib)
{
	struct wsmon_proc x;

	memset(&x, 0, sizeof(x));
	x.pid = pid;
	snprintf(x.comm, sizeof(x.comm), "%s", comm);
	x.rss = rss_mib << 20;
	x.nr_windows = 1;
	x.windows[0] = 10;
	x.wss[0] = wss_mib << 20;
	x.wss_split = -1;	/* a module that does not send it */
	return x;
}

static void test_groups(void **state)
{
	struct wsmon_proc v[6];
	struct cg_sum g[8];
	struct kill_req r;
	const struct cg_sum *best;
	char path[300], buf[8];
	int n;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/proc", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	/* web: two 30 MiB processes; db: one 50 MiB; the root group holds 80 */
	proc(101, "/system.slice/web.service", 0);
	proc(102, "/system.slice/web.service", 0);
	proc(103, "/system.slice/db.service", 0);
	proc(104, "/", 0);
	proc(105, "/system.slice/sshd.service", -1000);
	proc(106, "/system.slice/sshd.service", 0);
	v[0] = p(101, "web", 30, 5);
	v[1] = p(102, "web", 30, 5);
	v[2] = p(103, "db", 50, 40);
	v[3] = p(104, "big", 80, 80);
	v[4] = p(105, "sshd", 1, 1);
	v[5] = p(106, "bash", 90, 1);
	memset(&r, 0, sizeof(r));
	snprintf(path, sizeof(path), "%s/proc", dir);
	n = cg_sum_procs(v, 6, &r, 10, path, g, 8);
	assert_int_equal(n, 4);
	best = cg_choose(g, n);
	/* rss + swap: web's 60 MiB beats db's 50; "/" and sshd's group are exempt */
	assert_non_null(best);
	assert_string_equal(best->path, "/system.slice/web.service");
	assert_int_equal(best->procs, 2);
	assert_int_equal(best->rss, 60 << 20);
	/* without the module's split W, a group's W is the sum of its processes' */
	assert_int_equal(best->wss_split, 10 << 20);
	/*
	 * with it: the two web processes share 4 of their 5 MiB, so each is
	 * sent 1 + 4/2 = 3 MiB, and the group holds 6, not 10
	 */
	v[0].wss_split = 3 << 20;
	v[1].wss_split = 3 << 20;
	n = cg_sum_procs(v, 6, &r, 10, path, g, 8);
	best = cg_choose(g, n);
	assert_string_equal(best->path, "/system.slice/web.service");
	assert_int_equal(best->wss_split, 6 << 20);
	assert_int_equal(best->wss, 10 << 20);
	v[0].wss_split = v[1].wss_split = -1;
	/*
	 * the page cache they read (in no page table): in the group's W and
	 * knee; an older module's -1 counts nothing
	 */
	v[0].file_wss = 8 << 20;
	v[0].file_cache = 20 << 20;
	v[1].file_wss = -1;
	v[1].file_cache = -1;
	n = cg_sum_procs(v, 6, &r, 10, path, g, 8);
	best = cg_choose(g, n);
	assert_string_equal(best->path, "/system.slice/web.service");
	assert_int_equal(best->wss_file, 8 << 20);
	assert_int_equal(best->file_cache, 20 << 20);
	assert_int_equal(best->wss, 18 << 20);
	assert_int_equal(best->wss_split, 18 << 20);
	assert_int_equal(best->knee, (30 + 30 + 8) << 20);	/* no knees: RSS, and the cache */
	v[0].file_wss = v[0].file_cache = 0;
	/* by W: db */
	r.policy = WSMON_POLICY_WSS;
	n = cg_sum_procs(v, 6, &r, 10, path, g, 8);
	assert_string_equal(cg_choose(g, n)->path, "/system.slice/db.service");
	/* a protected name exempts its whole group */
	r.policy = WSMON_POLICY_RSS;
	snprintf(r.comms[r.nr_comms++], 16, "db");
	snprintf(r.comms[r.nr_comms++], 16, "web");
	n = cg_sum_procs(v, 6, &r, 10, path, g, 8);
	assert_null(cg_choose(g, n));

	/* the kill: "1" into the group's cgroup.kill */
	snprintf(path, sizeof(path), "%s/system.slice", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/system.slice/web.service", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	put("system.slice/web.service/cgroup.kill", "");
	assert_int_equal(cg_kill(dir, &g[0]), 0);
	snprintf(path, sizeof(path), "%s/system.slice/web.service/cgroup.kill", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "1");
	/* its limits: a number, or "max" */
	put("system.slice/web.service/memory.high", "104857600\n");
	put("system.slice/web.service/memory.max", "max\n");
	{
		uint64_t lim = 0;

		assert_int_equal(cg_read_limit(dir, "/system.slice/web.service", "memory.high", &lim), 0);
		assert_int_equal(lim, 104857600);
		assert_int_equal(cg_read_limit(dir, "/system.slice/web.service", "memory.max", &lim), 0);
		assert_true(lim == UINT64_MAX);
		assert_int_equal(cg_read_limit(dir, "/system.slice/web.service", "memory.low", &lim), -1);
	}
	/* a group that is gone: an error, not a crash */
	snprintf(g[0].path, sizeof(g[0].path), "/nonexistent");
	assert_true(cg_kill(dir, &g[0]) < 0);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests_name("cgroup", tests, NULL, NULL);
}
