# wsmon advise: the knee as a recommendation, per process and per cgroup,
# against a process with a known hot set (pattern: 16 MiB of 64 touched
# every 100 ms) and the cgroup's own files.
. /tests/lib.sh

MIB=1048576
# the module starts after the process has written its memory, so its
# start-up writes are not counted as first touches (compulsory faults)
unload_module
if cgroup2_ready && mkdir -p /sys/fs/cgroup/adv; then
	echo $((200 * MIB)) >/sys/fs/cgroup/adv/memory.high
	CG=1
else
	CG=0
fi
# started inside the group, so that its memory is charged there
[ $CG = 1 ] && echo $$ >/sys/fs/cgroup/adv/cgroup.procs
start_pattern /tmp/adv.out -m 64 -H 16
A=$P
[ $CG = 1 ] && echo $$ >/sys/fs/cgroup/cgroup.procs
load_module
# 1 s samples: the hot set (touched every 100 ms) is referenced in every
# sample even on a loaded TCG host; windows up to 10 samples
wsmon config --all --sample-ms 1000 --windows 1,2,5,10 >/dev/null
samples 2
wsmon advise --json >/tmp/young.json
check "a new process's advice says it is weak (too few samples)" \
	grep -q "\"pid\":$A,[^}]*\"weak\":\"too few samples\"" /tmp/young.json
samples 10		# past the longest window (10 samples)
wsmon advise --json >/tmp/adv.json
expect "advise exits 0" 0 $?
line=$(grep -o "{\"pid\":$A,[^}]*}" /tmp/adv.json)
diag "$line"
knee=$(echo "$line" | sed -n 's/.*"knee":\([0-9]*\).*/\1/p')
frees=$(echo "$line" | sed -n 's/.*"frees":\([0-9]*\).*/\1/p')
rss=$(($(awk '/^VmRSS:/ { print $2 }' /proc/$A/status) * 1024))
if [ -n "$knee" ] && [ $knee -ge $((15 * MIB)) ] && [ $knee -le $((18 * MIB)) ]; then
	ok "the knee is the 16 MiB hot set ($((knee / 1024)) KiB)"
else
	not_ok "the knee is the 16 MiB hot set" "knee '$knee'" "$line"
fi
if [ -n "$frees" ] && [ $((frees - (rss - knee))) -le $((2 * MIB)) ] && [ $(((rss - knee) - frees)) -le $((2 * MIB)) ]; then
	ok "a limit at the knee would free its RSS (/proc VmRSS) less the knee ($((frees / MIB)) MiB)"
else
	not_ok "a limit at the knee would free its RSS less the knee" "frees '$frees', VmRSS $rss, knee $knee"
fi
check "its advice is not weak any more" sh -c "! echo '$line' | grep -q weak"
if [ $CG = 1 ]; then
	g=$(grep -o '{"path":"/adv",[^}]*}' /tmp/adv.json)
	diag "$g"
	cur=$(cat /sys/fs/cgroup/adv/memory.current)
	got=$(echo "$g" | sed -n 's/.*"memory_current":\([0-9]*\).*/\1/p')
	if [ -n "$got" ] && [ "$cur" -ge $((60 * MIB)) ] &&
	   [ $((got - cur)) -le $((4 * MIB)) ] && [ $((cur - got)) -le $((4 * MIB)) ]; then
		ok "the group's line has its memory.current ($((got / MIB)) MiB; now $((cur / MIB)) MiB)"
	else
		not_ok "the group's line has its memory.current" "got '$got', file $cur" "$g"
	fi
	check "  its memory.high as set (200 MiB)" grep -q "\"path\":\"/adv\",[^}]*\"memory_high\":$((200 * MIB))," /tmp/adv.json
	check "  and memory.max as max" grep -q '"path":"/adv",[^}]*"memory_max":null' /tmp/adv.json
	gk=$(echo "$g" | sed -n 's/.*"knee":\([0-9]*\).*/\1/p')
	# and the page cache it read (its stdout's file): in no page table
	gf=$(echo "$g" | sed -n 's/.*"wss_file":\([0-9]*\).*/\1/p')
	expect "  the group's knee is its one process's, with the page cache it read" \
		"$((knee + ${gf:-0}))" "$gk"
else
	ok "advise per cgroup # SKIP no cgroup v2 in the VM"
fi
check "the machine line sums it all" grep -q '"fleet":{"nr_processes":[0-9]*,"rss":[0-9]*,"knee":[0-9]*,"frees":[0-9]*}' /tmp/adv.json
wsmon advise -n 1 >/tmp/adv.txt
check "text: a table headed PID COMMAND RSS KNEE" grep -q 'PID COMMAND *RSS *KNEE' /tmp/adv.txt
wsmon advise --bogus 2>/tmp/err
expect "a bad option is a usage error" 2 $?
kill $A
wait $A 2>/dev/null
[ $CG = 1 ] && rmdir /sys/fs/cgroup/adv
wsmon config --windows 1,2,5,10,30,60 >/dev/null
