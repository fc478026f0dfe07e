// SPDX-License-Identifier: GPL-2.0
/*
 * The one description of the command line (see options.h), and what is
 * made from it: getopt_long() tables, --help, the man page and the bash
 * completion.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "cli.h"
#include "options.h"
#include "output.h"

#define CFG_RULE_OPT	0x100	/* config's rules, in cmd_config.c's order */

static const struct cli_opt status_opts[] = { { 0 } };
static const struct cli_opt show_opts[] = {
	{ 'p', 'p', "pid", "PID", "the process to show, as ps -p names it (instead of the PID operand)", NULL },
	{ 'l', 'l', "log", NULL, "fault rate on a log scale (when it spans orders of magnitude)", NULL },
	{ 'S', 0, "svg", "FILE",
	  "write the curve with its knee and both histograms as an SVG picture to FILE (a browser opens it), instead of the text",
	  NULL },
	{ 0 }
};
static const struct cli_opt swap_opts[] = { { 0 } };

/* ps and top: which processes, in which order (client/procsel.c) */
#define PROCSEL_OPTS(pid_help) \
	{ 'p', 'p', "pid", "PID,...", \
	  "only these processes (repeat or separate by commas, up to 1024)" pid_help, NULL }, \
	{ 'u', 'u', "user", "USER", "only the processes of USER (a name or a UID; their real user)", NULL }, \
	{ 's', 's', "sort", "[-]KEY", \
	  "sort by KEY (default wss): sizes and rates largest first, pid and comm ascending; -KEY the other way round", \
	  "pid comm rss wss knee swap majflt minflt" }, \
	{ 'r', 'r', "reverse", NULL, "the other way round, as -s -KEY", NULL }

static const struct cli_opt ps_opts[] = {
	PROCSEL_OPTS("; a PID that is not tracked or not yours to see is an error, as in ps"),
	{ 'n', 'n', "top", "N", "show only the first N processes", NULL },
	{ 'g', 0, "cgroup", "PATH",
	  "only processes in the cgroup v2 group PATH (as /proc/PID/cgroup names it, such as /system.slice/db.service) or below it",
	  NULL },
	{ 0 }
};

static const struct cli_opt config_opts[] = {
	{ 's', 0, "sample-ms", "MS", "sampling period, 10 to 600000 ms (default 1000)", NULL },
	{ 'b', 0, "scan-budget", "ENTRIES",
	  "most page-table entries visited per sample, at least 512 (default 1048576; the module parameter scan_budget); a pass that does not fit resumes in the next sample",
	  NULL },
	{ 'b', 0, "budget", "ENTRIES", "the old name of --scan-budget, kept for scripts", NULL },
	{ 'f', 0, "flush", "MODE",
	  "TLB flush after a sample: none, mm (the CPUs that ran the walked processes) or all (default mm)",
	  "none mm all" },
	{ 'w', 0, "windows", "N,N,...",
	  "W(t, window) windows in samples: up to 16, each 1 to 254, strictly increasing (default 1,2,5,10,30,60)",
	  NULL },
	{ 'i', 0, "pids", "PID,...", "track only these processes (up to 1024)", NULL },
	{ 'a', 0, "all", NULL, "track every user process again (the default)", NULL },
	{ CFG_RULE_OPT + 0, 0, "demand-window", "SAMPLES",
	  "the window the demand ratio sums W over, 1 to 254 (default 10)", NULL },
	{ CFG_RULE_OPT + 1, 0, "pressure", "RATIO", "demand ratio for PRESSURE (default 0.8)", NULL },
	{ CFG_RULE_OPT + 2, 0, "thrash", "RATIO",
	  "demand ratio for THRASHING, at least --pressure (default 1.0)", NULL },
	{ CFG_RULE_OPT + 3, 0, "thrash-rate", "PAGES_PER_S",
	  "swap-ins + refaults per second that count as paging (default 100)", NULL },
	{ CFG_RULE_OPT + 4, 0, "enter", "SAMPLES",
	  "samples a worse state must hold before it is entered, 1 to 1000 (default 2)", NULL },
	{ CFG_RULE_OPT + 5, 0, "leave", "SAMPLES",
	  "samples a better state must hold before it is entered, 1 to 1000 (default 3)", NULL },
	{ CFG_RULE_OPT + 6, 0, "imminent-ms", "MS",
	  "OOM-IMMINENT when memory + swap would be gone within MS at the rate they fall, two samples in a row; 0 to 600000, 0 off (default 5000)",
	  NULL },
	{ 0 }
};

