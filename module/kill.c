// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_KILL: choose the process to kill by policy and kill it in the
 * kernel.  The victim's task_struct is pinned from the moment it is
 * chosen until SIGKILL is sent, so no PID reuse in between can redirect
 * the signal (a user-space killer that chooses by PID cannot promise that).
 *
 * Never chosen: kernel threads, init, processes with oom_score_adj -1000,
 * processes already exiting or skipped by the OOM reaper, the caller, and
 * what the request protects by PID or command name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/mm.h>
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

struct wsmon_kill_req {
	u32 policy;
	bool dry_run;
	u32 nr_pids, nr_comms;
	u32 pids[WSMON_MAX_PROTECT];
	char comms[WSMON_MAX_PROTECT][TASK_COMM_LEN];
};

static int wsmon_kill_parse(struct nlattr **tb, struct wsmon_kill_req *r,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem;

	r->policy = tb[WSMON_A_POLICY] ? nla_get_u32(tb[WSMON_A_POLICY]) :
					 WSMON_POLICY_BADNESS;
	r->dry_run = nla_get_flag(tb[WSMON_A_DRY_RUN]);
	if (tb[WSMON_A_PROTECT_PIDS])
		nla_for_each_nested(a, tb[WSMON_A_PROTECT_PIDS], rem) {
			if (nla_type(a) != WSMON_LIST_ENTRY || nla_len(a) != sizeof(u32)) {
				NL_SET_ERR_MSG_ATTR(extack, a, "protected PIDs are u32 entries");
				return -EINVAL;
			}
			if (r->nr_pids == WSMON_MAX_PROTECT) {
				NL_SET_ERR_MSG_ATTR(extack, a, "at most 64 protected PIDs");
				return -E2BIG;
			}
			r->pids[r->nr_pids++] = nla_get_u32(a);
		}
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

static bool wsmon_protected(const struct wsmon_kill_req *r, struct task_struct *p)
{
	pid_t vnr = task_tgid_vnr(p);
	u32 i;

	for (i = 0; i < r->nr_pids; i++)
		if (vnr > 0 && r->pids[i] == (u32)vnr)
			return true;
	for (i = 0; i < r->nr_comms; i++)
		if (!strncmp(r->comms[i], p->comm, TASK_COMM_LEN))
			return true;
	return false;
}

/* The figures a policy ranks by; false when @p may not be chosen. */
static bool wsmon_kill_figures(const struct wsmon_kill_req *r, struct task_struct *p,
			       unsigned long totalpages, struct wsmon_victim *v)
{
	struct wsmon_proc *proc;
	struct mm_struct *mm;

	if (p->flags & (PF_KTHREAD | PF_EXITING) || is_global_init(p) ||
	    same_thread_group(p, current) || wsmon_protected(r, p))
		return false;
	v->adj = p->signal->oom_score_adj;
	if (v->adj == OOM_SCORE_ADJ_MIN)
		return false;
	task_lock(p);
	mm = p->mm;
	if (!mm || test_bit(MMF_OOM_SKIP, &mm->flags)) {
		task_unlock(p);
		return false;
	}
	v->rss = get_mm_rss(mm);
	v->swap = get_mm_counter(mm, MM_SWAPENTS);
	v->pgtables = mm_pgtables_bytes(mm) >> PAGE_SHIFT;
	task_unlock(p);

	proc = wsmon_proc_lookup(task_tgid(p));
	v->wss = proc ? div_u64(proc->st.demand, WSMON_WEIGHT) : 0;

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
	return true;
}

/*
 * The highest score wins, ties to the larger RSS.  Returns the victim
 * pinned (get_task_struct), or NULL.  The caller holds wsmon_lock.
 */
static struct task_struct *wsmon_choose(const struct wsmon_kill_req *r,
					struct wsmon_victim *best)
{
	/* free swap stands in for total swap, which modules cannot read */
	unsigned long totalpages = totalram_pages() + get_nr_swap_pages();
	struct task_struct *p, *victim = NULL;
	struct wsmon_victim v;

	rcu_read_lock();
	for_each_process(p) {
		memset(&v, 0, sizeof(v));
		if (!wsmon_kill_figures(r, p, totalpages, &v))
			continue;
		if (victim && !wsm_better_victim(v.score, v.rss, best->score, best->rss))
			continue;
		victim = p;
		*best = v;
	}
	if (victim) {
		get_task_struct(victim);
		best->pid = task_tgid_nr(victim);
		best->vnr = task_tgid_vnr(victim);
		best->uid = task_uid(victim);
		get_task_comm(best->comm, victim);
	}
	rcu_read_unlock();
	return victim;
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
	    (v->killed && nla_put_flag(skb, WSMON_PROC_A_KILLED))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int wsmon_cmd_kill(struct sk_buff *skb, struct genl_info *info)
{
	struct wsmon_kill_req *r;
	struct wsmon_viewer view;
	struct task_struct *victim;
	struct wsmon_victim v = { };
	struct sk_buff *msg = NULL;
	void *hdr;
	int err;

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "killing needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = wsmon_kill_parse(info->attrs, r, info->extack);
	if (err)
		goto out;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}

	mutex_lock(&wsmon_lock);
	victim = wsmon_choose(r, &v);
	mutex_unlock(&wsmon_lock);
	if (!victim) {
		NL_SET_ERR_MSG(info->extack, "no process may be killed: all are exempt");
		err = -ESRCH;
		goto out;
	}
	v.policy = r->policy;
	if (!r->dry_run) {
		/* the pinned task: a reused PID cannot be hit instead */
		err = send_sig(SIGKILL, victim, 1);
		v.killed = !err;
		if (v.killed)
			pr_info("killed PID %d (%s), policy %u, score %llu, rss %lu pages\n",
				v.pid, v.comm, v.policy, v.score, v.rss);
	}
	put_task_struct(victim);
	if (err)
		goto out;

	/* KILL needs CAP_SYS_ADMIN, so the viewer sees every victim */
	wsmon_viewer_get(&view, skb);
	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr || nla_put_u32(msg, WSMON_A_POLICY, r->policy) ||
	    (r->dry_run && nla_put_flag(msg, WSMON_A_DRY_RUN)) ||
	    wsmon_put_victim(msg, &v, v.vnr, wsmon_viewer_uid(&view, v.uid)))
		err = -EMSGSIZE;
	wsmon_viewer_put(&view);
	if (err)
		goto out;
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	msg = NULL;
	if (v.killed)
		wsmon_event_kill(&v);
out:
	nlmsg_free(msg);
	kfree(r);
	return err;
}
