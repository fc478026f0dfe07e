# make bench, live-host part: what wsmon costs a shared host, each figure
# beside its peer from the same run.
#   - TLB flush modes (none, mm, all): sample cost, CPUs flushed, and the
#     accuracy of W(1) on a scattered hot set (48 of 160 MiB, random pages)
#     and on a small hot set (4 of 64 MiB, which stays in the TLB); the
#     truth is the kernel's own count over one period (clear_refs, then
#     smaps Referenced)
#   - IPIs: function-call and TLB interrupts on CPU 1 per 100 samples of a
#     process pinned to CPU 0, per mode, against the module unloaded
#   - a 64 TiB PROT_NONE reservation plus 2 GiB touched one page per MiB,
#     as nobody: sample time with and without it
. /extra/benchlib.sh

load_module
diag "bench: kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(($(meminfo_bytes MemTotal) / MIB)) MiB, QEMU TCG"

# refd PID: bytes smaps counts as referenced since the last clear_refs
refd() { awk '/^Referenced:/ { s += $2 } END { print s * 1024 }' /proc/$1/smaps; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f\n", b / 1048576 }'; }
# err GOT TRUTH: relative error in percent
err() { awk -v g="$1" -v t="$2" 'BEGIN { d = g - t; if (d < 0) d = -d; printf "%.1f\n", 100 * d / t }'; }

# --- 1. flush modes: cost and accuracy
start_pattern /tmp/sc.out -S -m 160 -H 48
A=$P
start_pattern /tmp/sm.out -m 64 -H 4
B=$P
for mode in none mm all; do
	wsmon config --pids $A,$B --sample-ms 1000 --flush $mode
	wait_samples 6
	sed -i 1,2d /tmp/samples	# the config change restarts the windows
	ms=$(awk '{ print $1 }' /tmp/samples | median)
	status
	cpus=$(num flush_cpus /tmp/st.json)
	wsmon show $A --json >/tmp/a.json
	wsmon show $B --json >/tmp/b.json
	wa=$(num w1 /tmp/a.json)
	wb=$(num w1 /tmp/b.json)
	# the kernel's own count of the same: clear_refs, one sample period,
	# then smaps' Referenced (the program's own stack, code and index
	# array are in its working set too, beside the nominal hot set)
	echo 1 >/proc/$A/clear_refs
	echo 1 >/proc/$B/clear_refs
	usleep 1000000
	ra=$(refd $A)
	rb=$(refd $B)
	bench "flush=$mode: sample $ms ms (median), $cpus CPUs flushed; scattered hot set (48 MiB nominal): W(1) $(mib "$wa") MiB, smaps Referenced $(mib "$ra") MiB, error $(err "$wa" "$ra")%; small hot set (4 MiB): W(1) $(mib "$wb") MiB, Referenced $(mib "$rb") MiB, error $(err "$wb" "$rb")%"
	[ -n "$wa" ] && [ -n "$wb" ] || not_ok "bench: flush=$mode measured"
done
kill $A $B
ok "bench: flush modes measured"

# --- 2. IPIs to a CPU that runs nothing tracked
# ipis: CAL+TLB on CPU 1 over 5 s at 50 ms samples (about 100), no client running
ipis() {
	c0=$(cal_tlb_cpu1)
	usleep 5000000
	echo $(($(cal_tlb_cpu1) - c0))
}
taskset 1 pattern -m 16 -H 4 >/tmp/pin.out &
P=$!
usleep 500000
wq_mask=/sys/devices/virtual/workqueue/cpumask
wq_was=$(cat $wq_mask)
for iso in no yes; do
	# yes: CPU 1 isolated as isolcpus would: unbound work and every task
	# that may move kept off it
	if [ $iso = yes ]; then
		echo 1 >$wq_mask
		moved=$(housekeep 1)
	fi
	unload_module
	base=$(ipis)
	load_module
	for mode in none mm all; do
		wsmon config --sample-ms 50 --pids $P --flush $mode
		usleep 500000
		got=$(ipis)
		bench "ipis: flush=$mode, CPU 1 isolated: $iso: CPU 1 got $got function-call + TLB interrupts in 100 samples of a process pinned to CPU 0; $base with the module unloaded (+$((got - base)))"
	done
done
echo "$wq_was" >$wq_mask
unhousekeep $moved
kill $P
ok "bench: IPIs measured"

# --- 3. what one user's sparse mapping costs everyone
wsmon config --all --sample-ms 1000 --flush mm
wait_samples 12
ms0=$(awk '{ print $1 }' /tmp/samples | median)
su -s /bin/sh nobody -c "/tests/bin/sparse -r 64 -g 2 >/tmp/sp.out 2>&1 &"
i=0
while ! grep -q ready /tmp/sp.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
wait_samples 3
wait_samples 20
ms1=$(awk '{ print $1 }' /tmp/samples | median)
status
bench "sparse: nobody's 64 TiB PROT_NONE + 2 GiB touched one page per MiB: sample $ms0 -> $ms1 ms (median), ratio $(div "$ms1" "$ms0"); $(num sample_skipped /tmp/st.json) idle page tables skipped in the last sample"
pkill sparse
if [ -n "$ms0" ] && [ -n "$ms1" ]; then ok "bench: sparse mapping measured"; else not_ok "bench: sparse mapping measured"; fi
check "bench: module unloads" rmmod wsmon