static const struct cli_opt events_opts[] = {
	{ 'c', 'c', "count", "N", "stop after N events, 1 to 86400", NULL },
	{ 't', 't', "timeout", "SECONDS", "fail when no event comes for SECONDS, 1 to 86400", NULL },
	{ 'S', 0, "states", NULL, "only state changes and kills, not every sample", NULL },
	{ 0 }
};

#define KILL_OPTS \
	{ 'P', 0, "policy", "POLICY", \
	  "rank by badness (as the kernel's OOM killer), rss or wss (default badness); wss ranks a process used through a secondary MMU, such as a KVM guest, by all it holds", \
	  "badness rss wss" }, \
	{ 'n', 0, "dry-run", NULL, "choose, report, kill nothing", NULL }, \
	{ 'T', 0, "protect", "NAME|PID", \
	  "never choose this command name or PID; repeat for more (up to 64 of each)", NULL }, \
	{ 'F', 0, "prefer", "REGEX", \
	  "choose processes whose command name matches this extended regex before any other", \
	  NULL }, \
	{ 'V', 0, "avoid", "REGEX", \
	  "choose processes whose command name matches this extended regex only when no other is left", \
	  NULL }, \
	{ 'G', 0, "term-grace", "SECONDS", \
	  "send SIGTERM first, and SIGKILL to the same process if it still runs after SECONDS (default 0: SIGKILL at once)", \
	  NULL }, \
	{ 'N', 0, "no-reap", NULL, \
	  "do not reap the victim's memory with process_mrelease(2); wait for its exit instead", NULL }, \
	{ 'S', 0, "scope", "SCOPE", \
	  "process (default), or cgroup: kill the whole cgroup v2 group whose processes sum largest (cgroup.kill: SIGKILL to all, so --term-grace, --prefer and --avoid do not apply); never the root group, nor a group holding init, wsmon, a -1000 or a protected process", \
	  "process cgroup" }

static const struct cli_opt kill_opts[] = {
	KILL_OPTS,
	{ 0 }
};

static const struct cli_opt advise_opts[] = {
	{ 'n', 'n', "top", "N", "show only the N processes with the most to free", NULL },
	{ 0 }
};

static const struct cli_opt cgroups_opts[] = { { 0 } };

static const struct cli_opt record_opts[] = {
	{ 'd', 0, "seconds", "SECONDS", "how long to record, 1 to 86400 (default 60); SIGINT or SIGTERM stop it sooner", NULL },
	{ 'n', 'n', "top", "N", "the N largest working sets in each line, 0 to 1000 (default 10)", NULL },
	{ 0 }
};

static const struct cli_opt rightsize_opts[] = {
	{ 'a', 0, "apply", NULL, "write memory.high (root); without it, say what it would write", NULL },
	{ 'm', 0, "margin", "PCT", "the target is the knee plus PCT percent, 0 to 1000 (default 10)", NULL },
	{ 'P', 0, "max-pressure", "PCT",
	  "raise the limit at once when the group's tasks stalled on memory (memory.pressure some) more than PCT percent of the last sample, 0.1 to 100 (default 5)",
	  NULL },
	{ 's', 0, "step", "PCT",
	  "lower the limit by at most PCT percent a sample, and only after 10 calm samples since the last raise, 0.1 to 50 (default 5)",
	  NULL },
	{ 'M', 0, "min", "SIZE", "never below SIZE, such as 64M or 1G (default 16M)", NULL },
	{ 0 }
};

static const struct cli_opt report_opts[] = {
	{ 'S', 0, "svg", "FILE",
	  "draw the demand ratio and the largest working sets over time as an SVG picture in FILE, instead of the summary",
	  NULL },
	{ 0 }
};

static const struct cli_opt top_opts[] = {
	{ 'b', 'b', "batch", NULL, "plain frames on stdout, one per sample, as top -b (for logs and scripts)", NULL },
	{ 'n', 'n', "frames", "N", "with -b: stop after N frames", NULL },
	{ 'd', 'd', "delay", "SECONDS",
	  "redraw at most every SECONDS, 0.1 to 3600, at the first sample after (default 0: at every sample)",
	  NULL },
	PROCSEL_OPTS("; those that exit leave the list"),
	{ 'c', 0, "cgroups", NULL, "start with the cgroup view", NULL },
	{ 0 }
};

