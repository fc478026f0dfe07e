# KILL and wsmon watch, in the 256 MiB VM.  Ground truth: /proc (VmRSS,
# VmSwap, VmPTE, oom_score_adj) for the choice, the processes' own exit
# status for the kill.
. /tests/lib.sh

MIB=1048576
load_module
check "a 512 MiB zram swap area" zram_swap 512M
wsmon config --all --sample-ms 500 --demand-window 2 >/dev/null
mkdir -p /tmp/bin
for n in hoga hogb hogc hogd hogp hog1 hog2 hog3 hog4; do cp /tests/bin/pattern /tmp/bin/$n; done
PATH=/tmp/bin:$PATH

# start NAME ARGS...: start a pattern copy, wait for "ready", set $P
start() {
	n=$1
	shift
	: >/tmp/$n.out	# (not an earlier run's "ready": see start_pattern)
	$n "$@" >/tmp/$n.out 2>&1 &
	P=$!
	i=0
	while ! grep -q ready /tmp/$n.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
}
alive() { kill -0 "$1" 2>/dev/null; }
# start_sweep NAME: start a sweep of 1.3 x RAM (pattern -P, its pass
# times in /tmp/NAME.out), set $P
start_sweep() {
	$1 -m $sweep -H $sweep -t 1 -P >/tmp/$1.out 2>&1 &
	P=$!
}
dead() { ! alive "$1"; }
# poll_s S CMD...: until CMD succeeds, S s at most; true if it did
poll_s() {
	ps_n=$1
	shift
	while ! "$@"; do
		[ $ps_n -gt 0 ] || return 1
		sleep 1
		ps_n=$((ps_n - 1))
	done
}
# await_thrash NAME S CMD...: until CMD succeeds, S s at most, while the
# sweep NAME thrashes; and once more if its passes are longer than the
# demand window (then widened to two: widen_window); true if CMD did
await_thrash() {
	at_n=$1 at_s=$2
	shift 2
	poll_s $at_s "$@" && return 0
	at_w=$(widen_window /tmp/$at_n.out 1000 $((at_s * 1000))) || return 1
	at_p=$(last_pass /tmp/$at_n.out)
	at_p=${at_p:+$at_p ms}
	diag "not in $at_s s: a pass of $at_n took ${at_p:-over $at_s s}; the demand window widened to $at_w samples, two passes"
	poll_s $((at_w + 60)) "$@"
}
vjson() { sed -n 's/.*"victim":{"pid":\([0-9]*\).*/\1/p; s/^{.*"action":"[a-z ]*","pid":\([0-9]*\).*/\1/p' "$1" | head -n1; }

# --- the choice, per policy, against /proc
start hoga -m 40 -H 0
A=$P
start hogb -m 24 -H 24 -t 50
B=$P
start hogc -m 12 -H 0
C=$P
echo 1000 >/proc/$C/oom_score_adj
start hogd -m 56 -H 0
D=$P
echo -1000 >/proc/$D/oom_score_adj
samples 3	# two samples and more: hoga's start-up writes leave W(2)

wsmon kill --dry-run --policy rss --json >/tmp/k.json 2>/tmp/k.err
expect "dry run exits 0" 0 $?
expect "rss: the largest VmRSS in /proc not exempt (hoga; hogd is -1000)" "$(truth rss)" "$(vjson /tmp/k.json)"
# hoga is the largest unless memory pressure pushed its idle pages to swap
# (the debug kernel leaves less room), then the /proc check above decides
if grep -q '^VmSwap:[[:space:]]*0 kB' /proc/$A/status; then
	expect "rss: that is hoga" "$A" "$(vjson /tmp/k.json)"
else
	ok "rss: that is hoga # SKIP hoga is partly in swap ($(grep VmSwap /proc/$A/status | tr -s ' \t' ' '))"
