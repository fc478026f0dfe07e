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
	/*
	 * GET_PROC: per-process working-set figures.  doit: PID (in the
	 * caller's PID namespace) -> one PROC; dumpit: every tracked process
	 * the caller may see.  HISTOGRAMS asks for the histograms too.
	 * Callers without CAP_SYS_ADMIN see only their own processes.
	 */
	WSMON_CMD_GET_PROC,
	/*
	 * SET_CONFIG (CAP_SYS_ADMIN): SAMPLE_MS, SCAN_BUDGET, WINDOWS,
	 * TRACK_PIDS (a list; an empty list tracks every user process).
	 * All are checked before any is applied.
	 */
	WSMON_CMD_SET_CONFIG,

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
	WSMON_A_SAMPLE_MS,		/* u32, sampling period */
	WSMON_A_SCAN_BUDGET,		/* u32, most pages walked per sample */
	WSMON_A_WINDOWS,		/* nest of WSMON_LIST_ENTRY u32: windows, samples */
	WSMON_A_TRACK_PIDS,		/* nest of WSMON_LIST_ENTRY u32: PIDs; empty: all */
	WSMON_A_TRACKED,		/* u32, processes tracked now */
	WSMON_A_SAMPLES,		/* u64, samples taken since load */
	WSMON_A_SAMPLE_NS,		/* u64, how long the last sample took */
	WSMON_A_SAMPLE_PAGES,		/* u64, pages the last sample walked */
	WSMON_A_BUDGET_EXHAUSTED,	/* u64, samples cut short by the budget */
	WSMON_A_AGE_BYTES,		/* u64, memory held by page ages */
	/*
	 * string: how clearing accessed bits is kept from misleading reclaim:
	 * "page_young" (PG_young set, as idle page tracking and DAMON do) or
	 * "mark_accessed" (folio_mark_accessed(), where PG_young is absent).
	 */
	WSMON_A_RECLAIM_MODE,
	WSMON_A_PID,			/* u32, request: a PID in the caller's namespace */
	WSMON_A_HISTOGRAMS,		/* flag, request: add histograms to PROC */
	WSMON_A_PROC,			/* nest of enum wsmon_proc_attr */

	__WSMON_A_MAX,
};

#define WSMON_A_MAX (__WSMON_A_MAX - 1)

/* Entries of a list attribute (WINDOWS, TRACK_PIDS, PROC_WSS ...). */
enum wsmon_list_attr {
	WSMON_LIST_UNSPEC,
	WSMON_LIST_ENTRY,		/* u32 or u64, as the list says */
	WSMON_LIST_PAD,

	__WSMON_LIST_MAX,
};

#define WSMON_LIST_MAX (__WSMON_LIST_MAX - 1)

/*
 * One process.  Figures are from its last complete pass; a sample is one
 * period of SAMPLE_MS.
 */
enum wsmon_proc_attr {
	WSMON_PROC_A_UNSPEC,
	WSMON_PROC_A_PAD,
	WSMON_PROC_A_PID,		/* u32, in the caller's PID namespace */
	WSMON_PROC_A_COMM,		/* string */
	WSMON_PROC_A_UID,		/* u32, in the caller's user namespace */
	WSMON_PROC_A_PASSES,		/* u64, complete passes over it */
	WSMON_PROC_A_RSS,		/* u64, bytes: the kernel's RSS */
	WSMON_PROC_A_PRESENT,		/* u64, bytes mapped by present PTEs/PMDs */
	WSMON_PROC_A_WINDOWS,		/* nest of u32 entries: windows, samples */
	WSMON_PROC_A_WSS,		/* nest of u64 entries: W(t, window), bytes */
	WSMON_PROC_A_KNEE_SAMPLES,	/* u32, knee window T*; 0 unknown */
	WSMON_PROC_A_KNEE,		/* u64, bytes: s(T*), the memory it needs */
	WSMON_PROC_A_MAJFLT_RATE,	/* u64, major faults per 1000 s */
	WSMON_PROC_A_MINFLT_RATE,	/* u64, minor faults per 1000 s */
	/* binary, u64[WSMON_IDLE_BUCKETS]: pages by idle age, log2 buckets */
	WSMON_PROC_A_IDLE_HIST,
	/*
	 * binary, u64[WSMON_REUSE_SLOTS]: [0] first touches, [k] reuses after
	 * k samples idle-to-reference interval (the last slot: k or more)
	 */
	WSMON_PROC_A_REUSE_HIST,
	WSMON_PROC_A_REUSE_SAMPLES,	/* u64, samples the reuse counts span */

	__WSMON_PROC_A_MAX,
};

#define WSMON_PROC_A_MAX (__WSMON_PROC_A_MAX - 1)

#define WSMON_IDLE_BUCKETS	9	/* 0, 1, 2-3, 4-7, ..., 128-254 samples */
#define WSMON_REUSE_SLOTS	256

#endif /* _UAPI_LINUX_WSMON_H */
