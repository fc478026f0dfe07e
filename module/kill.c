// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_KILL: choose the process to kill by policy and kill it in the
 * kernel.  The victim's task_struct is pinned from the moment it is
 * chosen until the signal is sent, so no PID reuse in between can
 * redirect it (a user-space killer that chooses by PID cannot promise
 * that).  A later signal to the same process (SIGKILL after a SIGTERM's
 * grace) names it by PID and start time, and reaches it or nobody.
 *
 * As the kernel's OOM killer (mm/oom_kill.c) does:
 * - a process is judged by whichever of its threads holds its mm, so one
 *   whose main thread called pthread_exit() is still seen;
 * - a process in vfork() is not a candidate (its parent owns the mm);
 * - when the best candidate is already dying, nobody is killed: its
 *   memory is on its way back, and the reply says so (DYING);
 * - every other process that shares the victim's mm (vfork, CLONE_VM)
 *   gets SIGKILL too, since the memory stays while one of them runs;
 * - while the memory of the last victim it killed is still on its way
 *   back (its mm not yet torn down by exit_mmap() or the OOM reaper,
 *   which set MMF_OOM_SKIP), nobody else is chosen: the OOM killer
 *   waits for an unreaped victim too (oom_evaluate_task()).  A victim
 *   stuck for longer than kill_wait_ms no longer holds kills back.
 *
 * TARGET (an exact process, as top's kill key names it) needs no choice,
 * but gets the same checks: exempt processes and protected sharers.
 *
 * Nothing is allocated before the signal is sent: the request and the
 * victim live in static storage under wsmon_kill_lock (kills are rare and
 * one at a time), and the reply is best-effort once the victim is dead.
 * Processes are ranked by the RSS and swap counts oom_badness() reads
 * (wsmon_oom_rss(): the per-CPU counters as they stand where the kernel
 * ranks by them, their sum where it sums them).
 *
 * Never chosen: kernel threads, init, processes with oom_score_adj -1000,
 * processes whose mm the OOM reaper or exit has finished with, the
 * caller, what the request protects by PID or command name, and a process
 * whose mm a protected or -1000 process shares.  PREFER ranks processes
 * before all others, AVOID after all others.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/oom.h>
#include <linux/rcupdate.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/swap.h>

#include "wsmon.h"

#define WSMON_MAX_PROTECT	64
#define WSMON_KILL_ROUNDS	4	/* choices before giving up on shared mms */

enum { WSMON_TIER_AVOID, WSMON_TIER_NORMAL, WSMON_TIER_PREFER };

struct wsmon_pid_list {
	u32 n;
	u32 pids[WSMON_MAX_PROTECT];
};

static unsigned int wsmon_kill_wait_ms = 10000;
module_param_named(kill_wait_ms, wsmon_kill_wait_ms, uint, 0644);
MODULE_PARM_DESC(kill_wait_ms,
		 "ms a SIGKILL victim whose memory is not yet freed holds the next kill back (default 10000)");

struct wsmon_kill_req {
	u32 policy;
	u32 signal;
	bool dry_run;
	struct wsmon_pid_list protect, prefer, avoid;
	u32 nr_comms;
	char comms[WSMON_MAX_PROTECT][TASK_COMM_LEN];
	u32 target;		/* TARGET_PID, or 0 */
	u64 target_start;
};

/* KILL's state, one request at a time */
static DEFINE_MUTEX(wsmon_kill_lock);
static struct {
	struct wsmon_kill_req req;
	struct wsmon_victim victim;
	/* the last SIGKILL victim while its memory may not be back */
	struct wsmon_victim last;
	struct mm_struct *last_mm;	/* mmgrab()bed; NULL: none */
	struct pid *last_pid;		/* reference held while last_mm is */
	unsigned long last_jiffies;	/* when it was killed */
} wsmon_kill;

/* A nest of u32 PIDs into @l. */
static int wsmon_kill_pids(const struct nlattr *nest, struct wsmon_pid_list *l,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem;

	if (!nest)
		return 0;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != WSMON_LIST_ENTRY || nla_len(a) != sizeof(u32)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "PIDs are u32 list entries");
			return -EINVAL;
		}
		if (l->n == WSMON_MAX_PROTECT) {
			NL_SET_ERR_MSG_ATTR(extack, a, "at most 64 PIDs in a list");
			return -E2BIG;
		}
		l->pids[l->n++] = nla_get_u32(a);
	}
	return 0;
}