static const struct cli_opt export_opts[] = {
	{ 'l', 0, "listen", "ADDR:PORT",
	  "serve GET /metrics over HTTP on ADDR:PORT, or on every address with :PORT as node_exporter takes it, one client at a time (loopback is safest: 127.0.0.1:9769); PORT 1 to 65535",
	  NULL },
	{ 't', 0, "textfile", "DIR",
	  "write DIR/wsmon.prom for node_exporter's textfile collector, atomically, every sample",
	  NULL },
	{ 'o', 0, "once", NULL, "with --textfile: write once and exit (for cron or a timer)", NULL },
	{ 'n', 0, "top", "N", "series for the N processes with the largest working sets, 0 to 1000 (default 20)",
	  NULL },
	{ 0 }
};

static const struct cli_opt watch_opts[] = {
	{ 'k', 0, "kill", NULL, "kill one process per thrashing episode (root)", NULL },
	KILL_OPTS,
	{ 'a', 0, "after", "SECONDS", "how long THRASHING must last before a kill (default 10)", NULL },
	{ 'c', 0, "cooldown", "SECONDS", "how long to wait after a kill before the next (default 30)",
	  NULL },
	{ 'x', 0, "exec", "CMD", \
	  "after each kill, run CMD with /bin/sh, the victim and the evidence in WSMON_* variables", \
	  NULL },
	{ 0 }
};

