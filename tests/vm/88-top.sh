# wsmon top: batch frames (one per sample) and the full screen driven
# through a pseudo-terminal (ptyrun): keys sort, switch to cgroups, kill
# the selected process after asking, and quit.
. /tests/lib.sh

MIB=1048576
load_module
wsmon config --all --sample-ms 500 >/dev/null
start_pattern /tmp/hot.out -m 64 -H 48
HOT=$P
start_pattern /tmp/cold.out -m 8 -H 1
COLD=$P
samples 4

wsmon top -b -n 2 >/tmp/top.txt 2>/tmp/top.err
expect "top -b -n 2 exits 0" 0 $?
expect "top -b -n 2 prints two frames" 2 "$(grep -c '^wsmon top - ' /tmp/top.txt)"
s1=$(sed -n 's/^wsmon top - .* sample \([0-9]*\) every.*/\1/p' /tmp/top.txt | head -n1)
s2=$(sed -n 's/^wsmon top - .* sample \([0-9]*\) every.*/\1/p' /tmp/top.txt | tail -n1)
if [ -n "$s1" ] && [ -n "$s2" ] && [ "$s2" -gt "$s1" ]; then
	ok "the second frame is drawn at a later sample ($s1, then $s2)"
else
	not_ok "the second frame is drawn at a later sample" "samples '$s1' '$s2'"
fi
# the first three process rows of each frame
for f in 1 2; do
	rows=$(awk -v f=$f '/^wsmon top - / { n++; r = -1 } n == f && r >= 0 && r < 3 { print $1; r++ }
		n == f && /^ *PID +USER/ { r = 0 }' /tmp/top.txt | tr '\n' ' ')
	case " $rows " in
	*" $HOT "*) ok "frame $f shows the hot process ($HOT) in its first rows ($rows)" ;;
	*) not_ok "frame $f shows the hot process ($HOT) in its first rows" "rows: $rows" "$(cat /tmp/top.txt)" ;;
	esac
done
state=$(wsmon status --json | sed -n 's/.*"state":"\([^"]*\)".*/\1/p')
check "the header has the thrash state status reports ($state)" grep -q "state $state for" /tmp/top.txt
check "the header has the demand sparkline" grep -q '^demand  ' /tmp/top.txt
wsmon top -b -n 1 --cgroups >/tmp/topc.txt
check "top -b --cgroups shows the cgroup view" grep -q '^CGROUP ' /tmp/topc.txt

# the habits of ps and top: -p, -u, -s -KEY, -r, top -d
rows() {	# the PIDs of a top -b frame's process rows
	awk '/^ *PID +USER/ { r = 1; next } r && NF { print $1 }' "$1" | tr '\n' ' '
}
wsmon top -b -n 1 -p $COLD >/tmp/topp.txt
expect "top -p PID shows that process alone" "$COLD " "$(rows /tmp/topp.txt)"
wsmon top -b -n 2 -d 2 >/tmp/topd.txt
s1=$(sed -n 's/^wsmon top - .* sample \([0-9]*\) every.*/\1/p' /tmp/topd.txt | head -n1)
s2=$(sed -n 's/^wsmon top - .* sample \([0-9]*\) every.*/\1/p' /tmp/topd.txt | tail -n1)
check "top -d 2: frames at least 2 s apart (4 samples of 500 ms: $s1, then $s2)" \
	test "${s2:-0}" -ge $((${s1:-0} + 4))
wsmon top -b -n 1 -d 0 >/dev/null 2>/tmp/e
expect "top -d 0 is refused (exit 2)" 2 $?
pids() { sed -n 's/.*"pid":\([0-9]*\).*/\1/p' | tr '\n' ' '; }
wsmon ps --json -p $HOT,$COLD | tr '{' '\n' >/tmp/psp.txt
expect "ps -p HOT,COLD lists those two, by working set" "$HOT $COLD " "$(pids </tmp/psp.txt)"
wsmon ps --json -p $COLD -p $HOT -r | tr '{' '\n' >/tmp/psp.txt
expect "ps -p COLD -p HOT -r: the other way round" "$COLD $HOT " "$(pids </tmp/psp.txt)"
wsmon ps -p 4000000 >/dev/null 2>/tmp/e
expect "ps -p with a PID not tracked exits 1" 1 $?
check "  and says which" grep -q 'PID 4000000 is not a tracked process' /tmp/e
# -s -rss: ascending RSS, by the table's own figures
wsmon ps --json -s -rss | tr '{' '\n' | sed -n 's/.*"rss":\([0-9]*\).*/\1/p' >/tmp/rss.txt
check "ps -s -rss: smallest RSS first ($(wc -l </tmp/rss.txt) processes)" sh -c 'sort -n -c /tmp/rss.txt'
check "ps -s -rss lists both patterns" \
	sh -c "wsmon ps --json -s -rss | grep -q '\"pid\":$HOT,' && wsmon ps --json -s -rss | grep -q '\"pid\":$COLD,'"
