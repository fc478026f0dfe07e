// SPDX-License-Identifier: GPL-2.0
/*
 * The "events" multicast group: a notice after every sample and on every
 * change of the thrash state, with the figures GET_STATS gives, so that
 * monitors need not poll.  Events carry only system-wide figures, never
 * per-process data, so any process may listen.
 */
#include <net/genetlink.h>

#include "wsmon.h"

void wsmon_event(u32 type)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return;	/* listeners see the next one */
	hdr = genlmsg_put(skb, 0, 0, &wsmon_genl_family, 0, WSMON_CMD_EVENT);
	if (!hdr || nla_put_u32(skb, WSMON_A_EVENT_TYPE, type) ||
	    wsmon_fill_stats(skb)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	/* -ESRCH: nobody listens */
	genlmsg_multicast_allns(&wsmon_genl_family, skb, 0, 0);
}
