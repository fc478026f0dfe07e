// SPDX-License-Identifier: GPL-2.0
/* wsmon ps: tracked processes sorted by working set. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "cli.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "procsel.h"
#include "procview.h"

static enum ps_sort sort_key;

static int cmp(const void *a, const void *b)
{
	return ps_compare(a, b, sort_key);
}

/*
 * The default order, by working set, without calling ps_compare() a
 * hundred thousand times over 10,000 processes: each key is worked out
 * once, the small pairs sorted, and the records moved once.
 */
struct ps_order {
	uint64_t wss;
	uint32_t pid;
	size_t i;
};

static int order_cmp(const void *a, const void *b)
{
	const struct ps_order *x = a, *y = b;

	if (x->wss != y->wss)
		return x->wss > y->wss ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int ps_sort_by_wss(struct proc_list *l)
{
	struct ps_order *o = malloc(l->n * sizeof(*o) + 1);
	struct wsmon_proc *v = malloc(l->n * sizeof(*v) + 1);
	size_t i;

	if (!o || !v) {
		free(o);
		free(v);
		return -ENOMEM;
	}
	for (i = 0; i < l->n; i++) {
		o[i].wss = ps_sort_wss(&l->v[i]);
		o[i].pid = l->v[i].pid;
		o[i].i = i;
	}
	qsort(o, l->n, sizeof(*o), order_cmp);
	for (i = 0; i < l->n; i++)
		v[i] = l->v[o[i].i];
	free(o);
	free(l->v);
	l->v = v;
	l->cap = l->n;
	return 0;
}

/* keep the processes in @path or a group below it; the new count */
static size_t ps_filter_cgroup(struct wsmon_proc *v, size_t n, const char *path)
{
	char cg[CG_PATH_MAX];
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!cg_of_pid("/proc", v[i].pid, cg, sizeof(cg)) && cg_within(cg, path))
			v[k++] = v[i];
	return k;
}

int cmd_ps(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("ps");
	struct cli_parse cp = { .started = 0 };
	struct proc_list l;
	struct wsmon_nl nl;
	static struct procsel sel;
	const char *cgroup = NULL;
	uint32_t missing;
	long top = -1;
	char *end;
	int c, err;

	procsel_init(&sel);
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'g':
			if (optarg[0] != '/') {
				wsmon_error("ps: --cgroup takes a path from the cgroup root such as /system.slice, not '%s'",
					    optarg);
				return WSMON_EXIT_USAGE;
			}
			cgroup = optarg;
			break;
		case 'n':
			top = strtol(optarg, &end, 10);
			if (*end || top < 1) {
				wsmon_error("ps: -n takes a number of processes, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		default:	/* -p, -u, -s, -r */
			if (procsel_option(&sel, "ps", c, optarg) < 0)
				return WSMON_EXIT_USAGE;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("ps: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	err = wsmon_connect(&nl);
	if (err)
		return wsmon_exit_code(err);
	err = proc_dump(&nl, false, &l);
	if (err) {
		if (l.why)
			wsmon_error("ps: bad reply from the module: %s", l.why);
		else
			wsmon_request_error(&nl, "ps", err);
		wsmon_nl_close(&nl);
		proc_list_free(&l);
		return l.why ? WSMON_EXIT_FAIL : wsmon_exit_code(err);
	}
	wsmon_nl_close(&nl);
	if (!wsmon_is_admin())
		wsmon_error("ps: not an admin (CAP_SYS_ADMIN): showing only the processes whose smaps /proc lets you read");
	if (cgroup)
		l.n = ps_filter_cgroup(l.v, l.n, cgroup);
	l.n = procsel_filter(&sel, l.v, l.n);
	/* as ps -p: a PID asked for and not shown is an error, said after the table */
	missing = procsel_missing(&sel, l.v, l.n);
	sort_key = sel.sort;
	if (sort_key != PS_SORT_WSS || ps_sort_by_wss(&l))
		qsort(l.v, l.n, sizeof(*l.v), cmp);
	procsel_order(&sel, l.v, l.n);
	if (top >= 0 && (size_t)top < l.n)
		l.n = (size_t)top;

	out_init(stdout, opts->json);
	ps_print(l.v, l.n);
	out_finish();
	proc_list_free(&l);
	if (missing) {
		wsmon_error("ps: PID %u is not a tracked process you may see", missing);
		return WSMON_EXIT_FAIL;
	}
	return WSMON_EXIT_OK;
}
