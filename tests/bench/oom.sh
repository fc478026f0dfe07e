# make bench, OOM part, in the 256 MiB VM with 512 MiB of zram swap:
# wsmon watch --kill head to head with earlyoom (Debian's package), three
# scenarios each.  For every run: time from onset to wsmon's THRASHING
# state and to the kill, which process died, and how long a small canary
# that touches its memory every 10 ms stalled at worst.  Figures only.
. /tests/lib.sh

MIB=1048576
load_module
wsmon config --all --sample-ms 1000 >/dev/null
ram=$(($(meminfo_bytes MemTotal) / MIB))
sweep=$((ram * 13 / 10))
idle=$((ram * 6 / 10))
thr=$((ram * 9 / 10))
T=45
diag "bench: oom: $ram MiB RAM, 512 MiB zram swap, timeout $T s per run"

reset_swap() { zram_swap 512M; sync; echo 3 >/proc/sys/vm/drop_caches; }

# run KILLER SCENARIO CMD...
run() {
	who_runs=$1 name=$2
	shift 2
	reset_swap
	sleep 2
	wsmon config --imminent-ms 5000 >/dev/null
	case $who_runs in
	wsmon-norule) wsmon config --imminent-ms 0 >/dev/null
		wsmon watch --kill --after 2 --cooldown 60 >/tmp/killer.log 2>&1 & ;;
	wsmon-noreap) wsmon watch --kill --no-reap --after 2 --cooldown 60 >/tmp/killer.log 2>&1 & ;;
	wsmon*) pol=${who_runs#wsmon-}; [ "$pol" = wsmon ] && pol=badness
		wsmon watch --kill --policy $pol --after 2 --cooldown 60 >/tmp/killer.log 2>&1 & ;;
	earlyoom) earlyoom -r 60 >/tmp/killer.log 2>&1 & ;;
	esac
	K=$!
	sleep 1
	dmesg -c >/dev/null
	line=$(oomrun $T "$name" "$@")
	kill $K 2>/dev/null
	wait $K 2>/dev/null
	who=none
	echo "$line" | grep -q "kill_ms [0-9]" && who=$who_runs
	dmesg | grep -q 'Out of memory: Killed process' && who="the kernel's OOM killer"
	# from the signal to the memory being back: wsmon's own figure
	# (reaped, or waited for), earlyoom's "process exited after"
	free=$(sed -n 's/.*memory back in \([0-9]*\) ms.*/\1 ms/p; s/.*exited after \([0-9.]*\) seconds.*/\1 s/p' /tmp/killer.log | head -n1)
	diag "bench: oom: $who_runs $line free_after_kill ${free:--} (killed by $who)"
	echo "$line" | grep -q "kill_ms [0-9]" && ok "bench: oom: $who_runs $name: a process was killed" ||
		ok "bench: oom: $who_runs $name: nothing was killed within $T s # figures only"
}

if ! command -v earlyoom >/dev/null; then
	ok "bench: oom # SKIP earlyoom is not in the VM (scripts/bench installs it)"
	exit 0
fi
diag "bench: oom: steady: cmd1 sweeps $sweep MiB; leak: cmd1 leaks 60 MiB/s; idle+thrash: cmd1 writes $idle MiB and idles, cmd2 then sweeps $thr MiB"
for killer in wsmon earlyoom; do
	run $killer steady "exec pattern -m $sweep -H $sweep -t 1 >/dev/null"
	run $killer leak "exec leak 60 >/dev/null"
	# the exhaustion rule off: what wsmon did before it (reads PRESSURE)
	[ $killer = wsmon ] && run wsmon-norule leak "exec leak 60 >/dev/null"
	[ $killer = wsmon ] && run wsmon-noreap steady "exec pattern -m $sweep -H $sweep -t 1 >/dev/null"
	run $killer idle+thrash "exec pattern -m $idle -H 0 >/dev/null" \
		"sleep 4; exec pattern -m $thr -H $thr -t 1 >/dev/null"
done
run wsmon-wss idle+thrash "exec pattern -m $idle -H 0 >/dev/null" \
	"sleep 4; exec pattern -m $thr -H $thr -t 1 >/dev/null"
swapoff /dev/zram0
