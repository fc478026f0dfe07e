// SPDX-License-Identifier: GPL-2.0
/*
 * The sampling worker and the table of tracked processes.
 *
 * Every sample_ms a delayed work on the unbound workqueue collects the
 * thread-group leaders of user processes (never kernel threads), walks the
 * page tables of each (walk.c) within the scan budget, and when a pass over
 * a process completes publishes its figures under wsmon_lock, with those
 * of up to WSMON_PUB_BATCH - 1 other processes.  Processes that exited or
 * are no longer tracked are dropped after each sample.
 *
 * Fairness: processes are walked in PID order from where the last sample
 * ran out of budget, so every tracked process completes a pass within a
 * bounded number of samples however large the others are; each reports
 * how stale its figures are.  After the walk, the TLBs of the CPUs that
 * ran the walked processes (flush=mm, the default), of every CPU
 * (flush=all), or of none are flushed, so that cached translations cannot
 * hide references.
 *
 * Locking: wsmon_lock (a mutex) guards the table, the published figures
 * and the configuration; it is never held across a page-table walk.  The
 * walk's own state in struct wsmon_proc belongs to the worker alone.
 * GET_PROC reads the table under RCU alone (procs.c), so an entry taken
 * out of it is freed only after a grace period (wsmon_bury()), and what
 * that reads is written inside the entry's seqcount.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched/isolation.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>

#include "core.h"

/* guards the process table, the published figures and the configuration */
DEFINE_MUTEX(wsmon_lock);
DEFINE_XARRAY(wsmon_procs);
struct wsmon_global wsmon_glob = { .exhaust_ms = U32_MAX };

static void wsmon_sample(struct work_struct *work);
static DECLARE_DELAYED_WORK(wsmon_work, wsmon_sample);
static unsigned long wsmon_gen;
static const struct wsmon_core_ops *wsmon_ops;
static bool wsmon_running;		/* under wsmon_lock */
/* the worker's own */
static pid_t wsmon_rotor;		/* the PID the next sample starts at */
static struct kmem_cache *wsmon_proc_cache;
static cpumask_var_t wsmon_flush_mask;	/* CPUs that ran the walked mms */
static void wsmon_pub_flush(void);

/* The tracked process @pid, or NULL; under wsmon_lock or RCU. */
struct wsmon_proc *wsmon_proc_lookup(struct pid *pid)
{
	struct wsmon_proc *proc = xa_load(&wsmon_procs, pid_nr(pid));

	return proc && proc->pid == pid ? proc : NULL;
}

/*
 * The published demand of the tracked process @pid (as st.demand, 0 when
 * untracked), read within its seq: the caller holds RCU, and needs
 * nothing the worker takes.
 */
u64 wsmon_proc_demand(struct pid *pid)
{
	struct wsmon_proc *proc = wsmon_proc_lookup(pid);
	unsigned int seq;
	u64 demand;

	if (!proc)
		return 0;
	do {
		seq = read_seqcount_begin(&proc->seq);
		demand = proc->st.demand;
	} while (read_seqcount_retry(&proc->seq, seq));
	return demand;
}

/*
 * Free an entry no longer in the table: nobody else can reach it, so
 * without wsmon_lock, and with resched points (a large process has
 * many age blocks).
 */
static void wsmon_proc_free(struct wsmon_proc *proc)
{
	wsmon_swap_drop(proc);
	wsmon_ages_free(proc);
	kfree(proc->saved);
	put_pid(proc->pid);
	kmem_cache_free(wsmon_proc_cache, proc);
}

/* Free a list of entries taken out of the table (gc_next). */
static void wsmon_proc_free_list(struct wsmon_proc *dead)
{
	while (dead) {
		struct wsmon_proc *next = dead->gc_next;

		wsmon_proc_free(dead);
		dead = next;
		cond_resched();
	}
}

/*
 * Entries taken out of the table this sample (wsmon_graves[0]) and
 * before (wsmon_graves[1]), the worker's own: a reader under RCU may
 * still hold one, so they are freed once a grace period that started
 * after they were buried is over.  The worker never waits for one: a
 * reader preempted for long (a throttled group's) only makes it keep
 * them longer.
 */
static struct wsmon_proc *wsmon_graves[2];
static unsigned long wsmon_graves_gp;

