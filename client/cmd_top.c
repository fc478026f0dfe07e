// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon top: a live view, redrawn at each of the module's samples (its
 * events group), not on a timer of its own.  A header with the thrash
 * state and how long it has held, the demand ratio and a sparkline of
 * it, memory, swap, PSI and paging rates; below it the processes (or the
 * cgroups) by working set.  Full screen with ncursesw; -b prints plain
 * frames to stdout, as top -b does.
 */
#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <netlink/socket.h>

#include "cgroup.h"
#include "cli.h"
#include "kill.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "procsel.h"
#include "procview.h"
#include "psi.h"
#include "stats.h"

#define TOP_HIST	48	/* samples of demand in the sparkline */
#define TOP_LINE	256	/* columns a frame line may hold */

struct top {
	struct wsmon_nl ev, rq;		/* events; requests */
	struct wsmon_stats st;
	struct proc_list l;
	struct cg_sum *g;
	int ng;
	struct psi psi;
	bool has_psi;
	double hist[TOP_HIST];		/* demand ratios, oldest first */
	int nhist;
	enum ps_sort sort;
	struct procsel pick;		/* -p, -u, -r: which processes, which way */
	double delay;			/* -d: seconds between redraws; 0: every sample */
	struct timespec drawn;		/* when the figures were last asked for */
	bool cgroups;			/* 'c': groups instead of processes */
	bool utf8;
	bool stale_data;		/* a request failed: figures are old */
	int sel, first;			/* selected row, first row shown */
	char msg[400];			/* one line of feedback (a kill, an error) */
};

static const enum ps_sort sort_cycle[] = {
	PS_SORT_WSS, PS_SORT_RSS, PS_SORT_KNEE, PS_SORT_SWAP, PS_SORT_MAJFLT,
	PS_SORT_MINFLT, PS_SORT_PID, PS_SORT_COMM,
};
static const char *const sort_names[] = {
	[PS_SORT_PID] = "pid", [PS_SORT_COMM] = "command", [PS_SORT_RSS] = "rss",
	[PS_SORT_WSS] = "working set", [PS_SORT_KNEE] = "knee", [PS_SORT_MAJFLT] = "major faults",
	[PS_SORT_MINFLT] = "minor faults", [PS_SORT_SWAP] = "swap",
};

static volatile sig_atomic_t top_stop;

static void top_signal(int sig)
{
	(void)sig;
	top_stop = 1;
}

static enum ps_sort top_sort_key;

static int top_cmp(const void *a, const void *b)
{
	return ps_compare(a, b, top_sort_key);
}

static void top_sort(struct top *t)
{
	top_sort_key = t->sort;
	qsort(t->l.v, t->l.n, sizeof(*t->l.v), top_cmp);
	procsel_order(&t->pick, t->l.v, t->l.n);
}

/* -d: has the delay passed since the figures were last asked for? */
static bool top_due(const struct top *t)
{
	struct timespec now;

	if (t->delay <= 0)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->drawn.tv_sec) +
	       (double)(now.tv_nsec - t->drawn.tv_nsec) / 1e9 >= t->delay - 0.001;
}

/* Ask the module afresh: its figures, every process, their groups. */
static int top_refresh(struct top *t)
{
	struct proc_list l;
	struct kill_req none;
	int err;

	err = wsmon_get_stats(&t->rq, &t->st);
	if (!err)
		err = proc_dump(&t->rq, false, &l);
	if (err) {
		t->stale_data = true;
		return err;
	}
	t->stale_data = false;
	clock_gettime(CLOCK_MONOTONIC, &t->drawn);
	proc_list_free(&t->l);
	t->l = l;
	t->l.n = procsel_filter(&t->pick, t->l.v, t->l.n);
	top_sort(t);
	free(t->g);
	t->ng = 0;
	t->g = calloc(t->l.n + 1, sizeof(*t->g));
	if (t->g) {
		memset(&none, 0, sizeof(none));
		t->ng = cg_sum_procs(t->l.v, (int)t->l.n, &none, t->st.demand_window, "/proc",
				     t->g, (int)t->l.n + 1);
		qsort(t->g, (size_t)t->ng, sizeof(*t->g), cg_cmp_wss);
	}
	t->has_psi = !psi_read("/proc/pressure/memory", &t->psi);
	if (t->nhist == TOP_HIST) {
		memmove(t->hist, t->hist + 1, sizeof(t->hist) - sizeof(t->hist[0]));
		t->nhist--;
	}
	t->hist[t->nhist++] = t->st.demand_milli / 1000.0;
	return 0;
}