static int wsmon_kill_parse(struct nlattr **tb, struct wsmon_kill_req *r,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, err;

	r->policy = tb[WSMON_A_POLICY] ? nla_get_u32(tb[WSMON_A_POLICY]) :
					 WSMON_POLICY_BADNESS;
	r->dry_run = nla_get_flag(tb[WSMON_A_DRY_RUN]);
	r->signal = tb[WSMON_A_SIGNAL] ? nla_get_u32(tb[WSMON_A_SIGNAL]) : SIGKILL;
	if (r->signal != SIGKILL && r->signal != SIGTERM) {
		NL_SET_ERR_MSG_ATTR(extack, tb[WSMON_A_SIGNAL],
				    "the signal must be SIGKILL (9) or SIGTERM (15)");
		return -EINVAL;
	}
	if (!tb[WSMON_A_TARGET_PID] != !tb[WSMON_A_TARGET_START]) {
		NL_SET_ERR_MSG(extack, "TARGET_PID and TARGET_START go together");
		return -EINVAL;
	}
	if (tb[WSMON_A_TARGET_PID]) {
		r->target = nla_get_u32(tb[WSMON_A_TARGET_PID]);
		r->target_start = nla_get_u64(tb[WSMON_A_TARGET_START]);
		if (!r->target) {
			NL_SET_ERR_MSG_ATTR(extack, tb[WSMON_A_TARGET_PID], "no process has PID 0");
			return -EINVAL;
		}
	}
	err = wsmon_kill_pids(tb[WSMON_A_PROTECT_PIDS], &r->protect, extack) ?:
	      wsmon_kill_pids(tb[WSMON_A_PREFER_PIDS], &r->prefer, extack) ?:
	      wsmon_kill_pids(tb[WSMON_A_AVOID_PIDS], &r->avoid, extack);
	if (err)
		return err;
	if (tb[WSMON_A_PROTECT_COMMS])
		nla_for_each_nested(a, tb[WSMON_A_PROTECT_COMMS], rem) {
			if (nla_type(a) != WSMON_LIST_ENTRY || nla_len(a) < 2 ||
			    nla_len(a) > TASK_COMM_LEN || ((char *)nla_data(a))[nla_len(a) - 1]) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "protected names must be NUL-terminated strings of 1 to 15 bytes");
				return -EINVAL;
			}
			if (r->nr_comms == WSMON_MAX_PROTECT) {
				NL_SET_ERR_MSG_ATTR(extack, a, "at most 64 protected names");
				return -E2BIG;
			}
			strscpy(r->comms[r->nr_comms++], nla_data(a), TASK_COMM_LEN);
		}
	return 0;
}

static bool wsmon_listed(const struct wsmon_pid_list *l, pid_t vnr)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		if (vnr > 0 && l->pids[i] == (u32)vnr)
			return true;
	return false;
}

static bool wsmon_protected(const struct wsmon_kill_req *r, struct task_struct *p)
{
	u32 i;

	if (wsmon_listed(&r->protect, task_tgid_vnr(p)))
		return true;
	for (i = 0; i < r->nr_comms; i++)
		if (!strncmp(r->comms[i], p->comm, TASK_COMM_LEN))
			return true;
	return false;
}

/* Under the task_lock of @t, the thread of v->group that holds @mm. */
static void wsmon_mm_figures(struct task_struct *t, struct mm_struct *mm, void *arg)
{
	struct wsmon_victim *v = arg;

	v->skip = wsmon_mm_flag(mm, MMF_OOM_SKIP) || in_vfork(t);
	v->dying = wsmon_task_dying(v->group, t);
	v->rss = wsmon_oom_rss(mm);
	v->swap = wsmon_oom_counter(mm, MM_SWAPENTS);
	v->pgtables = mm_pgtables_bytes(mm) >> PAGE_SHIFT;
	v->secondary_mmu = wsmon_mm_has_secondary_mmu(mm);
}

