# The output contract (doc/json.md): every command's JSON parses (strict
# UTF-8), carries "schema", and has only documented keys of their
# documented types, checked by a parser of our own (jsoncheck); names that
# users set (escape sequences, bytes that are not UTF-8) reach neither the
# terminal nor a JSON parser raw.
. /tests/lib.sh

DOC=/doc/json.md
MIB=1048576
load_module
wsmon config --all --sample-ms 500 >/dev/null
zram_swap 64M
# a group holding a process that touches 32 MiB of its 96 MiB
CG=
if cgroup2_ready && mkdir -p /sys/fs/cgroup/jsn; then
	CG=/sys/fs/cgroup/jsn
	echo $((512 * MIB)) >$CG/memory.high
	echo $$ >$CG/cgroup.procs
fi
start_pattern /tmp/p.out -m 96 -H 32
[ -n "$CG" ] && echo $$ >/sys/fs/cgroup/cgroup.procs

# hostile command names: a terminal escape, a byte that is not UTF-8, a
# UTF-8 name that the kernel's 15-byte comm cuts mid-character
ESC=$(printf '\033[2J\033]0;pwned\007')
FF=$(printf 'x\377y')
CUT=$(printf '\303\251\303\251\303\251\303\251\303\251\303\251\303\251\303\251')
mkdir -p /tmp/names
NAMED=
for n in "$ESC" "$FF" "$CUT"; do
	ln -sf /tests/bin/pattern "/tmp/names/$n"
	"/tmp/names/$n" -m 4 -H 1 >/dev/null &
	NAMED="$NAMED $!"
done
samples 12		# past the demand window (10 samples)

check "the documentation gives each key one type" jsoncheck $DOC --doc

# json SECTION ARGS...: run wsmon ARGS, check it against doc/json.md's SECTION
json() {
	c=$1
	shift
	"$@" >/tmp/j.$c 2>/tmp/j.err
	rc=$?
	if [ $rc != 0 ]; then
		not_ok "$* exits 0" "exit $rc" "$(cat /tmp/j.err)"
		return
	fi
	check "${*#wsmon } follows doc/json.md" sh -c "jsoncheck $DOC $c </tmp/j.$c"
}
json status wsmon status --json
json status wsmon config --json
json ps wsmon ps --json
json show wsmon show $P --json
json swap wsmon swap --json
json swap-pid wsmon swap $P --json
json kill wsmon kill --dry-run --json
json advise wsmon advise --json
json cgroups wsmon cgroups --json
json events wsmon events --json --count 2 --timeout 10
# watch runs until a signal: its start line and a state line or two
timeout 3 wsmon watch --json >/tmp/j.watch 2>/tmp/j.err
check "watch --json follows doc/json.md" sh -c "jsoncheck $DOC watch </tmp/j.watch"
# --pretty gives the same document, indented
wsmon ps --pretty >/tmp/j.pretty
check "ps --pretty follows doc/json.md" sh -c "jsoncheck $DOC ps </tmp/j.pretty"
check "ps --pretty is indented" grep -q '^  "processes": \[' /tmp/j.pretty

