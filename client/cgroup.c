// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-group kills.  The module's per-process figures (GET_PROC, which an
 * admin sees in full) are summed by the cgroup v2 group each process is
 * in, as /proc/PID/cgroup names it.  A group goes with everything in it
 * (cgroup.kill, Linux 5.14), so a group that holds anything that must not
 * die is never chosen, and the root group never is.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/wsmon.h>

#include "cgroup.h"
#include "cli.h"
#include "nl.h"
#include "output.h"
#include "stats.h"


int cg_of_pid(const char *proc, uint32_t pid, char *path, size_t size)
{
	char file[64], line[CG_PATH_MAX + 8];
	int found = -1;
	FILE *f;

	snprintf(file, sizeof(file), "%s/%u/cgroup", proc, pid);
	f = fopen(file, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::/", 4)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(path, size, "%s", line + 3);
			found = 0;
			break;
		}
	fclose(f);
	return found;
}

static int read_adj(const char *proc, uint32_t pid)
{
	char file[64];
	int adj = 0;
	FILE *f;

	snprintf(file, sizeof(file), "%s/%u/oom_score_adj", proc, pid);
	f = fopen(file, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%d", &adj) != 1)
		adj = 0;
	fclose(f);
	return adj;
}

static bool protected_by(const struct kill_req *r, const struct wsmon_proc *p)
{
	for (int i = 0; i < r->nr_pids; i++)
		if (r->pids[i] == p->pid)
			return true;
	for (int i = 0; i < r->nr_comms; i++)
		if (!strcmp(r->comms[i], p->comm))
			return true;
	return false;
}

int cg_sum_procs(const struct wsmon_proc *p, int n, const struct kill_req *r,
		 uint32_t window, const char *proc, struct cg_sum *out, int max)
{
	uint32_t self = (uint32_t)getpid();
	char path[CG_PATH_MAX];
	int groups = 0, i, g;
	int64_t w;

	for (i = 0; i < n; i++) {
		if (cg_of_pid(proc, p[i].pid, path, sizeof(path)))
			continue;	/* gone, or not in a cgroup v2 group */
		for (g = 0; g < groups && strcmp(out[g].path, path); g++)
			;
		if (g == groups) {
			if (groups == max)
				continue;
			memset(&out[g], 0, sizeof(out[g]));
			snprintf(out[g].path, sizeof(out[g].path), "%s", path);
			out[g].exempt = !strcmp(path, "/");
			groups++;
		}
		out[g].procs++;
		out[g].rss += p[i].rss;
		out[g].swap += p[i].swap;
		/* a guest's or device's references are unseen: all it holds */
		w = p[i].secondary_mmu ? (int64_t)p[i].rss : wsmon_proc_wss(&p[i], window);
		out[g].secondary_mmu += p[i].secondary_mmu;
		out[g].wss += w > 0 ? (uint64_t)w : 0;
		out[g].wss_split += p[i].wss_split >= 0 ? (uint64_t)p[i].wss_split :
				    w > 0 ? (uint64_t)w : 0;
		out[g].knee += p[i].knee_samples ? p[i].knee : p[i].rss;
		/* read() pages are in no page table: the module ages them apart */
		if (p[i].file_wss > 0) {
			out[g].wss_file += (uint64_t)p[i].file_wss;
			out[g].wss += (uint64_t)p[i].file_wss;
			out[g].wss_split += (uint64_t)p[i].file_wss;
			out[g].knee += (uint64_t)p[i].file_wss;
		}
		if (p[i].file_cache > 0)
			out[g].file_cache += (uint64_t)p[i].file_cache;
		if (!out[g].exempt && (p[i].pid == 1 || p[i].pid == self ||
				       read_adj(proc, p[i].pid) == -1000 || protected_by(r, &p[i]))) {
			out[g].exempt = true;
			out[g].why_pid = p[i].pid;
		}
	}
	/* this process and init may not be tracked (the caller, kernel-side) */
	for (uint32_t pid = 1; pid; pid = pid == 1 ? self : 0) {
		if (cg_of_pid(proc, pid, path, sizeof(path)))
			continue;
		for (g = 0; g < groups; g++)
			if (!strcmp(out[g].path, path) && !out[g].exempt) {
				out[g].exempt = true;
				out[g].why_pid = pid;
			}
	}
	for (g = 0; g < groups; g++)
		out[g].score = r->policy == WSMON_POLICY_RSS ? out[g].rss :
			       r->policy == WSMON_POLICY_WSS ? out[g].wss :
			       out[g].rss + out[g].swap;
	return groups;
}

const struct cg_sum *cg_choose(const struct cg_sum *g, int n)
{
	const struct cg_sum *best = NULL;

	for (int i = 0; i < n; i++)
		if (!g[i].exempt && g[i].procs &&
		    (!best || g[i].score > best->score ||
		     (g[i].score == best->score && g[i].rss > best->rss)))
			best = &g[i];
	return best;
}

int cg_kill(const char *root, const struct cg_sum *g)
{
	char file[CG_PATH_MAX + 64];
	int fd, err = 0;

	snprintf(file, sizeof(file), "%s%s/cgroup.kill", root, g->path);
	fd = open(file, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "1", 1) != 1)
		err = -errno;
	close(fd);
	return err;
}

