// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon record: the system's figures and its largest working sets at
 * every sample, one JSON document a line, for wsmon report after an
 * incident.  Each line is written (and flushed) as it comes, so a record
 * cut short by a crash keeps all it had.
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

#include "cli.h"
#include "options.h"
#include "output.h"
#include "proc.h"
#include "stats.h"

static volatile sig_atomic_t rec_stop;

static void rec_signal(int sig)
{
	(void)sig;
	rec_stop = 1;
}

static int by_wss(const void *a, const void *b)
{
	const struct wsmon_proc *x = a, *y = b;

	return x->wss_split < y->wss_split ? 1 : x->wss_split > y->wss_split ? -1 :
	       (x->pid > y->pid) - (x->pid < y->pid);
}

static const double *rate(const struct wsmon_stats *st, int attr)
{
	return &st->rates[attr - WSMON_RATE_A_MAJFLT];
}

/* one line: the figures now, and the @top largest working sets */
static void rec_line(const struct wsmon_stats *st, struct proc_list *l, long top, double t_s)
{
	char when[40];
	size_t i;

	qsort(l->v, l->n, sizeof(*l->v), by_wss);
	out_open_object(NULL);
	print_string(PRINT_JSON, "time", NULL, wsmon_rfc3339(when, sizeof(when)));
	print_double(PRINT_JSON, "t_s", NULL, t_s);
	print_u64(PRINT_JSON, "samples", NULL, st->samples);
	print_u64(PRINT_JSON, "sample_ms", NULL, st->sample_ms);
	print_string(PRINT_JSON, "state", NULL, stats_state_name(st->state));
	print_double(PRINT_JSON, "demand", NULL, st->demand_milli / 1000.0);
	print_double(PRINT_JSON, "thrash_demand", NULL, st->thrash_demand / 1000.0);
	print_u64(PRINT_JSON, "demand_bytes", NULL, st->demand_bytes);
	print_u64(PRINT_JSON, "user_mem", NULL, st->user_mem);
	print_u64(PRINT_JSON, "mem_available", NULL, st->mem_available);
	print_u64(PRINT_JSON, "swap_free", NULL, st->swap_free);
	print_double(PRINT_JSON, "majflt", NULL, *rate(st, WSMON_RATE_A_MAJFLT));
	print_double(PRINT_JSON, "swpin", NULL, *rate(st, WSMON_RATE_A_SWPIN));
	print_double(PRINT_JSON, "swpout", NULL, *rate(st, WSMON_RATE_A_SWPOUT));
	print_double(PRINT_JSON, "refault", NULL, *rate(st, WSMON_RATE_A_REFAULT_ANON) +
		     *rate(st, WSMON_RATE_A_REFAULT_FILE));
	out_open_array("processes");
	for (i = 0; i < l->n && (long)i < top; i++) {
		out_open_object(NULL);
		print_u64(PRINT_JSON, "pid", NULL, l->v[i].pid);
		print_string(PRINT_JSON, "comm", NULL, l->v[i].comm);
		print_u64(PRINT_JSON, "rss", NULL, l->v[i].rss);
		print_u64(PRINT_JSON, "wss", NULL, l->v[i].wss_split > 0 ? (uint64_t)l->v[i].wss_split : 0);
		print_u64(PRINT_JSON, "swap", NULL, l->v[i].swap);
		out_close_object();
	}
	out_close_array();
	out_close_object();
	out_end_line();
}

static FILE *rec_open(const char *file)
{
	FILE *f;
	int fd;

	if (!strcmp(file, "-"))
		return stdout;
	/* never over an earlier record */
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		wsmon_error("record: %s: %s%s", file, strerror(errno),
			    errno == EEXIST ? " (a record is never overwritten: remove it or choose another name)" : "");
		return NULL;
	}
	f = fdopen(fd, "w");
	if (!f) {
		wsmon_error("record: %s: %s", file, strerror(errno));
		close(fd);
		unlink(file);
	}
	return f;
}

int cmd_record(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("record");
	struct cli_parse cp = { .started = 0 };
	struct sigaction sa = { .sa_handler = rec_signal };
	struct wsmon_nl ev, rq;
	struct wsmon_stats st;
	struct proc_list l;
	int64_t secs_ms = 60000, t0, now;
	long top = 10, lines = 0;
	struct sample_wait w = { .got = 1 };	/* a first line at once */
	int c, err, rc = WSMON_EXIT_OK;
	struct pollfd pfd;
	char *end;
	FILE *f;

	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'd':
			if (parse_seconds_ms(optarg, &secs_ms) || secs_ms < 1000) {
				wsmon_error("record: --seconds takes 1 to 86400, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'n':
			top = strtol(optarg, &end, 10);
			if (*end || top < 0 || top > 1000) {
				wsmon_error("record: --top takes 0 to 1000, not '%s'", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind + 1 != argc) {
		wsmon_error("record: needs one FILE to write (- for stdout)");
		return WSMON_EXIT_USAGE;
	}
	rc = wsmon_connect_events(&ev, &rq, "record");
	if (rc)
		return rc;
	f = rec_open(argv[optind]);
	if (!f) {
		wsmon_nl_close(&ev);
		wsmon_nl_close(&rq);
		return WSMON_EXIT_FAIL;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	out_init(f, true);
	t0 = wsmon_now_ms();
	pfd.fd = nl_socket_get_fd(ev.sk);
	pfd.events = POLLIN;
	while (!rec_stop) {
		if (w.got) {
			err = wsmon_get_stats(&rq, &st);
			if (!err)
				err = proc_dump(&rq, false, &l);
			if (err) {
				wsmon_request_error(&rq, "record", err);
				rc = wsmon_exit_code(err);
				break;
			}
			rec_line(&st, &l, top, (wsmon_now_ms() - t0) / 1000.0);
			proc_list_free(&l);
			lines++;
			if (fflush(f) || ferror(f)) {
				wsmon_error("record: writing %s: %s", argv[optind], strerror(errno));
				rc = WSMON_EXIT_FAIL;
				break;
			}
			w.seen = st.samples;
			w.got = 0;
		}
		now = wsmon_now_ms();
		if (now - t0 >= secs_ms)
			break;
		if (poll(&pfd, 1, (int)(secs_ms - (now - t0))) <= 0)
			continue;
		err = wsmon_nl_receive(&ev, 0, stats_sample_event, &w);
		if (err == -ENOBUFS)
			w.got = 1;	/* lost some: record now anyway */
	}
	if (f != stdout && fclose(f) && rc == WSMON_EXIT_OK) {
		wsmon_error("record: closing %s: %s", argv[optind], strerror(errno));
		rc = WSMON_EXIT_FAIL;
	}
	if (f != stdout)
		fprintf(stderr, "wsmon: record: %ld samples in %s\n", lines, argv[optind]);
	wsmon_nl_close(&ev);
	wsmon_nl_close(&rq);
	return rc;
}