# per-cgroup working sets: the group's W is its process's hot 32 MiB
if [ -n "$CG" ]; then
	w=$(grep -o '{"cgroup":"/jsn",[^}]*}' /tmp/j.cgroups | sed -n 's/.*"wss":\([0-9]*\).*/\1/p')
	within "cgroups: /jsn's working set is the hot 32 MiB" "$w" $((32 * MIB)) 10
	check "cgroups: /jsn carries its memory.high" \
		grep -q "{\"cgroup\":\"/jsn\",[^}]*\"memory_high\":$((512 * MIB))," /tmp/j.cgroups
	check "cgroups: /jsn is within its limit" grep -q '{"cgroup":"/jsn",[^}]*"over_limit":false' /tmp/j.cgroups
	echo $((16 * MIB)) >$CG/memory.high
	wsmon cgroups >/tmp/cg.txt
	check "cgroups: W over a 16 MiB memory.high is marked" \
		grep -q '^/jsn .*W exceeds its limit' /tmp/cg.txt
	echo max >$CG/memory.high
	# a group whose process allocates past memory.high (swap is full) is
	# throttled: it barely runs, its W looks small, its memory.pressure
	# says it stalls
	mkdir -p /sys/fs/cgroup/stall
	echo $((8 * MIB)) >/sys/fs/cgroup/stall/memory.high
	echo $$ >/sys/fs/cgroup/stall/cgroup.procs
	pattern -m 48 -H 48 >/dev/null &
	STALL=$!
	echo $$ >/sys/fs/cgroup/cgroup.procs
	# until its memory.pressure shows the stall (full avg10 >= 10%), 60 s
	# at most: on a slow host the average takes longer to climb
	i=0
	while [ $i -lt 60 ]; do
		sleep 1
		wsmon cgroups --json >/tmp/cg2.json
		g=$(grep -o '{"cgroup":"/stall",[^}]*}' /tmp/cg2.json)
		echo "$g" | grep -q '"stalled":true' && break
		i=$((i + 1))
	done
	diag "$g"
	check "cgroups: a group throttled at memory.high is marked stalled" \
		sh -c "echo '$g' | grep -q '\"stalled\":true'"
	kill -9 $STALL
	wait $STALL 2>/dev/null
	rmdir /sys/fs/cgroup/stall
	samples 2	# the module's RSS is the last sample's: after the reclaim
	id=$(grep -o "{\"pid\":$P,[^}]*}[^}]*" /tmp/j.ps | sed -n 's/.*"cgroup_id":\([0-9]*\).*/\1/p')
	expect "ps: the process's cgroup_id is its group's inode" "$(stat -c %i $CG)" "$id"
	wsmon ps --cgroup /jsn >/tmp/ps.cg
	expect "ps --cgroup /jsn lists its one process" "$P" \
		"$(awk 'NR > 1 { print $1 }' /tmp/ps.cg | tr '\n' ' ' | sed 's/ $//')"
	wsmon ps --cgroup / --json >/tmp/ps.all
	check "ps --cgroup / lists it too" grep -q "\"pid\":$P," /tmp/ps.all
else
	diag "no cgroup v2 here: the per-cgroup checks skip"
fi
wsmon ps --cgroup jsn >/dev/null 2>/tmp/e
expect "ps --cgroup without a leading / is refused (exit 2)" 2 $?

# the names: text output holds no escape byte, JSON holds valid UTF-8
wsmon ps >/tmp/ps.txt
if tr -d '\n' </tmp/ps.txt | grep -q "$(printf '[\001-\037\177]')"; then
	not_ok "ps's text holds no control character" "$(od -c /tmp/ps.txt | head)"
else
	ok "ps's text holds no control character"
fi
check "the escape sequence's name is shown as ?[2J?]0;pwned?" grep -q '?\[2J?\]0;pwned?' /tmp/ps.txt
check "the \\377 byte is shown as ?" grep -q 'x?y' /tmp/ps.txt
check "a name cut mid-character ends in ? (text)" grep -q "$(printf '\303\251\303\251\303\251\303\251\303\251\303\251\303\251')?" /tmp/ps.txt
check "the names are in ps --json" grep -q '"comm":"x?y"' /tmp/j.ps
wsmon ps --bytes >/tmp/ps.bytes
rss=$(awk -v p=$P '$1 == p { print $3 }' /tmp/ps.bytes)
vm=$(($(awk '/^VmRSS:/ { print $2 }' /proc/$P/status) * 1024))
within "ps --bytes prints RSS as a byte count (VmRSS $vm)" "$rss" "$vm" 5
wsmon ps --json >/tmp/ps2.json
json_rss=$(grep -o "{\"pid\":$P,[^}]*" /tmp/ps2.json | sed -n 's/.*"rss":\([0-9]*\).*/\1/p')
within "ps --json gives RSS in bytes (VmRSS $vm)" "$json_rss" "$vm" 5
t=$(sed -n 's/.*"time":"\([^"]*\)".*/\1/p' /tmp/j.events | head -n1)
if echo "$t" | grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}$'; then
	ok "events' time is RFC 3339 with an offset ($t)"
else
	not_ok "events' time is RFC 3339 with an offset" "got '$t'"
fi

# a non-admin ps says once, on stderr, that it shows the caller's processes
as_nobody "wsmon ps" >/tmp/n.out 2>/tmp/n.err
expect "nobody's ps says once that it shows only its processes" 1 \
	"$(grep -c 'only the processes' /tmp/n.err)"
wsmon ps >/dev/null 2>/tmp/r.err
expect "root's ps says nothing on stderr" "" "$(cat /tmp/r.err)"

kill $P $NAMED 2>/dev/null
wait 2>/dev/null
swapoff /dev/zram0
if [ -n "$CG" ]; then rmdir $CG; fi
