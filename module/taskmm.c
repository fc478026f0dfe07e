// SPDX-License-Identifier: GPL-2.0
/*
 * A process's memory, found as the kernel's OOM killer finds it.
 *
 * A process whose main thread called pthread_exit() keeps running in its
 * other threads, but its leader has no mm: reading only the leader would
 * let a memory hog hide from the sampler and from KILL.  The kernel's
 * find_lock_task_mm() and process_shares_mm() are not exported, so the
 * same walks over the thread group are done here.
 */
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "core.h"

/*
 * Call @fn with the first thread of @p's group that has an mm, and that
 * mm, under the thread's task_lock (so the mm stays; @fn must not sleep).
 * False when no thread has one (the process is exiting).
 */
bool wsmon_with_task_mm(struct task_struct *p, wsmon_mm_fn fn, void *arg)
{
	struct task_struct *t;
	bool found = false;

	rcu_read_lock();
	for_each_thread(p, t) {
		task_lock(t);
		if (t->mm) {
			fn(t, t->mm, arg);
			found = true;
		}
		task_unlock(t);
		if (found)
			break;
	}
	rcu_read_unlock();
	return found;
}

static void wsmon_mmget(struct task_struct *t, struct mm_struct *mm, void *arg)
{
	if (!(t->flags & PF_KTHREAD)) {
		mmget(mm);
		*(struct mm_struct **)arg = mm;
	}
}

/* @p's mm with a reference (mmput() it), whichever thread holds it. */
struct mm_struct *wsmon_get_task_mm(struct task_struct *p)
{
	struct mm_struct *mm = NULL;

	wsmon_with_task_mm(p, wsmon_mmget, &mm);
	return mm;
}

/* Does process @p run in @mm?  The caller holds rcu_read_lock(). */
bool wsmon_shares_mm(struct task_struct *p, struct mm_struct *mm)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		struct mm_struct *t_mm = READ_ONCE(t->mm);

		if (t_mm)
			return t_mm == mm;
	}
	return false;
}

/*
 * Is process @p dying, so that its memory is on its way back without a
 * signal from us?  @t is its thread that holds the mm.
 * The test of the kernel's __task_will_free_mem(), plus a SIGKILL that is
 * pending but not yet acted on.  A dumping core is not dying yet.
 */
bool wsmon_task_dying(struct task_struct *p, struct task_struct *t)
{
	struct signal_struct *sig = p->signal;

	if (sig->core_state)
		return false;
	if (sig->flags & SIGNAL_GROUP_EXIT)
		return true;
	if (fatal_signal_pending(t))
		return true;
	return thread_group_empty(p) && (p->flags & PF_EXITING);
}