const struct cli_desc cli_descs[] = {
	{ "status", "", "module, memory, swap and sampler figures, thrash state and rules",
	  "The module's version, the kernel, memory and swap totals, the sampler (period, processes tracked, samples taken, the last sample's work and time, page tables read and skipped as idle, how stale the figures may be, budget, TLB flush mode), the thrash state with the demand ratio, paging rates, PSI and the rules.",
	  status_opts, false },
	{ "ps", "", "processes by working set",
	  "Tracked processes the caller may see (as /proc would show their smaps): RSS, W for each window, the knee, swap, faults per second.",
	  ps_opts, false },
	{ "show", "PID", "one process: W curve, histograms, knee",
	  "W for each window, the idle-age and reuse histograms and the fault-rate-versus-memory curve with its knee, and how many samples old the figures are.",
	  show_opts, false },
	{ "config", "", "change the sampler and the thrash rules (root)",
	  "Without options, the same as status. The module parameters of the same names show and set the same values.",
	  config_opts, false },
	{ "swap", "[PID]", "swap areas: what process pages use, owners; or one process's extents",
	  "Each swap area: path, size, used, priority, the process pages in it, owners, runs of slots, the largest owners the caller may see, and what the map cannot see. With PID, that process's extents: virtual range, area and slots.",
	  swap_opts, false },
	{ "events", "", "print samples, thrash state changes and kills live",
	  "One line (or JSON object) per event until SIGINT or SIGTERM. Kills carry host PIDs and are shown only to root (CAP_SYS_ADMIN).",
	  events_opts, false },
	{ "kill", "", "kill the largest process, chosen in the kernel (root)",
	  "The kernel chooses by the policy, as its own OOM killer does, and signals the very task it chose. A process whose main thread has exited is judged by its other threads; a process in vfork() is passed over for its parent. When the best candidate is already dying, nothing is sent and the answer says so (action dying); so too while the memory of the last process it killed is not back yet (its exit or reaping not done), for up to the module parameter kill_wait_ms. The other processes that share the victim's memory (vfork, CLONE_VM) get SIGKILL with it, and its memory is then reaped at once with process_mrelease(2). Never chosen: kernel threads, init, processes with oom_score_adj -1000, the caller, what --protect names, a process outside the caller's PID namespace, and a process whose memory one of those shares. --prefer and --avoid rank processes by command name before or after all others. With --term-grace, SIGTERM goes first and SIGKILL only to that same process (PID and start time) if it still runs. Try --dry-run before the first real kill.",
	  kill_opts, false },
	{ "watch", "", "monitor thrashing; with --kill, kill one process per episode (root)",
	  "Logs every thrash state change with its evidence. With --kill it asks the kernel to kill once THRASHING has lasted --after seconds (chosen and done as wsmon kill does), then waits --cooldown seconds; a victim that is still dying from an earlier kill is logged once (victim_dying) and not killed again, and does not start a cooldown. Each kill logs how long its memory took to come back. --exec runs a hook after each kill with WSMON_PID, WSMON_COMM, WSMON_UID, WSMON_POLICY, WSMON_SIGNAL, WSMON_RSS, WSMON_SWAP, WSMON_WSS, WSMON_SCORE (bytes), WSMON_STATE, WSMON_SAMPLE, WSMON_DEMAND, WSMON_SWPIN, WSMON_REFAULT, WSMON_THRASHING_S and WSMON_ALSO_KILLED set. Lines carry syslog priority prefixes (<6>) when stdout is the journal (JOURNAL_STREAM), not on a terminal, a pipe or a file. SIGINT or SIGTERM ends it. The systemd unit wsmon.service runs it.",
	  watch_opts, false },
	{ "advise", "", "the memory each process and cgroup needs: its knee, and what a limit there would free",
	  "For every process the caller may see, largest saving first: the memory at the knee of Denning's fault-rate curve, the fault rate expected there, its RSS, and what a limit at the knee would free. Then every cgroup v2 group with the sums of its processes' figures, its memory.current, memory.high and memory.max, and a note when its working set exceeds its limit (it will thrash inside it while the host looks fine); then the whole machine. The advice says where it is weak: no references, too few samples, a process watched for less than its longest window, a knee that saves less than half the faults of no memory at all.",
	  advise_opts, false },
	{ "top", "", "a live view: thrash state, memory and paging, processes or cgroups by working set",
	  "Full screen (ncursesw), redrawn at each of the module's samples. The header has the thrash state and how long it has held, the demand ratio and a sparkline of it (full height at the THRASHING ratio), memory and swap, paging rates and PSI. Below, the processes the caller may see by working set: PID, user, command, RSS, W over the shortest and the demand window, the knee, swap, faults per second and how many samples old the figures are; or, with c, the cgroups. Keys: s and S change the sort column (w, r, K, p choose one), R reverses it, c switches to cgroups, arrows select, k kills the selected process (root; it asks first, and signals exactly that process: PID and start time), ? helps, q quits. -b prints plain frames instead.",
	  top_opts, true },
	{ "record", "FILE", "record the figures and the largest working sets at every sample, as JSON lines",
	  "One JSON document a line in FILE (- for stdout), written as each sample comes: the time, the thrash state, the demand ratio and the THRASHING ratio, working sets against user memory, available memory, free swap, paging rates, and the --top processes by working set (PID, command, RSS, W over the demand window, swap). FILE must not exist: a record is never overwritten. doc/json.md describes the lines; wsmon report reads them.",
	  record_opts, false },
	{ "report", "FILE", "what a record says: time in each state, peak demand, largest working sets; or a picture",
	  "Reads a file wsmon record wrote (no module needed): how long it covers, the time spent in each thrash state, the peak demand ratio and when, and the processes with the largest working sets. With --svg, a picture of the demand ratio (with the THRASHING line) and of the five largest working sets over time, for after an incident.",
	  report_opts, false },
	{ "rightsize", "CGROUP...", "set each group's memory.high at its knee, and back off under pressure (root)",
	  "A control loop run at every sample for each cgroup v2 group named (up to 16): the target is the sum of its processes' knees (the memory below which Denning's fault-rate curve climbs; W for a process without a knee yet), the largest of the last 32 samples, plus --margin. When the group's own memory.pressure shows its tasks stalled more than --max-pressure of the last sample, memory.high goes up at once, by a quarter and never below what the group holds; when the knee rises above the limit, it goes up to it at once; otherwise it comes down toward the target by --step a sample, after 10 calm samples (also at the start, which sets memory.high at what the group holds). It never goes below --min nor above memory.max, and never lowers a group that holds a process used through a secondary MMU (a KVM guest, a device), whose working set wsmon cannot see. Each change is logged with its evidence. Without --apply it only says what it would do. With it, it puts memory.high back as it found it when it stops (SIGINT, SIGTERM, the module unloaded, the group removed).",
	  rightsize_opts, false },
	{ "cgroups", "", "cgroup v2 groups: their working sets against memory.current, memory.high and memory.max",
	  "Each cgroup v2 group holding a process the caller may see, largest working set first: its processes, the sums of their RSS, W over the demand window and swap, and the group's memory.current, memory.high and memory.max (max: no limit). W counts a page that several of the group's processes map once: each page is split among its mappers. A group whose W exceeds its memory.high or memory.max is marked: it will thrash inside its limit while the host looks fine. STALL is the share of the last 10 s all its tasks stalled on memory (memory.pressure, full avg10); a group with a limit that stalled 10% or more is marked too: it thrashes at its limit already, and its W looks small because it barely runs. Paths are relative to the cgroup root the caller sees (/proc/PID/cgroup).",
	  cgroups_opts, false },
	{ "export", "", "the figures for Prometheus: an HTTP /metrics endpoint or a node_exporter textfile",
	  "Metrics named wsmon_*, in base units (bytes, seconds): the thrash state (one series per state, 0 or 1), the demand ratio, working sets, user memory, available memory and free swap, the exhaustion estimate, paging rates, samples taken and their cost, and per process (the top N by W over the demand window: labels pid and comm) and per cgroup v2 group (label cgroup) the working set, RSS and knee. Each scrape asks the module afresh; wsmon_up is 0 when it is not loaded. The HTTP server takes one request at a time, of at most 4 KiB, within 5 s, and serves nothing but GET /metrics. Kills the module made are counted by policy (wsmon_kills_total); a whole group killed by wsmon watch --scope cgroup (cgroup.kill) is not: see its log. doc/grafana-wsmon.json and doc/prometheus-wsmon-rules.yml are a dashboard and alert rules for it.",
	  export_opts, true },
	{ NULL }
};

