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
/* system-wide figures only (no PIDs): anyone may listen */
#define WSMON_GENL_MCGRP_EVENTS	"events"
/*
 * kills, with the victim's PID in the initial PID namespace: joining needs
 * CAP_SYS_ADMIN, and only the initial network namespace receives them
 */
#define WSMON_GENL_MCGRP_KILLS	"kills"

enum wsmon_cmd {
	WSMON_CMD_UNSPEC,
	/*
	 * GET_STATS: global figures.  Request: no attributes.
	 * Reply: MODULE_VERSION, KERNEL_RELEASE, PAGE_SIZE, MEM_TOTAL,
	 * MEM_FREE, MEM_AVAILABLE, SWAP_FREE; the sampler's state and
	 * configuration (SAMPLE_MS ... RECLAIM_MODE); the thrash statistics
	 * (STATE ... RATES_AVG) and rules (DEMAND_WINDOW ... LEAVE_SAMPLES).
	 */
	WSMON_CMD_GET_STATS,
	/*
	 * GET_PROC: per-process working-set figures.  doit: PID (in the
	 * caller's PID namespace) -> one PROC; dumpit: every tracked process
	 * the caller may see.  HISTOGRAMS asks for the histograms too.
	 * Who may see a process is /proc's rule for smaps and pagemap
	 * (ptrace_may_access(PTRACE_MODE_READ_FSCREDS)): the fsuid and fsgid
	 * of whoever opened the socket equal the process's real, effective
	 * and saved IDs, and the process is dumpable; CAP_SYS_ADMIN in the
	 * initial user namespace sees all.  The same rule applies to every
	 * per-process figure (GET_SWAP's owners, GET_SWAPMAP).
	 */
	WSMON_CMD_GET_PROC,
	/*
	 * SET_CONFIG (CAP_SYS_ADMIN): SAMPLE_MS, SCAN_BUDGET, WINDOWS,
	 * TRACK_PIDS (a list; an empty list tracks every user process), and
	 * the thrash rules DEMAND_WINDOW ... LEAVE_SAMPLES.  All are checked
	 * before any is applied.
	 */
	WSMON_CMD_SET_CONFIG,
	/*
	 * GET_SWAP: the swap map's summary.  Request: no attributes.  Reply:
	 * SWAP_FREE and one SWAP_AREA per swap type that process pages are
	 * in.  TOP lists the largest owners the caller may see.
	 */
	WSMON_CMD_GET_SWAP,
	/*
	 * GET_SWAPMAP (dump only): the swap extents of every process the
	 * caller may see, or of PID alone.  Each message holds one PROC nest
	 * (PID, COMM, UID, SWAP) and a run of SWAP_EXTENT nests; a process
	 * with many extents spans several messages, each with its PROC.
	 */
	WSMON_CMD_GET_SWAPMAP,
	/*
	 * EVENT: sent to a multicast group, never requested.  EVENT_TYPE
	 * says which; the figures are those of GET_STATS without TRACK_PIDS.
	 * SAMPLE and STATE go to "events"; KILL (with VICTIM) to "kills".
	 */
	WSMON_CMD_EVENT,
	/*
	 * KILL (CAP_SYS_ADMIN): choose a victim by POLICY and kill it with
	 * SIGKILL, the task pinned from choice to signal so a reused PID
	 * cannot redirect it.  Never a kernel thread, init, a process with
	 * oom_score_adj -1000, the caller, or one named in PROTECT_PIDS or
	 * PROTECT_COMMS.  DRY_RUN chooses and kills nothing.  Reply: POLICY,
	 * VICTIM; -ESRCH when no process may be chosen.  A kill is also sent
	 * to the "kills" group (EVENT_TYPE KILL, VICTIM).
	 */
	WSMON_CMD_KILL,

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
	/*
	 * u32, the most work per sample, in page-table entries visited (a
	 * THP counts 512); a pass that does not fit resumes in the next sample
	 */
	WSMON_A_SCAN_BUDGET,
	WSMON_A_WINDOWS,		/* nest of WSMON_LIST_ENTRY u32: windows, samples */
	WSMON_A_TRACK_PIDS,		/* nest of WSMON_LIST_ENTRY u32: PIDs; empty: all */
	WSMON_A_TRACKED,		/* u32, processes tracked now */
	WSMON_A_SAMPLES,		/* u64, samples taken since load */
	WSMON_A_SAMPLE_NS,		/* u64, how long the last sample took */
	WSMON_A_SAMPLE_PAGES,		/* u64, budget the last sample used (entries visited) */
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

