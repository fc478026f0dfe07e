# Torture: for a bounded time, everything at once: a fork/exec/exit storm,
# mmap/munmap/mremap/madvise (DONTNEED, PAGEOUT) churn, THP collapse and
# split, swapon/swapoff of a second swap area, several clients dumping in
# parallel, and insmod/rmmod of the module in a loop.  Pass: no kernel
# report (the VM's verdict), no hang (every worker is waited for under a
# watchdog), every worker accounted for, and the module unloads.
. /tests/lib.sh

SECS=30
load_module
check "first swap area (zram0)" zram_swap 128M
# the second area: another zram device (tmpfs cannot hold a swap file)
z2=/dev/zram$(cat /sys/class/zram-control/hot_add)
echo 32M >/sys/block/${z2#/dev/}/disksize
check "second swap area ($z2)" mkswap "$z2"
start=$(date +%s)
end=$((start + SECS))
: >/tmp/torture.pids

worker() {	# worker NAME COMMAND...: run in the background, note its PID
	name=$1
	shift
	"$@" >/tmp/t.$name 2>&1 &
	echo "$! $name" >>/tmp/torture.pids
}

worker churn1 churn $SECS -t
worker churn2 churn $SECS
worker forks sh -c "while [ \$(date +%s) -lt $end ]; do /bin/true & sh -c 'exit 0' & wait; done; echo forks-done"
worker swaps sh -c "n=0; while [ \$(date +%s) -lt $end ]; do swapon $z2 && n=\$((n + 1)); usleep 300000; swapoff $z2; done; echo swapons \$n"
for d in 1 2 3; do
	worker dump$d sh -c "n=0; while [ \$(date +%s) -lt $end ]; do wsmon ps --json >/dev/null 2>&1; wsmon swap --json >/dev/null 2>&1; wsmon status >/dev/null 2>&1; n=\$((n + 1)); done; echo dumps \$n"
done
worker modload sh -c "n=0; while [ \$(date +%s) -lt $end ]; do usleep 700000; grep -q '^wsmon ' /proc/modules || insmod /lib/modules/wsmon.ko; rmmod wsmon 2>/dev/null && insmod /lib/modules/wsmon.ko && n=\$((n + 1)); done; echo reloads \$n"

# the watchdog: every worker must be done within SECS + 60 s
bad=0 n=0
while read -r pid name; do
	n=$((n + 1))
	while kill -0 "$pid" 2>/dev/null && [ $(($(date +%s) - start)) -lt $((SECS + 60)) ]; do
		sleep 1
	done
	if kill -0 "$pid" 2>/dev/null; then
		not_ok "torture: $name finished" "still running $((SECS + 60)) s after the start: a hang"
		kill -9 "$pid"
		bad=$((bad + 1))
	fi
	wait "$pid"
	rc=$?
	[ $rc -eq 0 ] || { not_ok "torture: $name exited $rc" "$(tail -n 3 /tmp/t.$name)"; bad=$((bad + 1)); }
	diag "$name: $(tail -n 1 /tmp/t.$name)"
done </tmp/torture.pids
expect "torture: all $n workers accounted for, none hung or failed" 0 $bad
check "torture: churn ran" grep -q rounds /tmp/t.churn1
check "torture: the module was reloaded under load" grep -q 'reloads [1-9]' /tmp/t.modload
check "torture: the second area was swapped on and off" grep -q 'swapons [1-9]' /tmp/t.swaps
load_module
check "torture: the module answers afterwards" wsmon status
check "torture: the module unloads" rmmod wsmon
check "torture: and loads again" insmod /lib/modules/wsmon.ko
swapoff /dev/zram0
swapoff "$z2" 2>/dev/null
echo "${z2#/dev/zram}" >/sys/class/zram-control/hot_remove