static const struct cli_opt common_opts[] = {
	{ 'j', 'j', "json", NULL, "JSON output (doc/json.md describes every key)", NULL },
	{ CLI_PRETTY, 0, "pretty", NULL, "indented JSON, for people (implies --json)", NULL },
	{ CLI_BYTES, 0, "bytes", NULL, "sizes as byte counts in the text output, for scripts", NULL },
	{ 'h', 'h', "help", NULL, "this help", NULL },
};

#define N_COMMON (sizeof(common_opts) / sizeof(common_opts[0]))

/* Is common option @o one of @d's?  A text-only command takes --help alone. */
static bool cli_common_applies(const struct cli_desc *d, const struct cli_opt *o)
{
	return !d->text_only || o->id == 'h';
}

const struct cli_desc *cli_desc_find(const char *name)
{
	const struct cli_desc *d;

	for (d = cli_descs; d->name; d++)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

static void cli_build(struct cli_parse *p, const struct cli_desc *d)
{
	const struct cli_opt *o;
	size_t n = 0, s = 0, i;

	/* options may follow operands ("show PID --json"), as getopt permutes */
	for (i = 0; i < N_COMMON + 64; i++) {
		o = i < N_COMMON ? &common_opts[i] : &d->opts[i - N_COMMON];
		if (!o->name)
			break;
		if (i < N_COMMON && !cli_common_applies(d, o))
			continue;
		p->longopts[n].name = o->name;
		p->longopts[n].has_arg = o->arg ? required_argument : no_argument;
		p->longopts[n].flag = NULL;
		p->longopts[n].val = o->id;
		n++;
		if (o->short_name) {
			p->shortopts[s++] = o->short_name;
			if (o->arg)
				p->shortopts[s++] = ':';
		}
	}
	memset(&p->longopts[n], 0, sizeof(p->longopts[n]));
	p->shortopts[s] = '\0';
	p->started = 1;
	optind = 0;	/* full re-initialisation of getopt */
	opterr = 0;
}

/* Is @id one of the options?  (getopt sets optopt to it when its argument is missing.) */
static bool cli_known(const struct cli_parse *p, int id)
{
	const struct option *o;

	for (o = p->longopts; id && o->name; o++)
		if (o->val == id)
			return true;
	return false;
}

int cli_getopt(struct cli_parse *p, const struct cli_desc *d, struct wsmon_opts *opts,
	       int argc, char **argv)
{
	int c;

	if (!p->started)
		cli_build(p, d);
	c = getopt_long(argc, argv, p->shortopts, p->longopts, NULL);
	switch (c) {
	case -1:
		return CLI_END;
	case 'j':
		opts->json = true;
		return cli_getopt(p, d, opts, argc, argv);
	case CLI_PRETTY:
		opts->json = true;
		opts->pretty = true;
		out_set_style(opts->pretty, opts->bytes);
		return cli_getopt(p, d, opts, argc, argv);
	case CLI_BYTES:
		opts->bytes = true;
		out_set_style(opts->pretty, opts->bytes);
		return cli_getopt(p, d, opts, argc, argv);
	case 'h':
		cli_help(d, stdout);
		return CLI_HELP;
	case '?':
		if (cli_known(p, optopt))
			wsmon_error("%s: option '%s' needs an argument (see 'wsmon %s --help')",
				    d->name, argv[optind - 1], d->name);
		else
			wsmon_error("%s: unknown option '%s' (see 'wsmon %s --help')",
				    d->name, argv[optind - 1], d->name);
		return CLI_USAGE;
	}
	return c;
}

/* "-s, --sort KEY" into @buf */
static const char *cli_opt_label(const struct cli_opt *o, char *buf, size_t len)
{
	char s[8] = "";

	if (o->short_name)
		snprintf(s, sizeof(s), "-%c, ", o->short_name);
	snprintf(buf, len, "%s--%s%s%s", s, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	return buf;
}

/* The width help is wrapped to: the terminal's, $COLUMNS, or 80. */
static int cli_width(FILE *fp)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	int w = 80;

	if (isatty(fileno(fp)) && !ioctl(fileno(fp), TIOCGWINSZ, &ws) && ws.ws_col)
		w = ws.ws_col;
	else if (env && atoi(env) > 0)
		w = atoi(env);
	return w < 40 ? 40 : w;
}

/*
 * @text, its words wrapped at @width, from column @col (what the line
 * already holds, ending in a space or the indent), continued at column
 * @indent.  A word longer than a line stands alone on one.
 */
static void cli_wrap(FILE *fp, const char *text, int col, int indent, int width)
{
	const char *p = text, *w;
	bool first = true;
	int n;

	for (;;) {
		while (*p == ' ')
			p++;
		for (w = p; *p && *p != ' '; p++)
			;
		n = (int)(p - w);
		if (!n)
			break;
		if (col > indent && col + !first + n > width) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', fp);
			col++;
		}
		fwrite(w, 1, (size_t)n, fp);
		col += n;
		first = false;
	}
	fputc('\n', fp);
}

