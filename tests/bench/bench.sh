# make bench, inside the VM: wsmon against its peers, measured in the same
# run on the same machine.  Prints figures and ratios as KTAP diagnostics
# ("# bench: ..."); only a broken measurement is "not ok", never a slow one.
. /extra/benchlib.sh

REPS=5

load_module
status
psz=$(num page_size /tmp/st.json)
diag "bench: kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(($(meminfo_bytes MemTotal) / MIB)) MiB, QEMU TCG"

# --- 1. sample cost per resident GiB: idle, half-hot and swept memory at
# 1, 2 and 4 GiB.  The first two samples after the config change are
# dropped: one may be cut short, the next is the first pass, which reads
# every table; after it, a table whose PMD accessed bit stayed clear is
# skipped.  Idle memory should cost nearly nothing, and the cost should
# grow with touched memory, not mapped memory.
wsmon config --sample-ms 1000 --scan-budget 16777216
for gib in 1 2 4; do
	for kind in idle half swept; do
		case $kind in
		idle) hot=0 ;;
		half) hot=$((gib * 512)) ;;
		swept) hot=$((gib * 1024)) ;;
		esac
		pattern -m $((gib * 1024)) -H $hot >/tmp/b1.out &
		P=$!
		i=0
		while ! grep -q ready /tmp/b1.out && [ $i -lt 3000 ]; do usleep 100000; i=$((i + 1)); done
		if ! grep -q ready /tmp/b1.out; then
			not_ok "bench: a $gib GiB process is resident" "$(cat /tmp/b1.out)"
			kill $P
			continue
		fi
		rss=$(awk '/^VmRSS:/ { print $2 * 1024 }' /proc/$P/status)
		wsmon config --pids $P
		wait_samples $((REPS + 2))
		sed -i 1,2d /tmp/samples
		ms=$(awk '{ print $1 }' /tmp/samples | median)
		status
		read_t=$(num sample_tables /tmp/st.json)
		skip_t=$(num sample_skipped /tmp/st.json)
		per=$(awk -v ms="$ms" -v r="$rss" -v g=$GIB 'BEGIN { if (r) printf "%.2f\n", ms / (r / g) }')
		echo "$per" >/tmp/cost.$gib.$kind
		echo "$ms" >/tmp/ms.$gib.$kind
		bench "sample cost: $gib GiB $kind: $ms ms a sample = $per ms per resident GiB; $read_t page tables read, $skip_t skipped as idle ($(div $((skip_t * 100)) $((read_t + skip_t)))% skipped; median of $REPS samples)"
		if [ $gib = 1 ] && [ $kind = swept ]; then
			wsmon config --pids 1	# the peer runs alone
			for r in $(seq $REPS); do peer clear_refs $P; done >/tmp/peer1
			pr_ms=$(awk '{ print $2 / 1e6 }' /tmp/peer1 | median)
			pr_gib=$(awk -v ms="$pr_ms" -v r="$rss" -v g=$GIB 'BEGIN { printf "%.2f\n", ms / (r / g) }')
			bench "sample cost: clear_refs + smaps of the swept 1 GiB: $pr_gib ms per resident GiB (median of $REPS)"
			bench "sample cost: wsmon / clear_refs+smaps, swept = $(div "$per" "$pr_gib")"
		fi
		kill $P
		wait $P 2>/dev/null
	done
	bench "sample cost: $gib GiB idle / swept = $(div "$(cat /tmp/cost.$gib.idle)" "$(cat /tmp/cost.$gib.swept)"), half-hot / swept = $(div "$(cat /tmp/cost.$gib.half)" "$(cat /tmp/cost.$gib.swept)")"
done
for kind in idle half swept; do
	bench "sample cost: $kind, ms a sample at 1 / 2 / 4 GiB: $(cat /tmp/ms.1.$kind) / $(cat /tmp/ms.2.$kind) / $(cat /tmp/ms.4.$kind); 4 GiB / 1 GiB = $(div "$(cat /tmp/ms.4.$kind)" "$(cat /tmp/ms.1.$kind)")"
done
if [ -s /tmp/cost.1.idle ] && [ -s /tmp/cost.4.swept ] && [ -n "${pr_gib:-}" ]; then
	ok "bench: sample cost measured"
else
	not_ok "bench: sample cost measured" "$(cat /tmp/samples /tmp/peer1 2>/dev/null)"
fi
wsmon config --scan-budget 1048576