# -u: as /proc/PID/status's real UID says
as_nobody "echo \$\$ >/tmp/nob.pid; exec pattern -m 4 -H 1" >/tmp/nob.out &
i=0
while ! grep -q ready /tmp/nob.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
NOB=$(cat /tmp/nob.pid)
samples 2
wsmon ps --json -u nobody | tr '{' '\n' | pids >/tmp/psu.txt
expect "ps -u nobody lists nobody's pattern alone ($NOB)" "$NOB " "$(cat /tmp/psu.txt)"
bad=
for p in $(wsmon ps --json -u 0 | tr '{' '\n' | pids); do
	[ -r /proc/$p/status ] || continue
	[ "$(awk '/^Uid:/ { print $2 }' /proc/$p/status)" = 0 ] || bad="$bad $p"
done
expect "ps -u 0: every process's real UID is 0 (/proc/PID/status)" "" "$bad"
kill $NOB 2>/dev/null
wsmon show -p $HOT --json >/tmp/showp.json
expect "show -p PID shows that process" $HOT "$(json_num pid /tmp/showp.json)"
wsmon ps -p >/dev/null 2>/tmp/e
expect "ps -p without a PID is a usage error (exit 2)" 2 $?
wsmon -p ps >/dev/null 2>/tmp/e
expect "-p is no longer --pretty (exit 2)" 2 $?
wsmon top -n 2 >/dev/null 2>/tmp/e
expect "top -n without -b is refused (exit 2)" 2 $?
wsmon top -b -n 1 --json >/dev/null 2>/tmp/e
expect "top --json is refused (exit 2)" 2 $?
wsmon top </dev/null >/tmp/nt.out 2>/tmp/e
expect "top on no terminal says so (exit 2)" 2 $?
check "  with -b as the way out" grep -q 'use -b' /tmp/e

# the full screen: sort keys, the cgroup view, help, quit
cat >/tmp/keys <<KEYS
wait 20 sort: working set
mark
send s
wait 10 sort: rss
mark
send c
wait 10 CGROUP
mark
send ?
wait 10 this help
send x
mark
send q
exit 10
KEYS
ptyrun /tmp/pty.out wsmon top </tmp/keys 2>/tmp/pty.err
expect "top under a terminal sorts (s), shows cgroups (c), helps (?) and quits (q) with 0" 0 $? 
[ -s /tmp/pty.err ] && diag "$(cat /tmp/pty.err)"

# k kills exactly the selected process (the first row: the hot one), after asking
cat >/tmp/keys <<KEYS
wait 20 sort: working set
mark
send k
wait 10 Send SIGKILL to PID $HOT
send y
wait 10 PID $HOT (pattern) killed
send q
exit 10
KEYS
ptyrun /tmp/pty2.out wsmon top </tmp/keys 2>/tmp/pty.err
expect "k then y kills the selected process" 0 $?
[ -s /tmp/pty.err ] && diag "$(cat /tmp/pty.err)"
# until it has gone (or is a zombie), 10 s at most
i=0
while [ -d /proc/$HOT ] && ! grep -q '^State:.*Z' /proc/$HOT/status 2>/dev/null && [ $i -lt 100 ]; do
	usleep 100000
	i=$((i + 1))
done
if [ -d /proc/$HOT ] && ! grep -q '^State:.*Z' /proc/$HOT/status; then
	not_ok "the hot process is gone" "$(cat /proc/$HOT/status | head -3)"
else
	ok "the hot process is gone"
fi
check "the other process lives" test -d /proc/$COLD
# n (anything but y) kills nothing (whichever process is on top now)
cat >/tmp/keys <<KEYS
wait 20 sort: working set
send k
wait 10 Send SIGKILL to PID
send n
wait 10 not killed
send q
exit 10
KEYS
ptyrun /tmp/pty3.out wsmon top </tmp/keys 2>/tmp/pty.err
expect "k then n is answered 'not killed'" 0 $?
check "  and the process lives" test -d /proc/$COLD
# nobody may not kill
cat >/tmp/keys <<KEYS
wait 20 sort: working set
send k
wait 10 killing needs root
send q
exit 10
KEYS
chmod 0666 /tmp/keys
as_nobody "ptyrun /tmp/pty4.out wsmon top </tmp/keys" 2>/tmp/pty.err
expect "nobody's k is refused: killing needs root" 0 $?
kill $HOT $COLD 2>/dev/null
wait 2>/dev/null
