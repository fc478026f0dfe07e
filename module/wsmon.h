/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared by the wsmon module's files. */
#ifndef _WSMON_H
#define _WSMON_H

#include <net/genetlink.h>
#include <uapi/linux/wsmon.h>

#include "compat.h"

/* genl.c: the generic netlink family */
extern struct genl_family wsmon_genl_family;
int wsmon_genl_init(void);
void wsmon_genl_exit(void);
void *wsmon_genl_reply_put(struct sk_buff *skb, struct genl_info *info);

/* stats.c: WSMON_CMD_GET_STATS */
int wsmon_cmd_get_stats(struct sk_buff *skb, struct genl_info *info);

#endif /* _WSMON_H */
