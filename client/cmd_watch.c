// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon watch [--kill] [--dry-run] [--policy P] [--after S] [--cooldown S]
 *             [--protect NAME|PID]...
 *
 * A long-running monitor.  A receiver thread takes the module's events and
 * queues them (bounded; the oldest is dropped when the decision thread
 * falls behind); the decision thread logs state changes and, with --kill,
 * asks the kernel to kill once THRASHING has lasted --after seconds, then
 * waits --cooldown seconds before it may kill again, so one episode costs
 * one victim.  Each decision is logged with its evidence.  SIGINT and
 * SIGTERM end it cleanly.
 *
 * As a daemon (wsmon.service) it must neither stall nor go deaf: with
 * --kill it locks its memory (mlockall) and sets its own oom_score_adj to
 * -1000; its receive buffer is large, a queue overrun (ENOBUFS) is
 * logged and followed by a GET_STATS to resynchronise, and when no event
 * has come for two seconds it checks that the module is still there,
 * logs when it is gone, and resubscribes when it is back.  When stdout is
 * not a terminal, text lines start with a syslog priority (<4> for kills)
 * that the journal understands.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include <linux/wsmon.h>

#include "cli.h"
#include "options.h"
#include "kill.h"
#include "output.h"
#include "cgroup.h"
#include "queue.h"
#include "victim.h"
#include "stats.h"
#include "watch.h"

#define WATCH_QUEUE	256
#define WATCH_RCVBUF	(1 << 20)	/* bytes: a few thousand events */
#define WATCH_SILENCE_MS 2000		/* no event this long: is the module there? */
#define WATCH_STACK	(256 << 10)	/* thread stacks, locked with --kill */

/* syslog priorities for the journal */
#define LOG_PRI_ERR	3
#define LOG_PRI_WARNING	4
#define LOG_PRI_NOTICE	5
#define LOG_PRI_INFO	6

struct watch_event {
	uint32_t type;			/* enum wsmon_event */
	uint32_t state;
	uint64_t samples;
	double demand, swpin, refault;
	int64_t t_ms;			/* CLOCK_MONOTONIC at arrival */
	struct kill_victim victim;	/* KILL events */
};

struct watch {
	struct wsmon_nl rx, tx;
	pthread_mutex_t tx_lock;	/* tx is reopened when the module comes back */
	struct queue q;
	struct kill_opts k;
	const char *exec;		/* --exec CMD after each kill */
	uint32_t dying_pid;		/* the last victim reported dying */
	struct watch_fsm fsm;
	bool act;			/* --kill or --dry-run */
	atomic_int stop;
	atomic_int failed;		/* the receiver gave up */
	int bad;
};

static bool log_prefix;		/* set once, before the threads start */

/* Start a log line: its priority, the time and what happened. */
static void log_start_pri(int pri, const char *action)
{
	char when[40], p[8];

	wsmon_rfc3339(when, sizeof(when));
	out_init(stdout, out_is_json());
	if (log_prefix && !out_is_json()) {
		snprintf(p, sizeof(p), "<%d>", pri);
		print_text(p);
	}
	out_open_object(NULL);
	print_string(PRINT_ANY, "time", "%s", when);
	print_string(PRINT_ANY, "action", " %s", action);
}

static void log_start(const char *action)
{
	log_start_pri(LOG_PRI_INFO, action);
}

static void log_end(void)
{
	print_text("\n");
	out_close_object();
	out_finish();
	fflush(stdout);
}

static void log_evidence(const struct watch_event *e, int64_t episode_ms)
{
	print_u64(PRINT_ANY, "sample", ": sample %" PRIu64, e->samples);
	print_string(PRINT_ANY, "state", " %s", stats_state_name(e->state));
	if (episode_ms)
		print_double(PRINT_ANY, "thrashing_s", " for %.1f s", episode_ms / 1000.0);
	print_double(PRINT_ANY, "demand", ", demand %.2f", e->demand);
	print_double(PRINT_ANY, "swpin", ", swpin %.0f/s", e->swpin);
	print_double(PRINT_ANY, "refault", ", refault %.0f/s", e->refault);
}

static int rx_cb(struct nlmsghdr *nlh, void *arg)
{
	struct watch *w = arg;
	struct watch_event e = { .t_ms = wsmon_now_ms() };
	struct wsmon_stats st;
	const char *why;

	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd != WSMON_CMD_EVENT)
		return 0;
	if (wsmon_stats_parse(nlh, &st, &why)) {
		w->bad++;
		return 0;
	}
	e.type = st.event_type;
	e.state = st.state;
	e.samples = st.samples;
	e.demand = st.demand_milli / 1000.0;
	e.swpin = st.rates[1];
	e.refault = st.rates[3] + st.rates[4];
	if (e.type == WSMON_EVENT_KILL && kill_victim_parse(nlh, &e.victim, &why)) {
		w->bad++;
		return 0;
	}
	queue_push(&w->q, &e);
	return 0;
}