/* The demand ratios as a sparkline: 0 at the bottom, the THRASHING bar and above full. */
static void sparkline(const struct top *t, char *buf, size_t len)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char ascii[] = "_.-:=+*#";
	double top = t->st.thrash_demand ? t->st.thrash_demand / 1000.0 : 1.0;
	size_t used = 0;
	int i, lvl;

	buf[0] = '\0';
	for (i = 0; i < t->nhist; i++) {
		lvl = (int)(t->hist[i] / top * 7.0 + 0.5);
		lvl = lvl < 0 ? 0 : lvl > 7 ? 7 : lvl;
		used += (size_t)snprintf(buf + used, len - used, "%s",
					 t->utf8 ? blocks[lvl] : (char[]){ ascii[lvl], 0 });
		if (used >= len)
			break;
	}
}

static const char *user_name(uint32_t uid, char *buf, size_t len)
{
	static uint32_t last_uid = UINT32_MAX;
	static char last[33];
	struct passwd *pw;

	if (uid != last_uid) {
		pw = getpwuid(uid);
		if (pw)
			snprintf(last, sizeof(last), "%s", pw->pw_name);
		else
			snprintf(last, sizeof(last), "%u", uid);
		text_sanitize(last);
		last_uid = uid;
	}
	snprintf(buf, len, "%s", last);
	return buf;
}

/* the windows shown: the shortest, and the demand window (or the longest) */
static void top_windows(const struct top *t, int *a, int *b)
{
	const struct wsmon_stats *st = &t->st;
	int i;

	*a = 0;
	*b = st->nr_windows ? (int)st->nr_windows - 1 : 0;
	for (i = 0; i < (int)st->nr_windows; i++)
		if (st->windows[i] == st->demand_window)
			*b = i;
}

typedef void (*line_fn)(void *arg, int row, const char *s, int attr);

#define TOP_ATTR_HEAD	1	/* the column header */
#define TOP_ATTR_SEL	2	/* the selected row */
#define TOP_ATTR_ALERT	3	/* THRASHING, OOM-IMMINENT */

