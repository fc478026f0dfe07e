// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon rightsize: Denning's working set as an allocation policy.  For
 * each cgroup v2 group named, at every sample: the sum of its processes'
 * knees (the memory below which their fault rate climbs) plus a margin is
 * the target for memory.high; the group's own memory.pressure raises the
 * limit at once when it stalls, and the limit comes down toward the
 * target only slowly (rightsize.c).  Without --apply it says what it
 * would do; with it, it writes memory.high and puts back the value it
 * found when it stops (SIGINT, SIGTERM, the module going away).  A PSI
 * trigger on each group's memory.pressure wakes it between samples, so a
 * group that starts to stall gets room within a fraction of a second.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/socket.h>

#include "cgroup.h"
#include "cli.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "psi.h"
#include "rightsize.h"
#include "stats.h"

#define RS_MAX_GROUPS	16
#define RS_SILENCE_MS	5000	/* no sample for this long: is the module there? */
#define RS_KNEES	32	/* samples the target's knee is the largest of */
/* a PSI trigger: this much stall (us) within the window wakes the loop */
#define RS_TRIGGER	"some 150000 1000000"
#define RS_TRIGGER_USER	"some 300000 2000000"	/* unprivileged: windows of 2 s */

struct rs_group {
	char path[CG_PATH_MAX];
	char orig[64];			/* memory.high as found, written back at the end */
	struct rs_state s;
	bool changed;			/* we wrote memory.high */
	bool have_psi;
	uint64_t some_us, full_us;	/* memory.pressure totals at the last step */
	int64_t t_ms;
	int trigger;			/* memory.pressure with a PSI trigger, or -1 */
	/*
	 * the knees of the last samples: the target follows their largest,
	 * so a set touched every few seconds does not saw the limit up and
	 * down as the knee's mean dips between its touches
	 */
	uint64_t knees[RS_KNEES];
	unsigned int nknee;
	bool told_unknown;		/* said why it holds for a secondary MMU */
};

static volatile sig_atomic_t rs_stop;

static void rs_signal(int sig)
{
	(void)sig;
	rs_stop = 1;
}

/* "64M", "1G", "1048576" into bytes; 0 or -1 */
static int parse_bytes(const char *s, uint64_t *v)
{
	char *end;
	double d = strtod(s, &end);
	uint64_t mul = 1;

	if (end == s || !(d >= 0))
		return -1;
	switch (*end) {
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	case 't': case 'T': mul = 1ULL << 40; end++; break;
	}
	if (*end == 'i' && mul > 1)
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || d * mul > 1e18)
		return -1;
	*v = (uint64_t)(d * mul);
	return 0;
}

