// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_GET_STATS: module and kernel identity, memory and swap totals,
 * the sampler's state and configuration, and the thrash statistics.
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/utsname.h>

#include "wsmon.h"

static int wsmon_put_pages(struct sk_buff *skb, int attr, unsigned long pages)
{
	return nla_put_u64_64bit(skb, attr, (u64)pages << PAGE_SHIFT,
				 WSMON_A_PAD);
}

/* The sampler's state and configuration; the caller holds wsmon_lock. */
static int wsmon_fill_sampler(struct sk_buff *skb)
{
	if (nla_put_u32(skb, WSMON_A_TRACKED, wsmon_glob.tracked) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLES, wsmon_glob.samples) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_NS, wsmon_glob.last_sample_ns) ||
	    wsmon_put_u64(skb, WSMON_A_SAMPLE_PAGES, wsmon_glob.last_sample_pages) ||
	    wsmon_put_u64(skb, WSMON_A_BUDGET_EXHAUSTED, wsmon_glob.budget_exhausted) ||
	    wsmon_put_u64(skb, WSMON_A_AGE_BYTES,
			  atomic64_read(&wsmon_age_blocks) * sizeof(struct wsmon_ablock)) ||
	    nla_put_string(skb, WSMON_A_RECLAIM_MODE, wsmon_reclaim_mode()) ||
	    wsmon_put_thrash(skb))
		return -EMSGSIZE;
	return wsmon_put_config(skb);
}

/* Everything GET_STATS and events report. */
int wsmon_fill_stats(struct sk_buff *skb)
{
	struct sysinfo si;
	int err;

	si_meminfo(&si);
	mutex_lock(&wsmon_lock);
	err = wsmon_fill_sampler(skb);
	mutex_unlock(&wsmon_lock);
	if (err)
		return err;

	if (nla_put_string(skb, WSMON_A_MODULE_VERSION, WSMON_VERSION) ||
	    nla_put_string(skb, WSMON_A_KERNEL_RELEASE, init_utsname()->release) ||
	    nla_put_u32(skb, WSMON_A_PAGE_SIZE, PAGE_SIZE) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_TOTAL, si.totalram) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_FREE, si.freeram) ||
	    wsmon_put_pages(skb, WSMON_A_MEM_AVAILABLE, si_mem_available()) ||
	    wsmon_put_pages(skb, WSMON_A_SWAP_FREE, get_nr_swap_pages()))
		return -EMSGSIZE;
	return 0;
}

int wsmon_cmd_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = wsmon_genl_reply_put(msg, info);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = wsmon_fill_stats(msg);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}