/* The figures a policy ranks by; false when @p may not be chosen. */
static bool wsmon_kill_figures(const struct wsmon_kill_req *r, struct task_struct *p,
			       unsigned long totalpages, struct wsmon_victim *v)
{
	pid_t vnr;

	if (p->flags & PF_KTHREAD || is_global_init(p) ||
	    same_thread_group(p, current) || wsmon_protected(r, p))
		return false;
	/* outside the caller's PID namespace: it could not even name it */
	if (!task_tgid_vnr(p))
		return false;
	v->adj = p->signal->oom_score_adj;
	if (v->adj == OOM_SCORE_ADJ_MIN)
		return false;
	v->group = p;
	if (!wsmon_with_task_mm(p, wsmon_mm_figures, v) || v->skip)
		return false;

	v->wss = wsmon_demand_pages(wsmon_proc_demand(task_tgid(p)));
	/*
	 * A guest's or a device's references are invisible to the walk: the
	 * WSS policy ranks such a process by all it holds, never by the
	 * little its host-side accesses show (badness and RSS ignore W).
	 */
	if (v->secondary_mmu)
		v->wss = max_t(u64, v->wss, v->rss);

	switch (r->policy) {
	case WSMON_POLICY_RSS:
		v->score = v->rss;
		break;
	case WSMON_POLICY_WSS:
		v->score = v->wss;
		break;
	default:
		v->score = wsm_badness(v->rss, v->swap, v->pgtables, v->adj, totalpages);
		break;
	}
	vnr = task_tgid_vnr(p);
	v->tier = wsmon_listed(&r->prefer, vnr) ? WSMON_TIER_PREFER :
		  wsmon_listed(&r->avoid, vnr) ? WSMON_TIER_AVOID : WSMON_TIER_NORMAL;
	return true;
}

static bool wsmon_better(const struct wsmon_victim *v, const struct wsmon_victim *best)
{
	if (v->tier != best->tier)
		return v->tier > best->tier;
	return wsm_better_victim(v->score, v->rss, best->score, best->rss);
}

static void wsmon_victim_id(struct wsmon_victim *v, struct task_struct *p)
{
	v->pid = task_tgid_nr(p);
	v->vnr = task_tgid_vnr(p);
	v->uid = task_uid(p);
	v->start = p->start_boottime;
	get_task_comm(v->comm, p);
}

/*
 * The highest tier, then the highest score wins, ties to the larger RSS;
 * processes in @skip are passed over.  Returns the victim pinned
 * (get_task_struct), or NULL.
 */
static struct task_struct *wsmon_choose(const struct wsmon_kill_req *r,
					const struct wsmon_pid_list *skip,
					struct wsmon_victim *best)
{
	/* free swap stands in for total swap, which modules cannot read */
	unsigned long totalpages = totalram_pages() + get_nr_swap_pages();
	struct task_struct *p, *victim = NULL;
	struct wsmon_victim v;

	rcu_read_lock();
	for_each_process(p) {
		if (wsmon_listed(skip, task_tgid_nr(p)))
			continue;
		memset(&v, 0, sizeof(v));
		if (!wsmon_kill_figures(r, p, totalpages, &v))
			continue;
		if (victim && !wsmon_better(&v, best))
			continue;
		victim = p;
		*best = v;
	}
	if (victim) {
		get_task_struct(victim);
		wsmon_victim_id(best, victim);
	}
	rcu_read_unlock();
	return victim;
}

/*
 * May the processes that share @victim's mm die with it?  Not when one of
 * them is init, protected or at oom_score_adj -1000: the memory would
 * stay, and a process we must not kill would die.
 */
static bool wsmon_sharers_ok(const struct wsmon_kill_req *r, struct task_struct *victim,
			     struct mm_struct *mm)
{
	struct task_struct *p;
	bool ok = true;

