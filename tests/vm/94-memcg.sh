# What the sampler allocates for a process is charged to the process's
# memory cgroup, but never acts there on the sampler's behalf: no reclaim
# or OOM in a group at its memory.max, no throttling of the shared worker
# by a group over its memory.high.  Ground truth: each group's own
# memory.events (high: reclaim and throttling over memory.high;
# oom_kill), memory.stat (pgscan: pages reclaim scanned there) and /proc.
. /tests/lib.sh

if ! cgroup2_ready || ! [ -f /sys/fs/cgroup/cgroup.subtree_control ] ||
	! grep -qw memory /sys/fs/cgroup/cgroup.subtree_control; then
	ok "charges without reclaim # SKIP no cgroup v2 memory controller"
	exit 0
fi
event() { awk -v k=$1 '$1 == k { print $2 }' /sys/fs/cgroup/$2/memory.events; }
stat() { awk -v k=$1 '$1 == k { print $2 }' /sys/fs/cgroup/$2/memory.stat; }

# start_in GROUP PROG ARGS...: PROG in GROUP, idle once ready; $P
start_in() {
	g=$1
	shift
	mkdir -p /sys/fs/cgroup/$g
	echo 0 >/sys/fs/cgroup/$g/memory.swap.max 2>/dev/null
	sh -c "echo \$\$ >/sys/fs/cgroup/$g/cgroup.procs && exec $*" >/tmp/$g.out 2>&1 &
	P=$!
	i=0
	while ! grep -q ready /tmp/$g.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
}

unload_module	# loaded by an earlier suite, it would have seen them already
# a group exactly at its memory.max, and one over its memory.high, both
# before the module sees them: its first passes over them must allocate.
# Each holds one page every 2 MiB: 512 page tables a GiB, whose ages take
# about 85 pages.  In the first, 2 GiB: more than the 2 x 64 pages the
# CPUs' charge stocks may hold ahead; in the second, more than the 64
# pages over memory.high that make an allocating task reclaim and sleep
start_in full sparse -r 1 -g 2 -s 2048
FULL=$P
start_in high sparse -r 1 -g 1 -s 2048
HIGH=$P
usleep 500000
cat /sys/fs/cgroup/full/memory.current >/sys/fs/cgroup/full/memory.max
echo $(($(cat /sys/fs/cgroup/high/memory.current) / 2)) >/sys/fs/cgroup/high/memory.high
max0=$(event max full)
scan0=$(stat pgscan full)
oom0=$(event oom_kill full)
high0=$(event high high)
diag "full: memory.current $(cat /sys/fs/cgroup/full/memory.current) = memory.max $(cat /sys/fs/cgroup/full/memory.max); high: memory.current $(cat /sys/fs/cgroup/high/memory.current) over memory.high $(cat /sys/fs/cgroup/high/memory.high)"

load_module
wsmon config --all --sample-ms 200 >/dev/null
samples 20
wsmon status --json >/tmp/st.json
failed=$(json_num alloc_failed /tmp/st.json)
diag "alloc_failed $failed; last sample took $(sed -n 's/.*"sample_ms_taken":\([0-9.]*\).*/\1/p' /tmp/st.json) ms"

expect "at memory.max: no OOM kill in the group (memory.events oom_kill)" "$oom0" "$(event oom_kill full)"
check "at memory.max: its process lives" kill -0 $FULL
expect "at memory.max: no reclaim there for the sampler (memory.stat pgscan)" "$scan0" "$(stat pgscan full)"
diag "at memory.max: charges that met the limit (memory.events max) $max0 -> $(event max full)"
check "at memory.max: the allocations refused are counted (status alloc_failed $failed)" \
	test "${failed:-0}" -gt 0
expect "over memory.high: the worker neither reclaimed nor was throttled there (memory.events high)" \
	"$high0" "$(event high high)"
wsmon show $HIGH --json >/tmp/h.json 2>/tmp/err
check "over memory.high: its process is sampled all the same" test "$(json_num passes /tmp/h.json)" -gt 0

# room again: the process at its limit is sampled then
echo max >/sys/fs/cgroup/full/memory.max
samples 3
wsmon show $FULL --json >/tmp/f.json 2>/tmp/err
check "with room again, the process once at memory.max is sampled" \
	test "$(json_num passes /tmp/f.json)" -gt 0

kill $FULL $HIGH
wait $FULL $HIGH 2>/dev/null
unload_module
rmdir /sys/fs/cgroup/full /sys/fs/cgroup/high
