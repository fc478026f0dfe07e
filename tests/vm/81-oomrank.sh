# KILL ranks a process by the figures the kernel's OOM killer ranks it
# by: its RSS as oom_badness() reads it (6.x: get_mm_rss(), the per-CPU
# counters as they stand, never their sum, O(CPUs) with interrupts off
# per counter; 7.x sums them), swap entries and page tables.  Ground
# truth: the OOM killer itself.  A manual OOM kill (sysrq f) of the same
# process lists its figures in the kernel log (dump_tasks()), the moment
# after wsmon's dry runs.  /proc/PID/statm sums the per-CPU counters (6.2
# on), so where they hold pages not yet folded in, statm and a 6.x OOM
# killer differ, and a ranking by the sum fails here (as get_mm_rss()
# does on 7.x).
. /tests/lib.sh

load_module
touchmem 64 >/dev/null &
P=$!
# written: its RSS is 64 MiB and more
i=0
while [ "$(awk '{ print $2 }' /proc/$P/statm 2>/dev/null || echo 0)" -lt 16384 ] && [ $i -lt 600 ]; do
	usleep 100000
	i=$((i + 1))
done
check "touchmem wrote its 64 MiB" test "$(awk '{ print $2 }' /proc/$P/statm)" -ge 16384
wsmon kill --dry-run --policy rss --json >/tmp/rss.json
expect "rss: the dry run chooses the 64 MiB process" "$P" "$(json_num pid /tmp/rss.json)"
wsmon kill --dry-run --policy badness --json >/tmp/bad.json
expect "badness: the dry run chooses it too" "$P" "$(json_num pid /tmp/bad.json)"
statm=$(awk '{ print $2 }' /proc/$P/statm)
if [ "$(json_num pid /tmp/bad.json)" != "$P" ]; then
	# the OOM killer would take whichever is largest: not a test's to kill
	not_ok "the OOM killer's figures" "another process is larger; no manual OOM"
	kill $P
	unload_module
	exit 0
fi

# the kernel's OOM killer, by hand: it dumps every task's figures and
# kills the one with the most points, this one
dmesg -c >/dev/null
echo f >/proc/sysrq-trigger
i=0
while kill -0 $P 2>/dev/null && [ $i -lt 300 ]; do
	usleep 100000
	i=$((i + 1))
done
wait $P 2>/dev/null
dmesg >/tmp/oom.log
check "the OOM killer killed it" grep -q "Killed process $P " /tmp/oom.log
# dump_tasks(): a header naming the columns (they differ between
# kernels), then "[  pid]  uid  tgid ..." a task
sed 's/^\[[^]]*\] //' /tmp/oom.log | awk -v p="$P" '
	/total_vm/ { sub(/\[ *pid *\]/, "pid"); for (i = 1; i <= NF; i++) col[$i] = i; next }
	("rss" in col) && /^\[ *[0-9]+\]/ {
		gsub(/[][]/, " ")
		if ($1 == p && $(col["tgid"]) == p)
			print $(col["rss"]), $(col["swapents"]), $(col["pgtables_bytes"])
	}' >/tmp/figures
read -r rss swapents pgbytes </tmp/figures
check "dump_tasks listed it" test -n "$pgbytes"
diag "OOM killer: rss $rss, swapents $swapents, pgtables_bytes $pgbytes; /proc statm resident $statm; wsmon: rss score $(json_num score /tmp/rss.json), badness $(json_num score /tmp/bad.json)"
expect "KILL's RSS score is the OOM killer's rss" "$rss" "$(json_num score /tmp/rss.json)"
expect "KILL's badness is the OOM killer's points (rss + swapents + page tables)" \
	"$((rss + swapents + pgbytes / 4096))" "$(json_num score /tmp/bad.json)"
if [ "$statm" != "$rss" ]; then
	diag "the per-CPU counters held $((statm - rss)) pages that /proc sums and the OOM killer does not"
else
	diag "statm (the counters' sum) and the OOM killer agree: it sums them, or they held no residue"
fi
unload_module