/* The module's state now, queued as an event (after an overrun). */
static void resync(struct watch *w)
{
	struct watch_event e = { .type = WSMON_EVENT_SAMPLE, .t_ms = wsmon_now_ms() };
	struct wsmon_stats st;
	int err;

	pthread_mutex_lock(&w->tx_lock);
	err = wsmon_get_stats(&w->tx, &st);
	pthread_mutex_unlock(&w->tx_lock);
	if (err)
		return;		/* the next event will do */
	e.state = st.state;
	e.samples = st.samples;
	e.demand = st.demand_milli / 1000.0;
	e.swpin = st.rates[1];
	e.refault = st.rates[3] + st.rates[4];
	queue_push(&w->q, &e);
}

/* Subscribe @nl to the groups; kills only where we may (CAP_SYS_ADMIN). */
static int subscribe(struct wsmon_nl *nl)
{
	int err = wsmon_nl_subscribe(nl, WSMON_GENL_MCGRP_EVENTS);

	if (!err)
		wsmon_nl_subscribe(nl, WSMON_GENL_MCGRP_KILLS);
	if (!err)
		nl_socket_set_buffer_size(nl->sk, WATCH_RCVBUF, 0);
	return err;
}

/* Is the family registered?  -ENOENT when the module is gone. */
static int module_there(void)
{
	struct wsmon_nl probe;
	int err = wsmon_nl_open(&probe);

	if (!err)
		wsmon_nl_close(&probe);
	return err;
}

/*
 * The module went away: wait for it to come back, then open both sockets
 * anew (the family and its groups get new numbers) and resubscribe.
 * Returns 0, or -EINTR when told to stop.
 */
static int reconnect(struct watch *w)
{
	struct wsmon_nl rx, tx;

	while (!atomic_load(&w->stop)) {
		if (module_there() || wsmon_nl_open(&rx)) {
			usleep(500000);
			continue;
		}
		if (subscribe(&rx) || wsmon_nl_open(&tx)) {
			wsmon_nl_close(&rx);
			usleep(500000);
			continue;
		}
		wsmon_nl_close(&w->rx);
		w->rx = rx;
		pthread_mutex_lock(&w->tx_lock);
		wsmon_nl_close(&w->tx);
		w->tx = tx;
		pthread_mutex_unlock(&w->tx_lock);
		return 0;
	}
	return -EINTR;
}

static void *receiver(void *arg)
{
	struct watch *w = arg;
	int64_t heard = wsmon_now_ms();
	int err;

	while (!atomic_load(&w->stop)) {
		err = wsmon_nl_receive(&w->rx, 500, rx_cb, w);
		if (!err) {
			heard = wsmon_now_ms();
			continue;
		}
		if (err == -EINTR)
			continue;
		if (err == -ENOBUFS) {
			log_start_pri(LOG_PRI_WARNING, "overrun");
			print_text(": events were lost; resynchronising");
			log_end();
			resync(w);
			heard = wsmon_now_ms();
			continue;
		}
		if (err == -ETIMEDOUT) {
			if (wsmon_now_ms() - heard < WATCH_SILENCE_MS)
				continue;
			heard = wsmon_now_ms();
			if (module_there() != -ENOENT)
				continue;	/* there: samples are just slow */
			log_start_pri(LOG_PRI_WARNING, "module_gone");
			print_text(": the wsmon module was unloaded; waiting for it");
			log_end();
			if (reconnect(w))
				break;
			log_start_pri(LOG_PRI_NOTICE, "module_back");
			print_text(": resubscribed");
			log_end();
			resync(w);
			heard = wsmon_now_ms();
			continue;
		}
		wsmon_error("watch: receiving events: %s", strerror(-err));
		atomic_store(&w->failed, 1);
		kill(getpid(), SIGTERM);	/* wake the main thread */
		break;
	}
	queue_close(&w->q);
	return NULL;
}

/*
 * A killer must not be the one that stalls, nor be killed first.  Its
 * requests reuse one preallocated message (nl.c), and what libnl still
 * mallocs on the way (receive buffers) comes from one arena that is
 * faulted in, never trimmed and locked here, so a kill under memory
 * pressure takes no page fault and enters no reclaim.
 */