/* One option: its label in a column of 26, its help beside it. */
static void cli_help_opt(FILE *fp, const struct cli_opt *o, int width)
{
	char label[64];
	int col;

	col = fprintf(fp, "  %-26s ", cli_opt_label(o, label, sizeof(label)));
	cli_wrap(fp, o->help, col, 29, width);
}

void cli_help(const struct cli_desc *d, FILE *fp)
{
	const struct cli_opt *o;
	int width = cli_width(fp);
	size_t i;

	fprintf(fp, "usage: wsmon %s [OPTIONS]%s%s\n  ", d->name,
		*d->operands ? " " : "", d->operands);
	cli_wrap(fp, d->summary, 2, 2, width);
	if (d->text) {
		fprintf(fp, "\n  ");
		cli_wrap(fp, d->text, 2, 2, width);
	}
	fprintf(fp, "\noptions:\n");
	for (o = d->opts; o->name; o++)
		cli_help_opt(fp, o, width);
	for (i = 0; i < N_COMMON; i++)
		if (cli_common_applies(d, &common_opts[i]))
			cli_help_opt(fp, &common_opts[i], width);
}

void cli_usage(FILE *fp)
{
	const struct cli_desc *d;

	fprintf(fp,
		"usage: wsmon [-j|--json] [--pretty] [--bytes] COMMAND [OPTIONS] [OPERANDS]\n"
		"       wsmon -h|--help | -V|--version\n\ncommands:\n");
	for (d = cli_descs; d->name; d++)
		fprintf(fp, "  %-7s %s%s%s\n", d->name, d->summary, *d->operands ? "; " : "",
			d->operands);
	fprintf(fp, "\n'wsmon COMMAND --help' lists a command's options. Exit status: 0 done,\n"
		"1 the request failed, 2 bad command line, 3 module not loaded,\n"
		"4 permission denied.\n");
}

/* text with troff's special characters made plain */
static void man_text(FILE *fp, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", fp);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else if (*s == '-')
			fputs("\\-", fp);
		else
			fputc(*s, fp);
	}
}

