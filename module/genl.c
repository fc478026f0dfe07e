// SPDX-License-Identifier: GPL-2.0
/*
 * The "wsmon" generic netlink family: its operations, their attribute
 * policies and the multicast groups.  Command handlers live in the file
 * named after what they report.
 */
#include <linux/module.h>

#include "wsmon.h"

#ifdef WSMON_COMPAT_FMTMSG
char wsmon_fmtmsg[WSMON_FMTMSG_SLOTS][WSMON_FMTMSG_LEN];
atomic_t wsmon_fmtmsg_next = ATOMIC_INIT(0);
#endif

/*
 * One policy per command.  Attributes a command does not take are left
 * NLA_UNSPEC, which strict validation (on for a new family) rejects with
 * "Unsupported attribute"; numbers above WSMON_A_MAX are rejected as
 * unknown.  So every request is checked in full before a handler runs.
 */
static const struct nla_policy wsmon_get_stats_policy[WSMON_A_MAX + 1] = {
};

static const struct nla_policy wsmon_get_proc_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_PID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[WSMON_A_HISTOGRAMS]	= { .type = NLA_FLAG },
};

/* not const: 6.1 declares the pointer in struct nla_policy non-const */
static struct netlink_range_validation wsmon_sample_ms_range = {
	.min = WSMON_SAMPLE_MS_MIN,
	.max = WSMON_SAMPLE_MS_MAX,
};

static struct netlink_range_validation wsmon_demand_range = {
	.min = 1,
	.max = 100000,		/* thousandths: 100 times the memory */
};

static struct netlink_range_validation wsmon_imminent_range = {
	.min = 0,		/* off */
	.max = WSMON_IMMINENT_MS_MAX,
};

static const struct nla_policy wsmon_set_config_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_SAMPLE_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &wsmon_sample_ms_range),
	[WSMON_A_SCAN_BUDGET]	= NLA_POLICY_MIN(NLA_U32, WSMON_BUDGET_MIN),
	[WSMON_A_FLUSH]		= NLA_POLICY_MAX(NLA_U32, WSMON_FLUSH_ALL),
	[WSMON_A_WINDOWS]	= { .type = NLA_NESTED },
	[WSMON_A_TRACK_PIDS]	= { .type = NLA_NESTED },
	[WSMON_A_DEMAND_WINDOW]	= NLA_POLICY_RANGE(NLA_U32, 1, WSM_AGE_MAX),
	[WSMON_A_PRESSURE_DEMAND] = NLA_POLICY_FULL_RANGE(NLA_U32, &wsmon_demand_range),
	[WSMON_A_THRASH_DEMAND]	= NLA_POLICY_FULL_RANGE(NLA_U32, &wsmon_demand_range),
	[WSMON_A_THRASH_RATE]	= { .type = NLA_U32 },
	[WSMON_A_ENTER_SAMPLES]	= NLA_POLICY_RANGE(NLA_U32, 1, 1000),
	[WSMON_A_LEAVE_SAMPLES]	= NLA_POLICY_RANGE(NLA_U32, 1, 1000),
	[WSMON_A_IMMINENT_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &wsmon_imminent_range),
};

static const struct nla_policy wsmon_get_swap_policy[WSMON_A_MAX + 1] = {
};

static const struct nla_policy wsmon_get_swapmap_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_PID]		= NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy wsmon_kill_policy[WSMON_A_MAX + 1] = {
	[WSMON_A_POLICY]	= NLA_POLICY_MAX(NLA_U32, WSMON_POLICY_MAX),
	[WSMON_A_DRY_RUN]	= { .type = NLA_FLAG },
	[WSMON_A_PROTECT_PIDS]	= { .type = NLA_NESTED },
	[WSMON_A_PROTECT_COMMS]	= { .type = NLA_NESTED },
	[WSMON_A_PREFER_PIDS]	= { .type = NLA_NESTED },
	[WSMON_A_AVOID_PIDS]	= { .type = NLA_NESTED },
	[WSMON_A_SIGNAL]	= { .type = NLA_U32 },
	[WSMON_A_TARGET_PID]	= { .type = NLA_U32 },
	[WSMON_A_TARGET_START]	= { .type = NLA_U64 },
};

