// SPDX-License-Identifier: GPL-2.0
/*
 * The sampler's configuration: module parameters at load, SET_CONFIG at
 * run time.  A request is checked in full before anything is applied.
 */
#include <linux/capability.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sort.h>

#include "wsmon.h"

struct wsmon_config wsmon_cfg;

static const u32 wsmon_default_windows[] = { 1, 2, 5, 10, 30, 60 };

/* The tracked PIDs as the caller's namespace sees them. */
static int wsmon_put_pids_list(struct sk_buff *skb)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct nlattr *nest = nla_nest_start(skb, WSMON_A_TRACK_PIDS);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < wsmon_cfg.nr_pids; i++) {
		pid_t nr = pid_nr_ns(wsmon_cfg.pids[i], ns);

		if (nr > 0 && nla_put_u32(skb, WSMON_LIST_ENTRY, nr)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The configuration into a reply; the caller holds wsmon_lock. */
int wsmon_put_config(struct sk_buff *skb)
{
	if (nla_put_u32(skb, WSMON_A_SAMPLE_MS, wsmon_cfg.sample_ms) ||
	    nla_put_u32(skb, WSMON_A_SCAN_BUDGET, wsmon_cfg.scan_budget) ||
	    wsmon_put_u32_list(skb, WSMON_A_WINDOWS, wsmon_cfg.windows,
			       wsmon_cfg.nr_windows) ||
	    wsmon_put_pids_list(skb) ||
	    wsmon_put_rules(skb, &wsmon_cfg.rules))
		return -EMSGSIZE;
	return 0;
}

/* The thrash rules of a request into @r; ranges were checked by the policy. */
static int wsmon_parse_rules(struct nlattr **tb, struct wsmon_rules *r,
			     struct netlink_ext_ack *extack)
{
	static const struct {
		int attr;
		size_t off;
	} map[] = {
		{ WSMON_A_DEMAND_WINDOW, offsetof(struct wsmon_rules, demand_window) },
		{ WSMON_A_PRESSURE_DEMAND, offsetof(struct wsmon_rules, pressure_demand) },
		{ WSMON_A_THRASH_DEMAND, offsetof(struct wsmon_rules, thrash_demand) },
		{ WSMON_A_THRASH_RATE, offsetof(struct wsmon_rules, thrash_rate) },
		{ WSMON_A_ENTER_SAMPLES, offsetof(struct wsmon_rules, enter_samples) },
		{ WSMON_A_LEAVE_SAMPLES, offsetof(struct wsmon_rules, leave_samples) },
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (tb[map[i].attr])
			*(u32 *)((char *)r + map[i].off) = nla_get_u32(tb[map[i].attr]);
	if (r->pressure_demand > r->thrash_demand) {
		NL_SET_ERR_MSG(extack, "the PRESSURE demand must not exceed the THRASHING demand");
		return -EINVAL;
	}
	return 0;
}

static bool wsmon_config_asked(struct nlattr **tb)
{
	int a;

	for (a = 1; a <= WSMON_A_MAX; a++)
		if (tb[a])
			return true;
	return false;
}

/*
 * Read a nest of u32 WSMON_LIST_ENTRY into @v.  Returns the count or a
 * -errno with an extack message.
 */
static int wsmon_get_u32_list(const struct nlattr *nest, u32 *v, u32 max,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem;
	u32 n = 0;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != WSMON_LIST_ENTRY || nla_len(a) != sizeof(u32)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "list entries must be u32 WSMON_LIST_ENTRY");
			return -EINVAL;
		}
		if (n == max) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many list entries");
			return -E2BIG;
		}
		v[n++] = nla_get_u32(a);
	}
	return n;
}

static int wsmon_parse_windows(const struct nlattr *nest, struct wsmon_config *c,
			       struct netlink_ext_ack *extack)
{
	int n, i;

	n = wsmon_get_u32_list(nest, c->windows, WSMON_MAX_WINDOWS, extack);
	if (n < 0)
		return n;
	if (n == 0) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "at least one window is needed");
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (c->windows[i] < 1 || c->windows[i] > WSM_AGE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "windows must be 1 to 254 samples");
			return -ERANGE;
		}
		if (i && c->windows[i] <= c->windows[i - 1]) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "windows must be strictly increasing");
			return -EINVAL;
		}
	}
	c->nr_windows = n;
	return 0;
}