	/* thrash statistics (GET_STATS, EVENT) */
	WSMON_A_STATE,			/* u32, enum wsmon_state */
	WSMON_A_STATE_SINCE,		/* u64, sample the state began at */
	/*
	 * u32, Denning's demand ratio in thousandths: the sum of the
	 * processes' W(t, DEMAND_WINDOW), shared pages divided among their
	 * mappers, over USER_MEM.  Above 1000 the working sets do not fit.
	 */
	WSMON_A_DEMAND,
	WSMON_A_DEMAND_BYTES,		/* u64, bytes: that sum */
	/* u64, bytes: memory for user pages: LRU (anon, file, unevictable) + free */
	WSMON_A_USER_MEM,
	WSMON_A_RATES,			/* nest of enum wsmon_rate_attr: last sample */
	WSMON_A_RATES_AVG,		/* same, averaged (EWMA, 1/8 per sample) */

	/* thrash rules (GET_STATS, SET_CONFIG) */
	WSMON_A_DEMAND_WINDOW,		/* u32, samples: the window W is summed for */
	WSMON_A_PRESSURE_DEMAND,	/* u32, thousandths: demand for PRESSURE */
	WSMON_A_THRASH_DEMAND,		/* u32, thousandths: demand for THRASHING */
	WSMON_A_THRASH_RATE,		/* u32, pages/s of swap-ins + refaults */
	WSMON_A_ENTER_SAMPLES,		/* u32, samples a higher state must hold */
	WSMON_A_LEAVE_SAMPLES,		/* u32, samples a lower state must hold */

	/* the swap map (GET_SWAP, GET_SWAPMAP) */
	WSMON_A_SWAP_AREA,		/* nest of enum wsmon_swap_area_attr */
	WSMON_A_SWAP_EXTENT,		/* nest of enum wsmon_swap_extent_attr */

	WSMON_A_EVENT_TYPE,		/* u32, enum wsmon_event */

	/* KILL */
	WSMON_A_POLICY,			/* u32, enum wsmon_policy; default BADNESS */
	WSMON_A_DRY_RUN,		/* flag */
	WSMON_A_PROTECT_PIDS,		/* nest of u32 WSMON_LIST_ENTRY, caller's namespace */
	WSMON_A_PROTECT_COMMS,		/* nest of string WSMON_LIST_ENTRY (command names) */
	WSMON_A_VICTIM,			/* nest of enum wsmon_proc_attr */

