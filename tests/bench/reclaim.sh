# make bench, reclaim part, in the 256 MiB VM with 512 MiB of zram swap:
# does clearing accessed bits make reclaim evict pages in use?  Each
# workload runs 60 s with the module unloaded and then loaded (default
# settings: 1 s samples, flush=mm), and the kernel's own counters count
# what came back: swap-ins (pswpin) and workingset refaults (anon + file).
# Paging under pressure is noisy, so each is run REPS times, unloaded and
# loaded in turn, and the medians are compared.  The ratio loaded /
# unloaded must stay at most 1.15.
#   A: 80 MiB, each page touched every 4 s, beside a 110 MiB sweep
#   B: lighter: 64 MiB touched every 10 s beside a 112 MiB sweep
. /extra/benchlib.sh

T=${WSMON_RECLAIM_T:-40}
REPS=${WSMON_RECLAIM_REPS:-3}
paged() { echo $(($(vmstat pswpin) + $(vmstat workingset_refault_anon) + $(vmstat workingset_refault_file))); }

# run LOADED WARM_MIB WARM_EVERY_MS SWEEP_MIB: pages back over T seconds
run() {
	if [ "$1" = 1 ]; then load_module; else unload_module; fi
	zram_swap 512M
	sync
	echo 3 >/proc/sys/vm/drop_caches
	start_pattern /tmp/w.out -m "$2" -H "$2" -t "$3"
	W=$P
	start_pattern /tmp/s.out -m "$4" -H "$4" -t 1
	S=$P
	sleep 10		# warm up: both resident or pushed out once
	p0=$(paged)
	sleep $T
	p1=$(paged)
	kill $W $S
	wait $W $S 2>/dev/null
	echo $((p1 - p0))
}

diag "bench: reclaim: kernel $(uname -r), $(($(meminfo_bytes MemTotal) / MIB)) MiB, lru_gen $(cat /sys/kernel/mm/lru_gen/enabled 2>/dev/null || echo none)"
for wl in "A 80 4000 110" "B 64 10000 112"; do
	set -- $wl
	: >/tmp/off
	: >/tmp/on
	for r in $(seq $REPS); do
		run 0 "$2" "$3" "$4" >>/tmp/off
		run 1 "$2" "$3" "$4" >>/tmp/on
	done
	off=$(median </tmp/off)
	on=$(median </tmp/on)
	bench "reclaim $1 (${2} MiB every $(($3 / 1000)) s beside a ${4} MiB sweep, $T s, median of $REPS): swap-ins + refaults $off unloaded ($(tr '\n' ' ' </tmp/off)), $on loaded ($(tr '\n' ' ' </tmp/on)); loaded / unloaded = $(div "$on" "$off")"
	[ -n "$on" ] && [ -n "$off" ] && ok "bench: reclaim $1 measured" || not_ok "bench: reclaim $1 measured"
done
unload_module