fi
wsmon kill --dry-run --policy wss --json >/tmp/k.json
expect "wss: the process with the hot set (hogb)" "$B" "$(vjson /tmp/k.json)"
wsmon kill --dry-run --policy badness --json >/tmp/k.json
expect "badness: the kernel's formula over /proc (hogc, oom_score_adj 1000)" "$(truth badness)" "$(vjson /tmp/k.json)"
expect "badness: that is hogc" "$C" "$(vjson /tmp/k.json)"
wsmon kill --dry-run --policy rss --protect hoga --json >/tmp/k.json
expect "a protected name is passed over (hogb next)" "$B" "$(vjson /tmp/k.json)"
wsmon kill --dry-run --policy rss --protect $A --protect hogb --json >/tmp/k.json
v=$(vjson /tmp/k.json)
if [ -n "$v" ] && [ "$v" != "$A" ] && [ "$v" != "$B" ] && [ "$v" != "$D" ]; then
	ok "protected PIDs and names are passed over (chose $v)"
else
	not_ok "protected PIDs and names are passed over" "chose '$v'" "$(cat /tmp/k.json)"
fi
if alive $A && alive $B && alive $C && alive $D; then ok "dry runs killed nothing"; else not_ok "dry runs killed nothing"; fi
su -s /bin/sh nobody -c "wsmon kill --policy rss" 2>/tmp/err
expect "non-root kill exits 4" 4 $?
check "with EPERM" grep -q 'Operation not permitted' /tmp/err
if alive $A && alive $B && alive $C && alive $D; then ok "non-root kill killed nothing"; else not_ok "non-root kill killed nothing"; fi
wsmon kill --policy rss --bogus 2>/tmp/err
expect "a bad option: usage error" 2 $?
wsmon kill --policy biggest 2>/tmp/err
expect "an unknown policy: usage error" 2 $?

wsmon events --json --count 1 --timeout 20 --states >/tmp/kev.json &
EV=$!
usleep 300000
wsmon kill --policy rss --json >/tmp/k.json
expect "kill exits 0" 0 $?
check "the reply says it killed" grep -q '"action":"killed"' /tmp/k.json
v=$(vjson /tmp/k.json)
case "$v" in
$A | $B | $C)
	wait "$v"
	expect "the victim ($v) died of SIGKILL" 137 $? ;;
*)
	not_ok "the victim is one of the hogs" "chose '$v'" "$(cat /tmp/k.json)" ;;
esac
wait $EV
check "the kill went to the events group" grep -q "\"event\":\"kill\".*\"pid\":$v," /tmp/kev.json
# (whichever was the victim: under pressure hoga may have been in swap
# and not the largest, and a 40 MiB hoga left over took the debug
# kernel's VM into the kernel's OOM killer in a later suite)
kill $A $B $C $D 2>/dev/null
wait $A $B $C 2>/dev/null

# --- wsmon watch --kill: a thrashing hog dies, the protected and the
# -1000 process survive, a second hog after the cooldown is a new episode
wsmon config --sample-ms 1000 --demand-window 10 >/dev/null
ram=$(($(meminfo_bytes MemTotal) / MIB))
sweep=$((ram * 13 / 10))
start hogp -m 24 -H 24 -t 200
HP=$P
echo 1000 >/proc/$HP/oom_score_adj
start hogd -m 24 -H 24 -t 200
D=$P
echo -1000 >/proc/$D/oom_score_adj
wsmon watch --kill --after 3 --cooldown 8 --protect hogp --json >/tmp/watch.log 2>/tmp/watch.err &
WP=$!
# its start line comes after it locked and prefaulted its memory
i=0
while ! grep -q '"action":"start"' /tmp/watch.log && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
# page faults of the whole process (minflt + majflt, /proc/PID/stat).
# Compaction may migrate locked pages, which costs their owner a minor
# fault, unless vm.compact_unevictable_allowed is 0 (as PREEMPT_RT sets it)
faults() { sed 's/.*) //' /proc/$1/stat | awk '{ print $8 + $10 }'; }
cua=$(cat /proc/sys/vm/compact_unevictable_allowed 2>/dev/null)
[ -n "$cua" ] && echo 0 >/proc/sys/vm/compact_unevictable_allowed
f0=$(faults $WP)
start_sweep hog1
H1=$P
if ! await_thrash hog1 90 dead $H1; then
	not_ok "watch --kill killed the thrashing hog" "$(cat /tmp/watch.log /tmp/watch.err)"
	kill -9 $H1
