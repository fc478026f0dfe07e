// SPDX-License-Identifier: GPL-2.0
/*
 * The sampler's configuration: module parameters at load, SET_CONFIG
 * (setconfig.c) at run time.  A new configuration is built aside and
 * swapped in whole under wsmon_lock.
 */
#include <linux/slab.h>

#include "core.h"

struct wsmon_config wsmon_cfg;

static const u32 wsmon_default_windows[] = { 1, 2, 5, 10, 30, 60 };

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
 * Make @c the configuration and leave the old one in @c for the caller to
 * free; with !@pids the tracked PIDs stay as they are.
 */
void wsmon_config_swap(struct wsmon_config *c, bool pids)
{
	mutex_lock(&wsmon_lock);
	if (!pids) {
		swap(c->pids, wsmon_cfg.pids);
		swap(c->nr_pids, wsmon_cfg.nr_pids);
	}
	swap(wsmon_cfg, *c);
	mutex_unlock(&wsmon_lock);
}

int __init wsmon_config_init(u32 sample_ms, u32 scan_budget, u32 flush)
{
	if (sample_ms < WSMON_SAMPLE_MS_MIN || sample_ms > WSMON_SAMPLE_MS_MAX ||
	    scan_budget < WSMON_BUDGET_MIN || flush > WSMON_FLUSH_ALL)
		return -EINVAL;
	wsmon_cfg.sample_ms = sample_ms;
	wsmon_cfg.scan_budget = scan_budget;
	wsmon_cfg.flush = flush;
	wsmon_cfg.nr_windows = ARRAY_SIZE(wsmon_default_windows);
	memcpy(wsmon_cfg.windows, wsmon_default_windows, sizeof(wsmon_default_windows));
	wsmon_rules_default(&wsmon_cfg.rules);
	return 0;
}

void wsmon_config_exit(void)
{
	wsmon_config_put_pids(&wsmon_cfg);
}
