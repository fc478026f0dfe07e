# wsmon against DAMON, side by side in one VM (Debian 6.12 has DAMON's
# sysfs interface): the working set of five workloads whose truth is
# known, each measured by wsmon (W over one 1 s sample) and by DAMON
# (vaddr operations, a stat scheme that admits every region, the bytes of
# regions with nr_accesses > 0 after update_schemes_tried_regions, as
# damo report wss counts them; the median of 5 snapshots), with damo's
# defaults (5 ms sampling, 100 ms aggregation, 10..1000 regions) and with
# the aggregation at wsmon's sample (1 s), DAMON getting the better of the
# two.  Then the cost: CPU time of kdamond against wsmon's sampling time
# over the same minute, and the slowdown of a memory-bound loop.
. /extra/benchlib.sh

D=/sys/kernel/mm/damon/admin
if [ ! -d $D ]; then
	ok "damon bench # SKIP no DAMON sysfs in this kernel"
	exit 0
fi
K=$D/kdamonds/0
C=$K/contexts/0
S=$C/schemes/0

# damon_start PID AGGR_US: monitor PID's virtual address space
damon_start() {
	echo 1 >$D/kdamonds/nr_kdamonds
	echo 1 >$K/contexts/nr_contexts
	echo vaddr >$C/operations
	echo 1 >$C/targets/nr_targets
	echo "$1" >$C/targets/0/pid_target
	echo 5000 >$C/monitoring_attrs/intervals/sample_us
	echo "$2" >$C/monitoring_attrs/intervals/aggr_us
	echo 10 >$C/monitoring_attrs/nr_regions/min
	echo 1000 >$C/monitoring_attrs/nr_regions/max
	echo 1 >$C/schemes/nr_schemes
	echo stat >$S/action
	echo 0 >$S/access_pattern/sz/min
	echo 18446744073709551615 >$S/access_pattern/sz/max
	echo 0 >$S/access_pattern/nr_accesses/min
	echo 4294967295 >$S/access_pattern/nr_accesses/max
	echo 0 >$S/access_pattern/age/min
	echo 4294967295 >$S/access_pattern/age/max
	echo on >$K/state
}

damon_stop() {
	echo off >$K/state 2>/dev/null
	echo 0 >$D/kdamonds/nr_kdamonds 2>/dev/null
}

# damon_wss: the bytes of regions accessed in the last aggregation
damon_wss() {
	echo update_schemes_tried_regions >$K/state
	total=0
	for r in $S/tried_regions/[0-9]*; do
		[ -d "$r" ] || continue
		[ "$(cat $r/nr_accesses)" -gt 0 ] || continue
		total=$((total + $(cat $r/end) - $(cat $r/start)))
	done
	echo $total
}

# wsmon_w1 PID: W over one sample, from ps
wsmon_w1() {
	wsmon ps --json | grep -o "{\"pid\":$1,[^}]*}" | sed -n 's/.*"w1":\([0-9]*\).*/\1/p'
}

err() { awk -v g="$1" -v t="$2" 'BEGIN { d = g - t; if (d < 0) d = -d; printf "%.1f\n", d * 100 / t }'; }

# workload NAME TRUTH_MIB PATTERN_ARGS...
workload() {
	name=$1 truth=$(($2 * MIB))
	shift 2
	pattern "$@" >/tmp/w.out &
	pid=$!
	while ! grep -q ready /tmp/w.out; do usleep 100000; done
	load_module
	wsmon config --all --sample-ms 1000 --windows 1,2,5 >/dev/null
	wait_samples 4
	for i in 1 2 3 4 5; do
		wait_samples 1
		wsmon_w1 $pid
	done | median >/tmp/w.wsmon
	unload_module
	best=
	for aggr in 100000 1000000; do
		damon_start $pid $aggr
		sleep 10	# regions adapt
		for i in 1 2 3 4 5; do
			sleep $((aggr / 1000000 + 1))
			damon_wss
		done | median >/tmp/w.damon.$aggr
		damon_stop
		d=$(cat /tmp/w.damon.$aggr)
		e=$(err "$d" $truth)
		bench "damon: $name: DAMON, aggregation $((aggr / 1000)) ms: $((d / 1024)) KiB, error $e%"
		if [ -z "$best" ] || awk -v a="$e" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$e
			bestd=$d
		fi
	done
	w=$(cat /tmp/w.wsmon)
	we=$(err "$w" $truth)
	bench "damon: $name: truth $((truth / 1024)) KiB; wsmon $((w / 1024)) KiB (error $we%); DAMON $((bestd / 1024)) KiB (error $best%, the better aggregation)"
	kill $pid
	wait $pid 2>/dev/null
}

unload_module
workload scattered 48 -m 160 -H 48 -S
workload contiguous 48 -m 160 -H 48
workload tlb-small 4 -m 64 -H 4
workload sweep 96 -m 96 -H 96
# the hot set moves once (after 5 s) and stays: both should follow it
workload moving 32 -m 160 -H 32 -M 5000

# cost over the same minute, one target: a 512 MiB process touching 64 MiB
pattern -m 512 -H 64 >/tmp/c.out &
pid=$!
while ! grep -q ready /tmp/c.out; do usleep 100000; done
load_module
wsmon config --all --sample-ms 1000 --windows 1,2,5 >/dev/null
wait_samples 60
ws_ms=$(awk '{ s += $1 } END { printf "%.0f\n", s }' /tmp/samples)
unload_module
damon_start $pid 100000
kd=$(cat $K/pid)
t0=$(awk '{ print $14 + $15 }' /proc/$kd/stat)
sleep 60
t1=$(awk '{ print $14 + $15 }' /proc/$kd/stat)
damon_stop
kd_ms=$(((t1 - t0) * 1000 / $(getconf CLK_TCK 2>/dev/null || echo 100)))
bench "damon: cost over 60 s of a 512 MiB process touching 64 MiB: wsmon sampling $ws_ms ms, kdamond $kd_ms ms CPU; ratio $(div "$ws_ms" "$kd_ms")"
kill $pid
wait $pid 2>/dev/null

# slowdown of a memory-bound loop (128 MiB touched as fast as it can)
pattern -m 128 -H 128 -t 1 >/tmp/l.out &
pid=$!
while ! grep -q ready /tmp/l.out; do usleep 100000; done
loops_rate $pid /tmp/l.out 20 >/dev/null	# warm-up, not counted
r0=$(loops_rate $pid /tmp/l.out 20)
load_module
wsmon config --all --sample-ms 1000 --windows 1,2,5 >/dev/null
r1=$(loops_rate $pid /tmp/l.out 20)
unload_module
damon_start $pid 100000
r2=$(loops_rate $pid /tmp/l.out 20)
damon_stop
r3=$(loops_rate $pid /tmp/l.out 20)	# alone again: how much the rate drifts by itself
bench "damon: memory-bound loop: alone $r0/s (and $r3/s after), under wsmon $r1/s ($(div "$r1" "$r0")x), under DAMON $r2/s ($(div "$r2" "$r0")x)"
kill $pid
wait $pid 2>/dev/null
ok "damon bench ran"
