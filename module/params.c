// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters: every setting SET_CONFIG can change but the tracked
 * PIDs (which do not outlive a reboot), so that a configuration in
 * /etc/modprobe.d survives one.  Reading a parameter shows the value in
 * force, however it was set; writing one (root, 0644) changes it as
 * SET_CONFIG does, checked in full first.
 *
 *   sample_ms      sampling period, 10..600000 ms
 *   scan_budget    page-table entries visited per sample, >= 512
 *   flush          TLB flush after a sample: none, mm or all
 *   windows        W(t, window) windows in samples, e.g. 1,2,5,10,30,60
 *   demand_window  the window Denning's demand sums, 1..254 samples
 *   pressure       demand ratio for PRESSURE, e.g. 0.8
 *   thrash         demand ratio for THRASHING, e.g. 1.0
 *   thrash_rate    swap-ins + refaults per second that count as thrashing
 *   enter, leave   samples a worse (better) state must hold, 1..1000
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include "core.h"

/* A u32 field of struct wsmon_config, and its range. */
struct wsmon_param_u32 {
	size_t off;
	u32 min, max;
	bool milli;		/* a ratio in thousandths, written as 0.8 */
};

struct wsmon_param_val {
	const struct wsmon_param_u32 *p;
	u32 v;
};

static int wsmon_edit_u32(struct wsmon_config *c, const void *arg)
{
	const struct wsmon_param_val *pv = arg;

	*(u32 *)((char *)c + pv->p->off) = pv->v;
	return 0;
}

/* "1", "0.8", "1.25": thousandths, up to three decimals. */
static int wsmon_parse_milli(const char *val, u32 *out)
{
	char buf[24], *dot;
	u32 whole, frac = 0, scale = 100;
	int err;

	strscpy(buf, val, sizeof(buf));
	strim(buf);
	dot = strchr(buf, '.');
	if (dot) {
		*dot++ = '\0';
		if (!*dot || strlen(dot) > 3)
			return -EINVAL;
		for (; *dot; dot++, scale /= 10) {
			if (*dot < '0' || *dot > '9')
				return -EINVAL;
			frac += (*dot - '0') * scale;
		}
	}
	err = kstrtou32(buf, 10, &whole);
	if (err)
		return err;
	if (whole > U32_MAX / 1000 - 1)
		return -ERANGE;
	*out = whole * 1000 + frac;
	return 0;
}

static int wsmon_param_set_u32(const char *val, const struct kernel_param *kp)
{
	struct wsmon_param_val pv = { .p = kp->arg };
	const char *why;
	int err;

	err = pv.p->milli ? wsmon_parse_milli(val, &pv.v) : kstrtou32(val, 0, &pv.v);
	if (err)
		return err;
	if (pv.v < pv.p->min || pv.v > pv.p->max)
		return -ERANGE;
	err = wsmon_config_edit(wsmon_edit_u32, &pv, NULL, &why);
	if (why)
		pr_warn("wsmon: %s=%s refused: %s\n", kp->name, val, why);
	return err;
}

static int wsmon_param_get_u32(char *buf, const struct kernel_param *kp)
{
	const struct wsmon_param_u32 *p = kp->arg;
	u32 v;

	mutex_lock(&wsmon_lock);
	v = *(u32 *)((char *)&wsmon_cfg + p->off);
	mutex_unlock(&wsmon_lock);
	if (p->milli)
		return scnprintf(buf, PAGE_SIZE, "%u.%03u\n", v / 1000, v % 1000);
	return scnprintf(buf, PAGE_SIZE, "%u\n", v);
}

static const struct kernel_param_ops wsmon_u32_ops = {
	.set = wsmon_param_set_u32,
	.get = wsmon_param_get_u32,
};