else
	ok "watch --kill killed the thrashing hog"
fi
f1=$(faults $WP)
[ -n "$cua" ] && echo "$cua" >/proc/sys/vm/compact_unevictable_allowed
wait $H1 2>/dev/null
diag "$(cat /tmp/watch.log)"
# locked, prefaulted and preallocated: the kill path takes no page fault
expect "watch --kill took no page fault while it watched and killed ($f0 -> $f1)" 0 $((f1 - f0))
check "the log names it" grep -q "\"action\":\"killed\".*\"pid\":$H1," /tmp/watch.log

# the first sample of the episode the kill ended: thrashing or worse since
# then (a fast hog may go from pressure straight to oom-imminent, which
# kills without waiting for --after); a dip back to pressure or ok between
# starts the --after clock again, as it should
t0=$(awk '/"action":"state"/ { s = $0; sub(/.*"sample":/, "", s); sub(/[^0-9].*/, "", s)
		if ($0 ~ /"state":"(thrashing|oom-imminent)"/) { if (!on) { start = s; on = 1 } }
		else on = 0 }
	/"action":"killed"/ { print start; exit }' /tmp/watch.log)
t1=$(grep '"action":"killed"' /tmp/watch.log | head -n1 | sed -n 's/.*"sample":\([0-9]*\).*/\1/p')
if [ -n "$t0" ] && [ -n "$t1" ] && [ $((t1 - t0)) -le 5 ]; then
	ok "killed within --after 3 s + 2 samples of THRASHING (samples $t0 -> $t1)"
else
	not_ok "killed within --after + 2 samples" "THRASHING or worse at sample '$t0', kill at '$t1'"
fi
if alive $HP && alive $D; then
	ok "the protected process and the -1000 process survive"
else
	not_ok "the protected process and the -1000 process survive"
fi
sleep 9		# past the cooldown
start_sweep hog2
H2=$P
if ! await_thrash hog2 90 dead $H2; then
	not_ok "a second hog after the cooldown is a new episode and dies" "$(cat /tmp/watch.log)"
	kill -9 $H2
else
	ok "a second hog after the cooldown is a new episode and dies"
fi
wait $H2 2>/dev/null
expect "two episodes, two kills" 2 "$(grep -c '"action":"killed"' /tmp/watch.log)"
kill $WP
wait $WP
expect "watch exits 0 on SIGTERM" 0 $?
check "and logs its stop" grep -q '"action":"stop","signal":"SIGTERM"' /tmp/watch.log

# --- dry run: it says what it would do and kills nothing
wsmon watch --dry-run --after 2 --cooldown 5 --protect hogp --json >/tmp/dry.log 2>&1 &
WP=$!
usleep 500000
start_sweep hog3
H3=$P
await_thrash hog3 60 grep -q would_kill /tmp/dry.log
check "dry run logs what it would kill" grep -q '"action":"would_kill"' /tmp/dry.log
sleep 2
if alive $H3; then ok "dry run killed nothing"; else not_ok "dry run killed nothing" "$(cat /tmp/dry.log)"; fi
kill -9 $H3
kill $WP $HP $D
wait $H3 $WP $HP $D 2>/dev/null
# --- watch does not go deaf: it notices the module going away, waits,
# resubscribes when it is back, and still kills
# (its --exec hook forks after the kill: not in the fault count above)
wsmon watch --kill --after 3 --cooldown 8 --json \
	--exec 'echo "$WSMON_PID $WSMON_COMM $WSMON_POLICY $WSMON_STATE" >>/tmp/hook.out' \
	>/tmp/wr.log 2>/tmp/wr.err &
