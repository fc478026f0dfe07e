// SPDX-License-Identifier: GPL-2.0
/*
 * The multicast groups.  "events": a notice after every sample and on
 * every change of the thrash state, with the system-wide figures of
 * GET_STATS, so that monitors need not poll.  They carry no PID (not even
 * the tracked PIDs), so anyone in any network namespace may listen.
 * "kills": every kill, with its victim's PID in the initial PID
 * namespace; joining it needs CAP_SYS_ADMIN (GENL_MCAST_CAP_SYS_ADMIN,
 * checked against the owner of the network namespace) and it is sent to
 * the initial network namespace only, so a container does not learn host
 * PIDs.
 */
#include <linux/cred.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "wsmon.h"

/* An event with the GET_STATS figures and, for a kill, its victim. */
static struct sk_buff *wsmon_event_msg(u32 type, const struct wsmon_victim *v)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return NULL;	/* listeners see the next one */
	hdr = genlmsg_put(skb, 0, 0, &wsmon_genl_family, 0, WSMON_CMD_EVENT);
	if (!hdr || nla_put_u32(skb, WSMON_A_EVENT_TYPE, type) ||
	    (v && (nla_put_u32(skb, WSMON_A_POLICY, v->policy) ||
		   wsmon_put_victim(skb, v, v->pid,
				    from_kuid_munged(&init_user_ns, v->uid)))) ||
	    wsmon_fill_stats(skb, NULL)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

static void wsmon_event(u32 type)
{
	struct sk_buff *skb = wsmon_event_msg(type, NULL);

	/* -ESRCH: nobody listens */
	if (skb)
		genlmsg_multicast_allns(&wsmon_genl_family, skb, 0,
					WSMON_MCGRP_EVENTS);
}

/* The core finished a sample. */
void wsmon_events_sampled(bool state_changed)
{
	if (state_changed)
		wsmon_event(WSMON_EVENT_STATE);
	wsmon_event(WSMON_EVENT_SAMPLE);
}

/* A kill, its victim's PID as the initial namespace sees it. */
void wsmon_event_kill(const struct wsmon_victim *v)
{
	struct sk_buff *skb = wsmon_event_msg(WSMON_EVENT_KILL, v);

	if (skb)
		genlmsg_multicast(&wsmon_genl_family, skb, 0, WSMON_MCGRP_KILLS,
				  GFP_KERNEL);
}
