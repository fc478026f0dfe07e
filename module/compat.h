/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels wsmon supports (Debian 6.1 and 6.12).
 * Every #if on the kernel version or configuration lives here; the rest of
 * the module is written against the interface this file provides.  Prefer
 * feature tests to version numbers where a feature macro exists.
 */
#ifndef _WSMON_COMPAT_H
#define _WSMON_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/*
 * struct genl_dumpit_info: 6.1 has ->attrs; from 6.2 the attributes live in
 * an embedded struct genl_info (->info.attrs).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->attrs;
}
#else
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->info.attrs;
}
#endif

#endif /* _WSMON_COMPAT_H */