	/*
	 * u32, enum wsmon_flush (GET_STATS, SET_CONFIG): which CPUs' TLBs
	 * are flushed after a sample cleared accessed bits
	 */
	WSMON_A_FLUSH,
	WSMON_A_FLUSH_CPUS,		/* u32, CPUs the last sample flushed */
	/*
	 * u64, PTE tables the last sample did not read because their PMD's
	 * accessed bit said none of their pages was used (idle memory)
	 */
	WSMON_A_SAMPLE_SKIPPED,
	WSMON_A_SAMPLE_TABLES,		/* u64, PTE tables the last sample read */
	/*
	 * u32, samples: the longest time since any tracked process's
	 * figures were taken (how far the budget lets passes fall behind)
	 */
	WSMON_A_MAX_STALE,
	/*
	 * KILL request: nests of u32 WSMON_LIST_ENTRY PIDs (caller's
	 * namespace) ranked before, or only after, every other candidate
	 */
	WSMON_A_PREFER_PIDS,
	WSMON_A_AVOID_PIDS,
	/* u32, KILL request: SIGKILL (default) or SIGTERM */
	WSMON_A_SIGNAL,
	/*
	 * KILL request: signal exactly this process (u32 PID, caller's
	 * namespace) if it still is the one that started at TARGET_START
	 * (u64, ns since boot, as PROC_A_START reported); no choice is made
	 */
	WSMON_A_TARGET_PID,
	WSMON_A_TARGET_START,
	/*
	 * KILL reply: nest of u32 WSMON_LIST_ENTRY PIDs, the other processes
	 * that shared the victim's memory (vfork, CLONE_VM) and were killed
	 * with it, as the kernel's OOM killer does
	 */
	WSMON_A_ALSO_KILLED,
	/*
	 * u32, ms, rule: OOM_IMMINENT when memory and swap would run out
	 * within this at the rate they fell, two samples in a row; 0: off
	 */
	WSMON_A_IMMINENT_MS,
	/*
	 * u32, ms: when MemAvailable + free swap would reach 0 at the rate
	 * they fell over the last sample; absent while they do not fall
	 */
	WSMON_A_EXHAUST_MS,
	/*
	 * nest of u64 WSMON_LIST_ENTRY: the victims KILL has signalled since
	 * the module was loaded (not the processes sharing their memory,
	 * killed with them), one entry per enum wsmon_policy
	 */
	WSMON_A_KILLS,
	/*
	 * string (GET_STATS): how this kernel and CPU flush a TLB for
	 * WSMON_A_FLUSH ("__flush_tlb_all", "invpcid", "cr3"), or
	 * "unavailable", when only WSMON_FLUSH_NONE is accepted
	 */
	WSMON_A_FLUSH_METHOD,
	WSMON_A_FLUSH_WHY,		/* string, why that method */
	/*
	 * u64 (GET_STATS): processes a sample put off to the next because
	 * their mmap_lock was held, or a writer waited for it (the sampler
	 * never waits for one process's lock)
	 */
	WSMON_A_LOCK_BUSY,
	/*
	 * u64 (GET_STATS): allocations for a process (charged to its memory
	 * cgroup) refused or failed without reclaim: the group or an
	 * ancestor was at memory.max (memory.high too, for large arrays),
	 * or free memory was short.  The sampler never reclaims, throttles
	 * or OOM-kills in a group on its own behalf; it leaves the process
	 * to a later sample.
	 */
	WSMON_A_ALLOC_FAILED,
	/*
	 * u32 (GET_STATS): tracked PIDs left out of TRACK_PIDS because the
	 * viewer may not see them (/proc's rule) or cannot name them (PID
	 * namespace); TRACK_PIDS empty with this non-zero is not "all"
	 */
	WSMON_A_TRACK_HIDDEN,
	/*
	 * nest of u64 WSMON_LIST_ENTRY (GET_STATS): how many times each
	 * thrash state was entered since the module was loaded, in enum
	 * wsmon_state order; a counter a scrape cannot miss, however short
	 * the state was
	 */
	WSMON_A_STATE_ENTRIES,
	/*
	 * nest of enum wsmon_rate_attr (GET_STATS): the kernel's counters
	 * themselves (events since boot, not per 1000 s), as the last sample
	 * read them to make RATES: what Prometheus' rate() wants
	 */
	WSMON_A_COUNTERS,
	/*
	 * u64 (GET_STATS): references the sampler took from PG_idle since
	 * the module was loaded: pages whose accessed bit reclaim had
	 * already cleared (and counted) since wsmon's last visit.  Absent
	 * where the kernel has no PG_idle (CONFIG_PAGE_IDLE_FLAG, 64-bit).
	 */
	WSMON_A_IDLE_REFS,

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
	/*
	 * nest of u64 entries: W(t, window), bytes: pages referenced within
	 * the window, resident or since pushed out to swap
	 */
	WSMON_PROC_A_WSS,
	WSMON_PROC_A_KNEE_SAMPLES,	/* u32, knee window T*; 0 unknown */
	WSMON_PROC_A_KNEE,		/* u64, bytes: s(T*), the memory it needs */
	WSMON_PROC_A_MAJFLT_RATE,	/* u64, major faults per 1000 s */
	WSMON_PROC_A_MINFLT_RATE,	/* u64, minor faults per 1000 s */
	/*
	 * binary, u64[WSMON_IDLE_BUCKETS]: pages by idle age, log2 buckets;
	 * resident pages, and pages in swap whose age is known
	 */
	WSMON_PROC_A_IDLE_HIST,
	/*
	 * binary, u64[WSMON_REUSE_SLOTS]: [0] first touches, [k] reuses after
	 * k samples idle-to-reference interval (the last slot: k or more)
	 */
	WSMON_PROC_A_REUSE_HIST,
	WSMON_PROC_A_REUSE_SAMPLES,	/* u64, samples the reuse counts span */
	WSMON_PROC_A_SWAP,		/* u64, bytes: its pages in swap (swap PTEs) */
	/*
	 * u64, ns: time its live threads waited for thrashing pages (delay
	 * accounting; absent for processes started while it was off, see
	 * sysctl kernel.task_delayacct)
	 */
	WSMON_PROC_A_THRASH_NS,
	/*
	 * u64, bytes: W over the demand window, each page divided among the
	 * processes that map it (so a group's sum counts a shared page once);
	 * in GET_PROC records and KILL victims
	 */
	WSMON_PROC_A_WORKING_SET,
	/* a KILL victim: */
	WSMON_PROC_A_OOM_SCORE_ADJ,	/* s32 */
	WSMON_PROC_A_SCORE,		/* u64, what the policy ranked it by */
	WSMON_PROC_A_KILLED,		/* flag: the signal was sent */
	/* u32, samples since the last complete pass (how stale the figures are) */
	WSMON_PROC_A_STALE,
	WSMON_PROC_A_PASS_SAMPLES,	/* u32, samples the last pass spanned */
	/*
	 * flag: the process has more swap extents than the module keeps
	 * (SWAP still counts every page; GET_SWAPMAP lists the first ones)
	 */
	WSMON_PROC_A_SWAP_CAPPED,
	/*
	 * flag, a KILL victim: it was already dying (killed, or exiting)
	 * when chosen, so no signal was sent: its memory is on its way out
	 */
	WSMON_PROC_A_DYING,
	/*
	 * u64, when it started, ns since boot (TARGET_START): in KILL victims
	 * and in GET_PROC and GET_SWAP records
	 */
	WSMON_PROC_A_START,
	/*
	 * u64, GET_PROC: the ID of its cgroup v2 group (the inode of the
	 * group's directory, as stat(2) shows it) at the last sample; absent
	 * without cgroups.  The path is in /proc/PID/cgroup, relative to the
	 * reader's cgroup namespace.
	 */
	WSMON_PROC_A_CGROUP_ID,
	/*
	 * flag, GET_PROC: its memory is also used through a secondary MMU
	 * (a KVM guest, a device sharing its address space), whose accesses
	 * the accessed bits do not show: its working set is unknown.  Its
	 * WORKING_SET is then its resident memory (what the demand ratio
	 * and KILL's WSS policy count) and KNEE_SAMPLES is 0.
	 */
	WSMON_PROC_A_SECONDARY_MMU,
	/*
	 * The page cache of the regular files it holds open that no process
	 * maps (read()/write() pages, which no accessed bit shows), charged
	 * to its memory cgroup; each page split among the group's processes
	 * that hold the file, so a group's sum counts it once.  Every sample.
	 * u64, bytes: all of it
	 */
	WSMON_PROC_A_FILE_CACHE,
	/*
	 * u64, bytes: of FILE_CACHE, pages read or written within the demand
	 * window (PG_idle), and the pages whose use cannot be seen, which
	 * count as used: all without PG_idle, those MGLRU holds, files over
	 * 4 GiB or left over by the budget
	 */
	WSMON_PROC_A_FILE_WORKING_SET,
	WSMON_PROC_A_FILE_UNKNOWN,	/* u64, bytes: of FILE_WORKING_SET, unseen */

