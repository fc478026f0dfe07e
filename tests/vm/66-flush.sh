# The TLB flush after a sample: which one this kernel allows, and that
# flush=mm does flush.  Ground truth: the kernel's Module.symvers (does it
# export __flush_tlb_all to every module? scripts/vm reads it on the
# host and passes wsmon_flush_export), /proc/cpuinfo (pcid, invpcid) and
# /proc/interrupts (the function-call IPIs that carry a remote flush).
. /tests/lib.sh

load_module
flags=$(sed -n 's/^flags[[:space:]]*: //p' /proc/cpuinfo | head -n1)
has() { case " $flags " in *" $1 "*) return 0 ;; esac; return 1; }
if [ "${wsmon_flush_export:-}" = 1 ]; then
	want=__flush_tlb_all
elif has invpcid; then
	want=invpcid
elif ! has pcid; then
	want=cr3
else
	want=unavailable
fi
diag "Module.symvers exports __flush_tlb_all: ${wsmon_flush_export:-?}; pcid $(has pcid && echo yes || echo no), invpcid $(has invpcid && echo yes || echo no)"

wsmon status --json >/tmp/fl.json
expect "status: the flush this kernel and CPU allow" "$want" "$(json_str flush_method /tmp/fl.json)"
why=$(json_str flush_why /tmp/fl.json)
check "status: and why ($why)" test -n "$why"
wsmon status >/tmp/fl.txt
check "text status names the method" grep -q "tlb flush .*by $want" /tmp/fl.txt
if [ "$want" = unavailable ]; then
	expect "the default where no flush is allowed is none" none "$(json_str flush /tmp/fl.json)"
	wsmon config --flush mm 2>/tmp/fl.err
	expect "flush=mm is refused where no flush is allowed" 2 $?
	check "and says why" grep -q 'no TLB flush' /tmp/fl.err
	unload_module
	exit 0
fi
expect "the default is mm" mm "$(json_str flush /tmp/fl.json)"

# flush=mm interrupts the CPU that runs a tracked process, after every
# sample; flush=none never does.  As in 65-live, CPU 1 holds only the
# pinned process, and the sampler runs on CPU 0 (everything that may
# move, unbound work included, is kept there), so each flush of CPU 1 is
# a function-call IPI that /proc/interrupts counts.
if [ "$(ncpus)" -lt 2 ]; then
	ok "flush=mm interrupts the tracked process's CPU # SKIP one CPU"
	unload_module
	exit 0
fi
# in the two-node VM, automatic NUMA balancing unmaps and migrates the
# pinned process's pages, and each of its TLB flushes interrupts CPU 1
nb_was=$(cat /proc/sys/kernel/numa_balancing 2>/dev/null)
[ -n "$nb_was" ] && echo 0 >/proc/sys/kernel/numa_balancing
wq_mask=/sys/devices/virtual/workqueue/cpumask
wq_was=$(cat $wq_mask 2>/dev/null)
[ -n "$wq_was" ] && echo 1 >$wq_mask
moved=$(housekeep 1)
taskset 2 pattern -m 16 -H 4 -t 5 >/tmp/fp.out &
P=$!
i=0
while ! grep -q ready /tmp/fp.out && [ $i -lt 100 ]; do usleep 100000; i=$((i + 1)); done

# ipis_per_sample MODE: CPU 1's CAL+TLB interrupts per sample, x100, over
# at least 40 samples
ipis_per_sample() {
	wsmon config --sample-ms 50 --pids $P --flush "$1" || return 1
	samples 2
	ipi_windows 40
	diag "flush=$1: $ipi_c CAL+TLB on CPU 1 over $ipi_n samples"
	[ $ipi_n -gt 0 ] && echo $((ipi_c * 100 / ipi_n))
}
mm=$(ipis_per_sample mm)
none=$(ipis_per_sample none)
# An isolated CPU (nohz_full: tests/run boots the scale-numa VM with
# nohz_full=1) is never flushed: its task asked for no interrupts.  Its
# interrupts count other things too in that VM (about 8 a sample, flush
# or none), so the ground truth is ftrace's record of each CPU that ran
# the module's flush function.
if [ "$(cat /sys/devices/system/cpu/nohz_full 2>/dev/null)" = 1 ]; then
	# flush=all: every CPU but the isolated one, so CPU 0's count
	# shows the tracer sees the flushes
	wsmon config --sample-ms 50 --pids $P --flush all >/dev/null
	if flush_trace 40; then
		diag "ftrace: wsmon_flush_tlb_local ran $ft_cpu0 times on CPU 0, $ft_cpu1 on CPU 1, over $ft_n samples with flush=all; interrupts per 100 samples: mm $mm, none $none"
		check "ftrace sees flush=all flush CPU 0 ($ft_cpu0 times)" test "$ft_cpu0" -gt 0
		expect "  and never the isolated (nohz_full) CPU that runs the tracked process" 0 "$ft_cpu1"
	else
		ok "no flush reaches an isolated CPU # SKIP no function tracer"
	fi
# otherwise a flush per sample: most samples interrupt CPU 1 (the pattern
# may be asleep between its touches, when its CPU still holds its
# translations and is still flushed), and none of them without flushing
elif [ -n "$mm" ] && [ -n "$none" ] && [ $((mm - none)) -ge 50 ]; then
	ok "flush=mm interrupts the tracked process's CPU at about every sample ($mm vs $none per 100 samples with none)"
else
	not_ok "flush=mm interrupts the tracked process's CPU" "per 100 samples: mm '$mm', none '$none'"
fi
kill $P
unhousekeep $moved
[ -n "$wq_was" ] && echo "$wq_was" >$wq_mask
[ -n "$nb_was" ] && echo "$nb_was" >/proc/sys/kernel/numa_balancing
check "config: defaults again" wsmon config --all --sample-ms 1000 --flush mm
unload_module