int cg_carry_out(struct kill_req *r, struct cg_sum *chosen, bool *killed, const char **why)
{
	struct proc_list l = { 0 };
	const struct cg_sum *best;
	struct wsmon_stats st;
	struct wsmon_nl nl;
	struct cg_sum *groups;
	int n, err;

	*killed = false;
	*why = NULL;
	err = wsmon_nl_open(&nl);
	if (err)
		return err;
	err = wsmon_get_stats(&nl, &st);
	if (!err)
		err = proc_dump(&nl, false, &l);
	wsmon_nl_close(&nl);
	groups = calloc(l.n + 1, sizeof(*groups));
	if (err || !groups) {
		proc_list_free(&l);
		free(groups);
		return err ? err : -ENOMEM;
	}
	n = cg_sum_procs(l.v, (int)l.n, r, st.demand_window, "/proc", groups, (int)l.n + 1);
	best = cg_choose(groups, n);
	if (!best) {
		*why = "no cgroup may be killed: every group holds a process that must not die";
		err = -ESRCH;
	} else {
		*chosen = *best;
		if (!r->dry_run) {
			err = cg_kill(CG_ROOT, best);
			if (err)
				*why = "cannot write cgroup.kill (cgroup v2 at /sys/fs/cgroup, Linux 5.14 or later)";
			*killed = !err;
		}
	}
	free(groups);
	proc_list_free(&l);
	return err;
}

int cg_read_limit(const char *root, const char *path, const char *file, uint64_t *v)
{
	char name[CG_PATH_MAX + 64], buf[32];
	int ret = -1;
	FILE *f;

	snprintf(name, sizeof(name), "%s%s/%s", root, path, file);
	f = fopen(name, "re");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		if (!strncmp(buf, "max", 3)) {
			*v = UINT64_MAX;
			ret = 0;
		} else if (sscanf(buf, "%" SCNu64, v) == 1) {
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

void cg_print(const struct cg_sum *g)
{
	print_string(PRINT_ANY, "cgroup", "cgroup %s", g->path);
	print_u64(PRINT_ANY, "procs", " (%" PRIu64 " processes)", (uint64_t)g->procs);
	print_size(PRINT_ANY, "rss", ": rss %s", g->rss);
	print_size(PRINT_ANY, "wss", ", wss %s", g->wss);
	print_size(PRINT_ANY, "swap", ", swap %s", g->swap);
	print_u64(PRINT_ANY, "score", ", score %" PRIu64, g->score);
}

void cg_print_limit(const char *key, const char *fmt, int err, uint64_t v)
{
	if (err) {
		print_null(PRINT_ANY, key, fmt);
	} else if (v == UINT64_MAX) {
		print_string(PRINT_FP, key, fmt, "max");
		print_null(PRINT_JSON, key, NULL);
	} else {
		print_size(PRINT_ANY, key, fmt, v);
	}
}

int cg_cmp_wss(const void *a, const void *b)
{
	const struct cg_sum *x = a, *y = b;

	if (x->wss_split != y->wss_split)
		return x->wss_split < y->wss_split ? 1 : -1;
	return strcmp(x->path, y->path);
}

bool cg_within(const char *cg, const char *group)
{
	size_t len = strlen(group);

	while (len > 1 && group[len - 1] == '/')
		len--;
	if (len == 1)
		return true;	/* the root holds every group */
	return !strncmp(cg, group, len) && (cg[len] == '\0' || cg[len] == '/');
}

uint64_t cg_tightest(int eh, uint64_t high, int em, uint64_t max)
{
	uint64_t limit = UINT64_MAX;

	if (!eh && high < limit)
		limit = high;
	if (!em && max < limit)
		limit = max;
	return limit;
}