	/*
	 * Every process is looked at: mm_users against the thread count
	 * would miss a sharer of a process whose leader has exited.
	 */
	rcu_read_lock();
	for_each_process(p) {
		if (same_thread_group(p, victim) || (p->flags & PF_KTHREAD) ||
		    !wsmon_shares_mm(p, mm))
			continue;
		if (is_global_init(p) || wsmon_protected(r, p) ||
		    p->signal->oom_score_adj == OOM_SCORE_ADJ_MIN) {
			ok = false;
			break;
		}
	}
	rcu_read_unlock();
	return ok;
}

/* SIGKILL to the other processes in @mm; their PIDs (caller's ns) in @v. */
static void wsmon_kill_sharers(struct task_struct *victim, struct mm_struct *mm,
			       struct wsmon_victim *v)
{
	struct task_struct *p;

	/*
	 * No mm_users shortcut here: the victim may already have left the
	 * mm (exit_mm()), which would make the sharers look like nobody.
	 */
	rcu_read_lock();
	for_each_process(p) {
		if (same_thread_group(p, victim) || (p->flags & PF_KTHREAD) ||
		    !wsmon_shares_mm(p, mm))
			continue;
		if (kill_pid(task_tgid(p), SIGKILL, 1))
			continue;
		if (v->nr_also < ARRAY_SIZE(v->also))
			v->also[v->nr_also] = task_tgid_vnr(p);
		v->nr_also++;
		pr_info("killed PID %d (%s), which shared the memory of PID %d\n",
			task_tgid_nr(p), p->comm, v->pid);
	}
	rcu_read_unlock();
}

static void wsmon_mmgrab(struct task_struct *t, struct mm_struct *mm, void *arg)
{
	mmgrab(mm);
	*(struct mm_struct **)arg = mm;
}

/* @victim's mm, held by mm_count only (it does not keep the pages). */
static struct mm_struct *wsmon_grab_mm(struct task_struct *victim)
{
	struct mm_struct *mm = NULL;

	wsmon_with_task_mm(victim, wsmon_mmgrab, &mm);
	return mm;
}

static void wsmon_last_drop(void)
{
	if (!wsmon_kill.last_mm)
		return;
	mmdrop(wsmon_kill.last_mm);
	put_pid(wsmon_kill.last_pid);
	wsmon_kill.last_mm = NULL;
	wsmon_kill.last_pid = NULL;
}

/*
 * Is the memory of the last process KILL sent SIGKILL still on its way
 * back?  Its mm is torn down by exit_mmap() when its last user goes, or
 * by the OOM reaper (process_mrelease(), which the client calls), and
 * either sets MMF_OOM_SKIP.  Until then the victim counts as dying, even
 * when it has left its mm (exit_mm()) and no longer looks like a
 * candidate.  If so, @v gets its figures.  Under wsmon_kill_lock.
 */
static bool wsmon_last_unreaped(struct wsmon_victim *v)
{
	struct mm_struct *mm = wsmon_kill.last_mm;
	unsigned long wait = msecs_to_jiffies(READ_ONCE(wsmon_kill_wait_ms));

	if (!mm)
		return false;
	if (wsmon_mm_flag(mm, MMF_OOM_SKIP) ||
	    time_after(jiffies, wsmon_kill.last_jiffies + wait)) {
		wsmon_last_drop();
		return false;
	}
	*v = wsmon_kill.last;
	v->vnr = pid_vnr(wsmon_kill.last_pid);	/* this caller's namespace */
	v->rss = wsmon_oom_rss(mm);
	v->swap = wsmon_oom_counter(mm, MM_SWAPENTS);
	v->dying = true;
	return true;
}

/*
 * Remember a SIGKILL victim's mm until it is freed, and its struct pid:
 * the one the signal went to, for by now its parent may have reaped it
 * and task_tgid() of it be NULL.  Under wsmon_kill_lock.
 */
static void wsmon_last_set(const struct wsmon_victim *v, struct pid *tgid,
			   struct mm_struct *mm)
{
	wsmon_last_drop();
	mmgrab(mm);
	wsmon_kill.last_pid = get_pid(tgid);
	wsmon_kill.last_mm = mm;
	wsmon_kill.last = *v;
	wsmon_kill.last.group = NULL;	/* only while it is judged */
	wsmon_kill.last.nr_also = 0;
	wsmon_kill.last_jiffies = jiffies;
}

