// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_PROC: per-process figures, one (doit) or all (dumpit).
 *
 * Which pages a process touches and when is an access-pattern side
 * channel, so a caller without CAP_SYS_ADMIN sees only the processes of
 * its own effective UID.  PIDs are those of the caller's PID namespace; a
 * process it cannot name there is not shown.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>

#include "wsmon.h"

bool wsmon_may_see(const struct sk_buff *skb, const struct wsmon_proc *proc)
{
	return uid_eq(proc->uid, current_euid()) ||
	       netlink_capable(skb, CAP_SYS_ADMIN);
}

static u64 wsmon_bytes(u64 pages)
{
	return pages << PAGE_SHIFT;
}

/* Who a process is, and its pages in swap; the caller holds wsmon_lock. */
int wsmon_put_proc_id(struct sk_buff *skb, const struct wsmon_proc *proc,
		      pid_t vnr)
{
	if (nla_put_u32(skb, WSMON_PROC_A_PID, vnr) ||
	    nla_put_string(skb, WSMON_PROC_A_COMM, proc->comm) ||
	    nla_put_u32(skb, WSMON_PROC_A_UID,
			from_kuid_munged(current_user_ns(), proc->uid)) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_SWAP,
			      wsmon_bytes(proc->st.swap_pages), WSMON_PROC_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* One PROC nest; the caller holds wsmon_lock. */
static int wsmon_put_proc(struct sk_buff *skb, const struct wsmon_proc *proc,
			  pid_t vnr, bool histograms)
{
	const struct wsmon_proc_stats *st = &proc->st;
	u64 wss[WSMON_MAX_WINDOWS];
	struct nlattr *nest;
	u32 i;

	for (i = 0; i < st->nr_windows; i++)
		wss[i] = wsmon_bytes(st->ws_pages[i]);

	nest = nla_nest_start(skb, WSMON_A_PROC);
	if (!nest)
		return -EMSGSIZE;
	if (wsmon_put_proc_id(skb, proc, vnr) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_PASSES, st->passes, WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_RSS, wsmon_bytes(st->rss_pages),
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_PRESENT, wsmon_bytes(st->present_pages),
			      WSMON_PROC_A_PAD) ||
	    wsmon_put_u32_list(skb, WSMON_PROC_A_WINDOWS, st->windows, st->nr_windows) ||
	    wsmon_put_u64_list(skb, WSMON_PROC_A_WSS, wss, st->nr_windows) ||
	    nla_put_u32(skb, WSMON_PROC_A_KNEE_SAMPLES, st->knee_samples) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_KNEE, wsmon_bytes(st->knee_pages),
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_MAJFLT_RATE, st->majflt_rate_milli,
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_MINFLT_RATE, st->minflt_rate_milli,
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_REUSE_SAMPLES, st->reuse_samples,
			      WSMON_PROC_A_PAD))
		goto cancel;
	if (st->has_thrash_ns &&
	    nla_put_u64_64bit(skb, WSMON_PROC_A_THRASH_NS, st->thrash_ns, WSMON_PROC_A_PAD))
		goto cancel;
	if (histograms &&
	    (nla_put(skb, WSMON_PROC_A_IDLE_HIST, sizeof(st->idle_hist), st->idle_hist) ||
	     nla_put(skb, WSMON_PROC_A_REUSE_HIST, sizeof(st->reuse), st->reuse)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int wsmon_cmd_get_proc(struct sk_buff *skb, struct genl_info *info)
{
	bool histograms = nla_get_flag(info->attrs[WSMON_A_HISTOGRAMS]);
	struct wsmon_proc *proc;
	struct sk_buff *msg;
	struct pid *pid;
	u32 vnr;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, WSMON_A_PID))
		return -EINVAL;
	vnr = nla_get_u32(info->attrs[WSMON_A_PID]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&wsmon_lock);
	rcu_read_lock();
	pid = find_vpid(vnr);
	proc = pid ? xa_load(&wsmon_procs, pid_nr(pid)) : NULL;
	rcu_read_unlock();
	if (!proc || proc->pid != pid) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "PID %u is not a tracked process", vnr);
		err = -ESRCH;
		goto err_unlock;
	}
	if (!wsmon_may_see(skb, proc)) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "PID %u belongs to another user (needs CAP_SYS_ADMIN)",
				       vnr);
		err = -EPERM;
		goto err_unlock;
	}
	hdr = wsmon_genl_reply_put(msg, info);
	err = hdr ? wsmon_put_proc(msg, proc, vnr, histograms) : -EMSGSIZE;
	mutex_unlock(&wsmon_lock);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	mutex_unlock(&wsmon_lock);
err_free:
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: the global PID to resume from */
int wsmon_dump_proc(struct sk_buff *skb, struct netlink_callback *cb)
{
	bool histograms = nla_get_flag(wsmon_dump_attrs(cb)[WSMON_A_HISTOGRAMS]);
	struct pid_namespace *ns = task_active_pid_ns(current);
	unsigned long idx = cb->args[0];
	struct wsmon_proc *proc;
	int err = 0, done = 0;

	mutex_lock(&wsmon_lock);
	xa_for_each_start(&wsmon_procs, idx, proc, cb->args[0]) {
		pid_t vnr = pid_nr_ns(proc->pid, ns);
		void *hdr;

		if (vnr <= 0 || !wsmon_may_see(cb->skb, proc))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &wsmon_genl_family,
				  NLM_F_MULTI, WSMON_CMD_GET_PROC);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		err = wsmon_put_proc(skb, proc, vnr, histograms);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		done++;
	}
	mutex_unlock(&wsmon_lock);
	if (err && !done)
		return err;	/* one record does not fit an empty message */
	cb->args[0] = err ? idx : ULONG_MAX;
	return skb->len;
}
