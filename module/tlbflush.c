// SPDX-License-Identifier: GPL-2.0
/*
 * The TLB flush after a sample, and how it is done on this kernel.
 *
 * The CPU sets an accessed bit only when it walks the page tables, so a
 * page whose translation stays cached is used without the bit coming
 * back: a sample that cleared bits flushes the TLBs of the CPUs that ran
 * the walked processes (flush=mm) or of all CPUs (flush=all).  The kernel
 * itself does not flush when it ages pages (x86's
 * ptep_clear_flush_young(), MGLRU, DAMON, clear_refs): it accepts bits
 * that come back late.  wsmon estimates a working set over one sample,
 * so it cannot.
 *
 * flush_tlb_mm_range() is not exported.  Where __flush_tlb_all() is (6.1,
 * 6.12), each CPU asked runs it: the kernel's own local flush, paravirt
 * and PTI included.  7.2 exports it only to the KVM modules.  A flush is
 * then one of the CPU's own instructions, run on the same CPUs:
 *
 *   - INVPCID, type 3 ("all contexts, non-global"): drops every
 *     user-space translation of every PCID, PTI's user PCIDs and the
 *     address spaces cached under other PCIDs included.  It flushes more
 *     than the kernel's own flush of one mm would, never less, and the
 *     kernel's per-PCID bookkeeping (cpu_tlbstate) only ever assumes
 *     that entries may be stale, never that they are present.
 *   - Without PCID, reloading CR3 with its own value drops every
 *     non-global translation: what the kernel's native_flush_tlb_local()
 *     does on such a CPU.
 *   - With PCID but no INVPCID, a CR3 reload flushes the current PCID
 *     only; PTI's user PCID and the other cached address spaces would
 *     keep their entries.  In a Xen PV guest CR3 is the hypervisor's.
 *     Neither has a flush a module may do: flush=mm and flush=all are
 *     refused with the reason, the default is none, and status says so.
 *
 * The instructions are used only where the kernel keeps its own flush to
 * itself; nothing here writes CR4 or touches the kernel's TLB state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/invpcid.h>
#include <asm/special_insns.h>

#include "core.h"

enum wsmon_tlb_via {
	WSMON_TLB_VIA_NONE,
	WSMON_TLB_VIA_KERNEL,		/* __flush_tlb_all() */
	WSMON_TLB_VIA_INVPCID,	/* INVPCID, all non-global */
	WSMON_TLB_VIA_CR3,		/* CR3 reloaded, no PCID */
};

static const char *const wsmon_tlb_via_names[] = {
	[WSMON_TLB_VIA_NONE] = "unavailable",
	[WSMON_TLB_VIA_KERNEL] = "__flush_tlb_all",
	[WSMON_TLB_VIA_INVPCID] = "invpcid",
	[WSMON_TLB_VIA_CR3] = "cr3",
};

static enum wsmon_tlb_via wsmon_flush_via;
static const char *wsmon_flush_why = "not probed";

/* Decide once, at load, how this kernel and CPU flush. */
void __init wsmon_tlbflush_init(void)
{
	if (WSMON_KERNEL_FLUSH_EXPORTED) {
		wsmon_flush_via = WSMON_TLB_VIA_KERNEL;
		wsmon_flush_why = "the kernel exports __flush_tlb_all() to modules";
	} else if (cpu_feature_enabled(X86_FEATURE_XENPV)) {
		wsmon_flush_via = WSMON_TLB_VIA_NONE;
		wsmon_flush_why =
			"no exported flush, and a Xen PV guest's CR3 is the hypervisor's";
	} else if (boot_cpu_has(X86_FEATURE_INVPCID)) {
		wsmon_flush_via = WSMON_TLB_VIA_INVPCID;
		wsmon_flush_why =
			"no exported flush; INVPCID drops every PCID's user translations";
	} else if (!boot_cpu_has(X86_FEATURE_PCID)) {
		wsmon_flush_via = WSMON_TLB_VIA_CR3;
		wsmon_flush_why =
			"no exported flush; without PCID a CR3 reload drops them all";
	} else {
		wsmon_flush_via = WSMON_TLB_VIA_NONE;
		wsmon_flush_why =
			"no exported flush, and without INVPCID a CR3 reload misses other PCIDs";
	}
	if (wsmon_flush_via == WSMON_TLB_VIA_NONE)
		pr_info("no TLB flush: %s\n", wsmon_flush_why);
}

bool wsmon_tlbflush_available(void)
{
	return wsmon_flush_via != WSMON_TLB_VIA_NONE;
}

/* How a flush is done here ("unavailable" when it cannot be), and why. */
const char *wsmon_tlbflush_method(void)
{
	return wsmon_tlb_via_names[wsmon_flush_via];
}

const char *wsmon_tlbflush_why(void)
{
	return wsmon_flush_why;
}

/* On each CPU asked, with interrupts off. */
static void wsmon_flush_tlb_local(void *unused)
{
	switch (wsmon_flush_via) {
	case WSMON_TLB_VIA_KERNEL:
		wsmon_kernel_flush_tlb_local();
		break;
	case WSMON_TLB_VIA_INVPCID:
		invpcid_flush_all_nonglobals();
		break;
	case WSMON_TLB_VIA_CR3:
		native_write_cr3(__native_read_cr3());
		break;
	case WSMON_TLB_VIA_NONE:
		break;
	}
}

/* Flush the TLBs of the online CPUs in @mask; how many CPUs that was. */
u32 wsmon_flush_tlb_mask(const struct cpumask *mask)
{
	if (wsmon_flush_via == WSMON_TLB_VIA_NONE)
		return 0;
	on_each_cpu_mask(mask, wsmon_flush_tlb_local, NULL, true);
	return cpumask_weight_and(mask, cpu_online_mask);
}