/*
 * Choose a victim whose mm no protected process shares; its mm grabbed
 * in *@mm (NULL when it has none any more).
 */
static struct task_struct *wsmon_choose_victim(const struct wsmon_kill_req *r,
					       struct wsmon_victim *v,
					       struct mm_struct **mm)
{
	struct wsmon_pid_list skip = { };
	struct task_struct *victim;
	u32 round;

	for (round = 0; round < WSMON_KILL_ROUNDS; round++) {
		memset(v, 0, sizeof(*v));
		victim = wsmon_choose(r, &skip, v);
		if (!victim)
			return NULL;
		*mm = wsmon_grab_mm(victim);
		if (!*mm || v->dying || wsmon_sharers_ok(r, victim, *mm))
			return victim;
		/* its memory is shared with a process we must not kill */
		skip.pids[skip.n++] = v->pid;
		mmdrop(*mm);
		*mm = NULL;
		put_task_struct(victim);
	}
	return NULL;
}

/* The process TARGET_PID names, if it started at TARGET_START; pinned. */
static struct task_struct *wsmon_find_target(const struct wsmon_kill_req *r,
					     struct wsmon_victim *v,
					     struct mm_struct **mm,
					     struct netlink_ext_ack *extack)
{
	unsigned long totalpages = totalram_pages() + get_nr_swap_pages();
	struct task_struct *p;

	rcu_read_lock();
	p = pid_task(find_vpid(r->target), PIDTYPE_TGID);
	if (p && p->start_boottime == r->target_start &&
	    wsmon_kill_figures(r, p, totalpages, v)) {
		get_task_struct(p);
		wsmon_victim_id(v, p);
	} else {
		p = NULL;
	}
	rcu_read_unlock();
	if (!p) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "PID %u is gone, or is no longer the process chosen, or may not be killed",
				       r->target);
		return NULL;
	}
	*mm = wsmon_grab_mm(p);
	/* as for a choice: not when a process we must not kill shares it */
	if (*mm && !v->dying && !wsmon_sharers_ok(r, p, *mm)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "PID %u shares its memory with a process that may not die",
				       r->target);
		mmdrop(*mm);
		*mm = NULL;
		put_task_struct(p);
		return NULL;
	}
	return p;
}