void cli_man(FILE *fp)
{
	const struct cli_desc *d;
	const struct cli_opt *o;
	char label[64];

	fprintf(fp, ".\\\" wsmon(8), made by 'wsmon --generate-man' from client/options.c\n"
		".TH WSMON 8 \"\" \"wsmon %s\" \"System Administration\"\n", WSMON_VERSION);
	fputs(".SH NAME\nwsmon \\- working sets, swap map and thrash control from the wsmon kernel module\n"
	      ".SH SYNOPSIS\n.B wsmon\n[\\fB\\-j\\fR|\\fB\\-\\-json\\fR] [\\fB\\-\\-pretty\\fR] "
	      "[\\fB\\-\\-bytes\\fR]\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIOPERANDS\\fR]\n"
	      ".SH DESCRIPTION\n"
	      "The wsmon kernel module samples the accessed bits of every user process's pages to "
	      "estimate its working set (Denning's W(t,\\(*D)), its idle-age and reuse histograms and the "
	      "knee of its fault-rate curve, keeps a swap map and thrash statistics, and exports them "
	      "over the generic netlink family \\fBwsmon\\fR. This client shows them as tables or JSON "
	      "and can kill one process per thrashing episode.\n"
	      ".PP\nLoad the module with \\fBmodprobe wsmon\\fR. A user sees only the processes "
	      "/proc would show them the smaps of; root (CAP_SYS_ADMIN) sees all and may change the "
	      "configuration and kill.\n"
	      ".PP\nEvery command takes \\fB\\-j\\fR, \\fB\\-\\-json\\fR (JSON output; "
	      "json.md in share/doc/wsmon describes every key, and each document carries "
	      "\\fBschema\\fR, its version), \\fB\\-\\-pretty\\fR (the same, "
	      "indented), \\fB\\-\\-bytes\\fR (sizes as byte counts in the text) and "
	      "\\fB\\-h\\fR, \\fB\\-\\-help\\fR. Text output shows a control character or a "
	      "byte that is not UTF\\-8 in a name (a command, a cgroup path) as ?.\n.SH COMMANDS\n", fp);
	for (d = cli_descs; d->name; d++) {
		fprintf(fp, ".SS \"%s%s%s\"\n", d->name, *d->operands ? " " : "", d->operands);
		man_text(fp, d->summary);
		fputs(".\n", fp);
		if (d->text) {
			fputs(".PP\n", fp);
			man_text(fp, d->text);
			fputc('\n', fp);
		}
		for (o = d->opts; o->name; o++) {
			fputs(".TP\n.B ", fp);
			man_text(fp, cli_opt_label(o, label, sizeof(label)));
			fputc('\n', fp);
			man_text(fp, o->help);
			fputc('\n', fp);
		}
	}
	fputs(".SH EXAMPLES\n"
	      "Watch the machine live, and find the group that thrashes inside its limit:\n"
	      ".PP\n.nf\n.RS\n$ wsmon top\n$ wsmon cgroups\n"
	      "CGROUP   PROCS        RSS          W       SWAP    CURRENT       HIGH        MAX  STALL\n"
	      "/db          1   96.6 MiB   48.0 MiB        0 B   96.4 MiB        max        max   0.0%\n"
	      "/web         2   49.0 MiB    2.5 MiB        0 B   49.0 MiB   40.0 MiB        max  77.9%  stalls on memory: ...\n"
	      ".RE\n.fi\n.PP\n"
	      "Keep a record of an incident, then sum it up and draw it:\n"
	      ".PP\n.nf\n.RS\n$ wsmon record \\-\\-seconds 600 incident.jsonl\n"
	      "$ wsmon report incident.jsonl\n$ wsmon report incident.jsonl \\-\\-svg incident.svg\n"
	      "$ wsmon show 4242 \\-\\-svg 4242.svg\n.RE\n.fi\n.PP\n"
	      "Hold a service's memory.high at the knee of its processes' curves, backing off "
	      "under pressure; see what it would do first:\n"
	      ".PP\n.nf\n.RS\n$ wsmon rightsize /app\n"
	      "$ sudo wsmon rightsize /app \\-\\-apply\n"
	      "2026\\-11\\-29T05:21:45.985+00:00 set /app (lower) at sample 65: memory.high 36.3 MiB "
	      "\\-> 35.2 MiB; knee 32.0 MiB, W(1) 32.0 MiB, target 35.2 MiB, ...\n"
	      ".RE\n.fi\n.PP\n"
	      "Serve Prometheus, and see whom a kill would take:\n"
	      ".PP\n.nf\n.RS\n$ wsmon export \\-\\-listen 127.0.0.1:9769\n"
	      "$ sudo wsmon kill \\-\\-dry\\-run\n.RE\n.fi\n", fp);
	fputs(".SH EXIT STATUS\n.TP\n.B 0\nDone.\n.TP\n.B 1\nThe request failed; one line on "
	      "standard error says why.\n.TP\n.B 2\nBad command line.\n.TP\n.B 3\nThe wsmon module "
	      "is not loaded.\n.TP\n.B 4\nPermission denied: the command needs root "
	      "(CAP_SYS_ADMIN), or the process is not one the caller may inspect.\n"
	      ".SH FILES\n.TP\n.I /sys/module/wsmon/parameters/\nEvery setting of \\fBconfig\\fR but "
	      "the tracked PIDs, as module parameters: the values in force, writable by root.\n"
	      ".TP\n.I /etc/default/wsmon\n\\fBWSMON_ARGS\\fR for \\fBwsmon watch\\fR as "
	      "\\fBwsmon.service\\fR runs it. Killing is off until it adds \\fB\\-\\-kill\\fR; run "
	      "\\fBwsmon kill \\-\\-dry\\-run\\fR first.\n"
	      ".SH SEE ALSO\n\\fBearlyoom\\fR(8), \\fBsystemd-oomd\\fR(8), \\fBproc\\fR(5), "
	      "\\fBmodprobe.d\\fR(5)\n", fp);
}