static void wsmon_bury(struct wsmon_proc *proc)
{
	proc->gc_next = wsmon_graves[0];
	wsmon_graves[0] = proc;
}

/* After each sample: free what waited long enough, start the next wait. */
static void wsmon_graves_turn(void)
{
	struct wsmon_proc **tail;

	if (wsmon_graves[1] && poll_state_synchronize_rcu(wsmon_graves_gp)) {
		wsmon_proc_free_list(wsmon_graves[1]);
		wsmon_graves[1] = NULL;
	}
	if (!wsmon_graves[0])
		return;
	/* what still waits joins this sample's, under the newer wait */
	for (tail = &wsmon_graves[0]; *tail; tail = &(*tail)->gc_next)
		;
	*tail = wsmon_graves[1];
	wsmon_graves[1] = wsmon_graves[0];
	wsmon_graves[0] = NULL;
	wsmon_graves_gp = start_poll_synchronize_rcu();
}

/* Who a process is, as the sampler read it from its task. */
struct wsmon_proc_who {
	char comm[TASK_COMM_LEN];
	kuid_t uid;
	u64 start, cgid, exec_id;
};

/*
 * The entry for @pid, created, or replaced when its history ends (the
 * PID number was reused, or the process called exec), with who it is
 * now; NULL when there is no memory for it.  A new entry is charged to
 * the active memory cgroup, the process's, without reclaim there.
 * Nothing is allocated or freed under wsmon_lock, which is taken only to
 * store an entry or change who it is; only this worker stores or erases
 * entries or writes who they are, so it may look without it.
 */
static struct wsmon_proc *wsmon_proc_get(struct pid *pid, const struct wsmon_proc_who *who,
					 u64 now)
{
	u64 exec_id = who->exec_id;
	unsigned long nr = pid_nr(pid);
	struct wsmon_proc *proc, *old = NULL;
	bool fresh;

	proc = xa_load(&wsmon_procs, nr);
	fresh = !proc || proc->pid != pid || proc->exec_id != exec_id;
	if (fresh) {
		old = proc;
		proc = kmem_cache_zalloc(wsmon_proc_cache, WSMON_GFP_SMALL);
		if (!proc || (!old && xa_reserve(&wsmon_procs, nr, GFP_KERNEL))) {
			if (proc)
				kmem_cache_free(wsmon_proc_cache, proc);
			wsmon_alloc_failed++;
			return NULL;
		}
		seqcount_init(&proc->seq);
		proc->pid = get_pid(pid);
		proc->exec_id = exec_id;
		proc->pass_start = now;
	}
	proc->seen_gen = wsmon_gen;	/* read by this worker only */
	/* the same as the readers see it: the lock is not needed */
	if (!fresh && !strncmp(proc->comm, who->comm, sizeof(proc->comm)) &&
	    uid_eq(proc->uid, who->uid) && proc->start == who->start &&
	    proc->cgroup_id == who->cgid)
		return proc;
	mutex_lock(&wsmon_lock);
	wsmon_proc_write_begin(proc);
	memcpy(proc->comm, who->comm, sizeof(proc->comm));
	proc->uid = who->uid;
	proc->start = who->start;
	proc->cgroup_id = who->cgid;
	if (fresh)
		wsmon_ops->published(proc);	/* its record, no pass yet */
	wsmon_proc_write_end(proc);
	/* the slot is taken or reserved: this store allocates nothing */
	if (fresh)
		xa_store(&wsmon_procs, nr, proc, GFP_NOWAIT);
	mutex_unlock(&wsmon_lock);
	/* the batch may hold it: it is freed after the batch is published */
	if (old)
		wsmon_bury(old);
	return proc;
}

/* What the task's own counters say, summed over its threads. */
struct wsmon_task_counts {
	u64 maj, min;		/* faults, live and exited, as getrusage() */
	u64 thrash_ns;		/* waits for thrashing pages, live threads */
	bool has_thrash_ns;	/* delay accounting is on for a thread */
};

static void wsmon_task_counts(struct task_struct *task,
			      struct wsmon_task_counts *c)
{
	struct task_struct *t;