enum {
	WSMON_P_SAMPLE_MS,
	WSMON_P_SCAN_BUDGET,
	WSMON_P_DEMAND_WINDOW,
	WSMON_P_PRESSURE,
	WSMON_P_THRASH,
	WSMON_P_THRASH_RATE,
	WSMON_P_ENTER,
	WSMON_P_LEAVE,
	WSMON_P_IMMINENT,
	WSMON_P_SWAPEXT,
};

#define WSMON_U32(field, lo, hi, ratio) \
	{ .off = offsetof(struct wsmon_config, field), .min = (lo), .max = (hi), .milli = (ratio) }

static const struct wsmon_param_u32 wsmon_params[] = {
	[WSMON_P_SAMPLE_MS] = WSMON_U32(sample_ms, WSMON_SAMPLE_MS_MIN, WSMON_SAMPLE_MS_MAX, false),
	[WSMON_P_SCAN_BUDGET] = WSMON_U32(scan_budget, WSMON_BUDGET_MIN, U32_MAX, false),
	[WSMON_P_DEMAND_WINDOW] = WSMON_U32(rules.demand_window, 1, WSM_AGE_MAX, false),
	[WSMON_P_PRESSURE] = WSMON_U32(rules.pressure_demand, 1, 100000, true),
	[WSMON_P_THRASH] = WSMON_U32(rules.thrash_demand, 1, 100000, true),
	[WSMON_P_THRASH_RATE] = WSMON_U32(rules.thrash_rate, 0, U32_MAX, false),
	[WSMON_P_ENTER] = WSMON_U32(rules.enter_samples, 1, 1000, false),
	[WSMON_P_LEAVE] = WSMON_U32(rules.leave_samples, 1, 1000, false),
	[WSMON_P_IMMINENT] = WSMON_U32(rules.imminent_ms, 0, WSMON_IMMINENT_MS_MAX, false),
	[WSMON_P_SWAPEXT] = WSMON_U32(swapext_max, WSMON_SWAPEXT_MIN, 1U << 24, false),
};

#define WSMON_ARG(i)	((void *)&wsmon_params[i])

module_param_cb(sample_ms, &wsmon_u32_ops, WSMON_ARG(WSMON_P_SAMPLE_MS), 0644);
MODULE_PARM_DESC(sample_ms, "sampling period in ms (10-600000; default 1000)");
module_param_cb(scan_budget, &wsmon_u32_ops, WSMON_ARG(WSMON_P_SCAN_BUDGET), 0644);
MODULE_PARM_DESC(scan_budget, "most page-table entries visited per sample (>= 512; default 1048576)");
module_param_cb(demand_window, &wsmon_u32_ops, WSMON_ARG(WSMON_P_DEMAND_WINDOW), 0644);
MODULE_PARM_DESC(demand_window, "samples the demand ratio sums W over (1-254; default 10)");
module_param_cb(pressure, &wsmon_u32_ops, WSMON_ARG(WSMON_P_PRESSURE), 0644);
MODULE_PARM_DESC(pressure, "demand ratio for PRESSURE (default 0.8)");
module_param_cb(thrash, &wsmon_u32_ops, WSMON_ARG(WSMON_P_THRASH), 0644);
MODULE_PARM_DESC(thrash, "demand ratio for THRASHING (default 1.0)");
module_param_cb(thrash_rate, &wsmon_u32_ops, WSMON_ARG(WSMON_P_THRASH_RATE), 0644);
MODULE_PARM_DESC(thrash_rate, "swap-ins + refaults per second that count as thrashing (default 100)");
module_param_cb(enter, &wsmon_u32_ops, WSMON_ARG(WSMON_P_ENTER), 0644);
MODULE_PARM_DESC(enter, "samples a worse thrash state must hold (1-1000; default 2)");
module_param_cb(leave, &wsmon_u32_ops, WSMON_ARG(WSMON_P_LEAVE), 0644);
MODULE_PARM_DESC(leave, "samples a better thrash state must hold (1-1000; default 3)");
module_param_cb(swap_extents_max, &wsmon_u32_ops, WSMON_ARG(WSMON_P_SWAPEXT), 0644);
MODULE_PARM_DESC(swap_extents_max,
		 "swap extents kept per process; more are counted, not listed (16-16777216; default 65536)");
