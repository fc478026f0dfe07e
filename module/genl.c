// SPDX-License-Identifier: GPL-2.0
/*
 * The "wsmon" generic netlink family: its operations, their attribute
 * policies and the multicast groups.  Command handlers live in the file
 * named after what they report.
 */
#include <linux/module.h>

#include "wsmon.h"

/*
 * One policy per command.  Attributes a command does not take are left
 * NLA_UNSPEC, which strict validation (on for a new family) rejects with
 * "Unsupported attribute"; numbers above WSMON_A_MAX are rejected as
 * unknown.  So every request is checked in full before a handler runs.
 */
static const struct nla_policy wsmon_get_stats_policy[WSMON_A_MAX + 1] = {
};

static const struct genl_ops wsmon_genl_ops[] = {
	{
		.cmd		= WSMON_CMD_GET_STATS,
		.doit		= wsmon_cmd_get_stats,
		.policy		= wsmon_get_stats_policy,
		.maxattr	= WSMON_A_MAX,
	},
};

static const struct genl_multicast_group wsmon_genl_mcgrps[] = {
	{ .name = WSMON_GENL_MCGRP_EVENTS, },
};

struct genl_family wsmon_genl_family __ro_after_init = {
	.name		= WSMON_GENL_NAME,
	.version	= WSMON_GENL_VERSION,
	.maxattr	= WSMON_A_MAX,
	.netnsok	= true,
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

int __init wsmon_genl_init(void)
{
	return genl_register_family(&wsmon_genl_family);
}

void wsmon_genl_exit(void)
{
	genl_unregister_family(&wsmon_genl_family);
}