/* A VICTIM nest, its PID as @vnr and UID as @uid. */
int wsmon_put_victim(struct sk_buff *skb, const struct wsmon_victim *v, pid_t vnr,
		     u32 uid)
{
	struct nlattr *nest = nla_nest_start(skb, WSMON_A_VICTIM);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, WSMON_PROC_A_PID, vnr) ||
	    nla_put_string(skb, WSMON_PROC_A_COMM, v->comm) ||
	    nla_put_u32(skb, WSMON_PROC_A_UID, uid) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_RSS, (u64)v->rss << PAGE_SHIFT,
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_SWAP, (u64)v->swap << PAGE_SHIFT,
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_WORKING_SET, v->wss << PAGE_SHIFT,
			      WSMON_PROC_A_PAD) ||
	    nla_put_s32(skb, WSMON_PROC_A_OOM_SCORE_ADJ, v->adj) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_SCORE, v->score, WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_START, v->start, WSMON_PROC_A_PAD) ||
	    (v->killed && nla_put_flag(skb, WSMON_PROC_A_KILLED)) ||
	    (v->dying && nla_put_flag(skb, WSMON_PROC_A_DYING)) ||
	    (v->secondary_mmu && nla_put_flag(skb, WSMON_PROC_A_SECONDARY_MMU))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Choose (or find) the victim and signal it; under wsmon_kill_lock.
 * Returns 0 with the victim in @v (killed, dying or a dry run's choice).
 */
static int wsmon_kill_one(const struct wsmon_kill_req *r, struct wsmon_victim *v,
			  struct netlink_ext_ack *extack)
{
	struct task_struct *victim;
	struct mm_struct *mm = NULL;
	struct pid *tgid = NULL;
	int err;

	if (!r->target && wsmon_last_unreaped(v))
		return 0;
	/*
	 * Under RCU alone: a kill never waits for the sampler, which waits
	 * between processes until the kill has chosen.
	 */
	wsmon_sampler_hold();
	if (r->target)
		victim = wsmon_find_target(r, v, &mm, extack);
	else
		victim = wsmon_choose_victim(r, v, &mm);
	wsmon_sampler_release();
	if (!victim) {
		if (!r->target)
			NL_SET_ERR_MSG(extack, "no process may be killed: all are exempt");
		return -ESRCH;
	}
	v->policy = r->policy;
	v->signal = r->signal;
	err = 0;
	/* a dying victim gets no signal: its memory is on its way back */
	if (!r->dry_run && !v->dying) {
		/*
		 * To the whole thread group, as the OOM killer does: a signal
		 * sent to a leader that has exited would be lost.  The struct
		 * pid of a pinned task names it alone: a reused PID number
		 * gets a new one.
		 */
		rcu_read_lock();
		tgid = get_pid(task_tgid(victim));	/* NULL once released */
		rcu_read_unlock();
		err = kill_pid(tgid, r->signal, 1);
		v->killed = !err;
	}
	if (v->killed) {
		atomic64_inc(&wsmon_glob.kills[r->policy]);
		pr_info("%s PID %d (%s), policy %u, score %llu, rss %lu pages\n",
			r->signal == SIGKILL ? "killed" : "sent SIGTERM to",
			v->pid, v->comm, v->policy, v->score, v->rss);
		if (r->signal == SIGKILL && mm) {
			wsmon_kill_sharers(victim, mm, v);
			wsmon_last_set(v, tgid, mm);
		}
	}
	put_pid(tgid);
	if (mm)
		mmdrop(mm);
	put_task_struct(victim);
	return err;
}

/* The reply: what was chosen and done. */
static int wsmon_kill_reply(struct sk_buff *skb, struct genl_info *info,
			    const struct wsmon_kill_req *r, const struct wsmon_victim *v)
{
	struct wsmon_viewer view;
	struct sk_buff *msg;
	void *hdr;
	int err = 0;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	/* KILL needs CAP_SYS_ADMIN, so the viewer sees every victim */
	wsmon_viewer_get(&view, skb);
	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr || nla_put_u32(msg, WSMON_A_POLICY, r->policy) ||
	    nla_put_u32(msg, WSMON_A_SIGNAL, r->signal) ||
	    (r->dry_run && nla_put_flag(msg, WSMON_A_DRY_RUN)) ||
	    wsmon_put_victim(msg, v, v->vnr, wsmon_viewer_uid(&view, v->uid)) ||
	    (v->nr_also && wsmon_put_u32_list(msg, WSMON_A_ALSO_KILLED, v->also,
					      min_t(u32, v->nr_also, ARRAY_SIZE(v->also)))))
		err = -EMSGSIZE;
	wsmon_viewer_put(&view);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int wsmon_cmd_kill(struct sk_buff *skb, struct genl_info *info)
{
	struct wsmon_kill_req *r = &wsmon_kill.req;
	struct wsmon_victim *v = &wsmon_kill.victim;
	int err;

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "killing needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	mutex_lock(&wsmon_kill_lock);
	memset(r, 0, sizeof(*r));
	memset(v, 0, sizeof(*v));
	err = wsmon_kill_parse(info->attrs, r, info->extack) ?:
	      wsmon_kill_one(r, v, info->extack);
	if (!err) {
		/* best-effort once the signal is sent: the kill stands */
		err = wsmon_kill_reply(skb, info, r, v);
		if (err && v->killed)
			NL_SET_ERR_MSG_FMT_MOD(info->extack,
					       "PID %d killed, but no reply (%d)",
					       v->vnr, err);
		if (v->killed)
			wsmon_event_kill(v);
	}
	mutex_unlock(&wsmon_kill_lock);
	return err;
}

/* On unload: the last victim's mm. */
void wsmon_kill_exit(void)
{
	wsmon_last_drop();
}
