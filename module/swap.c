// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_SWAP and WSMON_CMD_GET_SWAPMAP: the swap map.
 *
 * GET_SWAP reports the summary the sampler builds after each sample
 * (swapmap.c): per swap area, slots in use by process pages (shared slots
 * once), swap PTEs, owners, runs of consecutive slots (how fragmented the
 * area is), the lowest and highest slot, and the largest owners the
 * caller may see.  GET_SWAPMAP dumps the extents themselves.  Pages in
 * swap that no process maps (shmem and tmpfs pages, the swap cache) are
 * not seen: the map is built from page tables.
 */
#include <linux/slab.h>

#include "wsmon.h"

#define WSMON_SWAP_SHOW		5	/* owners shown per area */

static int wsmon_put_owner(struct sk_buff *skb, const struct wsmon_viewer *v,
			   const struct wsmon_swap_area *a, int i)
{
	pid_t vnr = wsmon_viewer_pid(v, a->top[i].pid);
	struct nlattr *one;

	one = nla_nest_start(skb, WSMON_A_PROC);
	if (!one)
		return -EMSGSIZE;
	/* the process's pages in this area, not in all of swap */
	if (nla_put_u32(skb, WSMON_PROC_A_PID, vnr) ||
	    nla_put_string(skb, WSMON_PROC_A_COMM, a->top[i].comm) ||
	    nla_put_u32(skb, WSMON_PROC_A_UID,
			wsmon_viewer_uid(v, wsmon_pid_uid(a->top[i].pid, a->top[i].uid))) ||
	    nla_put_u64_64bit(skb, WSMON_PROC_A_SWAP, a->top[i].pages << PAGE_SHIFT,
			      WSMON_PROC_A_PAD)) {
		nla_nest_cancel(skb, one);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, one);
	return 0;
}

/* One area; the caller holds wsmon_lock. */
static int wsmon_put_area(struct sk_buff *skb, const struct wsmon_viewer *v,
			  const struct wsmon_swap_area *a, u32 type)
{
	struct nlattr *nest, *top;
	int i, shown = 0;

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
	for (i = 0; i < WSMON_SWAP_TOP && a->top[i].pid && shown < WSMON_SWAP_SHOW; i++) {
		if (wsmon_viewer_pid(v, a->top[i].pid) <= 0 ||
		    !wsmon_may_see(v, a->top[i].pid))
			continue;
		if (wsmon_put_owner(skb, v, a, i))
			goto cancel;
		shown++;
	}
	nla_nest_end(skb, top);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int wsmon_cmd_get_swap(struct sk_buff *skb, struct genl_info *info)
{
	const struct wsmon_swap_area *areas;
	struct wsmon_viewer v;
	struct sk_buff *msg;
	void *hdr;
	int err = 0;
	u32 t;

	msg = genlmsg_new(WSMON_SWAP_TYPES * 512, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	wsmon_viewer_get(&v, skb);
	mutex_lock(&wsmon_lock);
	areas = wsmon_glob.swap_areas;
	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr ||
	    wsmon_put_u64(msg, WSMON_A_SWAP_FREE, (u64)get_nr_swap_pages() << PAGE_SHIFT))
		err = -EMSGSIZE;
	for (t = 0; !err && areas && t < WSMON_SWAP_TYPES; t++)
		if (areas[t].mapped)
			err = wsmon_put_area(msg, &v, &areas[t], t);
	mutex_unlock(&wsmon_lock);
	wsmon_viewer_put(&v);
	return wsmon_genl_reply_end(msg, hdr, info, err);
}

/* GET_SWAPMAP dump state, in cb->args[0] */
struct wsmon_swapdump {
	struct wsmon_viewer *viewer;	/* who asked, at the start */
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
	struct wsmon_proc *proc;
	int err = 0;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->viewer = wsmon_viewer_new(cb->skb);
	if (!d->viewer) {
		kfree(d);
		return -ENOMEM;
	}
	if (tb[WSMON_A_PID]) {
		mutex_lock(&wsmon_lock);
		proc = wsmon_proc_find(d->viewer, nla_get_u32(tb[WSMON_A_PID]),
				       cb->extack, &err);
		if (proc)
			d->want = pid_nr(proc->pid);
		mutex_unlock(&wsmon_lock);
		if (err) {
			wsmon_viewer_free(d->viewer);
			kfree(d);
			return err;
		}
	}
	d->next = d->want;
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
		wsmon_viewer_free(d->viewer);
		kfree(d);
	}
	return 0;
}

/*
 * The next process to send, under wsmon_lock (which it may drop and take
 * again on the way); NULL when none is left.
 */
static struct wsmon_proc *wsmon_swapdump_next(struct netlink_callback *cb,
					      struct wsmon_swapdump *d)
{
	const struct wsmon_viewer *v = d->viewer;
	struct wsmon_proc *proc;
	unsigned long idx;
	u32 looked = 0;

	if (d->want) {
		proc = d->next == d->want ? xa_load(&wsmon_procs, d->want) : NULL;
		d->next = d->want + 1;
		return proc;
	}
	xa_for_each_start(&wsmon_procs, idx, proc, d->next) {
		proc = wsmon_dump_breathe(proc, idx, &looked);
		if (!proc)
			continue;
		if (proc->swapmap && wsmon_viewer_pid(v, proc->pid) > 0 &&
		    wsmon_may_see(v, proc->pid)) {
			d->next = idx + 1;
			return proc;
		}
	}
	d->next = ULONG_MAX;
	return NULL;
}

/* Header and PROC nest of one message, under wsmon_lock. */
static void *wsmon_swapdump_head(struct sk_buff *skb, struct netlink_callback *cb,
				 const struct wsmon_viewer *v,
				 const struct wsmon_proc *proc)
{
	pid_t vnr = wsmon_viewer_pid(v, proc->pid);
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &wsmon_genl_family, NLM_F_MULTI, WSMON_CMD_GET_SWAPMAP);
	if (!hdr)
		return NULL;
	nest = nla_nest_start(skb, WSMON_A_PROC);
	if (!nest || wsmon_put_proc_id(skb, v, proc, vnr)) {
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
			proc = wsmon_proc_lookup(d->pid);
		}
		/* the rule is checked again: the process may have changed */
		if (proc && !wsmon_may_see(d->viewer, proc->pid))
			proc = NULL;
		hdr = proc ? wsmon_swapdump_head(skb, cb, d->viewer, proc) : NULL;
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
