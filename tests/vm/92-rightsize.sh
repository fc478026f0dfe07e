# wsmon rightsize against a process with a known, tiered working set: 16
# MiB touched every 100 ms, 16 MiB more every 8 s, 64 MiB written once at
# start.  Its knee is the 32 MiB it uses; with swap, rightsize must bring
# memory.high near it, push the cold 64 MiB to swap, and not slow the hot
# loop; a working set that grows must get its room back within 5 samples;
# memory.high must be as found after the controller stops.
. /tests/lib.sh

MIB=1048576
DOC=/doc/json.md
if ! cgroup2_ready; then
	ok "rightsize # SKIP no cgroup v2 in this kernel"
	exit 0
fi
zram_swap 256M
# the module starts after the process has written its memory (its
# start-up writes are not first touches)
unload_module
G=/sys/fs/cgroup/rs
mkdir -p $G
echo $$ >$G/cgroup.procs
start_pattern /tmp/rs.out -m 96 -H 16 -W 16 -e 8000 -G 48
A=$P
echo $$ >/sys/fs/cgroup/cgroup.procs
load_module
wsmon config --all --sample-ms 1000 --windows 1,2,5,10,30,60 >/dev/null
samples 12	# the warm set's 8 s interval seen at least once
rate0=$(loops_rate $A /tmp/rs.out 10)
diag "hot loop before: $rate0 loops/s"

# refusals
as_nobody "wsmon rightsize /rs --apply" >/dev/null 2>/tmp/e
expect "rightsize --apply as nobody is refused (exit 4)" 4 $?
wsmon rightsize /nonexistent --apply >/dev/null 2>/tmp/e
expect "a group that does not exist is refused (exit 1)" 1 $?
check "  saying so" grep -q "no such group" /tmp/e
wsmon rightsize rs >/dev/null 2>/tmp/e
expect "a path without / is refused (exit 2)" 2 $?
wsmon rightsize /rs/../../../etc --apply >/dev/null 2>/tmp/e
expect "a path that climbs out of the cgroup tree is refused (exit 2)" 2 $?
found=$(cat $G/memory.high)

# a dry run writes nothing
timeout 4 wsmon rightsize /rs >/tmp/dry.log 2>&1
check "without --apply it says what it would do" grep -q "would_set" /tmp/dry.log
expect "  and writes nothing" "$found" "$(cat $G/memory.high)"

wsmon rightsize /rs --apply --json >/tmp/rs.log 2>/tmp/rs.err &
R=$!
# wait for the evidence, not for a time: memory.high down near the knee
# (10 calm samples, then 5% a sample from about 96 MiB: some 30 samples
# on a quiet host), then the cold memory in swap; 4 minutes at most
t=0
while [ $t -lt 240 ]; do
	high=$(cat $G/memory.high)
	[ "$high" != max ] && [ "$high" -le $((40 * MIB)) ] && break
	sleep 1
	t=$((t + 1))
done
while [ $t -lt 240 ] && [ "$(awk '/^VmSwap:/ { print $2 }' /proc/$A/status)" -lt $((40 * 1024)) ]; do
	sleep 1
	t=$((t + 1))
done
samples 3	# and it holds there
high=$(cat $G/memory.high)
diag "after $t s: memory.high $high; $(grep -c '"action":"set"' /tmp/rs.log) changes"
if [ "$high" != max ] && [ "$high" -ge $((28 * MIB)) ] && [ "$high" -le $((40 * MIB)) ]; then
	ok "memory.high settles at the knee: $((high / 1024)) KiB, within 28..40 MiB"
else
	not_ok "memory.high settles at the knee (28..40 MiB)" "memory.high $high" "$(tail -n 5 /tmp/rs.log)"
fi
swap=$(($(awk '/^VmSwap:/ { print $2 }' /proc/$A/status) * 1024))
if [ "$swap" -ge $((40 * MIB)) ]; then
	ok "the cold memory went to swap: $((swap / MIB)) MiB of the process (VmSwap)"
else
	not_ok "the cold memory went to swap (at least 40 MiB)" "VmSwap $((swap / 1024)) KiB"
fi
rate1=$(loops_rate $A /tmp/rs.out 10)
if awk -v a="$rate1" -v b="$rate0" 'BEGIN { exit !(b > 0 && a >= 0.95 * b) }'; then
	ok "the hot loop keeps its pace: $rate1 loops/s against $rate0 before"
else
	not_ok "the hot loop keeps at least 95% of its pace" "$rate1 loops/s against $rate0 before"
fi
check "its log follows doc/json.md" sh -c "jsoncheck $DOC rightsize </tmp/rs.log"
check "  and carries the evidence of each change" \
	grep -q '"action":"set","cgroup":"/rs","reason":"[a-z_]*","sample":[0-9]*,.*"knee":[0-9]*' /tmp/rs.log

# the working set grows: 48 MiB hot instead of 16
full0=$(psi_full_us $G)
s0=$(sample_count)
kill -USR2 $A
# until the controller raised the limit (30 s at most), then 5 samples
t=0
while [ $t -lt 300 ] && ! sed -n 's/.*"action":"set","cgroup":"\/rs","reason":"raise_[a-z]*","sample":\([0-9]*\).*/\1/p' \
	/tmp/rs.log | awk -v s=$s0 '$1 >= s { f = 1 } END { exit !f }'; do
	usleep 100000
	t=$((t + 1))
done
samples 5
full1=$(psi_full_us $G)
high1=$(cat $G/memory.high)
raise=$(sed -n 's/.*"action":"set","cgroup":"\/rs","reason":"raise_[a-z]*","sample":\([0-9]*\).*/\1/p' /tmp/rs.log |
	awk -v s=$s0 '$1 >= s { print; exit }')
if [ -n "$raise" ] && [ $((raise - s0)) -le 5 ] && [ "$high1" -ge $((48 * MIB)) ]; then
	ok "a grown working set gets its room within 5 samples (sample $s0 -> $raise; memory.high $((high1 / MIB)) MiB)"
else
	not_ok "a grown working set gets its room within 5 samples" "grew at $s0, raised at '$raise', memory.high $high1" \
		"$(tail -n 4 /tmp/rs.log)"
fi
stall=$((full1 - full0))
if [ "$stall" -le 1000000 ]; then
	ok "  with at most 1 s of full pressure ($((stall / 1000)) ms)"
else
	not_ok "  with at most 1 s of full pressure" "$((stall / 1000)) ms of full pressure"
fi

kill -TERM $R
wait $R
expect "rightsize stops with 0 on SIGTERM" 0 $?
expect "memory.high is back to what it was ($found)" "$found" "$(cat $G/memory.high)"
check "  and the log says so" grep -q '"action":"restore"' /tmp/rs.log
kill $A
wait $A 2>/dev/null

# SIGINT, from a limit that was set: put back as found
echo 200M >$G/memory.high
found=$(cat $G/memory.high)
echo $$ >$G/cgroup.procs
start_pattern /tmp/rs3.out -m 32 -H 8
C=$P
echo $$ >/sys/fs/cgroup/cgroup.procs
wsmon rightsize /rs --apply >/tmp/rs3.log 2>&1 &
R=$!
samples 3
kill -INT $R
wait $R
expect "after SIGINT memory.high is back to what it was ($found)" "$found" "$(cat $G/memory.high)"
check "  having changed it meanwhile" grep -q ' set /rs ' /tmp/rs3.log
kill $C
wait $C 2>/dev/null
rmdir $G
swapoff /dev/zram0
