// SPDX-License-Identifier: GPL-2.0
/*
 * Who may see a process: /proc's rule for smaps and pagemap,
 * ptrace_may_access(PTRACE_MODE_READ_FSCREDS), open-coded because it is
 * not exported.  As __ptrace_may_access() and commoncap's
 * cap_ptrace_access_check() decide, the viewer must
 * - have its fsuid equal to the target's real, effective and saved UIDs
 *   and its fsgid to the target's three GIDs, or CAP_SYS_PTRACE over the
 *   target's user namespace;
 * - find the target dumpable (SUID_DUMP_USER), or have CAP_SYS_PTRACE
 *   over its mm's user namespace: a setuid program the viewer started,
 *   or its own ssh-agent that made itself non-dumpable, stays hidden;
 * - be in the target's user namespace and hold every capability the
 *   target may use (its permitted set within the viewer's effective
 *   one), or have CAP_SYS_PTRACE over it: a same-UID process holding
 *   ambient capabilities stays hidden, and so does everything outside
 *   from code inside `unshare -Ur` or a rootless container.
 * Capabilities are judged as commoncap's cap_capable() does, for the
 * viewer's credentials.  CAP_SYS_ADMIN in the initial user namespace
 * sees everything.  The LSMs' hooks (SELinux, AppArmor, Smack, Yama)
 * are not reachable from a module and are not consulted; Yama restricts
 * only attaching, not reading.
 *
 * The viewer's credentials are those of whoever opened the socket (as
 * netlink_capable() uses them), and its PID namespace that of the
 * requester when the request or dump starts: a dump's later batches run
 * in the context of whoever reads the socket, which must not matter.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/net.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched/coredump.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <net/sock.h>

#include "wsmon.h"

void wsmon_viewer_get(struct wsmon_viewer *v, const struct sk_buff *skb)
{
	struct sock *sk = NETLINK_CB(skb).sk;
	struct socket *sock = sk ? sk->sk_socket : NULL;

	if (sock && sock->file)
		v->cred = get_cred(sock->file->f_cred);
	else
		v->cred = get_current_cred();
	v->ns = get_pid_ns(task_active_pid_ns(current));
	v->admin = netlink_capable(skb, CAP_SYS_ADMIN);
}

void wsmon_viewer_put(struct wsmon_viewer *v)
{
	if (v->cred)
		put_cred(v->cred);
	if (v->ns)
		put_pid_ns(v->ns);
	v->cred = NULL;
	v->ns = NULL;
}

/* For a dump: allocated at .start, freed at .done. */
struct wsmon_viewer *wsmon_viewer_new(const struct sk_buff *skb)
{
	struct wsmon_viewer *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (v)
		wsmon_viewer_get(v, skb);
	return v;
}

void wsmon_viewer_free(struct wsmon_viewer *v)
{
	if (v) {
		wsmon_viewer_put(v);
		kfree(v);
	}
}

static bool wsmon_same_ids(const struct cred *c, const struct cred *t)
{
	return uid_eq(c->fsuid, t->euid) && uid_eq(c->fsuid, t->suid) &&
	       uid_eq(c->fsuid, t->uid) && gid_eq(c->fsgid, t->egid) &&
	       gid_eq(c->fsgid, t->sgid) && gid_eq(c->fsgid, t->gid);
}

/*
 * Does @cred hold @cap over @ns?  commoncap's cap_capable(): its
 * effective set in its own namespace, every capability in a namespace
 * its euid owns and that is a child of its own, nothing elsewhere.
 */
static bool wsmon_cred_capable(const struct cred *cred, struct user_namespace *ns, int cap)
{
	for (;;) {
		if (ns == cred->user_ns)
			return cap_raised(cred->cap_effective, cap);
		if (ns->level <= cred->user_ns->level)
			return false;
		if (ns->parent == cred->user_ns && uid_eq(ns->owner, cred->euid))
			return true;
		ns = ns->parent;
	}
}

/* ptrace_may_access(PTRACE_MODE_READ_FSCREDS) of @t by @c, LSMs aside. */
static bool wsmon_may_read(const struct cred *c, struct task_struct *t, struct mm_struct *mm)
{
	const struct cred *tc = __task_cred(t);

	if (!wsmon_same_ids(c, tc) && !wsmon_cred_capable(c, tc->user_ns, CAP_SYS_PTRACE))
		return false;
	if (mm && !wsmon_dumpable_by_owner(t, mm) &&
	    !wsmon_cred_capable(c, wsmon_dump_user_ns(t, mm), CAP_SYS_PTRACE))
		return false;
	if (c->user_ns == tc->user_ns && cap_issubset(tc->cap_permitted, c->cap_effective))
		return true;
	return wsmon_cred_capable(c, tc->user_ns, CAP_SYS_PTRACE);
}

struct wsmon_see {
	const struct cred *cred;
	bool ok;
};

static void wsmon_see_mm(struct task_struct *t, struct mm_struct *mm, void *arg)
{
	struct wsmon_see *s = arg;

	s->ok = wsmon_may_read(s->cred, t, mm);
}

/*
 * May @v see the process @pid now?  Its credentials are read live, from
 * the leader and from the thread whose mm the figures come from (they
 * differ once the leader has called pthread_exit()).
 */
bool wsmon_may_see(const struct wsmon_viewer *v, struct pid *pid)
{
	struct wsmon_see s = { .cred = v->cred, .ok = true };
	struct task_struct *task;
	bool ok;

	if (v->admin)
		return true;
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);
	ok = task && wsmon_may_read(v->cred, task, NULL);
	if (ok) {
		wsmon_with_task_mm(task, wsmon_see_mm, &s);
		ok = s.ok;
	}
	rcu_read_unlock();
	return ok;
}

/*
 * The real UID of @pid now, as the rule above saw it; @fallback (the
 * sampler's copy, up to a sample old: a process that just switched from
 * root to a user would show root) when it has exited.
 */
kuid_t wsmon_pid_uid(struct pid *pid, kuid_t fallback)
{
	struct task_struct *task;
	kuid_t uid = fallback;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);
	if (task)
		uid = task_uid(task);
	rcu_read_unlock();
	return uid;
}

/* @pid as the viewer names it; 0 when its namespace cannot. */
pid_t wsmon_viewer_pid(const struct wsmon_viewer *v, struct pid *pid)
{
	return pid_nr_ns(pid, v->ns);
}

u32 wsmon_viewer_uid(const struct wsmon_viewer *v, kuid_t uid)
{
	return from_kuid_munged(v->cred->user_ns, uid);
}