	__WSMON_PROC_A_MAX,
};

#define WSMON_PROC_A_MAX (__WSMON_PROC_A_MAX - 1)

/*
 * Rates, in events per 1000 s, from the kernel's vm event and node
 * counters (RATES, RATES_AVG); or those counters (COUNTERS).
 */
enum wsmon_rate_attr {
	WSMON_RATE_A_UNSPEC,
	WSMON_RATE_A_PAD,
	WSMON_RATE_A_MAJFLT,		/* u64, major faults (PGMAJFAULT) */
	WSMON_RATE_A_SWPIN,		/* u64, pages swapped in (PSWPIN) */
	WSMON_RATE_A_SWPOUT,		/* u64, pages swapped out (PSWPOUT) */
	WSMON_RATE_A_REFAULT_ANON,	/* u64, WORKINGSET_REFAULT_ANON */
	WSMON_RATE_A_REFAULT_FILE,	/* u64, WORKINGSET_REFAULT_FILE */
	WSMON_RATE_A_ACTIVATE_ANON,	/* u64, WORKINGSET_ACTIVATE_ANON */
	WSMON_RATE_A_ACTIVATE_FILE,	/* u64, WORKINGSET_ACTIVATE_FILE */
	WSMON_RATE_A_RESTORE_ANON,	/* u64, WORKINGSET_RESTORE_ANON */
	WSMON_RATE_A_RESTORE_FILE,	/* u64, WORKINGSET_RESTORE_FILE */

