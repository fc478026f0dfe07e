// SPDX-License-Identifier: GPL-2.0
/*
 * wsmon: per-process working-set estimation from page access bits, swap
 * map and thrash statistics, exported over the "wsmon" generic netlink
 * family.  This file only ties the parts together at load and unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "wsmon.h"

static int __init wsmon_init(void)
{
	int err;

	err = wsmon_genl_init();
	if (err) {
		pr_err("cannot register generic netlink family: %d\n", err);
		return err;
	}
	pr_info("version %s loaded\n", WSMON_VERSION);
	return 0;
}

static void __exit wsmon_exit(void)
{
	wsmon_genl_exit();
	pr_info("unloaded\n");
}

module_init(wsmon_init);
module_exit(wsmon_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Working-set, swap-map and thrash statistics over generic netlink");
MODULE_VERSION(WSMON_VERSION);
MODULE_ALIAS_GENL_FAMILY(WSMON_GENL_NAME);
