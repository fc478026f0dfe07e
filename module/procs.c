// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_PROC: per-process figures, one (doit) or all (dumpit).
 *
 * Which pages a process touches and when is an access-pattern side
 * channel, so a process is shown only to viewers /proc would show its
 * smaps to (viewer.c).  PIDs are those of the requester's PID namespace;
 * a process it cannot name there is not shown.
 *
 * The table is read under RCU alone, each entry within its seqcount
 * (core.h), never under wsmon_lock: however many readers there are, and
 * however long one is preempted (on PREEMPT_RT a waiter does not boost a
 * holder of lower priority), they hold nothing the sampler waits for.
 */
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "wsmon.h"

static u64 wsmon_bytes(u64 pages)
{
	return pages << PAGE_SHIFT;
}

/*
 * The tracked process @vnr names in the viewer's namespace, if the viewer
 * may see it; else NULL, *@err and an extack message.  The caller holds
 * wsmon_lock or RCU.  A process the viewer may not see is answered as one
 * that is not there (-ESRCH, the same message), as /proc does under
 * hidepid: nothing tells it apart from an untracked PID.
 */
struct wsmon_proc *wsmon_proc_find(const struct wsmon_viewer *v, u32 vnr,
				   struct netlink_ext_ack *extack, int *err)
{
	struct wsmon_proc *proc = NULL;
	struct pid *pid;

	rcu_read_lock();
	pid = find_pid_ns(vnr, v->ns);
	if (pid)
		proc = wsmon_proc_lookup(pid);
	rcu_read_unlock();
	if (proc && !wsmon_may_see(v, proc->pid))
		proc = NULL;
	if (!proc) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "PID %u is not a tracked process you may see",
				       vnr);
		*err = -ESRCH;
	}
	return proc;
}

/*
 * Who a process is, and its pages in swap; the caller holds wsmon_lock,
 * or reads within proc->seq.
 */
int wsmon_put_proc_id(struct sk_buff *skb, const struct wsmon_viewer *v,
		      const struct wsmon_proc *proc, pid_t vnr)
{
	if (nla_put_u32(skb, WSMON_PROC_A_PID, vnr) ||
	    nla_put_string(skb, WSMON_PROC_A_COMM, proc->comm) ||
	    nla_put_u32(skb, WSMON_PROC_A_UID,
			wsmon_viewer_uid(v, wsmon_pid_uid(proc->pid, proc->uid))) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_SWAP,
			      wsmon_bytes(proc->st.swap_pages), WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_START, proc->start, WSMON_PROC_A_PAD) ||
	    (proc->st.swap_capped && nla_put_flag(skb, WSMON_PROC_A_SWAP_CAPPED)))
		return -EMSGSIZE;
	return 0;
}

/* How many samples old a process's figures are. */
static u32 wsmon_stale(const struct wsmon_proc *proc)
{
	u64 samples = READ_ONCE(wsmon_glob.samples);

	/* a pass may be published before the sample it ended in is counted */
	if (!proc->st.passes || proc->st.done_sample >= samples)
		return 0;
	return min_t(u64, samples - proc->st.done_sample, U32_MAX);
}

/* The reuse counts, kept as u32, sent as the u64 array the UAPI defines. */
static_assert(WSMON_REUSE_SLOTS == WSM_NR);

static int wsmon_put_reuse(struct sk_buff *skb, const u32 *reuse)
{
	struct nlattr *a;
	u8 *v;
	u64 x;
	u32 i;

	a = nla_reserve(skb, WSMON_PROC_A_REUSE_HIST, WSMON_REUSE_SLOTS * sizeof(x));
	if (!a)
		return -EMSGSIZE;
	v = nla_data(a);	/* 4-byte aligned: copy, do not store */
	for (i = 0; i < WSMON_REUSE_SLOTS; i++) {
		x = reuse[i];
		memcpy(v + i * sizeof(x), &x, sizeof(x));
	}
	return 0;
}

/*
 * One PROC nest, read within proc->seq by wsmon_put_proc().  What
 * depends on the reader or on the moment is put here, the rest copied
 * from the record written when the figures were published (procrec.c).
 */
