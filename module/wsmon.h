/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The front of wsmon: the generic netlink family, its command handlers and
 * events.  It reads the core's figures (core.h) under wsmon_lock and
 * decides who may see what.
 */
#ifndef _WSMON_H
#define _WSMON_H

#include <net/genetlink.h>

#include "core.h"

struct pid_namespace;

/*
 * Who asks: the credentials of whoever opened the socket and the PID
 * namespace of the requester, both taken once when a request or dump
 * starts, so that a later read of the socket by another process (a
 * setuid program that inherited it) changes nothing.
 */
struct wsmon_viewer {
	const struct cred *cred;	/* reference held */
	struct pid_namespace *ns;	/* reference held */
	bool admin;			/* CAP_SYS_ADMIN in the initial user namespace */
};

/* viewer.c */
void wsmon_viewer_get(struct wsmon_viewer *v, const struct sk_buff *skb);
void wsmon_viewer_put(struct wsmon_viewer *v);
struct wsmon_viewer *wsmon_viewer_new(const struct sk_buff *skb);
void wsmon_viewer_free(struct wsmon_viewer *v);
bool wsmon_may_see(const struct wsmon_viewer *v, struct pid *pid);
pid_t wsmon_viewer_pid(const struct wsmon_viewer *v, struct pid *pid);
kuid_t wsmon_pid_uid(struct pid *pid, kuid_t fallback);
u32 wsmon_viewer_uid(const struct wsmon_viewer *v, kuid_t uid);

/* genl.c: the generic netlink family */
extern struct genl_family wsmon_genl_family;
int wsmon_genl_init(void);
void wsmon_genl_exit(void);
void *wsmon_genl_reply_put(struct sk_buff *skb, struct genl_info *info);
int wsmon_genl_reply_end(struct sk_buff *msg, void *hdr, struct genl_info *info, int err);
int wsmon_put_u64(struct sk_buff *skb, int attr, u64 val);
int wsmon_put_u32_list(struct sk_buff *skb, int attr, const u32 *v, u32 n);
int wsmon_put_u64_list(struct sk_buff *skb, int attr, const u64 *v, u32 n);

/* the multicast groups, in wsmon_genl_mcgrps order */
enum wsmon_mcgrp {
	WSMON_MCGRP_EVENTS,
	WSMON_MCGRP_KILLS,
};

/* stats.c: WSMON_CMD_GET_STATS */
#define WSMON_STATS_SIZE	(NLMSG_DEFAULT_SIZE + WSMON_MAX_PIDS * 8)
int wsmon_cmd_get_stats(struct sk_buff *skb, struct genl_info *info);
int wsmon_fill_stats(struct sk_buff *skb, const struct wsmon_viewer *v);

/* setconfig.c: WSMON_CMD_SET_CONFIG */
int wsmon_cmd_set_config(struct sk_buff *skb, struct genl_info *info);

/* swap.c: WSMON_CMD_GET_SWAP and WSMON_CMD_GET_SWAPMAP */
int wsmon_cmd_get_swap(struct sk_buff *skb, struct genl_info *info);
int wsmon_swapmap_start(struct netlink_callback *cb);
int wsmon_dump_swapmap(struct sk_buff *skb, struct netlink_callback *cb);
int wsmon_swapmap_done(struct netlink_callback *cb);

/* kill.c: WSMON_CMD_KILL */
struct wsmon_victim {
	pid_t pid, vnr;			/* global, and in the caller's namespace */
	char comm[TASK_COMM_LEN];
	kuid_t uid;
	unsigned long rss, swap, pgtables;	/* pages */
	u64 wss;			/* pages, W over the demand window */
	short adj;			/* oom_score_adj */
	u64 score;
	u32 policy, signal;
	u64 start;			/* start_boottime, ns */
	u32 tier;			/* AVOID < NORMAL < PREFER */
	struct task_struct *group;	/* while it is judged */
	bool skip;			/* while it is judged: not a candidate */
	bool killed;			/* the signal was sent */
	bool dying;			/* already dying: no signal sent */
	bool secondary_mmu;		/* W unknown: wss is its resident memory */
	u32 nr_also;			/* others sharing its mm, killed with it */
	u32 also[16];			/* the first of them, caller's namespace */
};

int wsmon_cmd_kill(struct sk_buff *skb, struct genl_info *info);
void wsmon_kill_exit(void);
int wsmon_put_victim(struct sk_buff *skb, const struct wsmon_victim *v, pid_t vnr,
		     u32 uid);

/* events.c: the "events" and "kills" multicast groups */
void wsmon_events_sampled(bool state_changed);
void wsmon_event_kill(const struct wsmon_victim *v);

/* procrec.c: a process's figures as the dump copies them */
void wsmon_proc_rec_build(struct wsmon_proc *proc);

/* procs.c: WSMON_CMD_GET_PROC */
int wsmon_cmd_get_proc(struct sk_buff *skb, struct genl_info *info);
int wsmon_proc_start(struct netlink_callback *cb);
int wsmon_dump_proc(struct sk_buff *skb, struct netlink_callback *cb);
int wsmon_proc_done(struct netlink_callback *cb);
int wsmon_put_proc_id(struct sk_buff *skb, const struct wsmon_viewer *v,
		      const struct wsmon_proc *proc, pid_t vnr);
struct wsmon_proc *wsmon_dump_breathe(struct wsmon_proc *proc, unsigned long idx,
				      u32 *looked);
struct wsmon_proc *wsmon_proc_find(const struct wsmon_viewer *v, u32 vnr,
				   struct netlink_ext_ack *extack, int *err);

#endif /* _WSMON_H */