WP=$!
# until its start-up is done (it locks its memory, then sets its
# oom_score_adj): 10 s at most, for a slow debug kernel on a busy host
i=0
while [ "$(cat /proc/$WP/oom_score_adj 2>/dev/null)" != -1000 ] && [ $i -lt 100 ]; do
	usleep 100000
	i=$((i + 1))
done
check "watch --kill locked its memory (VmLck in /proc)" \
	sh -c "awk '/^VmLck:/ { exit !(\$2 > 0) }' /proc/$WP/status"
expect "watch --kill set its own oom_score_adj to -1000" -1000 "$(cat /proc/$WP/oom_score_adj)"
rmmod wsmon
i=0
while ! grep -q module_gone /tmp/wr.log && [ $i -lt 15 ]; do sleep 1; i=$((i + 1)); done
check "watch notices within seconds that the module is gone ($i s)" grep -q '"action":"module_gone"' /tmp/wr.log
check "  and keeps running" alive $WP
insmod /lib/modules/wsmon.ko
i=0
while ! grep -q module_back /tmp/wr.log && [ $i -lt 15 ]; do sleep 1; i=$((i + 1)); done
check "watch resubscribes when the module is back" grep -q '"action":"module_back"' /tmp/wr.log
wsmon config --sample-ms 1000 --demand-window 10 >/dev/null
start_sweep hog4
H4=$P
# (until the kill: a loaded host's TCG VM may take minutes to thrash)
if ! await_thrash hog4 300 dead $H4; then
	not_ok "after rmmod + insmod the same watch --kill kills a thrashing hog" "$(cat /tmp/wr.log /tmp/wr.err)"
	kill -9 $H4
else
	ok "after rmmod + insmod the same watch --kill kills a thrashing hog"
fi
wait $H4 2>/dev/null
check "  and logs it" grep -q "\"action\":\"killed\".*\"pid\":$H4," /tmp/wr.log
i=0
while ! [ -s /tmp/hook.out ] && [ $i -lt 50 ]; do usleep 100000; i=$((i + 1)); done
check "the --exec hook ran with the victim in its environment" \
	grep -qx "$H4 hog4 badness thrashing" /tmp/hook.out
kill $WP
wait $WP
expect "that watch exits 0 on SIGTERM" 0 $?
# syslog priorities only on the journal's stream (JOURNAL_STREAM names
# its device and inode, as systemd sets it), not on a pipe or a file
for mode in file journal; do
	: >/tmp/wt-$mode.log
	env=
	[ $mode = journal ] && env="JOURNAL_STREAM=$(stat -c %d:%i /tmp/wt-$mode.log)"
	env $env wsmon watch --after 3 >/tmp/wt-$mode.log 2>&1 &
	WP=$!
	i=0
	while ! grep -q ' start' /tmp/wt-$mode.log && [ $i -lt 100 ]; do usleep 100000; i=$((i + 1)); done
	kill $WP
	wait $WP
done
check "text lines on the journal's stream carry syslog priorities" grep -q '^<6>.* start' /tmp/wt-journal.log
check "text lines to a file (wsmon watch | tee, > log) carry none" \
	sh -c "grep -q ' start' /tmp/wt-file.log && ! grep -q '^<[0-9]>' /tmp/wt-file.log"

su -s /bin/sh nobody -c "wsmon watch --kill" 2>/tmp/err
expect "non-root watch --kill exits 4 at once" 4 $?
check "with EPERM" grep -q 'Operation not permitted' /tmp/err
wsmon config --sample-ms 1000 >/dev/null
swapoff /dev/zram0