/* The header: five lines */
static int top_header(const struct top *t, line_fn out, void *arg)
{
	const struct wsmon_stats *st = &t->st;
	const double *r = st->rates;
	char l[TOP_LINE * 4], spark[TOP_HIST * 4 + 1], s[5][32], when[16];
	uint64_t held = st->samples > st->state_since ? st->samples - st->state_since : 0;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	snprintf(l, sizeof(l), "wsmon top - %s  state %s for %.0f s  demand %.2f  sample %" PRIu64
		 " every %u ms%s", when, stats_state_name(st->state),
		 held * (double)st->sample_ms / 1000.0, st->demand_milli / 1000.0, st->samples,
		 st->sample_ms, t->stale_data ? "  (figures old: the module did not answer)" : "");
	out(arg, 0, l, st->state >= WSMON_STATE_THRASHING ? TOP_ATTR_ALERT : 0);
	sparkline(t, spark, sizeof(spark));
	snprintf(l, sizeof(l), "demand   %s  (THRASHING at %.2f)", spark, st->thrash_demand / 1000.0);
	out(arg, 1, l, 0);
	snprintf(l, sizeof(l), "memory   %s total, %s available, %s free; swap %s free; working sets %s of %s",
		 format_size(s[0], sizeof(s[0]), st->mem_total),
		 format_size(s[1], sizeof(s[1]), st->mem_available),
		 format_size(s[2], sizeof(s[2]), st->mem_free),
		 format_size(s[3], sizeof(s[3]), st->swap_free),
		 format_size(s[4], sizeof(s[4]), st->demand_bytes),
		 format_size(spark, sizeof(spark), st->user_mem));
	out(arg, 2, l, 0);
	if (t->has_psi)
		snprintf(s[0], sizeof(s[0]), "some %.1f%% full %.1f%%", t->psi.some.avg10,
			 t->psi.full.avg10);
	else
		snprintf(s[0], sizeof(s[0]), "-");
	snprintf(l, sizeof(l), "paging   swap-in %.0f/s, swap-out %.0f/s, refault %.0f/s, major faults %.0f/s; PSI (avg10) %s",
		 r[WSMON_RATE_A_SWPIN - WSMON_RATE_A_MAJFLT], r[WSMON_RATE_A_SWPOUT - WSMON_RATE_A_MAJFLT],
		 r[WSMON_RATE_A_REFAULT_ANON - WSMON_RATE_A_MAJFLT] +
		 r[WSMON_RATE_A_REFAULT_FILE - WSMON_RATE_A_MAJFLT],
		 r[0], s[0]);
	out(arg, 3, l, 0);
	snprintf(l, sizeof(l), "%u processes tracked, %d groups; sort: %s%s%s", st->tracked, t->ng,
		 t->cgroups ? "working set" : sort_names[t->sort],
		 !t->cgroups && t->pick.reverse ? ", reversed" : "", t->msg[0] ? "  | " : "");
	if (t->msg[0])
		snprintf(l + strlen(l), sizeof(l) - strlen(l), "%s", t->msg);
	out(arg, 4, l, 0);
	return 5;
}

static int top_procs(const struct top *t, line_fn out, void *arg, int row, int rows)
{
	char l[TOP_LINE], h1[16], h2[16], s[6][32], user[33];
	int wa, wb, i;

	top_windows(t, &wa, &wb);
	snprintf(h1, sizeof(h1), "W(%u)", t->st.nr_windows ? t->st.windows[wa] : 0);
	snprintf(h2, sizeof(h2), "W(%u)", t->st.nr_windows ? t->st.windows[wb] : 0);
	snprintf(l, sizeof(l), "%7s %-9s %-15s %9s %9s %9s %9s %9s %8s %5s", "PID", "USER",
		 "COMMAND", "RSS", h1, h2, "KNEE", "SWAP", "FLT/s", "STALE");
	out(arg, row++, l, TOP_ATTR_HEAD);
	for (i = t->first; i < (int)t->l.n && (rows < 0 || row < rows); i++) {
		const struct wsmon_proc *p = &t->l.v[i];

		snprintf(l, sizeof(l), "%7u %-9.9s %-15s %9s %9s %9s %9s %9s %8.0f %5u", p->pid,
			 user_name(p->uid, user, sizeof(user)), p->comm,
			 format_size(s[0], sizeof(s[0]), p->rss),
			 proc_w_cell(p, (uint32_t)wa, s[1], sizeof(s[1])),
			 proc_w_cell(p, (uint32_t)wb, s[2], sizeof(s[2])),
			 proc_knee_cell(p, s[3], sizeof(s[3])),
			 format_size(s[4], sizeof(s[4]), p->swap), p->majflt_rate + p->minflt_rate,
			 p->stale);
		out(arg, row++, l, i == t->sel ? TOP_ATTR_SEL : 0);
	}
	return row;
}