/* PIDs in the caller's namespace to struct pid references in @c. */
static int wsmon_parse_pids(const struct nlattr *nest, struct wsmon_config *c,
			    struct netlink_ext_ack *extack)
{
	u32 *nrs;
	int n, i, err = 0;

	nrs = kmalloc_array(WSMON_MAX_PIDS, sizeof(*nrs), GFP_KERNEL);
	if (!nrs)
		return -ENOMEM;
	n = wsmon_get_u32_list(nest, nrs, WSMON_MAX_PIDS, extack);
	if (n < 0) {
		err = n;
		goto out;
	}
	c->pids = kcalloc(max(n, 1), sizeof(*c->pids), GFP_KERNEL);
	if (!c->pids) {
		err = -ENOMEM;
		goto out;
	}
	c->nr_pids = 0;
	rcu_read_lock();
	for (i = 0; i < n; i++) {
		struct pid *pid = find_vpid(nrs[i]);

		if (!nrs[i] || !pid || !pid_task(pid, PIDTYPE_TGID)) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "no process with PID %u", nrs[i]);
			err = -ESRCH;
			break;
		}
		c->pids[c->nr_pids++] = get_pid(pid);
	}
	rcu_read_unlock();
out:
	kfree(nrs);
	return err;
}

static void wsmon_put_pids(struct wsmon_config *c)
{
	u32 i;

	for (i = 0; i < c->nr_pids; i++)
		put_pid(c->pids[i]);
	kfree(c->pids);
	c->pids = NULL;
	c->nr_pids = 0;
}

int wsmon_cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct wsmon_config *c;
	int err = 0;

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "changing the configuration needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	/* the policy admits only what SET_CONFIG can change */
	if (!wsmon_config_asked(tb)) {
		NL_SET_ERR_MSG(info->extack, "nothing to change");
		return -EINVAL;
	}
	/* a new configuration, built aside and swapped in whole */
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	mutex_lock(&wsmon_lock);
	*c = wsmon_cfg;
	c->pids = NULL;
	c->nr_pids = 0;
	mutex_unlock(&wsmon_lock);

	/* ranges were checked by the policy */
	if (tb[WSMON_A_SAMPLE_MS])
		c->sample_ms = nla_get_u32(tb[WSMON_A_SAMPLE_MS]);
	if (tb[WSMON_A_SCAN_BUDGET])
		c->scan_budget = nla_get_u32(tb[WSMON_A_SCAN_BUDGET]);
	if (tb[WSMON_A_WINDOWS])
		err = wsmon_parse_windows(tb[WSMON_A_WINDOWS], c, info->extack);
	if (!err)
		err = wsmon_parse_rules(tb, &c->rules, info->extack);
	if (!err && tb[WSMON_A_TRACK_PIDS])
		err = wsmon_parse_pids(tb[WSMON_A_TRACK_PIDS], c, info->extack);
	if (err) {
		wsmon_put_pids(c);
		kfree(c);
		return err;
	}

	mutex_lock(&wsmon_lock);
	if (!tb[WSMON_A_TRACK_PIDS]) {
		/* keep the current list */
		swap(c->pids, wsmon_cfg.pids);
		swap(c->nr_pids, wsmon_cfg.nr_pids);
	}
	swap(wsmon_cfg, *c);
	mutex_unlock(&wsmon_lock);
	wsmon_put_pids(c);
	kfree(c);
	wsmon_sampler_kick();
	return 0;
}

int __init wsmon_config_init(u32 sample_ms, u32 scan_budget)
{
	if (sample_ms < WSMON_SAMPLE_MS_MIN || sample_ms > WSMON_SAMPLE_MS_MAX ||
	    scan_budget < WSMON_BUDGET_MIN)
		return -EINVAL;
	wsmon_cfg.sample_ms = sample_ms;
	wsmon_cfg.scan_budget = scan_budget;
	wsmon_cfg.nr_windows = ARRAY_SIZE(wsmon_default_windows);
	memcpy(wsmon_cfg.windows, wsmon_default_windows, sizeof(wsmon_default_windows));
	wsmon_rules_default(&wsmon_cfg.rules);
	return 0;
}

void wsmon_config_exit(void)
{
	wsmon_put_pids(&wsmon_cfg);
}
