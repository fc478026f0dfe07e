// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_SWAP and WSMON_CMD_GET_SWAPMAP: the swap map.
 *
 * GET_SWAP sums the published swap extents of every process per swap
 * area: slots in use by process pages (shared slots once), swap PTEs,
 * owners, runs of consecutive slots (how fragmented the area is), the
 * lowest and highest slot, and the largest owners the caller may see.
 * GET_SWAPMAP dumps the extents themselves.  Pages in swap that no
 * process maps (shmem and tmpfs pages, the swap cache) are not seen: the
 * map is built from page tables.
 */
#include <linux/pid_namespace.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "wsmon.h"

#define WSMON_SWAP_TYPES	32	/* MAX_SWAPFILES is less */
#define WSMON_SWAP_TOP		5

struct wsmon_area {
	u64 mapped;
	u32 owners;
	u64 slots, runs, lowest, highest;
	struct {
		struct wsmon_proc *proc;
		u64 pages;
	} top[WSMON_SWAP_TOP];
};

static int wsmon_slot_cmp(const void *a, const void *b)
{
	const struct wsmon_swapext *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
}

static void wsmon_area_top(struct wsmon_area *a, struct wsmon_proc *proc, u64 pages)
{
	int i, j;

	for (i = 0; i < WSMON_SWAP_TOP; i++)
		if (!a->top[i].proc || pages > a->top[i].pages)
			break;
	if (i == WSMON_SWAP_TOP)
		return;
	for (j = WSMON_SWAP_TOP - 1; j > i; j--)
		a->top[j] = a->top[j - 1];
	a->top[i].proc = proc;
	a->top[i].pages = pages;
}

/*
 * Every extent into @all (room for @max), per-process figures into
 * @areas; under wsmon_lock.  Returns the extents copied.
 */
static long wsmon_swap_gather(const struct sk_buff *skb, struct wsmon_area *areas,
			      struct wsmon_swapext *all, u64 max)
{
	struct wsmon_proc *proc;
	unsigned long idx;
	u64 n = 0, i;

	xa_for_each(&wsmon_procs, idx, proc) {
		const struct wsmon_swapmap *map = proc->swapmap;
		u64 count[WSMON_SWAP_TYPES] = { 0 };
		u32 t;

		if (!map)
			continue;
		if (n + map->nr > max)
			return -EAGAIN;
		for (i = 0; i < map->nr; i++) {
			t = map->ext[i].type;
			if (t >= WSMON_SWAP_TYPES)
				continue;
			count[t] += map->ext[i].pages;
			all[n++] = map->ext[i];
		}
		for (t = 0; t < WSMON_SWAP_TYPES; t++) {
			if (!count[t])
				continue;
			areas[t].mapped += count[t];
			areas[t].owners++;
			if (wsmon_may_see(skb, proc))
				wsmon_area_top(&areas[t], proc, count[t]);
		}
	}
	return n;
}

/* Distinct slots and runs of consecutive slots, from extents sorted by slot. */
static void wsmon_swap_union(struct wsmon_area *areas, const struct wsmon_swapext *e,
			     u64 n)
{
	struct wsmon_area *a = NULL;
	u64 i, end = 0, e_end;
	u32 type = U32_MAX;

	for (i = 0; i < n; i++) {
		e_end = e[i].offset + e[i].pages;
		if (e[i].type != type) {
			type = e[i].type;
			a = &areas[type];
			a->lowest = e[i].offset;
			a->slots += e[i].pages;
			a->runs++;
			end = e_end;
		} else if (e[i].offset > end) {
			a->slots += e[i].pages;
			a->runs++;
			end = e_end;
		} else if (e_end > end) {
			a->slots += e_end - end;
			end = e_end;
		}
		a->highest = max(a->highest, end - 1);
	}
}

