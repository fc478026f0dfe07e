// SPDX-License-Identifier: GPL-2.0
/*
 * WSMON_CMD_SET_CONFIG: change the sampler's configuration and the thrash
 * rules.  A request is checked in full before anything is applied.
 */
#include <linux/capability.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "wsmon.h"

/*
 * The thrash rules of a request into @r; ranges were checked by the policy,
 * what holds between rules by wsmon_config_check().
 */
static void wsmon_parse_rules(struct nlattr **tb, struct wsmon_rules *r)
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
		{ WSMON_A_IMMINENT_MS, offsetof(struct wsmon_rules, imminent_ms) },
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (tb[map[i].attr])
			*(u32 *)((char *)r + map[i].off) = nla_get_u32(tb[map[i].attr]);
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

struct wsmon_set_req {
	struct nlattr **tb;
	struct netlink_ext_ack *extack;
};

/* Apply a request to @c, under wsmon_lock (wsmon_config_edit()). */
static int wsmon_edit_request(struct wsmon_config *c, const void *arg)
{
	const struct wsmon_set_req *r = arg;
	struct nlattr **tb = r->tb;
	int err;

	/* ranges were checked by the policy */
	if (tb[WSMON_A_SAMPLE_MS])
		c->sample_ms = nla_get_u32(tb[WSMON_A_SAMPLE_MS]);
	if (tb[WSMON_A_SCAN_BUDGET])
		c->scan_budget = nla_get_u32(tb[WSMON_A_SCAN_BUDGET]);
	if (tb[WSMON_A_FLUSH])
		c->flush = nla_get_u32(tb[WSMON_A_FLUSH]);
	if (tb[WSMON_A_WINDOWS]) {
		err = wsmon_parse_windows(tb[WSMON_A_WINDOWS], c, r->extack);
		if (err)
			return err;
	}
	wsmon_parse_rules(tb, &c->rules);
	return 0;
}

int wsmon_cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct wsmon_set_req req = { .tb = info->attrs, .extack = info->extack };
	struct nlattr **tb = info->attrs;
	struct wsmon_config pids = {};
	const char *why;
	int err;

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "changing the configuration needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	/* the policy admits only what SET_CONFIG can change */
	if (!wsmon_config_asked(tb)) {
		NL_SET_ERR_MSG(info->extack, "nothing to change");
		return -EINVAL;
	}
	/* PIDs are looked up (and allocated for) before the lock is taken */
	if (tb[WSMON_A_TRACK_PIDS]) {
		err = wsmon_parse_pids(tb[WSMON_A_TRACK_PIDS], &pids, info->extack);
		if (err)
			goto out;
	}
	err = wsmon_config_edit(wsmon_edit_request, &req,
				tb[WSMON_A_TRACK_PIDS] ? &pids : NULL, &why);
	/* a string literal of wsmon_config_check(), as NL_SET_ERR_MSG() keeps */
	if (why && info->extack)
		info->extack->_msg = why;
out:
	/* the old PIDs after a change, the new ones after a failure */
	wsmon_config_put_pids(&pids);
	return err;
}