	__WSMON_RATE_A_MAX,
};

#define WSMON_RATE_A_MAX (__WSMON_RATE_A_MAX - 1)

/* The thrash state; see the README for the rules. */
enum wsmon_state {
	WSMON_STATE_OK,
	WSMON_STATE_PRESSURE,
	WSMON_STATE_THRASHING,
	/* memory and swap run out within IMMINENT_MS (a fast leak) */
	WSMON_STATE_OOM_IMMINENT,
};

#define WSMON_STATE_MAX	WSMON_STATE_OOM_IMMINENT

enum wsmon_event {
	WSMON_EVENT_UNSPEC,
	WSMON_EVENT_SAMPLE,		/* a sample finished: the key figures */
	WSMON_EVENT_STATE,		/* the thrash state changed: STATE, STATE_SINCE */
	WSMON_EVENT_KILL,		/* KILL killed VICTIM (PID in the initial namespace) */
};

/* TLB flushes after a sample (WSMON_A_FLUSH). */
enum wsmon_flush {
	/*
	 * none, as the kernel's own ageing: a page whose translation stays
	 * in a TLB is referenced without its accessed bit being set again,
	 * so a small hot set can look idle
	 */
	WSMON_FLUSH_NONE,
	WSMON_FLUSH_MM,			/* the CPUs in the walked processes' mm_cpumask */
	WSMON_FLUSH_ALL,		/* every online CPU */
};

/* How KILL ranks processes. */
enum wsmon_policy {
	/*
	 * resident pages + swap entries + page-table pages, plus
	 * oom_score_adj thousandths of RAM + free swap, as the OOM killer
	 */
	WSMON_POLICY_BADNESS,
	WSMON_POLICY_RSS,		/* resident pages */
	WSMON_POLICY_WSS,		/* W over the demand window */

	__WSMON_POLICY_MAX,
};

#define WSMON_POLICY_MAX (__WSMON_POLICY_MAX - 1)

/*
 * One swap area (swap type) as process pages use it.  The module cannot
 * see the area itself (swap_info is not exported): the client matches
 * TYPE to /proc/swaps, which lists areas in type order.
 */
enum wsmon_swap_area_attr {
	WSMON_SWAP_AREA_A_UNSPEC,
	WSMON_SWAP_AREA_A_PAD,
	WSMON_SWAP_AREA_A_TYPE,		/* u32, swap type */
	WSMON_SWAP_AREA_A_SLOTS,	/* u64, distinct slots process pages are in */
	WSMON_SWAP_AREA_A_MAPPED,	/* u64, swap PTEs (a shared slot once per mapper) */
	WSMON_SWAP_AREA_A_OWNERS,	/* u32, processes with pages here */
	WSMON_SWAP_AREA_A_RUNS,		/* u64, runs of consecutive used slots */
	WSMON_SWAP_AREA_A_LOWEST,	/* u64, lowest slot offset used */
	WSMON_SWAP_AREA_A_HIGHEST,	/* u64, highest slot offset used */
	WSMON_SWAP_AREA_A_TOP,		/* nest of PROC nests (PID, COMM, UID, SWAP) */

	__WSMON_SWAP_AREA_A_MAX,
};

#define WSMON_SWAP_AREA_A_MAX (__WSMON_SWAP_AREA_A_MAX - 1)

/* PAGES virtual pages from START are in slots OFFSET.. of swap TYPE. */
enum wsmon_swap_extent_attr {
	WSMON_SWAP_EXTENT_A_UNSPEC,
	WSMON_SWAP_EXTENT_A_PAD,
	WSMON_SWAP_EXTENT_A_START,	/* u64, virtual address */
	WSMON_SWAP_EXTENT_A_PAGES,	/* u64 */
	WSMON_SWAP_EXTENT_A_TYPE,	/* u32 */
	WSMON_SWAP_EXTENT_A_OFFSET,	/* u64, first slot */

	__WSMON_SWAP_EXTENT_A_MAX,
};

#define WSMON_SWAP_EXTENT_A_MAX (__WSMON_SWAP_EXTENT_A_MAX - 1)

#define WSMON_IDLE_BUCKETS	9	/* 0, 1, 2-3, 4-7, ..., 128-254 samples */
#define WSMON_REUSE_SLOTS	256

#endif /* _UAPI_LINUX_WSMON_H */