static int wsmon_put_area(struct sk_buff *skb, const struct wsmon_area *a, u32 type)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct nlattr *nest, *top, *one;
	int i;

	nest = nla_nest_start(skb, WSMON_A_SWAP_AREA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, WSMON_SWAP_AREA_A_TYPE, type) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_AREA_A_SLOTS, a->slots, WSMON_SWAP_AREA_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_AREA_A_MAPPED, a->mapped, WSMON_SWAP_AREA_A_PAD) ||
	    nla_put_u32(skb, WSMON_SWAP_AREA_A_OWNERS, a->owners) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_AREA_A_RUNS, a->runs, WSMON_SWAP_AREA_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_AREA_A_LOWEST, a->lowest, WSMON_SWAP_AREA_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_AREA_A_HIGHEST, a->highest, WSMON_SWAP_AREA_A_PAD))
		goto cancel;
	top = nla_nest_start(skb, WSMON_SWAP_AREA_A_TOP);
	if (!top)
		goto cancel;
	for (i = 0; i < WSMON_SWAP_TOP && a->top[i].proc; i++) {
		const struct wsmon_proc *proc = a->top[i].proc;
		pid_t vnr = pid_nr_ns(proc->pid, ns);

		if (vnr <= 0)
			continue;
		one = nla_nest_start(skb, WSMON_A_PROC);
		if (!one)
			goto cancel;
		/* the process's pages in this area, not in all of swap */
		if (nla_put_u32(skb, WSMON_PROC_A_PID, vnr) ||
		    nla_put_string(skb, WSMON_PROC_A_COMM, proc->comm) ||
		    nla_put_u32(skb, WSMON_PROC_A_UID,
				from_kuid_munged(current_user_ns(), proc->uid)) ||
		    nla_put_u64_64bit(skb, WSMON_PROC_A_SWAP, a->top[i].pages << PAGE_SHIFT,
				      WSMON_PROC_A_PAD))
			goto cancel;
		nla_nest_end(skb, one);
	}
	nla_nest_end(skb, top);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* The reply, built under wsmon_lock: top owners point into the table. */
static int wsmon_swap_reply(struct sk_buff *msg, const struct sk_buff *skb,
			    struct genl_info *info, struct wsmon_area *areas)
{
	struct wsmon_swapext *all;
	struct wsmon_proc *proc;
	unsigned long idx;
	u64 total = 0;
	long n;
	void *hdr;
	u32 t;

	xa_for_each(&wsmon_procs, idx, proc)
		if (proc->swapmap)
			total += proc->swapmap->nr;
	all = kvmalloc_array(max_t(u64, total, 1), sizeof(*all), GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	n = wsmon_swap_gather(skb, areas, all, total);
	if (n < 0) {
		kvfree(all);
		return n;
	}

	sort(all, n, sizeof(*all), wsmon_slot_cmp, NULL);
	wsmon_swap_union(areas, all, n);
	kvfree(all);

	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr ||
	    wsmon_put_u64(msg, WSMON_A_SWAP_FREE, (u64)get_nr_swap_pages() << PAGE_SHIFT))
		return -EMSGSIZE;
	for (t = 0; t < WSMON_SWAP_TYPES; t++)
		if (areas[t].mapped && wsmon_put_area(msg, &areas[t], t))
			return -EMSGSIZE;
	genlmsg_end(msg, hdr);
	return 0;
}

int wsmon_cmd_get_swap(struct sk_buff *skb, struct genl_info *info)
{
	struct wsmon_area *areas;
	struct sk_buff *msg;
	int err;

	areas = kcalloc(WSMON_SWAP_TYPES, sizeof(*areas), GFP_KERNEL);
	msg = genlmsg_new(WSMON_SWAP_TYPES * 512, GFP_KERNEL);
	if (!areas || !msg) {
		err = -ENOMEM;
		goto out;
	}
	mutex_lock(&wsmon_lock);
	err = wsmon_swap_reply(msg, skb, info, areas);
	mutex_unlock(&wsmon_lock);
	if (!err) {
		err = genlmsg_reply(msg, info);
		msg = NULL;
	}
out:
	nlmsg_free(msg);
	kfree(areas);
	return err;
}

/* GET_SWAPMAP dump state, in cb->args[0] */
struct wsmon_swapdump {
	unsigned long want;		/* the global PID asked for; 0: all */
	unsigned long next;		/* where the search for the next resumes */
	struct pid *pid;		/* the process being sent, reference held */
	struct wsmon_swapmap *map;	/* its map, reference held; may be NULL */
	u64 ext;			/* the next extent to send */
};

