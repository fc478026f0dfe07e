/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels wsmon supports (Debian 6.1 and 6.12).
 * Every difference lives here, keyed on the WSMON_HAVE_* feature tests
 * that Kbuild runs against the headers; the rest of the module is written
 * against the interface this file provides.
 */
#ifndef _WSMON_COMPAT_H
#define _WSMON_COMPAT_H

#include <net/genetlink.h>

/*
 * The request attributes of a dump: 6.1's struct genl_dumpit_info has
 * ->attrs; later kernels embed a struct genl_info and offer
 * genl_info_dump().
 */
#ifdef WSMON_HAVE_GENL_INFO_DUMP
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_info_dump(cb)->attrs;
}
#else
static inline struct nlattr **wsmon_dump_attrs(struct netlink_callback *cb)
{
	return genl_dumpit_info(cb)->attrs;
}
#endif

#endif /* _WSMON_COMPAT_H */
