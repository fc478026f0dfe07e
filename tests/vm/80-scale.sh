# Thousands of processes: every one is tracked and the multi-part dump
# lists each exactly once, with the RSS /proc gives.  Ground truth: the
# PIDs forkn printed and /proc.  10,000 processes where the VM has room
# (make check runs this suite again in a 2 GiB VM), 2,000 in 512 MiB.
. /tests/lib.sh

load_module
N=2000
[ "$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" -ge 1500000 ] && N=10000
wsmon config --sample-ms 500 --all

forkn $N >/tmp/forkn.out 2>/tmp/forkn.err &
F=$!
i=0
while ! grep -q ready /tmp/forkn.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
grep -E '^[0-9]+$' /tmp/forkn.out | sort >/tmp/kids
expect "forkn started $N processes" $N "$(wc -l </tmp/kids)"

# wait until a sample has seen them all: the tracked count covers them
i=0
while [ $i -lt 120 ]; do
	wsmon status --json >/tmp/st.json
	[ "$(json_num tracked /tmp/st.json)" -ge $N ] && break
	usleep 500000
	i=$((i + 1))
done
diag "tracked $(json_num tracked /tmp/st.json), last sample took $(json_num sample_ms_taken /tmp/st.json) ms, $(json_num sample_pages /tmp/st.json) pages"

# (tracked counts the other processes too: wait until the dump has every
# child, a sample or two more on a loaded host)
i=0
while :; do
	wsmon ps --json >/tmp/ps.json 2>/tmp/ps.err
	rc=$?
	grep -o '"pid":[0-9]*' /tmp/ps.json | cut -d: -f2 | sort >/tmp/dumped
	missing=$(grep -cvxF -f /tmp/dumped /tmp/kids)
	[ "$missing" = 0 ] || [ $((i += 1)) -ge 30 ] && break
	usleep 500000
done
expect "ps --json with $N more processes exits 0" 0 $rc
expect "every forked PID is in the dump" 0 "$missing"
expect "no PID is dumped twice" 0 "$(uniq -d /tmp/dumped | wc -l)"
# every user process in /proc (kernel threads have no mm: empty statm)
user=$(for d in /proc/[0-9]*; do
	read -r size rest <"$d/statm" 2>/dev/null && [ "$size" != 0 ] && echo "${d#/proc/}"
done | sort)
echo "$user" >/tmp/user
missing=$(grep -cvxF -f /tmp/user /tmp/kids)
expect "the forked processes are in /proc too" 0 "$missing"
dumped=$(wc -l </tmp/dumped)
users=$(wc -l </tmp/user)
if [ "$dumped" -ge "$N" ] && [ "$dumped" -le "$users" ]; then
	ok "dump holds $dumped processes, /proc $users user processes"
else
	not_ok "dump size" "dumped $dumped, /proc has $users user processes"
fi
# each child's RSS as its last pass saw it against /proc's: a forkn child
# sleeps, so the two agree exactly once it has had a pass
sed 's/},{/}\n{/g' /tmp/ps.json | sed -n 's/.*"pid":\([0-9]*\),.*"passes":\([0-9]*\),"rss":\([0-9]*\),.*/\1 \2 \3/p' |
	sort >/tmp/rss
for p in $(cat /tmp/kids); do
	read -r _ rss _ <"/proc/$p/statm" 2>/dev/null && echo "$p $((rss * 4096))"