#define WATCH_HEAP	(1 << 20)

static void harden(void)
{
	FILE *f;
	char *p;
	int err;

	mallopt(M_ARENA_MAX, 1);		/* the threads share this heap */
	mallopt(M_MMAP_MAX, 0);			/* large blocks from it too */
	mallopt(M_TRIM_THRESHOLD, INT_MAX);	/* and it never shrinks */
	p = malloc(WATCH_HEAP);
	if (p) {
		memset(p, 0, WATCH_HEAP);
		/* keep the compiler from dropping the touch */
		__asm__ volatile("" : : "r"(p) : "memory");
		free(p);
	}
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		wsmon_error("watch: cannot lock memory (%s): it may be paged out under pressure",
			    strerror(errno));
	f = fopen("/proc/self/oom_score_adj", "w");
	if (!f) {
		err = errno;
	} else {
		err = fprintf(f, "-1000\n") < 0 ? errno : 0;
		if (fclose(f) && !err)
			err = errno;
	}
	if (err)
		wsmon_error("watch: cannot set oom_score_adj to -1000 (%s)", strerror(err));
}

/* The victim, the policy and the evidence, for the --exec hook. */
static void run_hook(const struct watch *w, const struct watch_event *e, int64_t episode,
		     const struct kill_victim *v)
{
	char vars[16][96], *envp[16 + 256], also[KILL_MAX_ALSO * 12] = "";
	char *argv[] = { "/bin/sh", "-c", (char *)w->exec, NULL };
	posix_spawnattr_t attr;
	extern char **environ;
	sigset_t none, dflt;
	size_t n = 0, i, len = 0;
	pid_t pid;
	int err;

	for (i = 0; i < (size_t)v->nr_also && i < KILL_MAX_ALSO; i++)
		len += snprintf(also + len, sizeof(also) - len, "%s%u", i ? " " : "", v->also[i]);
#define VAR(...) snprintf(vars[n], sizeof(vars[n]), __VA_ARGS__), envp[n] = vars[n], n++
	VAR("WSMON_PID=%u", v->pid);
	VAR("WSMON_COMM=%s", v->comm);
	VAR("WSMON_UID=%u", v->uid);
	VAR("WSMON_POLICY=%s", kill_policy_name(v->policy));
	VAR("WSMON_SIGNAL=%s", v->signal == SIGTERM ? "SIGTERM" : "SIGKILL");
	VAR("WSMON_RSS=%" PRIu64, v->rss);
	VAR("WSMON_SWAP=%" PRIu64, v->swap);
	VAR("WSMON_WSS=%" PRIu64, v->wss);
	VAR("WSMON_SCORE=%" PRIu64, v->score);
	VAR("WSMON_STATE=%s", stats_state_name(e->state));
	VAR("WSMON_SAMPLE=%" PRIu64, e->samples);
	VAR("WSMON_DEMAND=%.3f", e->demand);
	VAR("WSMON_SWPIN=%.0f", e->swpin);
	VAR("WSMON_REFAULT=%.0f", e->refault);
	VAR("WSMON_THRASHING_S=%.1f", episode / 1000.0);
	VAR("WSMON_ALSO_KILLED=%s", also);
#undef VAR
	/* then the daemon's own environment (PATH ...), what fits */
	for (i = 0; environ[i] && n < sizeof(envp) / sizeof(envp[0]) - 1; i++)
		if (strncmp(environ[i], "WSMON_", 6))
			envp[n++] = environ[i];
	envp[n] = NULL;

	/* the hook gets default signals and an empty mask, not ours */
	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGCHLD);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGTERM);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dflt);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	err = posix_spawn(&pid, argv[0], NULL, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	log_start_pri(err ? LOG_PRI_ERR : LOG_PRI_INFO, err ? "hook_failed" : "hook");
	print_string(PRINT_ANY, "exec", ": %s", w->exec);
	if (err)
		print_string(PRINT_ANY, "error", ": %s", strerror(err));
	else
		print_u64(PRINT_ANY, "hook_pid", " (PID %" PRIu64 ")", (uint64_t)pid);
	log_end();
}