static int write_high(const struct rs_group *g, const char *val)
{
	char file[CG_PATH_MAX + 64];
	FILE *f;
	int err = 0;

	snprintf(file, sizeof(file), "%s%s/memory.high", CG_ROOT, g->path);
	f = fopen(file, "we");
	if (!f)
		return -errno;
	if (fprintf(f, "%s\n", val) < 0)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

static void rs_log_start(const char *action, const struct rs_group *g)
{
	char when[40];

	out_open_object(NULL);
	print_string(PRINT_ANY, "time", "%s", wsmon_rfc3339(when, sizeof(when)));
	print_string(PRINT_ANY, "action", " %s", action);
	print_string(PRINT_ANY, "cgroup", " %s", g->path);
}

static void rs_log_end(void)
{
	print_text("\n");
	out_close_object();
	out_end_line();
	fflush(stdout);
}

static void print_limit(const char *key, const char *fmt, uint64_t v)
{
	if (v == RS_UNLIMITED) {
		print_string(PRINT_FP, key, fmt, "max");
		print_null(PRINT_JSON, key, NULL);
	} else {
		print_size(PRINT_ANY, key, fmt, v);
	}
}

/* Put memory.high back as it was; logged. */
static int rs_restore(struct rs_group *g)
{
	int err;

	if (!g->changed)
		return 0;
	err = write_high(g, g->orig);
	rs_log_start(err ? "restore_failed" : "restore", g);
	print_string(PRINT_ANY, "memory_high_restored", ": memory.high back to %s", g->orig);
	if (err)
		print_string(PRINT_ANY, "error", " failed: %s", strerror(-err));
	rs_log_end();
	g->changed = !!err;
	return err;
}

/*
 * the group's sums: the knee (or W, or RSS, for a process with no knee
 * yet), and W over the shortest window; each with the page cache it
 * used within the demand window, which no page table shows
 */
static uint64_t group_knee(const struct rs_group *g, const struct proc_list *l, int *procs,
			   uint64_t *recent, bool *unknown)
{
	char cg[CG_PATH_MAX];
	uint64_t sum = 0;
	size_t i;

	*procs = 0;
	*recent = 0;
	*unknown = false;
	for (i = 0; i < l->n; i++) {
		const struct wsmon_proc *p = &l->v[i];

		if (cg_of_pid("/proc", p->pid, cg, sizeof(cg)) || !cg_within(cg, g->path))
			continue;
		(*procs)++;
		*unknown |= p->secondary_mmu;
		if (p->nr_windows)
			*recent += p->wss[0];
		/* and the page cache it read within the demand window */
		if (p->file_wss > 0) {
			*recent += (uint64_t)p->file_wss;
			sum += (uint64_t)p->file_wss;
		}
		/*
		 * unlike advise's report, a young process counts its measured
		 * W, not RSS: the limit follows memory.pressure too, and idle
		 * memory it would keep is what right-sizing is to reclaim
		 */
		if (p->knee_samples)
			sum += p->knee;
		else if (p->wss_split >= 0)
			sum += (uint64_t)p->wss_split;
		else
			sum += p->rss;
	}
	return sum;
}

/* the share of the time since the last step that memory.pressure grew by */
static void group_pressure(struct rs_group *g, struct rs_input *in)
{
	char file[CG_PATH_MAX + 64];
	int64_t now = wsmon_now_ms(), dt = now - g->t_ms;
	struct psi psi;

	in->some_pct = in->full_pct = 0;
	snprintf(file, sizeof(file), "%s%s/memory.pressure", CG_ROOT, g->path);
	if (psi_read(file, &psi) || !psi.some.present)
		return;
	if (g->have_psi && dt > 0) {
		in->some_pct = (psi.some.total_us - g->some_us) / (dt * 10.0);
		if (psi.full.present)
			in->full_pct = (psi.full.total_us - g->full_us) / (dt * 10.0);
	}
	g->have_psi = true;
	g->some_us = psi.some.total_us;
	g->full_us = psi.full.present ? psi.full.total_us : 0;
	g->t_ms = now;
}

/* a group that went away ends the run */
static void rs_gone(const struct rs_group *g, int *rc)
{
	wsmon_error("rightsize: %s is gone: stopping", g->path);
	rs_stop = 1;
	*rc = WSMON_EXIT_FAIL;
}

static int rs_step_group(struct rs_group *g, const struct rs_params *prm,
			 const struct proc_list *l, bool apply, uint64_t samples)
{
	struct rs_input in = { .max = RS_UNLIMITED };
	uint64_t before = g->s.high;
	char val[32];
	enum rs_why why;
	int procs, err = 0;

	in.knee = group_knee(g, l, &procs, &in.recent, &in.unknown);
	if (in.unknown && !g->told_unknown) {
		rs_log_start("hold_secondary_mmu", g);
		print_text(": a process in it is used through a secondary MMU (a KVM guest, a"
			   " device), whose working set wsmon cannot see: its limit is only"
			   " raised, never lowered");
		rs_log_end();
		g->told_unknown = true;
	}
	g->knees[g->nknee++ % RS_KNEES] = in.knee;
	for (unsigned int k = 0; k < RS_KNEES && k < g->nknee; k++)
		if (g->knees[k] > in.knee)
			in.knee = g->knees[k];
	if (cg_read_limit(CG_ROOT, g->path, "memory.current", &in.current))
		return -ENOENT;		/* the group is gone */
	if (cg_read_limit(CG_ROOT, g->path, "memory.max", &in.max))
		in.max = RS_UNLIMITED;
	group_pressure(g, &in);
	why = rs_step(prm, &g->s, &in);
	if (g->s.high == before)
		return 0;
	if (apply) {
		snprintf(val, sizeof(val), "%" PRIu64, g->s.high);
		err = write_high(g, val);
		if (!err)
			g->changed = true;
	}
	rs_log_start(err ? "set_failed" : apply ? "set" : "would_set", g);
	print_string(PRINT_ANY, "reason", " (%s)", rs_why_name(why));
	print_u64(PRINT_ANY, "sample", " at sample %" PRIu64, samples);
	print_limit("memory_high_from", ": memory.high %s", before);
	print_limit("memory_high", " -> %s", g->s.high);
	print_size(PRINT_ANY, "knee", "; knee %s", in.knee);
	print_size(PRINT_ANY, "recent", ", W(1) %s", in.recent);
	print_size(PRINT_ANY, "target", ", target %s", rs_target(prm, &in));
	print_u64(PRINT_ANY, "procs", " (%" PRIu64 " processes)", (uint64_t)procs);
	print_size(PRINT_ANY, "memory_current", ", current %s", in.current);
	print_double(PRINT_ANY, "some_pct", ", stalled some %.1f%%", in.some_pct);
	print_double(PRINT_ANY, "full_pct", " full %.1f%%", in.full_pct);
	if (err)
		print_string(PRINT_ANY, "error", ": %s", strerror(-err));
	rs_log_end();
	return err;
}

/* check a group and note its memory.high; 0 or an exit code */
static int rs_open_group(struct rs_group *g, const char *path, bool apply)
{
	char file[CG_PATH_MAX + 64];
	uint64_t high;
	FILE *f;

	memset(g, 0, sizeof(*g));
	if (path[0] != '/' || !strcmp(path, "/") || strlen(path) >= sizeof(g->path) ||
	    strstr(path, "/..")) {
		wsmon_error("rightsize: '%s' is not a cgroup below the root (such as /system.slice/db.service)",
			    path);
		return WSMON_EXIT_USAGE;
	}
	snprintf(g->path, sizeof(g->path), "%s", path);
	snprintf(file, sizeof(file), "%s%s/memory.high", CG_ROOT, path);
	f = fopen(file, "re");
	if (!f) {
		wsmon_error("rightsize: %s: %s%s", file, strerror(errno),
			    errno == ENOENT ? " (no such group, or its parent does not enable the memory controller)" : "");
		return WSMON_EXIT_FAIL;
	}
	if (!fgets(g->orig, sizeof(g->orig), f))
		g->orig[0] = '\0';
	fclose(f);
	g->orig[strcspn(g->orig, "\n")] = '\0';
	if (!g->orig[0]) {
		wsmon_error("rightsize: %s is empty", file);
		return WSMON_EXIT_FAIL;
	}
	if (apply && access(file, W_OK)) {
		wsmon_error("rightsize: cannot write %s: %s", file, strerror(errno));
		return errno == EACCES || errno == EPERM || errno == EROFS ? WSMON_EXIT_PERM :
		       WSMON_EXIT_FAIL;
	}
	g->s.high = cg_read_limit(CG_ROOT, path, "memory.high", &high) ? RS_UNLIMITED : high;
	g->s.since_raise = UINT32_MAX / 2;
	/* a PSI trigger; without one (no PSI), samples alone drive it */
	snprintf(file, sizeof(file), "%s%s/memory.pressure", CG_ROOT, path);
	g->trigger = open(file, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (g->trigger >= 0) {
		const char *t = wsmon_is_admin() ? RS_TRIGGER : RS_TRIGGER_USER;

		if (write(g->trigger, t, strlen(t) + 1) < 0) {
			close(g->trigger);
			g->trigger = -1;
		}
	}
	return 0;
}

int cmd_rightsize(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("rightsize");
	struct cli_parse cp = { .started = 0 };
	struct sigaction sa = { .sa_handler = rs_signal };
	struct rs_params prm = {
		.margin = 0.10, .max_pressure = 5.0, .step = 0.05, .floor = 16ULL << 20, .hold = 10,
	};
	static struct rs_group g[RS_MAX_GROUPS];
	struct wsmon_nl ev, rq;
	struct wsmon_stats st = { 0 };
	struct proc_list l;
	bool apply = false;
	struct sample_wait w;
	int c, err, n = 0, i, rc = WSMON_EXIT_OK;
	int64_t heard;
	double v;
	struct pollfd pfd[RS_MAX_GROUPS + 1];

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'a':
			apply = true;
			break;
		case 'm':
			if (parse_double(optarg, 0, 1000, &v)) {
				wsmon_error("rightsize: --margin takes a percentage, 0 to 1000, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			prm.margin = v / 100;
			break;
		case 'P':
			if (parse_double(optarg, 0.1, 100, &prm.max_pressure)) {
				wsmon_error("rightsize: --max-pressure takes a percentage, 0.1 to 100, not '%s'",
					    optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 's':
			if (parse_double(optarg, 0.1, 50, &v)) {
				wsmon_error("rightsize: --step takes a percentage, 0.1 to 50, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			prm.step = v / 100;
			break;
		case 'M':
			if (parse_bytes(optarg, &prm.floor)) {
				wsmon_error("rightsize: --min takes a size such as 64M or 1G, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind >= argc || argc - optind > RS_MAX_GROUPS) {
		wsmon_error("rightsize: needs 1 to %d cgroups (paths such as /system.slice/db.service)",
			    RS_MAX_GROUPS);
		return WSMON_EXIT_USAGE;
	}
	if (apply && !wsmon_is_admin()) {
		wsmon_error("rightsize: --apply needs root (CAP_SYS_ADMIN): it writes memory.high");
		return WSMON_EXIT_PERM;
	}
	for (; optind < argc; optind++, n++) {
		rc = rs_open_group(&g[n], argv[optind], apply);
		if (rc)
			return rc;
	}
	rc = wsmon_connect_events(&ev, &rq, "rightsize");
	if (rc)
		return rc;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	out_init(stdout, opts->json);
	for (i = 0; i < n; i++) {
		rs_log_start("start", &g[i]);
		print_string(PRINT_ANY, "mode", ": %s", apply ? "apply" : "dry-run");
		print_string(PRINT_ANY, "memory_high_found", ", memory.high %s", g[i].orig);
		print_double(PRINT_ANY, "margin_pct", ", margin %.0f%%", prm.margin * 100);
		print_double(PRINT_ANY, "max_pressure_pct", ", max pressure %.1f%%", prm.max_pressure);
		print_double(PRINT_ANY, "step_pct", ", step %.1f%%", prm.step * 100);
		print_size(PRINT_ANY, "min", ", min %s", prm.floor);
		rs_log_end();
		group_pressure(&g[i], &(struct rs_input){ 0 });	/* the first reference */
	}
	pfd[0].fd = nl_socket_get_fd(ev.sk);
	pfd[0].events = POLLIN;
	for (i = 0; i < n; i++) {
		pfd[1 + i].fd = g[i].trigger;	/* -1: poll skips it */
		pfd[1 + i].events = POLLPRI;
	}
	memset(&l, 0, sizeof(l));
	heard = wsmon_now_ms();
	while (!rs_stop) {
		w = (struct sample_wait){ .seen = st.samples };
		if (poll(pfd, (nfds_t)n + 1, 1000) > 0) {
			/* a group stalls: act now, on the last sample's figures */
			for (i = 0; i < n; i++)
				if (pfd[1 + i].revents & POLLPRI && l.v &&
				    rs_step_group(&g[i], &prm, &l, apply, st.samples) == -ENOENT)
					rs_gone(&g[i], &rc);
			if (pfd[0].revents) {
				err = wsmon_nl_receive(&ev, 0, stats_sample_event, &w);
				if (err == -ENOBUFS)
					w.got = 1;
			}
		}
		if (!w.got) {
			if (wsmon_now_ms() - heard < RS_SILENCE_MS)
				continue;
			heard = wsmon_now_ms();
			if (wsmon_get_stats(&rq, &st) == -ENOENT) {
				wsmon_error("rightsize: the wsmon module was unloaded: stopping");
				rc = WSMON_EXIT_NOMODULE;
				break;
			}
			continue;
		}
		heard = wsmon_now_ms();
		proc_list_free(&l);
		memset(&l, 0, sizeof(l));
		err = wsmon_get_stats(&rq, &st);
		if (!err)
			err = proc_dump(&rq, false, &l);
		if (err) {
			proc_list_free(&l);
			memset(&l, 0, sizeof(l));
			if (err == -ENOENT) {
				wsmon_error("rightsize: the wsmon module was unloaded: stopping");
				rc = WSMON_EXIT_NOMODULE;
				break;
			}
			wsmon_request_error(&rq, "rightsize", err);
			continue;
		}
		for (i = 0; i < n; i++)
			if (rs_step_group(&g[i], &prm, &l, apply, st.samples) == -ENOENT)
				rs_gone(&g[i], &rc);
	}
	proc_list_free(&l);
	for (i = 0; i < n; i++)
		if (rs_restore(&g[i]))
			rc = WSMON_EXIT_FAIL;
	for (i = 0; i < n; i++) {
		rs_log_start("stop", &g[i]);
		rs_log_end();
		if (g[i].trigger >= 0)
			close(g[i].trigger);
	}
	wsmon_nl_close(&ev);
	wsmon_nl_close(&rq);
	return rc;
}