static int wsmon_put_proc_once(struct sk_buff *skb, const struct wsmon_viewer *v,
			       const struct wsmon_proc *proc, pid_t vnr, bool histograms)
{
	const struct wsmon_proc_stats *st = &proc->st;
	struct nlattr *nest;

	nest = nla_nest_start(skb, WSMON_A_PROC);
	if (!nest)
		return -EMSGSIZE;
	if (wsmon_put_proc_id(skb, v, proc, vnr) ||
	    (proc->cgroup_id &&
	     nla_put_u64_64bit(skb, WSMON_PROC_A_CGROUP_ID, proc->cgroup_id, WSMON_PROC_A_PAD)) ||
	    nla_put_u32(skb, WSMON_PROC_A_STALE, wsmon_stale(proc)) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_FILE_CACHE, wsmon_bytes(proc->file_cache),
			      WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_FILE_WORKING_SET,
			      wsmon_bytes(proc->file_used), WSMON_PROC_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_FILE_UNKNOWN, wsmon_bytes(proc->file_unknown),
			      WSMON_PROC_A_PAD) ||
	    nla_append(skb, proc->rec_len, proc->rec))
		goto cancel;
	if (histograms &&
	    (nla_put(skb, WSMON_PROC_A_IDLE_HIST, sizeof(st->idle_hist), st->idle_hist) ||
	     wsmon_put_reuse(skb, st->reuse)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * One PROC nest, under RCU: put again when a writer changed the entry
 * meanwhile (a torn copy could even mix two records' lengths).
 */
static int wsmon_put_proc(struct sk_buff *skb, const struct wsmon_viewer *v,
			  const struct wsmon_proc *proc, pid_t vnr, bool histograms)
{
	unsigned char *mark = skb_tail_pointer(skb);
	unsigned int seq;
	int err;

	for (;;) {
		seq = read_seqcount_begin(&proc->seq);
		err = wsmon_put_proc_once(skb, v, proc, vnr, histograms);
		if (!read_seqcount_retry(&proc->seq, seq))
			return err;
		nlmsg_trim(skb, mark);
	}
}

int wsmon_cmd_get_proc(struct sk_buff *skb, struct genl_info *info)
{
	bool histograms = nla_get_flag(info->attrs[WSMON_A_HISTOGRAMS]);
	struct wsmon_viewer v;
	struct wsmon_proc *proc;
	struct sk_buff *msg;
	void *hdr = NULL;
	u32 vnr;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, WSMON_A_PID))
		return -EINVAL;
	vnr = nla_get_u32(info->attrs[WSMON_A_PID]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	wsmon_viewer_get(&v, skb);

	rcu_read_lock();
	proc = wsmon_proc_find(&v, vnr, info->extack, &err);
	if (proc) {
		hdr = wsmon_genl_reply_put(msg, info);
		err = hdr ? wsmon_put_proc(msg, &v, proc, vnr, histograms) : -EMSGSIZE;
	}
	rcu_read_unlock();
	wsmon_viewer_put(&v);
	return wsmon_genl_reply_end(msg, hdr, info, err);
}

/* cb->args[0]: the global PID to resume from; cb->args[1]: the viewer */
int wsmon_proc_start(struct netlink_callback *cb)
{
	struct wsmon_viewer *v = wsmon_viewer_new(cb->skb);

	if (!v)
		return -ENOMEM;
	cb->args[0] = 0;
	cb->args[1] = (long)v;
	return 0;
}

int wsmon_proc_done(struct netlink_callback *cb)
{
	wsmon_viewer_free((struct wsmon_viewer *)cb->args[1]);
	return 0;
}

#define WSMON_DUMP_BATCH	128

/*
 * In a walk of wsmon_procs under wsmon_lock, at the entry @proc of index
 * @idx: every WSMON_DUMP_BATCH entries looked at (*@looked), drop the
 * lock and take it again, so that no dump holds off the sampler or other
 * readers for long (a viewer who may see few entries looks at many).
 * The walk goes on by index, nothing held across: returns the entry now
 * at @idx, NULL when it went meanwhile.
 */
struct wsmon_proc *wsmon_dump_breathe(struct wsmon_proc *proc, unsigned long idx,
				      u32 *looked)
{
	if (++*looked % WSMON_DUMP_BATCH)
		return proc;
	mutex_unlock(&wsmon_lock);
	cond_resched();
	mutex_lock(&wsmon_lock);
	return xa_load(&wsmon_procs, idx);
}

/* The same under RCU, which a dump must not hold off a grace period. */
static struct wsmon_proc *wsmon_rcu_breathe(struct wsmon_proc *proc, unsigned long idx,
					    u32 *looked)
	__must_hold(RCU)
{
	if (++*looked % WSMON_DUMP_BATCH)
		return proc;
	rcu_read_unlock();
	cond_resched();
	rcu_read_lock();
	return xa_load(&wsmon_procs, idx);
}

/* One message of records, read under RCU in batches. */
int wsmon_dump_proc(struct sk_buff *skb, struct netlink_callback *cb)
{
	bool histograms = nla_get_flag(wsmon_dump_attrs(cb)[WSMON_A_HISTOGRAMS]);
	const struct wsmon_viewer *v = (void *)cb->args[1];
	unsigned long idx = cb->args[0];
	struct wsmon_proc *proc;
	int err = 0, done = 0;
	u32 looked = 0;

	rcu_read_lock();
	xa_for_each_start(&wsmon_procs, idx, proc, cb->args[0]) {
		pid_t vnr;
		void *hdr;

		proc = wsmon_rcu_breathe(proc, idx, &looked);
		if (!proc)
			continue;
		vnr = wsmon_viewer_pid(v, proc->pid);
		if (vnr <= 0 || !wsmon_may_see(v, proc->pid))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &wsmon_genl_family,
				  NLM_F_MULTI, WSMON_CMD_GET_PROC);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		err = wsmon_put_proc(skb, v, proc, vnr, histograms);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		done++;
	}
	rcu_read_unlock();
	if (err && !done)
		return err;	/* one record does not fit an empty message */
	cb->args[0] = err ? idx : ULONG_MAX;
	return skb->len;
}