	memset(c, 0, sizeof(*c));
	rcu_read_lock();
	c->maj = task->signal->maj_flt;
	c->min = task->signal->min_flt;
	for_each_thread(task, t) {
		c->maj += t->maj_flt;
		c->min += t->min_flt;
		/* freed with the task, after an RCU grace period */
		if (wsmon_task_delays(t)) {
			c->thrash_ns += READ_ONCE(wsmon_task_delays(t)->thrashing_delay);
			c->has_thrash_ns = true;
		}
	}
	rcu_read_unlock();
}

/* A counter's rate per 1000 s, from @last to @now over @ns nanoseconds. */
u64 wsmon_rate_milli(u64 now, u64 last, u64 ns)
{
	u64 us = ns / NSEC_PER_USEC;

	if (!us || now < last)
		return 0;
	/* 1000 s in microseconds; overflows only past 1.8e10 events */
	return div64_u64((now - last) * 1000 * USEC_PER_SEC, us);
}

/*
 * Scratch space of wsmon_pass_done(), too large for the stack.  Only the
 * worker uses it, and a work item never runs concurrently with itself.
 */
static struct {
	u64 reuse[WSM_NR], F[WSM_NR], S[WSM_NR];
	struct wsmon_tally tally;	/* the pass being walked */
	/* the windows W is published for, as the sample began */
	u32 nr_windows;
	u32 windows[WSMON_MAX_WINDOWS];
} wsmon_scratch;

/*
 * Passes finished and not yet published: they are published together, so
 * that the worker takes wsmon_lock once for WSMON_PUB_BATCH processes, not
 * once for each (readers of the table hold it in batches too, and on
 * PREEMPT_RT a reader preempted while holding it stalls whoever waits).
 * The worker's own; empty between samples.
 */
#define WSMON_PUB_BATCH		16

static struct {
	u32 nr;
	struct wsmon_proc *proc[WSMON_PUB_BATCH];
	struct wsmon_proc_stats st[WSMON_PUB_BATCH];
} wsmon_pub;

/* Publish the batch: figures, records and swap maps, one lock hold. */
static void wsmon_pub_flush(void)
{
	struct wsmon_swapmap *old[WSMON_PUB_BATCH] = { };
	u32 i;

	if (!wsmon_pub.nr)
		return;
	mutex_lock(&wsmon_lock);
	for (i = 0; i < wsmon_pub.nr; i++) {
		struct wsmon_proc *proc = wsmon_pub.proc[i];

		wsmon_proc_write_begin(proc);
		proc->st = wsmon_pub.st[i];
		wsmon_ops->published(proc);
		wsmon_proc_write_end(proc);
		/* a full pass built a new swap map (full holds till the next pass) */
		if (proc->full)
			old[i] = wsmon_swap_publish_locked(proc);
	}
	mutex_unlock(&wsmon_lock);
	for (i = 0; i < wsmon_pub.nr; i++)
		wsmon_swapmap_put(old[i]);
	wsmon_pub.nr = 0;
}

/* The reuse counts halved: old history weighs less, and no count saturates. */
static void wsmon_reuse_halve(struct wsmon_proc *proc)
{
	u32 i;

	for (i = 0; i < WSM_NR; i++)
		proc->reuse[i] /= 2;
	proc->reuse_samples /= 2;
}