static const struct genl_ops wsmon_genl_ops[] = {
	{
		.cmd		= WSMON_CMD_GET_STATS,
		.doit		= wsmon_cmd_get_stats,
		.policy		= wsmon_get_stats_policy,
		.maxattr	= WSMON_A_MAX,
	},
	{
		.cmd		= WSMON_CMD_GET_PROC,
		.doit		= wsmon_cmd_get_proc,
		.start		= wsmon_proc_start,
		.dumpit		= wsmon_dump_proc,
		.done		= wsmon_proc_done,
		.policy		= wsmon_get_proc_policy,
		.maxattr	= WSMON_A_MAX,
	},
	{
		.cmd		= WSMON_CMD_SET_CONFIG,
		.doit		= wsmon_cmd_set_config,
		.policy		= wsmon_set_config_policy,
		.maxattr	= WSMON_A_MAX,
	},
	{
		.cmd		= WSMON_CMD_GET_SWAP,
		.doit		= wsmon_cmd_get_swap,
		.policy		= wsmon_get_swap_policy,
		.maxattr	= WSMON_A_MAX,
	},
	{
		.cmd		= WSMON_CMD_GET_SWAPMAP,
		.start		= wsmon_swapmap_start,
		.dumpit		= wsmon_dump_swapmap,
		.done		= wsmon_swapmap_done,
		.policy		= wsmon_get_swapmap_policy,
		.maxattr	= WSMON_A_MAX,
	},
	{
		.cmd		= WSMON_CMD_KILL,
		.doit		= wsmon_cmd_kill,
		.policy		= wsmon_kill_policy,
		.maxattr	= WSMON_A_MAX,
	},
};

/* in enum wsmon_mcgrp order; see events.c */
static const struct genl_multicast_group wsmon_genl_mcgrps[] = {
	[WSMON_MCGRP_EVENTS] = { .name = WSMON_GENL_MCGRP_EVENTS, },
	[WSMON_MCGRP_KILLS] = { .name = WSMON_GENL_MCGRP_KILLS,
				.flags = GENL_MCAST_CAP_SYS_ADMIN, },
};

struct genl_family wsmon_genl_family __ro_after_init = {
	.name		= WSMON_GENL_NAME,
	.version	= WSMON_GENL_VERSION,
	.maxattr	= WSMON_A_MAX,
	.netnsok	= true,
	/*
	 * Without genl_mutex, which every family lookup on the host takes:
	 * each handler takes the locks it needs (wsmon_lock in bounded
	 * batches, KILL its own), so no user's requests serialise anyone
	 * else's netlink, nor each other.
	 */
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= wsmon_genl_ops,
	.n_ops		= ARRAY_SIZE(wsmon_genl_ops),
	.mcgrps		= wsmon_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(wsmon_genl_mcgrps),
};

/* Start a unicast reply to @info with the same command. */
void *wsmon_genl_reply_put(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_put_reply(skb, info, &wsmon_genl_family, 0,
				 info->genlhdr->cmd);
}

/* Send the reply built in @msg, or free it when building it failed (@err). */
int wsmon_genl_reply_end(struct sk_buff *msg, void *hdr, struct genl_info *info, int err)
{
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int wsmon_put_u64(struct sk_buff *skb, int attr, u64 val)
{
	return nla_put_u64_64bit(skb, attr, val, WSMON_A_PAD);
}

/* A list of u32 (or u64) as a nest of WSMON_LIST_ENTRY. */
int wsmon_put_u32_list(struct sk_buff *skb, int attr, const u32 *v, u32 n)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u32(skb, WSMON_LIST_ENTRY, v[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	nla_nest_end(skb, nest);
	return 0;
}

int wsmon_put_u64_list(struct sk_buff *skb, int attr, const u64 *v, u32 n)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, WSMON_LIST_ENTRY, v[i], WSMON_LIST_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	nla_nest_end(skb, nest);
	return 0;
}

int __init wsmon_genl_init(void)
{
	return genl_register_family(&wsmon_genl_family);
}

void wsmon_genl_exit(void)
{
	genl_unregister_family(&wsmon_genl_family);
}