module_param_cb(imminent_ms, &wsmon_u32_ops, WSMON_ARG(WSMON_P_IMMINENT), 0644);
MODULE_PARM_DESC(imminent_ms,
		 "OOM_IMMINENT when memory and swap would run out within this many ms (0-600000, 0 off; default 5000)");

/* flush: none, mm or all */
static int wsmon_edit_flush(struct wsmon_config *c, const void *arg)
{
	c->flush = *(const u32 *)arg;
	return 0;
}

static int wsmon_param_set_flush(const char *val, const struct kernel_param *kp)
{
	const char *why;
	u32 m;

	for (m = WSMON_FLUSH_NONE; m <= WSMON_FLUSH_ALL; m++)
		if (sysfs_streq(val, wsmon_flush_name(m)))
			return wsmon_config_edit(wsmon_edit_flush, &m, NULL, &why);
	return -EINVAL;
}

static int wsmon_param_get_flush(char *buf, const struct kernel_param *kp)
{
	u32 m;

	mutex_lock(&wsmon_lock);
	m = wsmon_cfg.flush;
	mutex_unlock(&wsmon_lock);
	return scnprintf(buf, PAGE_SIZE, "%s\n", wsmon_flush_name(m));
}

static const struct kernel_param_ops wsmon_flush_ops = {
	.set = wsmon_param_set_flush,
	.get = wsmon_param_get_flush,
};
module_param_cb(flush, &wsmon_flush_ops, NULL, 0644);
MODULE_PARM_DESC(flush, "TLB flush after a sample: none, mm (CPUs that ran the walked processes; default) or all");

/* windows: a comma-separated list */
struct wsmon_windows {
	u32 n;
	u32 w[WSMON_MAX_WINDOWS];
};

static int wsmon_edit_windows(struct wsmon_config *c, const void *arg)
{
	const struct wsmon_windows *ws = arg;

	c->nr_windows = ws->n;
	memcpy(c->windows, ws->w, sizeof(ws->w));
	return 0;
}

static int wsmon_param_set_windows(const char *val, const struct kernel_param *kp)
{
	struct wsmon_windows ws = { };
	char buf[128], *s, *tok;
	const char *why;
	int err;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		return -E2BIG;
	s = strim(buf);
	while ((tok = strsep(&s, ",")) != NULL) {
		if (ws.n == WSMON_MAX_WINDOWS)
			return -E2BIG;
		err = kstrtou32(tok, 10, &ws.w[ws.n++]);
		if (err)
			return err;
	}
	err = wsmon_config_edit(wsmon_edit_windows, &ws, NULL, &why);
	if (why)
		pr_warn("wsmon: windows=%s refused: %s\n", val, why);
	return err;
}

static int wsmon_param_get_windows(char *buf, const struct kernel_param *kp)
{
	int len = 0;
	u32 i;

	mutex_lock(&wsmon_lock);
	for (i = 0; i < wsmon_cfg.nr_windows; i++)
		len += scnprintf(buf + len, PAGE_SIZE - len, "%s%u", i ? "," : "",
				 wsmon_cfg.windows[i]);
	mutex_unlock(&wsmon_lock);
	len += scnprintf(buf + len, PAGE_SIZE - len, "\n");
	return len;
}

static const struct kernel_param_ops wsmon_windows_ops = {
	.set = wsmon_param_set_windows,
	.get = wsmon_param_get_windows,
};
module_param_cb(windows, &wsmon_windows_ops, NULL, 0644);
MODULE_PARM_DESC(windows, "W(t, window) windows in samples, strictly increasing, 1-254 each (default 1,2,5,10,30,60)");
