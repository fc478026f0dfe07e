# The knee as a limit, three ways, on one tiered workload (16 MiB touched
# every 100 ms, 16 MiB more every 8 s, 64 MiB written once at start), each
# in its own cgroup with swap: no limit; memory.high at W(1 sample), the
# blind tight limit (it must thrash); and wsmon rightsize. For each: the
# memory saved (resident bytes below the unlimited run's), the hot loop's
# slowdown, and the seconds of full memory pressure in the group.
. /extra/benchlib.sh

RUN_S=${WSMON_BENCH_RS_S:-100}
if ! cgroup2_ready; then
	ok "rightsize bench # SKIP no cgroup v2 in this kernel"
	exit 0
fi
zram_swap 256M
load_module
wsmon config --all --sample-ms 1000 --windows 1,2,5,10,30,60 >/dev/null

# run NAME: one way; prints "RSS_BYTES RATE FULL_US" into /tmp/rs.NAME
run() {
	name=$1
	g=/sys/fs/cgroup/bench-$name
	mkdir -p $g
	echo $$ >$g/cgroup.procs
	unload_module
	pattern -m 96 -H 16 -W 16 -e 8000 >/tmp/p.$name &
	pid=$!
	while ! grep -q ready /tmp/p.$name; do usleep 100000; done
	echo $$ >/sys/fs/cgroup/cgroup.procs
	load_module
	wsmon config --all --sample-ms 1000 --windows 1,2,5,10,30,60 >/dev/null
	wait_samples 12
	case $name in
	tight)
		w1=$(wsmon ps --json | grep -o "{\"pid\":$pid,[^}]*}" |
			sed -n 's/.*"w1":\([0-9]*\).*/\1/p')
		echo "$w1" >$g/memory.high
		bench "rightsize: tight limit: memory.high = W(1 sample) = $((w1 / 1024)) KiB"
		;;
	rightsize)
		wsmon rightsize /bench-$name --apply >/tmp/rs.log 2>&1 &
		rs=$!
		;;
	esac
	f0=$(psi_full_us $g)
	sleep $((RUN_S - 20))
	r=$(loops_rate $pid /tmp/p.$name 20)
	f1=$(psi_full_us $g)
	rss=$(($(awk '/^VmRSS:/ { print $2 }' /proc/$pid/status) * 1024))
	high=$(cat $g/memory.high)
	[ "$name" = rightsize ] && { kill -TERM $rs; wait $rs; }
	kill $pid
	wait $pid 2>/dev/null
	echo max >$g/memory.high
	rmdir $g
	echo "$rss $r $((f1 - f0)) $high" >/tmp/rs.$name
}

for way in none tight rightsize; do
	run $way
done
read rss0 rate0 full0 high0 </tmp/rs.none
cold=$((64 * MIB))
for way in none tight rightsize; do
	read rss r full high </tmp/rs.$way
	saved=$((rss0 - rss))
	[ $saved -lt 0 ] && saved=0
	slow=$(awk -v a="$r" -v b="$rate0" 'BEGIN { if (b > 0) printf "%.1f", (1 - a / b) * 100; else print "n/a" }')
	bench "rightsize: $way: resident $((rss / MIB)) MiB, saved $((saved / MIB)) MiB ($((saved * 100 / cold))% of the 64 MiB cold), hot loop $r/s (slowdown $slow%), full pressure $(awk -v u=$full 'BEGIN { printf "%.1f", u / 1e6 }') s, memory.high at the end $high"
done
ok "rightsize bench ran three ways over ${RUN_S} s each"
swapoff /dev/zram0
