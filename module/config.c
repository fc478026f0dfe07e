// SPDX-License-Identifier: GPL-2.0
/*
 * The sampler's configuration: module parameters at load, SET_CONFIG
 * (setconfig.c) at run time.  A new configuration is built aside and
 * swapped in whole under wsmon_lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/printk.h>
#include <linux/slab.h>

#include "core.h"

/*
 * The defaults, in force from the start so that module parameters given
 * at load (params.c) change them before wsmon_config_init() checks them.
 */
struct wsmon_config wsmon_cfg = {
	.sample_ms = 1000,
	.scan_budget = 1U << 20,
	.flush = WSMON_FLUSH_DEFAULT,
	.nr_windows = 6,
	.windows = { 1, 2, 5, 10, 30, 60 },
	.rules = {
		.demand_window = 10,
		.pressure_demand = 800,
		.thrash_demand = 1000,
		.thrash_rate = 100,
		.enter_samples = 2,
		.leave_samples = 3,
		.imminent_ms = WSMON_IMMINENT_MS,
	},
	.swapext_max = WSMON_SWAPEXT_MAX,
};

static const char *const wsmon_flush_names[] = {
	[WSMON_FLUSH_NONE] = "none",
	[WSMON_FLUSH_MM] = "mm",
	[WSMON_FLUSH_ALL] = "all",
};

const char *wsmon_flush_name(u32 flush)
{
	return flush < ARRAY_SIZE(wsmon_flush_names) ? wsmon_flush_names[flush] : "?";
}

void wsmon_config_put_pids(struct wsmon_config *c)
{
	u32 i;

	for (i = 0; i < c->nr_pids; i++)
		put_pid(c->pids[i]);
	kfree(c->pids);
	c->pids = NULL;
	c->nr_pids = 0;
}

/*
 * Is @c a configuration the sampler can run?  NULL, or why not.  Field
 * ranges are checked where a value comes in (the netlink policies,
 * params.c); this checks what holds between fields.
 */
const char *wsmon_config_check(const struct wsmon_config *c)
{
	u32 i;

	if (c->sample_ms < WSMON_SAMPLE_MS_MIN || c->sample_ms > WSMON_SAMPLE_MS_MAX)
		return "the sampling period must be 10 to 600000 ms";
	if (c->scan_budget < WSMON_BUDGET_MIN)
		return "the budget must be at least 512 entries";
	if (c->flush > WSMON_FLUSH_ALL)
		return "flush must be none, mm or all";
	if (c->flush != WSMON_FLUSH_NONE && !wsmon_tlbflush_available())
		return "no TLB flush on this kernel (wsmon status says why): flush must be none";
	if (!c->nr_windows || c->nr_windows > WSMON_MAX_WINDOWS)
		return "1 to 16 windows are needed";
	for (i = 0; i < c->nr_windows; i++) {
		if (c->windows[i] < 1 || c->windows[i] > WSM_AGE_MAX)
			return "windows must be 1 to 254 samples";
		if (i && c->windows[i] <= c->windows[i - 1])
			return "windows must be strictly increasing";
	}
	if (c->rules.pressure_demand > c->rules.thrash_demand)
		return "the PRESSURE demand must not exceed the THRASHING demand";
	return NULL;
}

/* until wsmon_config_init(): parameters given at load, in any order */
static bool wsmon_config_loading = true;

/*
 * Change the configuration with @edit under wsmon_lock, so that writers
 * (SET_CONFIG, parameters) never lose each other's changes.  With @pids,
 * its tracked PIDs replace the configuration's, and @pids gets the old
 * ones for the caller to put.  Nothing changes when @edit fails or the
 * result does not pass wsmon_config_check() (*@why then says why; at
 * load, what holds between fields is checked once all parameters are in,
 * by wsmon_config_init()).  A running sampler samples again at once.
 */
int wsmon_config_edit(int (*edit)(struct wsmon_config *c, const void *arg),
		      const void *arg, struct wsmon_config *pids, const char **why)
{
	struct wsmon_config c;
	int err;

	*why = NULL;
	mutex_lock(&wsmon_lock);
	c = wsmon_cfg;
	err = edit(&c, arg);
	if (!err) {
		*why = wsmon_config_loading ? NULL : wsmon_config_check(&c);
		if (*why)
			err = -EINVAL;
	}
	if (!err) {
		wsmon_cfg = c;
		if (pids) {
			swap(wsmon_cfg.pids, pids->pids);
			swap(wsmon_cfg.nr_pids, pids->nr_pids);
		}
	}
	mutex_unlock(&wsmon_lock);
	if (!err)
		wsmon_sampler_kick();
	return err;
}

/* The configuration given at load (defaults and module parameters). */
int __init wsmon_config_init(void)
{
	const char *why;

	wsmon_tlbflush_init();
	mutex_lock(&wsmon_lock);
	/* not given at load: mm where this kernel can flush, else none */
	if (wsmon_cfg.flush == WSMON_FLUSH_DEFAULT)
		wsmon_cfg.flush = wsmon_tlbflush_available() ? WSMON_FLUSH_MM : WSMON_FLUSH_NONE;
	why = wsmon_config_check(&wsmon_cfg);
	wsmon_config_loading = !!why;
	mutex_unlock(&wsmon_lock);
	if (why) {
		pr_err("bad parameters: %s\n", why);
		return -EINVAL;
	}
	return 0;
}

void wsmon_config_exit(void)
{
	wsmon_config_put_pids(&wsmon_cfg);
}
