# The working-set sampler against ground truth: a program with a known
# access pattern, /proc/PID/status, smaps and the kernel's own clear_refs.
. /tests/lib.sh

load_module
MIB=1048576
SMS=200

# rss_covers NAME PID: wsmon's RSS (the kernel's RSS counters, as VmRSS,
# which on 6.1 lag the page tables by up to 64 pages per counter) holds the
# 64 MiB region, within 1%, and not more than the rest of the process in
# smaps adds to it
rss_covers() {
	rss=$(json_num rss /tmp/show.json)
	lo=$((64 * MIB * 99 / 100))
	hi=$(((64 * MIB + $(rest_rss $2)) * 101 / 100))
	if [ -n "$rss" ] && [ "$rss" -ge $lo ] && [ "$rss" -le $hi ]; then
		ok "$1 ($lo <= $rss <= $hi)"
	else
		not_ok "$1" "got $rss, want $lo..$hi"
	fi
}

# rest_rss PID: bytes resident outside the 64 MiB test region (in smaps,
# the VMAs under 64 MiB: the program, its stack; about 0.7 MiB, close to 1%
# of the region)
rest_rss() {
	awk '/^Size:/ { s = $2 } /^Rss:/ { if (s < 65536) r += $2 } END { print r * 1024 }' "/proc/$1/smaps"
}

# samples N: wait N sampling periods and until the module has taken N more
# samples (a slow kernel, such as the debug one, can lag behind the clock)
samples() {
	want=$(($(sample_count) + $1))
	usleep $(($1 * SMS * 1000))
	i=0
	while [ "$(sample_count)" -lt $want ] && [ $i -lt 300 ]; do
		usleep $((SMS * 100))
		i=$((i + 1))
	done
}

check "config: sampling every $SMS ms" wsmon config --sample-ms $SMS
wsmon status --json >/tmp/st.json
expect "status reports the new sampling period" $SMS "$(json_num sample_ms /tmp/st.json)"

# --- hot set: 64 MiB mapped, 16 MiB touched every 100 ms
start_pattern /tmp/p1 -m 64 -H 16
samples 12
show $P
expect "show PID exits 0" 0 $?
rss_covers "RSS holds the 64 MiB mapped and little else (smaps)" $P
within "RSS within 1% of /proc/PID/status VmRSS" "$(json_num rss /tmp/show.json)" "$(vmrss $P)" 1
for w in 2 5 10; do
	within "W(t, $w samples) within 5% of the 16 MiB hot set" \
		"$(json_num w$w /tmp/show.json)" $((16 * MIB)) 5
done

# cross-check with the kernel's own method on the same process.  Both
# count what the pattern touched in about one sample, so they agree only
# if it ran its passes then: a starved VM (a loaded host, the debug
# kernel) can run less than one pass in a sample.  Wait for the evidence:
# measure again until the pattern's own count (SIGUSR1: "loops N ms M")
# says it ran at least 1.5 passes a sample (of 2 when it is not starved)
# over the measurement.
try=0
while :; do
	pattern_loops $P /tmp/p1 >/dev/null
	echo 1 >/proc/$P/clear_refs
	samples 1
	usleep 50000
	ref=$(awk '/^Referenced:/ { s += $2 } END { print s * 1024 }' /proc/$P/smaps)
	show $P
	set -- $(pattern_loops $P /tmp/p1)
	# passes per sample, times 10: at least 15
	rate=$(( ${1:-0} * SMS * 10 / (${2:-1} + 1) ))
	[ $rate -ge 15 ] && break
	diag "the pattern ran $(($rate / 10)).$(($rate % 10)) passes a sample (${1:-?} in ${2:-?} ms): again"
	[ $((try += 1)) -lt 8 ] || break
done
within "W(t, 1) within 5% of smaps Referenced after clear_refs (pattern at $(($rate / 10)).$(($rate % 10)) passes a sample)" \
	"$(json_num w1 /tmp/show.json)" "$ref" 5
wsmon ps --json >/tmp/ps.json
check "ps --json lists the process" grep -q "\"pid\":$P," /tmp/ps.json
wsmon ps -n 1 >/tmp/ps.txt
check "ps sorts by working set: the hot-set process is first" \
	sh -c "sed -n 2p /tmp/ps.txt | grep -q ' pattern '"
kill $P

