/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * wsmon: working-set, swap-map and thrash statistics over generic netlink.
 *
 * This header is the single source of truth for the "wsmon" generic
 * netlink family; the module and the client both include it.
 *
 * Rules: commands and attributes start at 1 and are append-only.  A
 * value, once released, keeps its number and meaning.  Sizes of memory
 * are in bytes (u64, padded with WSMON_A_PAD), counts are u64.
 */
#ifndef _UAPI_LINUX_WSMON_H
#define _UAPI_LINUX_WSMON_H

#define WSMON_GENL_NAME		"wsmon"
#define WSMON_GENL_VERSION	1
#define WSMON_GENL_MCGRP_EVENTS	"events"

enum wsmon_cmd {
	WSMON_CMD_UNSPEC,
	/*
	 * GET_STATS: global figures.  Request: no attributes.
	 * Reply: MODULE_VERSION, KERNEL_RELEASE, PAGE_SIZE, MEM_TOTAL,
	 * MEM_FREE, MEM_AVAILABLE, SWAP_FREE.
	 */
	WSMON_CMD_GET_STATS,

	__WSMON_CMD_MAX,
};

#define WSMON_CMD_MAX (__WSMON_CMD_MAX - 1)

enum wsmon_attr {
	WSMON_A_UNSPEC,
	WSMON_A_PAD,
	WSMON_A_MODULE_VERSION,		/* string */
	WSMON_A_KERNEL_RELEASE,		/* string, uname -r of the running kernel */
	WSMON_A_PAGE_SIZE,		/* u32, bytes */
	WSMON_A_MEM_TOTAL,		/* u64, bytes: MemTotal */
	WSMON_A_MEM_FREE,		/* u64, bytes: MemFree */
	WSMON_A_MEM_AVAILABLE,		/* u64, bytes: MemAvailable */
	/*
	 * u64, bytes: free swap, the kernel's nr_swap_pages.  Total swap is
	 * not available to modules (total_swap_pages and si_swapinfo() are
	 * not exported); the client reads it from /proc/swaps.
	 */
	WSMON_A_SWAP_FREE,

	__WSMON_A_MAX,
};

#define WSMON_A_MAX (__WSMON_A_MAX - 1)

#endif /* _UAPI_LINUX_WSMON_H */