static int top_groups(const struct top *t, line_fn out, void *arg, int row, int rows)
{
	char l[TOP_LINE], s[6][32];
	uint64_t high, max, lim;
	int i, eh, em;

	snprintf(l, sizeof(l), "%-40s %5s %9s %9s %9s %9s %9s", "CGROUP", "PROCS", "RSS", "W",
		 "SWAP", "LIMIT", "");
	out(arg, row++, l, TOP_ATTR_HEAD);
	for (i = t->first; i < t->ng && (rows < 0 || row < rows); i++) {
		const struct cg_sum *g = &t->g[i];

		eh = cg_read_limit(CG_ROOT, g->path, "memory.high", &high);
		em = cg_read_limit(CG_ROOT, g->path, "memory.max", &max);
		lim = cg_tightest(eh, high, em, max);
		snprintf(l, sizeof(l), "%-40.40s %5d %9s %9s %9s %9s %s", g->path, g->procs,
			 format_size(s[0], sizeof(s[0]), g->rss),
			 format_size(s[1], sizeof(s[1]), g->wss_split),
			 format_size(s[2], sizeof(s[2]), g->swap),
			 lim == UINT64_MAX ? "max" : format_size(s[3], sizeof(s[3]), lim),
			 g->wss_split > lim ? "W over its limit" : "");
		out(arg, row++, l, i == t->sel ? TOP_ATTR_SEL : 0);
	}
	return row;
}

/* One frame, line by line; @rows < 0: every row */
static void top_frame(const struct top *t, line_fn out, void *arg, int rows)
{
	int row = top_header(t, out, arg);

	if (t->cgroups)
		top_groups(t, out, arg, row, rows);
	else
		top_procs(t, out, arg, row, rows);
}

static void batch_line(void *arg, int row, const char *s, int attr)
{
	(void)arg;
	(void)row;
	(void)attr;
	printf("%s\n", s);
}

static void curses_line(void *arg, int row, const char *s, int attr)
{
	int cols = COLS;

	(void)arg;
	if (row >= LINES)
		return;
	if (attr == TOP_ATTR_HEAD || attr == TOP_ATTR_SEL)
		attron(A_REVERSE);
	else if (attr == TOP_ATTR_ALERT)
		attron(A_BOLD);
	mvaddnstr(row, 0, s, cols);
	clrtoeol();
	attroff(A_REVERSE | A_BOLD);
}