# --- the hot set moves: short windows follow, long ones cover both.  It
# moves after 40 samples, so the start-up writes are older than W(30).
start_pattern /tmp/p2 -m 64 -H 8 -M $((40 * SMS))
i=0
while ! grep -q moved /tmp/p2 && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
samples 3
show $P
diag "$(ps | grep -c '[p]attern') patterns; state $(grep State /proc/$P/status); $(grep -E 'MemFree|MemAvail' /proc/meminfo | tr '\n' ' ') ctx $(grep ctxt /proc/$P/status | tr '\n' ' ')"
within "after the move W(t, 2) is the new 8 MiB hot set" "$(json_num w2 /tmp/show.json)" $((8 * MIB)) 5
within "after the move W(t, 30) covers both hot sets" "$(json_num w30 /tmp/show.json)" $((16 * MIB)) 5
kill $P

# --- THP-backed region
thp_madvise
start_pattern /tmp/p3 -m 64 -H 16 -T
samples 8
thp=$(awk '/^AnonHugePages:/ { s += $2 } END { print s }' /proc/$P/smaps)
if [ "${thp:-0}" -gt 0 ]; then
	show $P
	within "THP region: W(t, 5) within 5% of the hot set (${thp} kB in THPs)" \
		"$(json_num w5 /tmp/show.json)" $((16 * MIB)) 5
	rss_covers "THP region: RSS holds the 64 MiB mapped and little else (smaps)" $P
	within "THP region: RSS within 1% of /proc/PID/status VmRSS" \
		"$(json_num rss /tmp/show.json)" "$(vmrss $P)" 1
else
	ok "THP region # SKIP the kernel gave no THPs (THP: ${thp_was:-not built})"
fi
kill $P
thp_restore

# --- the knee: hot 8 MiB every sample, warm 8 MiB every 8 samples
check "config: track only init" wsmon config --pids 1
start_pattern /tmp/p4 -m 64 -H 8 -W 8 -e $((8 * SMS)) -t $((SMS / 2))
check "config: track the knee program from now on" wsmon config --pids $P
samples 48
show $P
diag "$(ps | grep -c '[p]attern') patterns; state $(grep State /proc/$P/status); $(grep -E 'MemFree|MemAvail' /proc/meminfo | tr '\n' ' ') ctx $(grep ctxt /proc/$P/status | tr '\n' ' ')"
within "knee within 10% of hot + warm (16 MiB)" "$(json_num knee /tmp/show.json)" $((16 * MIB)) 10
kill $P
check "config: track every process again" wsmon config --all

# --- bad input
wsmon show 99999 >/dev/null 2>/tmp/err
expect "show of an unknown PID exits 1" 1 $?
check "show of an unknown PID says why, naming it" grep -q 'PID 99999 is not a tracked process' /tmp/err
as_nobody wsmon config --sample-ms 500 2>/tmp/err
expect "non-root config change exits 4 (permission denied)" 4 $?
check "non-root config change: EPERM" grep -q 'Operation not permitted' /tmp/err
diag_err=$(cat /tmp/err)
wsmon status --json >/tmp/st.json
expect "non-root config change changed nothing" $SMS "$(json_num sample_ms /tmp/st.json)"
wsmon config --windows 5,2 2>/tmp/err
expect "windows out of order are refused" 1 $?
check "and the kernel says why" grep -q 'strictly increasing' /tmp/err
wsmon config --sample-ms 5 2>/tmp/err
expect "a sampling period under 10 ms is refused" 1 $?
as_nobody wsmon ps --json >/tmp/ps.json 2>/tmp/err
rc=$?
if [ $rc -eq 0 ]; then ok "non-root ps succeeds"; else not_ok "non-root ps succeeds" "exit $rc" "$(cat /tmp/err)" "config err: $diag_err"; fi
expect "non-root ps sees no root process" 0 "$(grep -o '"uid":0,' /tmp/ps.json | wc -l)"

# --- races: fork/exit storm, mmap/munmap/mremap churn, dumps, all at once
churn 8 >/tmp/churn1 &
c1=$!
churn 8 >/tmp/churn2 &
c2=$!
( end=$(($(date +%s) + 8)); while [ "$(date +%s)" -lt $end ]; do true & true & wait; done ) &
bad=0 n=0
end=$(($(date +%s) + 8))
while [ "$(date +%s)" -lt $end ]; do
	wsmon ps --json >/dev/null || bad=$((bad + 1))
	n=$((n + 1))
done
wait
expect "$n dumps during fork/exit and mmap churn all succeed" 0 $bad
check "churn ran" grep -q rounds /tmp/churn1
check "module unloads after the races" rmmod wsmon
check "module loads again" insmod /lib/modules/wsmon.ko
