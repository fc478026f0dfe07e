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

#include "wsmon.h"

/* the module parameters are in params.c */

/* what the core tells the front */
static const struct wsmon_core_ops wsmon_front_ops = {
	.sampled = wsmon_events_sampled,
	.published = wsmon_proc_rec_build,
};

static int __init wsmon_init(void)
{
	int err;

	err = wsmon_config_init();
	if (err)
		return err;
	err = wsmon_walk_init();
	if (err)
		goto err_config;
	err = wsmon_genl_init();
	if (err) {
		pr_err("cannot register generic netlink family: %d\n", err);
		goto err_walk;
	}
	err = wsmon_sampler_init(&wsmon_front_ops);
	if (err)
		goto err_genl;
	pr_info("version %s loaded, sampling every %u ms\n", WSMON_VERSION,
		wsmon_cfg.sample_ms);
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
	wsmon_kill_exit();
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