/* A pass finished: derive the figures and publish them. */
static void wsmon_pass_done(struct wsmon_proc *proc, struct mm_struct *mm,
			    const struct wsmon_task_counts *c, u64 sample)
{
	u64 maj = c->maj, min = c->min;
	u64 *F = wsmon_scratch.F, *S = wsmon_scratch.S;
	struct wsmon_proc_stats *st = &wsmon_pub.st[wsmon_pub.nr];
	struct wsmon_tally *t = &wsmon_scratch.tally;
	const struct wsmon_swapmap *map;
	u64 now = ktime_get_ns();
	u32 i, w, a, top = 0;

	memset(st, 0, sizeof(*st));
	wsmon_ages_gc(proc);
	/* the reuse counts now span the samples since the last pass ended */
	if (proc->pass > 0)
		proc->reuse_samples += sample - proc->st.done_sample;

	st->passes = proc->pass + 1;
	st->done_sample = sample;
	st->pass_samples = min_t(u64, sample - proc->pass_start + 1, U32_MAX);
	st->rss_pages = wsmon_mm_rss(mm);
	st->present_pages = t->present;
	/* a full pass built a new map; one that skipped tables kept the old */
	map = proc->full ? proc->building : proc->swapmap;
	st->swap_pages = map ? map->pages : 0;
	st->swap_capped = map && map->capped;
	st->demand = t->demand;
	st->secondary_mmu = wsmon_mm_has_secondary_mmu(mm);
	/* what a secondary MMU used cannot be seen: count all it holds */
	if (st->secondary_mmu)
		st->demand = max(st->demand, st->rss_pages * WSMON_WEIGHT);
	st->thrash_ns = c->thrash_ns;
	st->has_thrash_ns = c->has_thrash_ns;
	for (a = 0; a < WSM_AGE_NONE; a++)
		st->idle_hist[wsm_age_bucket(a)] += t->age_count[a];
	/* as published, and widened for the curve */
	for (i = 0; i < WSM_NR; i++) {
		st->reuse[i] = proc->reuse[i];
		wsmon_scratch.reuse[i] = proc->reuse[i];
		top = max(top, proc->reuse[i]);
	}
	st->reuse_samples = proc->reuse_samples;
	/* no knee where the curve misses a secondary MMU's references */
	if (st->reuse_samples && !st->secondary_mmu) {
		wsm_curve(wsmon_scratch.reuse, F, S);
		st->knee_samples = wsm_knee(F, S);
		if (st->knee_samples)
			st->knee_pages = div64_u64(S[st->knee_samples],
						   st->reuse_samples);
	}
	if (proc->last_pass_ns) {
		u64 ns = now - proc->last_pass_ns;

		st->majflt_rate_milli = wsmon_rate_milli(maj, proc->last_majflt, ns);
		st->minflt_rate_milli = wsmon_rate_milli(min, proc->last_minflt, ns);
	}

	/* W(t, window): pages referenced within the last `window` samples */
	st->nr_windows = wsmon_scratch.nr_windows;
	memcpy(st->windows, wsmon_scratch.windows, sizeof(st->windows));
	for (w = 0; w < st->nr_windows; w++)
		for (a = 0; a < st->windows[w] && a < WSM_AGE_NONE; a++)
			st->ws_pages[w] += t->age_count[a];
	if (proc->full)
		wsmon_swap_publish_prepare(proc);
	wsmon_pub.proc[wsmon_pub.nr] = proc;
	if (++wsmon_pub.nr == WSMON_PUB_BATCH)
		wsmon_pub_flush();

	/* long-running monitors: halve the history every 256 samples */
	if (proc->reuse_samples >= 256 || top >= U32_MAX / 2)
		wsmon_reuse_halve(proc);
	proc->last_majflt = maj;
	proc->last_minflt = min;
	proc->last_pass_ns = now;
	proc->pass++;
}

/* A new pass: may it skip tables whose pages went unused? */
static void wsmon_pass_begin(struct wsmon_walk *w)
{
	struct wsmon_proc *proc = w->proc;
	u64 rss, swapents;

	proc->pass_start = w->now;
	/*
	 * Every table is read in the first pass and after the process's RSS
	 * or swap counters moved since the last pass began: pages may have
	 * been unmapped or swapped out without any accessed bit saying so.
	 * Likewise after a pass found the swap map out of date, and when it
	 * holds more extents than swap_extents_max now allows.
	 */
	rss = wsmon_mm_rss(w->mm);
	swapents = wsmon_mm_counter(w->mm, MM_SWAPENTS);
	proc->full = !w->skip_idle || !proc->pass || proc->swap_stale ||
		     proc->last_rss != rss || proc->last_swapents != swapents ||
		     (proc->swapmap && proc->swapmap->nr > wsmon_swapext_cap);
	proc->swap_stale = false;
	proc->last_rss = rss;
	proc->last_swapents = swapents;
}

/*
 * Sample one process within @w's budget.  Returns false when the budget
 * ran out before its pass completed.
 */
