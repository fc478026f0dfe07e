# make bench, inside the VM: wsmon against its peers, measured in the same
# run on the same machine.  Prints figures and ratios as KTAP diagnostics
# ("# bench: ..."); only a broken measurement is "not ok", never a slow one.
. /extra/benchlib.sh

REPS=5

load_module
status
psz=$(num page_size /tmp/st.json)
diag "bench: kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(($(meminfo_bytes MemTotal) / MIB)) MiB, QEMU TCG"

# --- 1. sample cost per resident GiB: wsmon vs clear_refs + smaps
pattern -m 1024 -H 64 >/tmp/b1.out &
P=$!
i=0
while ! grep -q ready /tmp/b1.out && [ $i -lt 1200 ]; do usleep 100000; i=$((i + 1)); done
check "bench: a 1 GiB process is resident" grep -q ready /tmp/b1.out
rss=$(awk '/^VmRSS:/ { print $2 * 1024 }' /proc/$P/status)
wsmon config --pids $P --sample-ms 1000 --budget 1048576
wait_samples $((REPS + 1))
sed -i 1d /tmp/samples	# the first may have been cut by the config change
ws_ms=$(awk '{ print $1 }' /tmp/samples | median)
ws_pages=$(awk '{ print $2 }' /tmp/samples | median)
# per resident GiB of the process (the budget's unit is entries visited,
# and idle page tables cost one entry, so sample_pages is not its size)
ws_gib=$(awk -v ms="$ws_ms" -v r="$rss" -v g=$GIB 'BEGIN { if (r) printf "%.1f\n", ms / (r / g) }')
wsmon config --pids 1	# the peer runs alone
for r in $(seq $REPS); do peer clear_refs $P; done >/tmp/peer1
pr_ms=$(awk '{ print $2 / 1e6 }' /tmp/peer1 | median)
pr_gib=$(awk -v ms="$pr_ms" -v r="$rss" -v g=$GIB 'BEGIN { printf "%.1f\n", ms / (r / g) }')
bench "sample cost: wsmon $ws_gib ms per resident GiB (median of $REPS samples, $ws_pages entries of work each)"
bench "sample cost: clear_refs + smaps $pr_gib ms per resident GiB (median of $REPS)"
bench "sample cost: wsmon / clear_refs+smaps = $(div "$ws_gib" "$pr_gib")"
if [ -n "$ws_gib" ] && [ -n "$pr_gib" ]; then ok "bench: sample cost measured"; else not_ok "bench: sample cost measured" "$(cat /tmp/samples /tmp/peer1)"; fi

# --- 2. memory per tracked page: ages vs the page tables they describe
wsmon config --pids $P
wait_samples 2
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

# --- 3. wsmon ps vs smaps_rollup for 1,000 processes
N=1000
forkn $N >/tmp/fk.out &
F=$!
i=0
while ! grep -q ready /tmp/fk.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
i=0
while [ $i -lt 120 ]; do
	status
	[ "$(num tracked /tmp/st.json)" -ge $N ] && break
	usleep 500000
	i=$((i + 1))
done

# the whole module: unreclaimable slab without it and with every process
# tracked, over the processes and pages it tracks
unload_module
usleep 500000
s0=$(meminfo_bytes SUnreclaim)
load_module
wsmon config --all --sample-ms 1000
wait_samples 3
s1=$(meminfo_bytes SUnreclaim)
wsmon ps --json >/tmp/ps.json
tpages=$(grep -o '"present":[0-9]*' /tmp/ps.json | awk -F: -v s="$psz" '{ t += $2 } END { print t / s }')
nproc=$(grep -o '"pid":' /tmp/ps.json | wc -l)
bench "memory: module slab $((s1 - s0)) bytes for $nproc processes = $(div $((s1 - s0)) "$nproc") bytes per process; $tpages pages = $(div $((s1 - s0)) "$tpages") bytes per page"

for r in $(seq $REPS); do peer time wsmon status --json; done >/tmp/st.t
for r in $(seq $REPS); do peer time wsmon ps --json; done >/tmp/ps.t
for r in $(seq $REPS); do peer rollup; done >/tmp/ro.t
ps_ms=$(awk '{ print $2 / 1e6 }' /tmp/ps.t | median)
ro_ms=$(awk '{ print $2 / 1e6 }' /tmp/ro.t | median)
bench "ps: wsmon ps --json $ps_ms ms for $(num tracked /tmp/st.json) processes (median of $REPS)"
bench "ps: read smaps_rollup of $(awk '{ print $3 }' /tmp/ro.t | head -n1) processes $ro_ms ms (median of $REPS)"
bench "ps: wsmon / smaps_rollup = $(div "$ps_ms" "$ro_ms")"
bench "ps: of which client start-up (wsmon status --json) $(awk '{ print $2 / 1e6 }' /tmp/st.t | median) ms"
if awk '{ if ($3 != 0) exit 1 }' /tmp/ps.t; then ok "bench: wsmon ps succeeded every time"; else not_ok "bench: wsmon ps succeeded every time" "$(cat /tmp/ps.t)"; fi
kill $F
wait $F 2>/dev/null
check "bench: module unloads" rmmod wsmon