/*
 * How bash completes a word that is an option's argument or an operand,
 * by its name: PIDs from /proc, file names (complete -o default), cgroup
 * directories, or nothing (a number, a regex).
 */
static const char *cli_complete_arg(const char *arg)
{
	if (strstr(arg, "PID"))
		return "COMPREPLY=($(compgen -W \"$(cd /proc && echo [0-9]*)\" -- \"$cur\"))";
	if (!strcmp(arg, "USER"))
		return "COMPREPLY=($(compgen -u -- \"$cur\"))";
	if (strstr(arg, "FILE") || strstr(arg, "DIR"))
		return "compopt -o default; COMPREPLY=()";
	if (strstr(arg, "CGROUP") || !strcmp(arg, "PATH"))
		return "COMPREPLY=($(cd /sys/fs/cgroup 2>/dev/null && compgen -d -- \"${cur#/}\" | sed 's|^|/|'))";
	return "COMPREPLY=()";
}

void cli_completion(FILE *fp)
{
	const struct cli_desc *d;
	const struct cli_opt *o;
	size_t i;

	fputs("# bash completion for wsmon, made by 'wsmon --generate-completion' from client/options.c\n"
	      "_wsmon()\n{\n\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal cmd= i\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tcase ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n"
	      "\tdone\n\tif [ -z \"$cmd\" ]; then\n\t\tCOMPREPLY=($(compgen -W '", fp);
	for (d = cli_descs; d->name; d++)
		fprintf(fp, "%s ", d->name);
	fputs("--json --pretty --bytes --help --version' -- \"$cur\"))\n\t\treturn\n\tfi\n"
	      "\tcase \"$cmd $prev\" in\n", fp);
	for (d = cli_descs; d->name; d++)
		for (o = d->opts; o->name; o++) {
			if (!o->arg)
				continue;
			fprintf(fp, "\t\"%s --%s\"", d->name, o->name);
			if (o->short_name)
				fprintf(fp, "|\"%s -%c\"", d->name, o->short_name);
			if (o->values)
				fprintf(fp, ") COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;\n",
					o->values);
			else
				fprintf(fp, ") %s; return ;;\n", cli_complete_arg(o->arg));
		}
	fputs("\tesac\n\tcase $cmd in\n", fp);
	for (d = cli_descs; d->name; d++) {
		/* an operand where the word is not an option: PIDs, files, groups */
		if (*d->operands)
			fprintf(fp, "\t%s) case $cur in -*) ;; *) %s; return ;; esac ;;&\n", d->name,
				cli_complete_arg(d->operands));
		fprintf(fp, "\t%s) COMPREPLY=($(compgen -W '", d->name);
		for (o = d->opts; o->name; o++)
			fprintf(fp, "--%s ", o->name);
		for (i = 0; i < N_COMMON; i++)
			if (cli_common_applies(d, &common_opts[i]))
				fprintf(fp, "--%s ", common_opts[i].name);
		fputs("' -- \"$cur\")) ;;\n", fp);
	}
	fputs("\tesac\n}\ncomplete -F _wsmon wsmon\n", fp);
}
