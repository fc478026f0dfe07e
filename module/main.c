// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon: per-process working-set estimation from page access bits, swap
 * map and thrash statistics, exported over the "wsmon" generic netlink
 * family.  This file only ties the parts together at load and unload.
 *
 * There is deliberately no MODULE_ALIAS_GENL_FAMILY: resolving the family
 * name would let any user make the kernel load the module, and loading
 * starts a system-wide page-table walk.  Loading is an admin's decision
 * (modprobe wsmon).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/string.h>

#include "wsmon.h"

static unsigned int sample_ms = 1000;
module_param(sample_ms, uint, 0444);
MODULE_PARM_DESC(sample_ms, "sampling period in ms at load (10-600000; SET_CONFIG changes it)");

static unsigned int scan_budget = 1U << 20;
module_param(scan_budget, uint, 0444);
MODULE_PARM_DESC(scan_budget, "most page-table entries visited per sample (>= 512)");

static char *flush = "mm";
module_param(flush, charp, 0444);
MODULE_PARM_DESC(flush, "TLB flush after a sample: none, mm (CPUs that ran the walked processes; default) or all");

static int wsmon_flush_param(u32 *mode)
{
	u32 m;

	for (m = WSMON_FLUSH_NONE; m <= WSMON_FLUSH_ALL; m++)
		if (!strcmp(flush, wsmon_flush_name(m))) {
			*mode = m;
			return 0;
		}
	return -EINVAL;
}

static int __init wsmon_init(void)
{
	u32 mode = WSMON_FLUSH_MM;
	int err;

	err = wsmon_flush_param(&mode);
	if (!err)
		err = wsmon_config_init(sample_ms, scan_budget, mode);
	if (err) {
		pr_err("bad parameters: sample_ms %u, scan_budget %u, flush %s\n",
		       sample_ms, scan_budget, flush);
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
	err = wsmon_sampler_init(&wsmon_events_ops);
	if (err)
		goto err_genl;
	pr_info("version %s loaded, sampling every %u ms\n", WSMON_VERSION,
		sample_ms);
	return 0;

err_genl:
	wsmon_genl_exit();
err_walk:
	wsmon_walk_exit();
err_config:
	wsmon_config_exit();
	return err;
}

static void __exit wsmon_exit(void)
{
	/* first the worker, which multicasts through the family */
	wsmon_sampler_stop();
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
