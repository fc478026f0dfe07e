// SPDX-License-Identifier: GPL-2.0
/*
 * The "events" multicast group: a notice after every sample and on every
 * change of the thrash state, with the figures GET_STATS gives, so that
 * monitors need not poll; and every kill, with its victim.  Apart from a
 * victim (which everyone sees die) events carry only system-wide
 * figures, so any process may listen.
 */
#include <net/genetlink.h>

#include "wsmon.h"

/* An event with the GET_STATS figures and, for a kill, its victim. */
static void wsmon_event_send(u32 type, const struct wsmon_victim *v)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return;	/* listeners see the next one */
	hdr = genlmsg_put(skb, 0, 0, &wsmon_genl_family, 0, WSMON_CMD_EVENT);
	if (!hdr || nla_put_u32(skb, WSMON_A_EVENT_TYPE, type) ||
	    (v && (nla_put_u32(skb, WSMON_A_POLICY, v->policy) ||
		   wsmon_put_victim(skb, v, v->pid))) ||
	    wsmon_fill_stats(skb)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	/* -ESRCH: nobody listens */
	genlmsg_multicast_allns(&wsmon_genl_family, skb, 0, 0);
}

void wsmon_event(u32 type)
{
	wsmon_event_send(type, NULL);
}

/* A kill, its victim's PID as the initial namespace sees it. */
void wsmon_event_kill(const struct wsmon_victim *v)
{
	wsmon_event_send(WSMON_EVENT_KILL, v);
}