static bool wsmon_sample_one(struct pid *pid, struct wsmon_walk *w)
{
	struct mem_cgroup *memcg, *old_memcg;
	struct wsmon_task_counts counts;
	struct wsmon_proc_who who;
	struct wsmon_proc *proc;
	struct task_struct *task;
	struct mm_struct *mm;
	u64 exec_id;
	bool done = true;

	task = get_pid_task(pid, PIDTYPE_TGID);
	if (!task)
		return true;
	/*
	 * The exec ID before and after taking the mm (under task_lock): an
	 * exec that finished in between would pair the old ages with the
	 * new mm, so skip this sample.  An exec caught between its new mm
	 * and its new ID is walked once with the old ages, and reset at
	 * the next sample, when the ID has moved.
	 */
	exec_id = READ_ONCE(task->self_exec_id);
	mm = wsmon_get_task_mm(task);	/* a thread's, if the leader exited */
	if (!mm || (task->flags & PF_KTHREAD) ||
	    READ_ONCE(task->self_exec_id) != exec_id) {
		if (mm)
			mmput(mm);
		put_task_struct(task);
		return true;
	}
	get_task_comm(who.comm, task);
	who.uid = task_uid(task);
	who.start = task->start_boottime;
	who.cgid = wsmon_task_cgroup_id(task);
	who.exec_id = exec_id;
	wsmon_task_counts(task, &counts);
	put_task_struct(task);

	memcg = wsmon_memcg_enter(mm, &old_memcg);
	proc = wsmon_proc_get(pid, &who, w->now);
	if (!proc)
		goto out;

	if (w->budget <= 0) {
		done = false;
		goto out;
	}
	w->proc = proc;
	w->mm = mm;
	w->tally = &wsmon_scratch.tally;
	if (proc->cursor && proc->saved) {
		*w->tally = *proc->saved;	/* resume the pass */
		kfree(proc->saved);
		proc->saved = NULL;
	} else {
		/* a new pass, or one whose tally was lost */
		kfree(proc->saved);
		proc->saved = NULL;
		/* and the swap map a lost pass began: it would count twice */
		wsmon_swapmap_put(proc->building);
		proc->building = NULL;
		proc->cursor = 0;
		memset(w->tally, 0, sizeof(*w->tally));
		wsmon_pass_begin(w);
	}
	w->lock_busy = false;
	if (wsmon_walk_mm(w)) {
		wsmon_pass_done(proc, mm, &counts, w->now);
	} else {
		/* a busy process waits for the next sample, not the budget */
		done = w->lock_busy;
		if (w->lock_busy)
			w->nr_busy++;
		/* without (room for) it, the pass starts again next time */
		if (proc->cursor)
			proc->saved = kmemdup(w->tally, sizeof(*w->tally),
					      WSMON_GFP_SMALL);
		/*
		 * A pass that will start again has taken the counters it
		 * compares with: if it was to read every table, so must the
		 * next one.
		 */
		if (!proc->saved && proc->full)
			proc->swap_stale = true;
	}
	/* the CPUs whose TLBs may hold this process's translations */
	cpumask_or(wsmon_flush_mask, wsmon_flush_mask, mm_cpumask(mm));
out:
	wsmon_memcg_leave(memcg, old_memcg);
	mmput(mm);
	return done;
}

static bool wsmon_tracked(struct task_struct *p)
{
	u32 i;

	if (p->flags & PF_KTHREAD)
		return false;
	if (!wsmon_cfg.nr_pids)
		return true;
	for (i = 0; i < wsmon_cfg.nr_pids; i++)
		if (wsmon_cfg.pids[i] == task_tgid(p))
			return true;
	return false;
}

/*
 * The tgids of the processes to sample, in PID order, references held.
 * The PIDs are taken in numeric order (find_ge_pid(), as /proc's readdir
 * takes them), so nothing is sorted, and the RCU read side is left every
 * WSMON_COLLECT_BATCH PIDs, the walk going on from the last number.
 */
#define WSMON_COLLECT_BATCH	256

static struct pid **wsmon_collect(unsigned int *count)
{
	struct task_struct *p;
	struct pid **pids, *pid;
	unsigned int n = 0, max = 64, k = 0;
	int nr = 1;

	rcu_read_lock();
	for_each_process(p)
		max++;
	rcu_read_unlock();

	pids = kvmalloc_array(max, sizeof(*pids), GFP_KERNEL);
	if (!pids)
		return NULL;
	mutex_lock(&wsmon_lock);
	rcu_read_lock();
	/*
	 * A thread's own PID has no PIDTYPE_TGID task: only leaders count.
	 * Processes forked since the count wait for the next sample.
	 */
	while (n < max && (pid = find_ge_pid(nr, &init_pid_ns))) {
		p = pid_task(pid, PIDTYPE_TGID);
		if (p && wsmon_tracked(p))
			pids[n++] = get_pid(pid);
		nr = pid_nr(pid) + 1;
		if (!(++k % WSMON_COLLECT_BATCH)) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
		}
	}
	rcu_read_unlock();
	mutex_unlock(&wsmon_lock);
	*count = n;
	return pids;
}

