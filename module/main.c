// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon: per-process working-set estimation from page access bits, swap
 * map and thrash statistics, exported over the "wsmon" generic netlink
 * family.  This file only ties the parts together at load and unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "wsmon.h"

static unsigned int sample_ms = 1000;
module_param(sample_ms, uint, 0444);
MODULE_PARM_DESC(sample_ms, "sampling period in ms at load (10-600000; SET_CONFIG changes it)");

static unsigned int scan_budget = 1U << 20;
module_param(scan_budget, uint, 0444);
MODULE_PARM_DESC(scan_budget, "most pages walked per sample (>= 512)");

static int __init wsmon_init(void)
{
	int err;

	err = wsmon_config_init(sample_ms, scan_budget);
	if (err) {
		pr_err("bad parameters: sample_ms %u, scan_budget %u\n",
		       sample_ms, scan_budget);
		return err;
	}
	err = wsmon_walk_init();
	if (err)
		goto err_config;
	err = wsmon_genl_init();
	if (err) {
		pr_err("cannot register generic netlink family: %d\n", err);
		goto err_walk;
	}
	wsmon_sampler_init();
	pr_info("version %s loaded, sampling every %u ms\n", WSMON_VERSION,
		sample_ms);
	return 0;

err_walk:
	wsmon_walk_exit();
err_config:
	wsmon_config_exit();
	return err;
}

static void __exit wsmon_exit(void)
{
	wsmon_genl_exit();
	wsmon_sampler_exit();
	wsmon_walk_exit();
	wsmon_config_exit();
	pr_info("unloaded\n");
}

module_init(wsmon_init);
module_exit(wsmon_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Working-set, swap-map and thrash statistics over generic netlink");
MODULE_VERSION(WSMON_VERSION);
MODULE_ALIAS_GENL_FAMILY(WSMON_GENL_NAME);
