# Sourced by the in-VM test suites: KTAP result lines on fd 3, helpers.

ktap_next() {
	n=$(($(cat /tmp/ktap.n) + 1))
	echo $n >/tmp/ktap.n
	echo $n
}

ok() {
	echo "ok $(ktap_next) $*" >&3
	echo "ok: $*"
}

# not_ok DESC [DIAGNOSTIC...]
not_ok() {
	d=$1
	shift
	echo "not ok $(ktap_next) $d" >&3
	echo "NOT OK: $d"
	for l in "$@"; do
		printf '%s\n' "$l" | head -n 20 | sed 's/^/# /' >&3
	done
}

# check DESC COMMAND...: passes when COMMAND exits 0
check() {
	d=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		ok "$d"
	else
		not_ok "$d" "command: $*" "$(cat /tmp/check.out)"
	fi
}

# expect DESC WANT GOT
expect() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "want: $2" "got:  $3"
	fi
}

# json_num KEY FILE: the number for "KEY": in a JSON document
json_num() {
	sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" "$2"
}

# json_str KEY FILE
json_str() {
	sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$2"
}

# meminfo_bytes KEY: a /proc/meminfo figure in bytes
meminfo_bytes() {
	awk -v k="$1:" '$1 == k { printf "%.0f\n", $2 * 1024 }' /proc/meminfo
}

# start_pattern OUT ARGS...: start the pattern program, wait (up to 2
# minutes) for its "ready", set $P
start_pattern() {
	out=$1
	shift
	# emptied here: the child's own truncation may come after the first
	# grep, which would then find an earlier suite's "ready" in the file
	: >"$out"
	pattern "$@" >"$out" &
	P=$!
	i=0
	while ! grep -q ready "$out" && [ $i -lt 1200 ]; do usleep 100000; i=$((i + 1)); done
}

# lru_gen_set VALUE PID...: write VALUE to MGLRU's switch with each PID
# stopped (seen in state T: out of the kernel, where a stop takes effect).
# The switch patches static branches (lru_gen_enabled()) that reads,
# faults and reclaim run; under TCG a vCPU running a patched site at that
# moment has died on the patch's int3 (CI: 6.12-rt, then 6.12, in
# folio_mark_accessed() under a pread() loop that SIGSTOP alone had not
# yet stopped).
lru_gen_set() {
	v=$1
	shift
	kill -STOP "$@" 2>/dev/null
	for p in "$@"; do
		i=0
		while [ -e /proc/$p/stat ] && [ $i -lt 1000 ] &&
			[ "$(sed 's/.*) //' /proc/$p/stat | cut -d' ' -f1)" != T ]; do
			usleep 10000
			i=$((i + 1))
		done
	done
	echo "$v" >/sys/kernel/mm/lru_gen/enabled
	kill -CONT "$@" 2>/dev/null
}

# one_cpu / all_cpus: CPU 1 offline, then online again, around a KVM
# guest's life.  Creating and destroying a KVM VM flips KVM's static key
# in __schedule (preempt notifiers), which every CPU runs at any time;
# under TCG the other vCPU has died on the patch's int3 (7.2: "Oops:
# int3" at __schedule+0x38f, in CI, and within 90 s in both runs of
# tests/tcg/kvmflip.sh with wsmon never loaded; with CPU 1 offline, 150
# VMs made and destroyed, no oops).
one_cpu() { echo 0 >/sys/devices/system/cpu/cpu1/online; }
all_cpus() { echo 1 >/sys/devices/system/cpu/cpu1/online; }

# wait_ready FILE PID MS: until FILE holds "ready", PID has exited, or
# MS ms have passed by the clock (busybox usleep loops are no clock);
# true if it is ready
wait_ready() {
	wr_t0=$(now_ms)
	while ! grep -q ready "$1" && [ $(($(now_ms) - wr_t0)) -lt "$3" ] &&
		kill -0 "$2" 2>/dev/null; do
		usleep 100000
	done
	grep -q ready "$1"
}

# last_pass OUT: the last "pass MS" that pattern -P wrote to OUT (none: empty)
last_pass() { sed -n 's/^pass //p' "$1" | tail -n1; }

# widen_window OUT MS NONE_MS: Denning's W is over real time, so where
# one pass of a sweep (pattern -P: its "pass MS" lines in OUT; none yet
# counts as NONE_MS) takes longer than the demand window of samples of
# MS ms (slow swap-ins: the debug kernel, a busy host), only the part of
# it inside the window is its W, and the state stays below THRASHING.
# Then widen the window to two passes (254 samples at most) and print it;
# false if the window already covers a pass.
widen_window() {
	ww_pass=$(last_pass "$1")
	ww_pass=${ww_pass:-$3}
	wsmon status --json >/tmp/ww.json || return 1
	ww_win=$(json_num demand_window /tmp/ww.json)
	[ "$ww_pass" -gt $((${ww_win:-0} * $2)) ] || return 1
	ww_w=$(((2 * ww_pass + $2 - 1) / $2))
	[ $ww_w -gt 254 ] && ww_w=254
	wsmon config --demand-window $ww_w >/dev/null && echo $ww_w
}