/*
 * Flush the TLBs that may hide references; how many CPUs that was.
 * Never an isolated CPU (nohz_full, isolcpus=domain): the task it runs
 * asked for no interrupts, and an estimate is not worth one.  The pages
 * it uses may look idle while its TLB holds them, as with flush=none.
 */
static u32 wsmon_flush(u32 mode)
{
	if (mode == WSMON_FLUSH_NONE)
		return 0;
	if (mode == WSMON_FLUSH_ALL)
		cpumask_copy(wsmon_flush_mask, cpu_online_mask);
	cpumask_and(wsmon_flush_mask, wsmon_flush_mask, housekeeping_cpumask(HK_TYPE_TICK));
	cpumask_and(wsmon_flush_mask, wsmon_flush_mask, housekeeping_cpumask(HK_TYPE_DOMAIN));
	return wsmon_flush_tlb_mask(wsmon_flush_mask);
}

/*
 * A kill's pass over every process goes before sampling: while one runs,
 * the worker waits between processes, holding nothing, so that the two
 * share a CPU for one process's walk at most, and the kill never waits
 * for the worker.  Only CAP_SYS_ADMIN may ask for a kill, and a sample
 * waits for kills one second at most in all.
 */
static atomic_t wsmon_holds = ATOMIC_INIT(0);

void wsmon_sampler_hold(void)
{
	atomic_inc(&wsmon_holds);
}

void wsmon_sampler_release(void)
{
	if (atomic_dec_and_test(&wsmon_holds))
		wake_up_var(&wsmon_holds);
}

/* @left: jiffies this sample may still wait */
static void wsmon_sampler_yield(long *left)
{
	if (*left > 0 && atomic_read(&wsmon_holds))
		*left = wait_var_event_timeout(&wsmon_holds, !atomic_read(&wsmon_holds), *left);
}

static void wsmon_sample(struct work_struct *work)
{
	u64 start = ktime_get_ns();
	struct wsmon_walk w = { };
	struct wsmon_proc *proc;
	unsigned long nr;
	unsigned int i, k, n = 0;
	struct pid **pids;
	long budget0;
	u32 tracked = 0, flush, cpus, stale, max_stale = 0;
	long held = HZ;		/* what kills may hold this sample up */
	pid_t rotor = 0;
	u64 demand = 0;
	bool changed;

	mutex_lock(&wsmon_lock);
	budget0 = wsmon_cfg.scan_budget;
	flush = wsmon_cfg.flush;
	w.demand_window = wsmon_cfg.rules.demand_window;
	wsmon_swapext_cap = wsmon_cfg.swapext_max;
	w.now = wsmon_glob.samples + 1;
	wsmon_scratch.nr_windows = wsmon_cfg.nr_windows;
	memcpy(wsmon_scratch.windows, wsmon_cfg.windows, sizeof(wsmon_scratch.windows));
	wsmon_gen++;
	mutex_unlock(&wsmon_lock);
	/* without flushes a clear PMD accessed bit proves nothing */
	w.skip_idle = flush != WSMON_FLUSH_NONE;
	w.budget = budget0;
	cpumask_clear(wsmon_flush_mask);

	pids = wsmon_collect(&n);
	/* start where the last sample ran out of budget */
	for (i = 0; pids && i < n && pid_nr(pids[i]) < wsmon_rotor; i++)
		;
	for (k = 0; pids && k < n; k++) {
		struct pid *pid = pids[(i + k) % n];

		if (!wsmon_sample_one(pid, &w) && !rotor)
			rotor = pid_nr(pid);
		cond_resched();
		wsmon_sampler_yield(&held);
	}
	wsmon_pub_flush();
	/* and the page cache they hold open, with a budget of its own */
	if (pids)
		wsmon_files_sample(pids, n, w.now, w.demand_window, budget0);
	for (k = 0; pids && k < n; k++)
		put_pid(pids[k]);
	kvfree(pids);
	wsmon_rotor = rotor;
	/* accessed bits were cleared: make the CPUs set them again */
	cpus = wsmon_flush(flush);

	mutex_lock(&wsmon_lock);
	xa_for_each(&wsmon_procs, nr, proc) {
		if (proc->seen_gen == wsmon_gen) {
			tracked++;
			demand += proc->st.demand;
			stale = w.now - (proc->st.passes ? proc->st.done_sample :
					 proc->pass_start);
			max_stale = max(max_stale, stale);
			continue;
		}
		xa_erase(&wsmon_procs, nr);
		wsmon_bury(proc);
	}
	wsmon_glob.tracked = tracked;
	WRITE_ONCE(wsmon_glob.samples, w.now);	/* GET_PROC reads it under RCU */
	wsmon_glob.last_sample_ns = ktime_get_ns() - start;
	wsmon_glob.last_sample_pages = budget0 - min_t(long, w.budget, budget0);
	wsmon_glob.last_tables = w.tables;
	wsmon_glob.last_skipped = w.skipped;
	wsmon_glob.last_flush_cpus = cpus;
	wsmon_glob.max_stale = max_stale;
	if (w.budget <= 0)
		wsmon_glob.budget_exhausted++;
	wsmon_glob.lock_busy += w.nr_busy;
	wsmon_glob.idle_refs += w.idle_refs;
	if (wsmon_running)
		queue_delayed_work(wsmon_unbound_wq, &wsmon_work,
				   msecs_to_jiffies(wsmon_cfg.sample_ms));
	wsmon_glob.alloc_failed = wsmon_alloc_failed;
	mutex_unlock(&wsmon_lock);
	wsmon_graves_turn();

	changed = wsmon_thrash_sample(demand);
	wsmon_swap_summarise(budget0);
	wsmon_swapmaps_prune(false);
	if (wsmon_ops && wsmon_ops->sampled)
		wsmon_ops->sampled(changed);
}