int wsmon_swapmap_start(struct netlink_callback *cb)
{
	struct nlattr **tb = wsmon_dump_attrs(cb);
	struct wsmon_swapdump *d;
	unsigned long want = 0;

	if (tb[WSMON_A_PID]) {
		u32 vnr = nla_get_u32(tb[WSMON_A_PID]);
		struct wsmon_proc *proc;
		struct pid *pid;
		int err = 0;

		mutex_lock(&wsmon_lock);
		rcu_read_lock();
		pid = find_vpid(vnr);
		proc = pid ? xa_load(&wsmon_procs, pid_nr(pid)) : NULL;
		rcu_read_unlock();
		if (!proc || proc->pid != pid) {
			NL_SET_ERR_MSG_FMT_MOD(cb->extack, "PID %u is not a tracked process", vnr);
			err = -ESRCH;
		} else if (!wsmon_may_see(cb->skb, proc)) {
			NL_SET_ERR_MSG_FMT_MOD(cb->extack,
					       "PID %u belongs to another user (needs CAP_SYS_ADMIN)",
					       vnr);
			err = -EPERM;
		} else {
			want = pid_nr(pid);
		}
		mutex_unlock(&wsmon_lock);
		if (err)
			return err;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->want = want;
	d->next = want;
	cb->args[0] = (long)d;
	return 0;
}

/* Done with the process being sent. */
static void wsmon_swapdump_drop(struct wsmon_swapdump *d)
{
	wsmon_swapmap_put(d->map);
	put_pid(d->pid);
	d->map = NULL;
	d->pid = NULL;
	d->ext = 0;
}

int wsmon_swapmap_done(struct netlink_callback *cb)
{
	struct wsmon_swapdump *d = (void *)cb->args[0];

	if (d) {
		wsmon_swapdump_drop(d);
		kfree(d);
	}
	return 0;
}

/* The next process to send, under wsmon_lock; NULL when none is left. */
static struct wsmon_proc *wsmon_swapdump_next(struct netlink_callback *cb,
					      struct wsmon_swapdump *d)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct wsmon_proc *proc;
	unsigned long idx;

	if (d->want) {
		proc = d->next == d->want ? xa_load(&wsmon_procs, d->want) : NULL;
		d->next = d->want + 1;
		return proc;
	}
	xa_for_each_start(&wsmon_procs, idx, proc, d->next) {
		if (proc->swapmap && wsmon_may_see(cb->skb, proc) &&
		    pid_nr_ns(proc->pid, ns) > 0) {
			d->next = idx + 1;
			return proc;
		}
	}
	d->next = ULONG_MAX;
	return NULL;
}

/* Header and PROC nest of one message, under wsmon_lock. */
static void *wsmon_swapdump_head(struct sk_buff *skb, struct netlink_callback *cb,
				 const struct wsmon_proc *proc)
{
	pid_t vnr = pid_nr_ns(proc->pid, task_active_pid_ns(current));
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &wsmon_genl_family, NLM_F_MULTI, WSMON_CMD_GET_SWAPMAP);
	if (!hdr)
		return NULL;
	nest = nla_nest_start(skb, WSMON_A_PROC);
	if (!nest || wsmon_put_proc_id(skb, proc, vnr)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	nla_nest_end(skb, nest);
	return hdr;
}

static int wsmon_put_extent(struct sk_buff *skb, const struct wsmon_swapext *e)
{
	struct nlattr *nest = nla_nest_start(skb, WSMON_A_SWAP_EXTENT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, WSMON_SWAP_EXTENT_A_START, e->start,
			      WSMON_SWAP_EXTENT_A_PAD) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_EXTENT_A_PAGES, e->pages,
			      WSMON_SWAP_EXTENT_A_PAD) ||
	    nla_put_u32(skb, WSMON_SWAP_EXTENT_A_TYPE, e->type) ||
	    nla_put_u64_64bit(skb, WSMON_SWAP_EXTENT_A_OFFSET, e->offset,
			      WSMON_SWAP_EXTENT_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * One message per process, or several when its extents do not fit one.
 * The map is a reference-counted snapshot, so a dump that spans many
 * messages is consistent; a process that exits mid-dump is cut short.
 */
int wsmon_dump_swapmap(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct wsmon_swapdump *d = (void *)cb->args[0];
	struct wsmon_proc *proc;
	u64 sent;
	void *hdr;

	for (;;) {
		mutex_lock(&wsmon_lock);
		if (!d->pid) {
			proc = wsmon_swapdump_next(cb, d);
			if (!proc) {
				mutex_unlock(&wsmon_lock);
				break;
			}
			d->pid = get_pid(proc->pid);
			d->map = wsmon_swapmap_get(proc->swapmap);
			d->ext = 0;
		} else {
			proc = xa_load(&wsmon_procs, pid_nr(d->pid));
			if (proc && proc->pid != d->pid)
				proc = NULL;
		}
		hdr = proc ? wsmon_swapdump_head(skb, cb, proc) : NULL;
		mutex_unlock(&wsmon_lock);
		if (!proc) {
			wsmon_swapdump_drop(d);	/* it exited */
			continue;
		}
		if (!hdr)
			break;			/* the message is full */

		for (sent = 0; d->map && d->ext < d->map->nr; d->ext++, sent++)
			if (wsmon_put_extent(skb, &d->map->ext[d->ext]))
				break;
		if (d->map && d->ext < d->map->nr) {
			if (!sent)
				genlmsg_cancel(skb, hdr);
			else
				genlmsg_end(skb, hdr);
			break;			/* more in the next message */
		}
		genlmsg_end(skb, hdr);
		wsmon_swapdump_drop(d);
	}
	return skb->len;
}