done | sort >/tmp/proc_rss
cmp=$(awk 'FNR == NR { r[$1] = $2; next } $2 > 0 && ($1 in r) { n++; if (r[$1] != $3) bad++ }
	END { printf "%d %d\n", n, bad }' /tmp/proc_rss /tmp/rss)
set -- $cmp
if [ "$1" -ge $((N / 2)) ] && [ "$2" = 0 ]; then
	ok "RSS of the $1 children with a pass equals /proc's"
else
	not_ok "RSS of the children with a pass equals /proc's" "$1 compared, $2 differ"
fi
wsmon ps --json -s rss -n 10 >/tmp/top.json
expect "ps -n 10 lists 10" 10 "$(grep -o '"pid":' /tmp/top.json | wc -l)"

# no user's reads hold up the sampler, the host's netlink or a kill: 8
# loops of nobody's ps (each dump looks at every entry, and nobody may
# see few) beside root's, at nice 19, so that what slows the sampler
# (nice 0) is the locks they hold, not the CPU they take.  The family
# runs without genl_mutex and a dump holds wsmon_lock for 128 entries at
# most.  Ground truth: forkn's PIDs in root's dump, and the module's own
# sample count.
# (each the median of 5: one reading of either swings with the host's load)
sample_ms() {	# the time the last 5 samples took, each read after it ended
	for r in 1 2 3 4 5; do
		samples 1
		wsmon status --json >/tmp/sm.json && json_num sample_ms_taken /tmp/sm.json
	done | median
}
# peer_ms ARGS...: peer's "NAME NS STATUS" as ms (its CLOCK_MONOTONIC,
# where /proc/uptime counts in 10 ms); "fail" if the status is not 0
peer_ms() {
	peer "$@" | awk '{ if ($3 != 0) print "fail"; else printf "%.2f\n", $2 / 1e6 }'
}
timed() { peer_ms time "$@"; }	# timed CMD...: how long CMD took
median5() {	# median5 CMD...: the median of 5 timed runs; fail if one fails
	m=$(for r in 1 2 3 4 5; do timed "$@"; done)
	case "$m" in
	*fail*) echo fail ;;
	*) echo "$m" | median ;;
	esac
}
kill_ms() { median5 wsmon kill --dry-run --policy rss; }
# the client's own start (exec, its libraries, no request), which KILL's
# dry run includes and the watch daemon's kills do not
start_ms() { median5 wsmon --version; }
# and the family's lookup by name, which every client makes first and
# the kernel answers under genl_mutex (that every loop takes too)
lookup_ms() { peer_ms lookup wsmon; }
# the kernel's own readers of the same processes, as peers measured in the
# same VM, idle and loaded: a walk of every process's page tables
# (smaps_rollup, on the CPUs the sampler's workqueue runs on) beside the
# sample, and every process's OOM badness (oom_score) beside KILL.  Their
# slowdown is what the loops cost any nice-0 reader here (a CPU, and
# under TCG the host's): whatever wsmon's ratio adds to it is wsmon's.
wqmask=$(cat /sys/devices/virtual/workqueue/cpumask 2>/dev/null || echo ff)
walk_ms() { median5 taskset "$wqmask" sh -c 'cat /proc/[0-9]*/smaps_rollup >/dev/null 2>&1; true'; }
badness_ms() { median5 sh -c 'cat /proc/[0-9]*/oom_score >/dev/null 2>&1; true'; }
# and one pass of the kernel over every process in one call, as KILL's
# ranking is: kill(-1, 0) (tasklist_lock, a permission check each; no
# signal sent), the median of 10
scan_ms() { peer_ms scan; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", b / (a > 0 ? a : 1) }'; }
idle_s=$(sample_ms) idle_k=$(kill_ms)
idle_ps=$(walk_ms) idle_pk=$(badness_ms) idle_c=$(start_ms) idle_l=$(lookup_ms) idle_sc=$(scan_ms)
rm -f /tmp/stop-loops /tmp/loop.pids
loops=
for l in 1 2 3 4 5 6 7 8; do
	# (busybox has renice, not nice: each loop lowers its own priority)
	as_nobody "echo \$\$ >>/tmp/loop.pids; renice -n 19 -p \$\$ >/dev/null; while [ ! -e /tmp/stop-loops ]; do wsmon ps --json >/dev/null 2>&1; done" &
	loops="$loops $!"
done
# the loops run, at nice 19 (each loop's shell wrote its PID; the 19th
# field of /proc/PID/stat is its nice)
nices() {
	for l in $(cat /tmp/loop.pids 2>/dev/null); do awk '{ print $19 }' /proc/$l/stat; done 2>/dev/null |
		sort -u | tr '\n' ' '
}
i=0
while { [ "$(grep -c . /tmp/loop.pids 2>/dev/null)" -lt 8 ] || [ "$(nices)" != "19 " ]; } &&
	[ $i -lt 100 ]; do
	usleep 100000
	i=$((i + 1))
done
expect "the 8 loops of nobody's ps run ($(grep -c . /tmp/loop.pids)), at nice 19" "19 " "$(nices)"
n0=$(sample_count)
samples 3
n1=$(sample_count)
wsmon ps --json >/tmp/ps2.json 2>/tmp/ps.err
expect "with 8 loops of nobody's ps, root's ps exits 0" 0 $?
grep -o '"pid":[0-9]*' /tmp/ps2.json | cut -d: -f2 | sort >/tmp/dumped2
expect "  and its dump still holds every forked PID" 0 "$(grep -cvxF -f /tmp/dumped2 /tmp/kids)"
expect "  each once" 0 "$(uniq -d /tmp/dumped2 | wc -l)"
check "  the sampler goes on ($n0 -> $n1 samples)" test "$n1" -ge $((n0 + 3))
busy_s=$(sample_ms) busy_k=$(kill_ms)
busy_ps=$(walk_ms) busy_pk=$(badness_ms) busy_c=$(start_ms) busy_l=$(lookup_ms) busy_sc=$(scan_ms)
check "  and a dry run of KILL answers" test "$busy_k" != fail
diag "sample: ${idle_s} ms idle, ${busy_s} ms with the loops ($(ratio $idle_s $busy_s)x); KILL dry run: ${idle_k} ms idle, ${busy_k} ms with the loops ($(ratio $idle_k $busy_k)x) (medians of 5; the loops at nice 19)"
diag "peers: smaps_rollup of every process (CPUs $wqmask) ${idle_ps} ms idle, ${busy_ps} ms with the loops ($(ratio $idle_ps $busy_ps)x); oom_score of every process ${idle_pk} ms idle, ${busy_pk} ms ($(ratio $idle_pk $busy_pk)x)"
req() { awk -v k="$1" -v c="$2" 'BEGIN { printf "%.1f\n", k - c }'; }
diag "KILL's request, less the client's start (${idle_c} ms idle, ${busy_c} ms with the loops): $(req $idle_k $idle_c) ms idle, $(req $busy_k $busy_c) ms with the loops ($(ratio $(req $idle_k $idle_c) $(req $busy_k $busy_c))x)"
diag "  of which the family's lookup (genl_mutex; median of 10): ${idle_l} ms idle, ${busy_l} ms with the loops"
diag "  and one pass of the kernel over every process, kill(-1, 0) (median of 10): ${idle_sc} ms idle, ${busy_sc} ms with the loops ($(ratio $idle_sc $busy_sc)x)"
diag "beyond the peers: sample $(ratio $(ratio $idle_ps $busy_ps) $(ratio $idle_s $busy_s))x, KILL $(ratio $(ratio $idle_pk $busy_pk) $(ratio $idle_k $busy_k))x, KILL's request beyond kill(-1, 0) $(ratio $(ratio $idle_sc $busy_sc) $(ratio $(req $idle_k $idle_c) $(req $busy_k $busy_c)))x"
touch /tmp/stop-loops
wait $loops 2>/dev/null

# they all exit; the next sample drops them and the dump follows
kill $F
wait $F
check "forkn reaped its children" grep -q "reaped $N" /tmp/forkn.out
# within a few samples, however long a sample takes (KASAN under TCG)
i=0
while :; do
	samples 1
	wsmon ps --json >/tmp/ps.json
	grep -o '"pid":[0-9]*' /tmp/ps.json | cut -d: -f2 | sort >/tmp/dumped
	left=$(grep -cxF -f /tmp/kids /tmp/dumped)
	i=$((i + 1))
	[ "$left" = 0 ] || [ $i -ge 10 ] && break
done
expect "exited processes leave the dump (after $i samples)" 0 "$left"
check "module unloads with no leak after $N processes" rmmod wsmon
check "module loads again" insmod /lib/modules/wsmon.ko