/* Sample again now, e.g. after the configuration changed. */
void wsmon_sampler_kick(void)
{
	mutex_lock(&wsmon_lock);
	if (wsmon_running)
		mod_delayed_work(wsmon_unbound_wq, &wsmon_work, 0);
	mutex_unlock(&wsmon_lock);
}

int __init wsmon_sampler_init(const struct wsmon_core_ops *ops)
{
	wsmon_proc_cache = KMEM_CACHE(wsmon_proc, SLAB_ACCOUNT);
	if (!wsmon_proc_cache)
		return -ENOMEM;
	if (!zalloc_cpumask_var(&wsmon_flush_mask, GFP_KERNEL)) {
		kmem_cache_destroy(wsmon_proc_cache);
		return -ENOMEM;
	}
	wsmon_ops = ops;
	mutex_lock(&wsmon_lock);
	wsmon_running = true;
	queue_delayed_work(wsmon_unbound_wq, &wsmon_work, 0);
	mutex_unlock(&wsmon_lock);
	return 0;
}

/* Stop sampling: no walk, and no call into the front, runs after this. */
void wsmon_sampler_stop(void)
{
	mutex_lock(&wsmon_lock);
	wsmon_running = false;
	mutex_unlock(&wsmon_lock);
	cancel_delayed_work_sync(&wsmon_work);
}

/* Free the process table; after wsmon_sampler_stop(). */
void wsmon_sampler_exit(void)
{
	struct wsmon_proc *proc, *dead = NULL;
	unsigned long nr;

	mutex_lock(&wsmon_lock);
	xa_for_each(&wsmon_procs, nr, proc) {
		xa_erase(&wsmon_procs, nr);
		proc->gc_next = dead;
		dead = proc;
	}
	wsmon_swap_summary_free(wsmon_glob.swap_areas);
	wsmon_glob.swap_areas = NULL;
	mutex_unlock(&wsmon_lock);
	synchronize_rcu();	/* for readers that found the buried */
	wsmon_proc_free_list(wsmon_graves[1]);
	wsmon_proc_free_list(wsmon_graves[0]);
	wsmon_graves[0] = NULL;
	wsmon_graves[1] = NULL;
	wsmon_proc_free_list(dead);
	wsmon_files_exit();
	wsmon_swapsum_exit();
	wsmon_swapmaps_prune(true);
	xa_destroy(&wsmon_procs);
	free_cpumask_var(wsmon_flush_mask);
	kmem_cache_destroy(wsmon_proc_cache);
}
