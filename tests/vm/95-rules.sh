# Thrash rules (SET_CONFIG), events and per-process thrash delay: bad
# input changes nothing; events arrive once per sample.
. /tests/lib.sh

load_module
wsmon config --sample-ms 500 --all >/dev/null
wsmon status --json >/tmp/st0.json
expect "default demand window" 10 "$(json_num demand_window /tmp/st0.json)"
check "status has a thrash state" grep -q '"state":"ok"' /tmp/st0.json
if [ -r /proc/pressure/memory ]; then
	check "status shows PSI" grep -q '"psi_memory":{"some":{"avg10"' /tmp/st0.json
else
	check "status says PSI is absent" grep -q '"psi_memory":null' /tmp/st0.json
fi

# bad rules: refused with a reason, nothing changed
wsmon config --pressure 1.5 --thrash 1.2 --demand-window 20 2>/tmp/err
expect "PRESSURE above THRASHING is refused" 1 $?
check "and the kernel says why" grep -q 'must not exceed' /tmp/err
wsmon config --demand-window 300 2>/tmp/err
expect "a demand window over 254 is refused" 1 $?
wsmon config --enter 0 2>/tmp/err
expect "enter 0 is refused" 1 $?
wsmon config --thrash abc 2>/tmp/err
expect "a ratio that is not a number: usage error" 2 $?
su -s /bin/sh nobody -c "wsmon config --thrash 2" 2>/tmp/err
expect "non-root rule change exits 4" 4 $?
check "with EPERM" grep -q 'Operation not permitted' /tmp/err
wsmon status --json >/tmp/st1.json
expect "refused changes changed nothing" "$(grep -o '"rules":{[^}]*}' /tmp/st0.json)" \
	"$(grep -o '"rules":{[^}]*}' /tmp/st1.json)"

wsmon config --imminent-ms 600001 2>/tmp/err
expect "an exhaustion bar over 600000 ms is refused" 1 $?
check "valid rules are taken" wsmon config --demand-window 20 --pressure 0.9 --thrash 1.5 \
	--thrash-rate 50 --enter 1 --leave 5 --imminent-ms 8000
wsmon status --json >/tmp/st2.json
expect "status shows the new rules" '"rules":{"pressure_demand":0.9,"thrash_rate":50,"thrash_demand":1.5,"enter_samples":1,"leave_samples":5,"imminent_s":8}' \
	"$(grep -o '"rules":{[^}]*}' /tmp/st2.json)"
expect "and the new demand window" 20 "$(json_num demand_window /tmp/st2.json)"
wsmon config --demand-window 10 --pressure 0.8 --thrash 1 --thrash-rate 100 --enter 2 --leave 3 --imminent-ms 5000

# events: one per sample, in order
wsmon events --json --count 3 --timeout 10 >/tmp/ev.json 2>/tmp/ev.err
expect "events --count 3 exits 0" 0 $?
expect "three sample events" 3 "$(grep -c '"event":"sample"' /tmp/ev.json)"
s=$(sed -n 's/.*"samples":\([0-9]*\).*/\1/p' /tmp/ev.json | tr '\n' ' ')
if echo "$s" | awk '{ exit !($2 == $1 + 1 && $3 == $2 + 1) }'; then
	ok "events carry consecutive samples ($s)"
else
	not_ok "events carry consecutive samples" "got: $s"
fi
wsmon config --sample-ms 5000
wsmon events --timeout 1 >/dev/null 2>/tmp/err
expect "events --timeout without an event exits 1" 1 $?
check "and says so" grep -q 'no event within 1 s' /tmp/err
wsmon config --sample-ms 500

# per-process thrash delay: reported for processes started with delay
# accounting on, absent otherwise
pattern -m 8 -H 4 >/tmp/p0.out &
P0=$!
if sysctl -w kernel.task_delayacct=1 >/dev/null 2>&1; then
	pattern -m 8 -H 4 >/tmp/p1.out &
	P1=$!
	samples 2
	wsmon show $P1 --json >/tmp/s1.json
	wsmon show $P0 --json >/tmp/s0.json
	check "thrash delay reported with delay accounting on" grep -q '"thrash_ms":[0-9]' /tmp/s1.json
	check "and absent for a process started without it" grep -q '"thrash_ms":null' /tmp/s0.json
	kill $P1
	sysctl -w kernel.task_delayacct=0 >/dev/null
else
	ok "thrash delay # SKIP no kernel.task_delayacct"
fi
kill $P0
wsmon config --sample-ms 1000 >/dev/null