sample_count() {	# samples the module has taken
	wsmon status --json >/tmp/sc.json && json_num samples /tmp/sc.json
}

# samples N: wait (up to 5 minutes) until the module has taken N more samples
samples() {
	want=$(($(sample_count) + $1))
	i=0
	while [ "$(sample_count)" -lt $want ] && [ $i -lt 3000 ]; do
		usleep 100000
		i=$((i + 1))
	done
}

# argmax over /proc of what a policy ranks by, with the kernel's exemptions
# (kernel threads, init, oom_score_adj -1000, the caller: here no wsmon runs)
truth() {	# truth rss|badness
	total=$(( ($(meminfo_bytes MemTotal) + $(meminfo_bytes SwapFree)) / 4096 ))
	for d in /proc/[0-9]*; do
		p=${d#/proc/}
		[ "$p" = 1 ] && continue
		adj=$(cat $d/oom_score_adj 2>/dev/null) || continue
		[ "$adj" = -1000 ] && continue
		awk -v p=$p -v adj=$adj -v total=$total -v pol=$1 '
			/^VmRSS:/ { rss = $2 / 4 } /^VmSwap:/ { sw = $2 / 4 } /^VmPTE:/ { pte = $2 / 4 }
			END { if (rss == "") exit; s = pol == "rss" ? rss : rss + sw + pte + adj * int(total / 1000);
			      printf "%d %d %d\n", s, rss, p }' $d/status 2>/dev/null
	done | sort -n -k1,1 -k2,2 | tail -n1 | awk '{ print $3 }'
}

# cgroup v2 at /sys/fs/cgroup with the memory controller for child groups
# (the VM's init mounts none; /proc/PID/cgroup is empty until it is)
cgroup2_ready() {
	[ -f /sys/fs/cgroup/cgroup.procs ] || mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
	[ -f /sys/fs/cgroup/cgroup.procs ]
}

# is_within GOT WANT PCT: GOT is WANT give or take PCT%
is_within() {
	[ -n "$1" ] && awk -v g="$1" -v w="$2" -v p="$3" \
		'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= w * p / 100) }'
}

# within NAME GOT WANT PCT
within() {
	if is_within "$2" "$3" "$4"; then
		ok "$1 ($2 vs $3)"
	else
		not_ok "$1" "got $2, want $3 within $4%"
	fi
}

# export_file NAME PATH: send a file out of the VM over the third serial
# port; scripts/vm puts it in build/KREL/files/NAME for host-side checks
export_file() {
	{ echo "=== FILE $1"; base64 "$2"; echo "=== END"; } >/dev/ttyS2
}

# pattern_loops PID OUT: pattern PID's (printing to OUT) "loops N ms M"
# since its last SIGUSR1, as "N M", once the line is there (2 s at most)
pattern_loops() {
	n0=$(grep -c '^loops' "$2")
	kill -USR1 "$1"
	i=0
	while [ "$(grep -c '^loops' "$2")" -le "$n0" ] && [ $i -lt 100 ]; do
		usleep 20000
		i=$((i + 1))
	done
	sed -n 's/^loops \([0-9]*\) ms \([0-9]*\)/\1 \2/p' "$2" | tail -n1
}

# loops_rate PID OUT SECONDS: the hot loops per second of pattern PID
# (printing to OUT) over the next SECONDS
loops_rate() {
	pattern_loops "$1" "$2" >/dev/null
	sleep "$3"
	pattern_loops "$1" "$2" | awk '{ printf "%.3f\n", $1 * 1000 / $2 }'
}

# psi_full_us CGROUP_DIR: the group's memory.pressure full total, us
psi_full_us() {
	sed -n 's/^full .*total=\([0-9]*\)/\1/p' "$1/memory.pressure"
}

as_nobody() {	# run a command as user nobody
	su -s /bin/sh nobody -c "$*"
}

load_module() {
	grep -q '^wsmon ' /proc/modules || insmod /lib/modules/wsmon.ko
}

unload_module() {
	! grep -q '^wsmon ' /proc/modules || rmmod wsmon
}

# diag TEXT: a KTAP diagnostic line
diag() {
	printf '%s\n' "$*" | sed 's/^/# /' >&3
}

# thrash_vm: how the thrash VM's suites start: the module loaded and
# tracking every process at 1 s samples, a fresh 512 MiB zram swap area
# (a check), and $ram, MemTotal in MiB
thrash_vm() {
	load_module
	wsmon config --all --sample-ms 1000 >/dev/null
	check "a 512 MiB zram swap area" zram_swap 512M
	ram=$(($(meminfo_bytes MemTotal) / 1048576))
}

# zram_swap SIZE: a fresh zram swap area on /dev/zram0 (earlier suites may
# have left one behind)
zram_swap() {
	modprobe zram num_devices=1 2>/dev/null
	swapoff /dev/zram0 2>/dev/null
	echo 1 >/sys/block/zram0/reset 2>/dev/null
	echo "$1" >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0
}

# CPU 1 as an isolated CPU (65-live, the live bench)
cal_tlb_cpu1() {	# function-call and TLB-shootdown interrupts of CPU 1
	awk '$1 == "CAL:" || $1 == "TLB:" { s += $3 } END { print s }' /proc/interrupts
}

# housekeep MASK: run every task that may move (kernel threads that are
# not per-CPU, user processes) on the CPUs of MASK (hex), as isolcpus and
# nohz_full do for their housekeeping CPUs; prints the PIDs it moved
housekeep() {
	for d in /proc/[0-9]*; do
		taskset -p "$1" "${d#/proc/}" >/dev/null 2>&1 && echo "${d#/proc/}"
	done
}

# ipi_windows MIN_SAMPLES: CPU 1's function-call and TLB interrupts over
# 5 s windows until the module took at least MIN_SAMPLES samples (12
# windows at most: a busy host takes fewer samples in one).  Sets
# ipi_n (samples), ipi_c (interrupts) and ipi_w (windows).  No client
# runs while counting: its own exit costs IPIs too.
ipi_windows() {
	ipi_n=0 ipi_c=0 ipi_w=0
	while [ $ipi_n -lt "$1" ] && [ $ipi_w -lt 12 ]; do
		n0=$(sample_count)
		c0=$(cal_tlb_cpu1)
		usleep 5000000
		c1=$(cal_tlb_cpu1)
		n1=$(sample_count)
		ipi_n=$((ipi_n + n1 - n0))
		ipi_c=$((ipi_c + c1 - c0))
		ipi_w=$((ipi_w + 1))
	done
}

# flush_trace SAMPLES: which CPUs ran the module's flush function
# (wsmon_flush_tlb_local, the IPI's handler and the local flush) over at
# least SAMPLES samples, by ftrace's record: sets ft_cpu0, ft_cpu1 and
# ft_n (samples).  Interrupt counts include other things; this does not.
# Fails when the kernel has no function tracer.
flush_trace() {
	tr=/sys/kernel/tracing
	[ -e $tr/set_ftrace_filter ] || mount -t tracefs nodev $tr 2>/dev/null
	echo wsmon_flush_tlb_local >$tr/set_ftrace_filter 2>/dev/null || return 1
	echo function >$tr/current_tracer
	echo >$tr/trace
	ft_n=$(sample_count)
	samples "$1"
	ft_n=$(($(sample_count) - ft_n))
	ft_cpu1=$(grep -c wsmon_flush_tlb_local $tr/per_cpu/cpu1/trace)
	ft_cpu0=$(grep -c wsmon_flush_tlb_local $tr/per_cpu/cpu0/trace)
	echo nop >$tr/current_tracer
	echo >$tr/set_ftrace_filter
}

# ncpus: the CPUs online.  Not nproc, which counts the caller's
# affinity: after housekeep that is CPU 0 alone.
ncpus() {
	grep -c '^processor' /proc/cpuinfo
}

# unhousekeep PID...: let them run anywhere again
unhousekeep() {
	all=$(printf %x $(((1 << $(ncpus)) - 1)))
	for t in "$@"; do taskset -p "$all" "$t" >/dev/null 2>&1; done
}

show() {	# show PID: wsmon show's JSON into /tmp/show.json
	wsmon show "$1" --json >/tmp/show.json 2>/tmp/show.err
}

# sampled PID...: until a pass of the module has seen each process (the
# debug kernel beside another VM samples slowly), 60 s in all at most
sampled() {
	i=0
	for p in "$@"; do
		while [ $i -lt 600 ]; do
			show "$p" && [ "$(json_num passes /tmp/show.json)" -ge 1 ] 2>/dev/null && break
			usleep 100000
			i=$((i + 1))
		done
	done
}

vmrss() {	# vmrss PID: VmRSS of /proc/PID/status in bytes
	awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"
}

now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }	# uptime, ms
# mean, median: of the numbers on stdin, one a line (mean as an integer)
mean() { awk '{ s += $1 } END { printf "%d\n", NR ? s / NR : 0 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

vmstat() {	# vmstat KEY: a /proc/vmstat counter
	awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat
}

# thp_madvise: THP for madvised regions (the kernel turns THP off below 512
# MiB of RAM, and the test VM has a little less); fails without THP in the
# kernel (PREEMPT_RT).  thp_restore puts back what it found.
thp_knob=/sys/kernel/mm/transparent_hugepage/enabled
thp_madvise() {
	thp_was=$(sed -n 's/.*\[\(.*\)\].*/\1/p' $thp_knob 2>/dev/null)
	[ -n "$thp_was" ] && echo madvise >$thp_knob
}
thp_restore() {
	[ -n "$thp_was" ] && echo "$thp_was" >$thp_knob
}