# --- 2. memory per tracked page: ages vs the page tables they describe
pattern -m 1024 -H 64 >/tmp/b2.out &
P=$!
i=0
while ! grep -q ready /tmp/b2.out && [ $i -lt 1200 ]; do usleep 100000; i=$((i + 1)); done
check "bench: a 1 GiB process is resident" grep -q ready /tmp/b2.out
wsmon config --pids $P
wait_samples 2
status
wsmon show $P --json >/tmp/show.json
present=$(num present /tmp/show.json)
age=$(num age_bytes /tmp/st.json)
pte=$(awk '/^VmPTE:/ { print $2 * 1024 }' /proc/$P/status)
pages=$((present / psz))
bench "memory: wsmon ages $age bytes for $pages pages = $(div "$age" "$pages") bytes per page"
slab=$(awk '$1 == "wsmon_ablock" { print $3 * $4 }' /proc/slabinfo 2>/dev/null)
[ -n "$slab" ] && bench "memory: slabinfo wsmon_ablock $slab bytes = $(div "$slab" "$pages") bytes per page"
bench "memory: page tables (VmPTE) $pte bytes = $(div "$pte" "$pages") bytes per page; wsmon / page tables = $(div "$age" "$pte")"
kill $P
wait $P 2>/dev/null

# --- 3. wsmon ps vs smaps_rollup for 10,000 processes: small ones (a
# static binary, a few pages each) and ones with 8 MiB resident (shared
# copy-on-write, so it costs page tables only), as most real processes
# have more than a few pages; /proc walks each one's pages, wsmon copies
# what its sampler published
N=10000
unload_module
usleep 500000
for mib in 0 8; do
	if [ $mib = 0 ]; then forkn $N >/tmp/fk.out & else forkn $N $mib >/tmp/fk.out & fi
	F=$!
	i=0
	while ! grep -q ready /tmp/fk.out && [ $i -lt 3000 ]; do usleep 100000; i=$((i + 1)); done
	check "bench: forkn started $N processes of $mib MiB" grep -q ready /tmp/fk.out
	usleep 500000
	# the whole module: slab without it and with every process tracked
	s0=$(($(meminfo_bytes SUnreclaim) + $(meminfo_bytes SReclaimable)))
	load_module
	wsmon config --all --sample-ms 1000
	i=0
	while [ $i -lt 120 ]; do
		status
		[ "$(num tracked /tmp/st.json)" -ge $N ] && break
		usleep 500000
		i=$((i + 1))
	done
	wait_samples 2
	s1=$(($(meminfo_bytes SUnreclaim) + $(meminfo_bytes SReclaimable)))
	status
	age=$(num age_bytes /tmp/st.json)
	nproc=$(num tracked /tmp/st.json)
	if [ $mib = 0 ]; then
		bench "memory: module slab $((s1 - s0)) bytes for $nproc processes = $(div $((s1 - s0)) "$nproc") bytes per process, of which ages $(div "$age" "$nproc"); besides ages $(div $((s1 - s0 - age)) "$nproc") bytes per process"
		slabinfo=$(awk '$1 == "wsmon_proc" { print $4 }' /proc/slabinfo 2>/dev/null)
		[ -n "$slabinfo" ] && bench "memory: slabinfo wsmon_proc object $slabinfo bytes"
	fi
	# the figures stay put while the clock runs: no sample competes
	wsmon config --sample-ms 600000
	usleep 500000
	for r in $(seq $REPS); do peer time wsmon status --json; done >/tmp/st.t
	for r in $(seq $REPS); do peer time wsmon ps --json; done >/tmp/ps.t
	for r in $(seq $REPS); do peer rollup; done >/tmp/ro.t
	ps_ms=$(awk '{ print $2 / 1e6 }' /tmp/ps.t | median)
	ro_ms=$(awk '{ print $2 / 1e6 }' /tmp/ro.t | median)
	lines=$(wsmon ps --json | grep -o '"pid":' | wc -l)
	bench "ps, $mib MiB processes: wsmon ps --json $ps_ms ms for $lines processes (median of $REPS, client start-up included)"
	bench "ps, $mib MiB processes: read smaps_rollup of $(awk '{ print $3 }' /tmp/ro.t | head -n1) processes $ro_ms ms (median of $REPS)"
	bench "ps, $mib MiB processes: smaps_rollup / wsmon ps = $(div "$ro_ms" "$ps_ms") (wsmon ps is that many times faster)"
	bench "ps: client start-up and one request (wsmon status --json) $(awk '{ print $2 / 1e6 }' /tmp/st.t | median) ms"
	if awk '{ if ($3 != 0) exit 1 }' /tmp/ps.t && [ "$lines" -ge $N ]; then
		ok "bench: wsmon ps listed every process, every time ($mib MiB)"
	else
		not_ok "bench: wsmon ps listed every process, every time ($mib MiB)" "$lines listed; $(cat /tmp/ps.t)"
	fi
	kill $F
	wait $F 2>/dev/null
	unload_module
	usleep 500000
done
load_module
check "bench: module unloads" rmmod wsmon