/* Hooks that finished: reap them, so no zombie stays. */
static void reap_hooks(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* --scope cgroup: one whole group per episode */
static void decide_kill_cgroup(struct watch *w, const struct watch_event *e, int64_t episode)
{
	const char *why;
	struct cg_sum g;
	bool killed;
	int err;

	err = cg_carry_out(&w->k.req, &g, &killed, &why);
	watch_killed(&w->fsm, wsmon_now_ms());
	if (err) {
		log_start_pri(err == -ESRCH ? LOG_PRI_WARNING : LOG_PRI_ERR,
			      err == -ESRCH ? "no_victim" : "kill_failed");
		log_evidence(e, episode);
		print_string(PRINT_ANY, "error", ": %s", why ? why : strerror(-err));
		log_end();
		return;
	}
	log_start_pri(LOG_PRI_WARNING, killed ? "killed_cgroup" : "would_kill_cgroup");
	log_evidence(e, episode);
	print_text(": ");
	out_open_object("group");
	cg_print(&g);
	out_close_object();
	log_end();
}

static void decide_kill(struct watch *w, const struct watch_event *e)
{
	int64_t episode = watch_episode_ms(&w->fsm, e->t_ms);
	struct kill_outcome o;
	struct kill_victim v;
	int err;

	if (w->k.cgroup) {
		decide_kill_cgroup(w, e, episode);
		return;
	}

	pthread_mutex_lock(&w->tx_lock);
	err = kill_carry_out(&w->tx, &w->k.req, w->k.grace_ms, !w->k.no_reap, &v, &o);
	pthread_mutex_unlock(&w->tx_lock);
	if (!err && v.dying) {
		/*
		 * The best candidate is still dying from an earlier kill (ours
		 * or the kernel's): its memory is on its way back.  Not a new
		 * kill: the episode goes on and the next sample asks again.
		 */
		if (v.pid != w->dying_pid) {
			log_start_pri(LOG_PRI_NOTICE, "victim_dying");
			log_evidence(e, episode);
			print_text(": already dying, waiting: ");
			out_open_object("victim");
			kill_print_victim(&v);
			out_close_object();
			log_end();
			w->dying_pid = v.pid;
		}
		return;
	}
	watch_killed(&w->fsm, wsmon_now_ms());
	if (err) {
		log_start_pri(err == -ESRCH ? LOG_PRI_WARNING : LOG_PRI_ERR,
			      err == -ESRCH ? "no_victim" : "kill_failed");
		log_evidence(e, episode);
		print_string(PRINT_ANY, "error", ": %s", w->tx.ext_msg[0] ? w->tx.ext_msg :
			     strerror(-err));
		log_end();
		return;
	}
	log_start_pri(LOG_PRI_WARNING, v.killed ? "killed" : "would_kill");
	log_evidence(e, episode);
	print_text(": ");
	out_open_object("victim");
	kill_print_victim(&v);
	out_close_object();
	kill_print_outcome(&o, v.killed && v.signal == SIGKILL);
	log_end();
	if (v.killed && w->exec)
		run_hook(w, e, episode, &v);
}

static void *decider(void *arg)
{
	struct watch *w = arg;
	struct watch_event e;
	uint32_t last = WSMON_STATE_OK;

	while (queue_pop(&w->q, &e)) {
		if (w->exec)
			reap_hooks();
		if (e.type == WSMON_EVENT_KILL) {
			log_start_pri(LOG_PRI_WARNING, "kill_seen");
			print_text(": ");
			out_open_object("victim");
			kill_print_victim(&e.victim);
			out_close_object();
			log_end();
			continue;
		}
		if (e.state != last) {
			log_start_pri(e.state >= WSMON_STATE_THRASHING ? LOG_PRI_WARNING :
				      LOG_PRI_NOTICE, "state");
			log_evidence(&e, 0);
			print_string(PRINT_ANY, "from", " (was %s)", stats_state_name(last));
			log_end();
			last = e.state;
		}
		if (w->act && watch_step(&w->fsm, e.state, e.t_ms) == WATCH_KILL)
			decide_kill(w, &e);
	}
	return NULL;
}

int cmd_watch(struct wsmon_opts *opts, int argc, char **argv)
{
	const struct cli_desc *d = cli_desc_find("watch");
	struct cli_parse cp = { .started = 0 };
	static struct watch w;
	int64_t after = 10000, cooldown = 30000;
	struct kill_victim probe;
	pthread_attr_t attr;
	pthread_t rx, dec;
	bool do_kill = false;
	sigset_t set;
	int c, sig, err;

	memset(&w, 0, sizeof(w));
	while ((c = cli_getopt(&cp, d, opts, argc, argv)) >= 0) {
		switch (c) {
		case 'k':
			do_kill = true;
			break;
		case 'a':
		case 'c':
			if (parse_seconds_ms(optarg, c == 'a' ? &after : &cooldown)) {
				wsmon_error("watch: %s takes seconds (0 to 86400), not '%s'",
					    c == 'a' ? "--after" : "--cooldown", optarg);
				return WSMON_EXIT_USAGE;
			}
			break;
		case 'x':
			if (!*optarg) {
				wsmon_error("watch: --exec needs a command");
				return WSMON_EXIT_USAGE;
			}
			w.exec = optarg;
			break;
		default:
			err = kill_option(&w.k, c, optarg, "watch");
			if (err)
				return err < 0 ? WSMON_EXIT_USAGE : err;
			break;
		}
	}
	if (c != CLI_END)
		return c == CLI_HELP ? WSMON_EXIT_OK : WSMON_EXIT_USAGE;
	if (optind < argc) {
		wsmon_error("watch: unexpected argument '%s'", argv[optind]);
		return WSMON_EXIT_USAGE;
	}
	w.act = do_kill || w.k.req.dry_run;
	watch_init(&w.fsm, after, cooldown);

	err = wsmon_connect(&w.rx);
	if (err)
		return wsmon_exit_code(err);
	err = wsmon_connect(&w.tx);
	if (err) {
		wsmon_nl_close(&w.rx);
		return wsmon_exit_code(err);
	}
	err = subscribe(&w.rx);
	if (!err && w.act) {
		/* find out now, not in the middle of an episode, if we may kill */
		struct kill_req dry = w.k.req;

		dry.dry_run = true;
		err = kill_request(&w.tx, &dry, &probe);
		if (err == -ESRCH)
			err = 0;
	}
	if (err || queue_init(&w.q, sizeof(struct watch_event), WATCH_QUEUE)) {
		wsmon_request_error(&w.tx, "watch", err ? err : -ENOMEM);
		wsmon_nl_close(&w.rx);
		wsmon_nl_close(&w.tx);
		return wsmon_exit_code(err ? err : -ENOMEM);
	}

	pthread_mutex_init(&w.tx_lock, NULL);
	/* priorities for the journal, not for a pipe or a file */
	log_prefix = wsmon_fd_is_journal(STDOUT_FILENO);
	if (do_kill && !w.k.req.dry_run)
		harden();
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	out_init(stdout, opts->json);
	log_start("start");
	print_string(PRINT_ANY, "mode", ": %s", do_kill ? (w.k.req.dry_run ? "dry-run" : "kill") :
		     w.k.req.dry_run ? "dry-run" : "monitor");
	print_string(PRINT_ANY, "policy", ", policy %s", kill_policy_name(w.k.req.policy));
	print_double(PRINT_ANY, "after_s", ", after %.1f s", after / 1000.0);
	print_double(PRINT_ANY, "cooldown_s", ", cooldown %.1f s", cooldown / 1000.0);
	if (w.k.grace_ms)
		print_double(PRINT_ANY, "term_grace_s", ", SIGTERM first, %.1f s grace",
			     w.k.grace_ms / 1000.0);
	print_bool(PRINT_ANY, "reap", ", reap %s", !w.k.no_reap);
	print_string(PRINT_ANY, "scope", ", scope %s", w.k.cgroup ? "cgroup" : "process");
	if (w.k.req.prefer.pattern)
		print_string(PRINT_ANY, "prefer", ", prefer '%s'", w.k.req.prefer.pattern);
	if (w.k.req.avoid.pattern)
		print_string(PRINT_ANY, "avoid", ", avoid '%s'", w.k.req.avoid.pattern);
	if (w.exec)
		print_string(PRINT_ANY, "exec", ", exec '%s'", w.exec);
	log_end();
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, WATCH_STACK);
	if (pthread_create(&rx, &attr, receiver, &w) ||
	    pthread_create(&dec, &attr, decider, &w)) {
		wsmon_error("watch: cannot start threads");
		return WSMON_EXIT_FAIL;
	}
	sigwait(&set, &sig);
	atomic_store(&w.stop, 1);
	pthread_join(rx, NULL);		/* it closes the queue */
	pthread_join(dec, NULL);
	log_start("stop");
	print_string(PRINT_ANY, "signal", ": %s", sig == SIGINT ? "SIGINT" : "SIGTERM");
	print_u64(PRINT_ANY, "dropped", ", %" PRIu64 " events dropped", w.q.dropped);
	log_end();
	queue_destroy(&w.q);
	wsmon_nl_close(&w.rx);
	wsmon_nl_close(&w.tx);
	if (w.bad)
		wsmon_error("watch: %d malformed events ignored", w.bad);
	return atomic_load(&w.failed) ? WSMON_EXIT_FAIL : WSMON_EXIT_OK;
}