/* Wait for another sample's event (or, interactive, a key): 1 one came, 0 not yet, -errno */
static int top_wait(struct top *t, bool keys, int timeout_ms)
{
	struct pollfd pfd[2] = {
		{ .fd = nl_socket_get_fd(t->ev.sk), .events = POLLIN },
		{ .fd = STDIN_FILENO, .events = POLLIN },
	};
	struct sample_wait w = { .seen = t->st.samples };
	int n, err;

	n = poll(pfd, keys ? 2 : 1, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	if (n == 0)
		return -ETIMEDOUT;
	if (pfd[0].revents) {
		/* drain every queued event: one redraw, however many came */
		do {
			err = wsmon_nl_receive(&t->ev, 0, stats_sample_event, &w);
		} while (!err);
		if (err != -ETIMEDOUT && err != -ENOBUFS && err != -EINTR)
			return err;
		if (err == -ENOBUFS)
			w.got = 1;
	}
	return w.got;
}

/* 'k': kill the selected process, exactly that one (PID and start time) */
static void top_kill(struct top *t)
{
	const struct wsmon_proc *p;
	struct kill_victim v;
	struct kill_req r;
	int ch, err;

	if (!wsmon_is_admin()) {
		snprintf(t->msg, sizeof(t->msg), "killing needs root (CAP_SYS_ADMIN)");
		return;
	}
	if (t->cgroups || t->sel >= (int)t->l.n) {
		snprintf(t->msg, sizeof(t->msg), "select a process first");
		return;
	}
	p = &t->l.v[t->sel];
	if (!p->start) {
		snprintf(t->msg, sizeof(t->msg), "PID %u: the module does not report its start time", p->pid);
		return;
	}
	mvprintw(LINES - 1, 0, "Send SIGKILL to PID %u (%s)? [y/N] ", p->pid, p->comm);
	clrtoeol();
	refresh();
	nodelay(stdscr, FALSE);
	ch = getch();
	nodelay(stdscr, TRUE);
	if (ch != 'y' && ch != 'Y') {
		snprintf(t->msg, sizeof(t->msg), "not killed");
		return;
	}
	memset(&r, 0, sizeof(r));
	r.target = p->pid;
	r.target_start = p->start;
	err = kill_request(&t->rq, &r, &v);
	if (err)
		snprintf(t->msg, sizeof(t->msg), "kill %u: %s%s%s", p->pid, strerror(-err),
			 t->rq.ext_msg[0] ? ": " : "", t->rq.ext_msg);
	else
		snprintf(t->msg, sizeof(t->msg), "PID %u (%s) %s", v.pid, v.comm,
			 v.dying ? "was already dying" : "killed");
}

static void top_help(void)
{
	static const char *const lines[] = {
		"wsmon top: redrawn at every sample of the module",
		"",
		"  s / S     next / previous sort column (working set, rss, knee, swap, faults, pid, command)",
		"  w r K p   sort by working set, rss, knee, pid",
		"  R         reverse the order",
		"  c         processes or cgroups",
		"  up, down, PgUp, PgDn, Home: select",
		"  k         kill the selected process (root; asks first)",
		"  q         quit",
		"  ?         this help",
		"",
		"any key to go back",
	};
	size_t i;

	erase();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		mvaddstr((int)i, 0, lines[i]);
	refresh();
	nodelay(stdscr, FALSE);
	getch();
	nodelay(stdscr, TRUE);
}

static int sort_index(enum ps_sort s)
{
	int i;

	for (i = 0; i < (int)(sizeof(sort_cycle) / sizeof(sort_cycle[0])); i++)
		if (sort_cycle[i] == s)
			return i;
	return 0;
}

/* a key; false when it quits */
static bool top_key(struct top *t, int ch)
{
	int n = (int)(sizeof(sort_cycle) / sizeof(sort_cycle[0]));
	int rows = t->cgroups ? t->ng : (int)t->l.n, page = LINES - 7;

	t->msg[0] = '\0';
	switch (ch) {
	case 'q':
	case 'Q':
		return false;
	case 's':
		t->sort = sort_cycle[(sort_index(t->sort) + 1) % n];
		break;
	case 'S':
		t->sort = sort_cycle[(sort_index(t->sort) + n - 1) % n];
		break;
	case 'w':
		t->sort = PS_SORT_WSS;
		break;
	case 'r':
		t->sort = PS_SORT_RSS;
		break;
	case 'K':
		t->sort = PS_SORT_KNEE;
		break;
	case 'p':
		t->sort = PS_SORT_PID;
		break;
	case 'R':
		t->pick.reverse = !t->pick.reverse;
		break;
	case 'c':
		t->cgroups = !t->cgroups;
		t->sel = t->first = 0;
		break;
	case 'k':
		top_kill(t);
		break;
	case '?':
	case 'h':
		top_help();
		break;
	case KEY_UP:
		t->sel--;
		break;
	case KEY_DOWN:
		t->sel++;
		break;
	case KEY_PPAGE:
		t->sel -= page;
		break;
	case KEY_NPAGE:
		t->sel += page;
		break;
	case KEY_HOME:
		t->sel = 0;
		break;
	}
	if (t->sel >= rows)
		t->sel = rows - 1;
	if (t->sel < 0)
		t->sel = 0;
	if (page < 1)
		page = 1;
	if (t->sel < t->first)
		t->first = t->sel;
	if (t->sel >= t->first + page)
		t->first = t->sel - page + 1;
	top_sort(t);
	return true;
}

static void top_draw(struct top *t)
{
	erase();
	top_frame(t, curses_line, NULL, LINES);
	refresh();
}

static int top_interactive(struct top *t)
{
	bool run = true;
	int got, ch;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		wsmon_error("top: not a terminal; use -b for plain frames");
		return WSMON_EXIT_USAGE;
	}
	if (!initscr()) {
		wsmon_error("top: cannot start the terminal (is TERM set?)");
		return WSMON_EXIT_FAIL;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	top_draw(t);
	while (run && !top_stop) {
		got = top_wait(t, true, 5000);
		if (got == -ETIMEDOUT) {
			/* no sample for 5 s: is the module still there? */
			if (wsmon_get_stats(&t->rq, &t->st) == -ENOENT) {
				endwin();
				wsmon_error("top: the wsmon module was unloaded");
				return WSMON_EXIT_NOMODULE;
			}
			continue;
		}
		if (got < 0) {
			endwin();
			wsmon_error("top: receiving events: %s", strerror(-got));
			return WSMON_EXIT_FAIL;
		}
		if (got && top_due(t))
			top_refresh(t);
		while (run && (ch = getch()) != ERR) {
			run = top_key(t, ch);
			clearok(stdscr, TRUE);	/* a key repaints the whole screen */
		}
		top_draw(t);
	}
	endwin();
	return WSMON_EXIT_OK;
}

static int top_batch(struct top *t, long frames)
{
	long n = 0;
	int got;

	for (;;) {
		top_frame(t, batch_line, NULL, -1);
		printf("\n");
		fflush(stdout);
		if (++n == frames || top_stop)
			return WSMON_EXIT_OK;
		do {
			got = top_wait(t, false, 30000);
		} while ((got == 0 || (got > 0 && !top_due(t))) && !top_stop);
		if (top_stop)
			return WSMON_EXIT_OK;
		if (got < 0) {
			wsmon_error("top: %s", got == -ETIMEDOUT ? "no sample from the module for 30 s" :
				    strerror(-got));
			return WSMON_EXIT_FAIL;
		}
		top_refresh(t);
	}
}

int cmd_top(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("top");
	struct cli_parse cp = { .started = 0 };
	struct sigaction sa = { .sa_handler = top_signal };
	static struct top t;
	bool batch = false;
	long frames = -1;
	char *end;
	int c, err, rc;

	memset(&t, 0, sizeof(t));
	procsel_init(&t.pick);
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'b':
			batch = true;
			break;
		case 'n':
			frames = strtol(optarg, &end, 10);
			if (*end || frames < 1 || frames > 1000000) {
				wsmon_error("top: -n takes a number of frames, 1 to 1000000, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'd':
			t.delay = strtod(optarg, &end);
			if (end == optarg || *end || !(t.delay >= 0.1 && t.delay <= 3600)) {
				wsmon_error("top: -d takes seconds, 0.1 to 3600, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'c':
			t.cgroups = true;
			break;
		default:	/* -p, -u, -s, -r */
			if (procsel_option(&t.pick, "top", c, optarg) < 0)
				return WSMON_EXIT_USAGE;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	t.sort = t.pick.sort;
	if (optind < argc) {
		wsmon_error("top: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	if (opts->json) {
		wsmon_error("top: no JSON; use 'wsmon ps --json' or 'wsmon events --json'");
		return WSMON_EXIT_USAGE;
	}
	if (frames > 0 && !batch) {
		wsmon_error("top: -n goes with -b");
		return WSMON_EXIT_USAGE;
	}
	setlocale(LC_ALL, "");
	t.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	rc = wsmon_connect_events(&t.ev, &t.rq, "top");
	if (rc)
		return rc;
	err = top_refresh(&t);
	if (err) {
		wsmon_request_error(&t.rq, "top", err);
		wsmon_nl_close(&t.ev);
		wsmon_nl_close(&t.rq);
		return wsmon_exit_code(err);
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = batch ? top_batch(&t, frames) : top_interactive(&t);
	wsmon_nl_close(&t.ev);
	wsmon_nl_close(&t.rq);
	proc_list_free(&t.l);
	free(t.g);
	return rc;
}
