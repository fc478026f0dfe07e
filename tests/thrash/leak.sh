# The exhaustion rule, in the 256 MiB VM with 512 MiB of zram swap: a fast
# leak is killed by wsmon watch --kill before the kernel's OOM killer acts,
# an idle process survives, and a burst that stops is left alone.  Ground
# truth: the processes' exit status and the kernel log ("Out of memory").
. /tests/lib.sh

MIB=1048576
load_module
check "a 512 MiB zram swap area" zram_swap 512M
wsmon config --all --sample-ms 1000 >/dev/null
mkdir -p /tmp/bin
for n in burst leaky; do cp /tests/bin/leak /tmp/bin/$n; done
cp /tests/bin/pattern /tmp/bin/idle
PATH=/tmp/bin:$PATH
alive() { kill -0 "$1" 2>/dev/null; }

expect "the rule is on by default (imminent_ms 5000)" 5000 "$(cat /sys/module/wsmon/parameters/imminent_ms)"
wsmon status --json >/tmp/st.json
check "  and status shows it" grep -q '"imminent_s":5[,.}]' /tmp/st.json

: >/tmp/idle.out	# (thrash.sh's "ready" is in it: see start_pattern)
idle -m 40 -H 0 >/tmp/idle.out 2>&1 &
I=$!
i=0
while ! grep -q ready /tmp/idle.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
# --after 60: only the exhaustion rule can kill within this test
wsmon watch --kill --after 60 --cooldown 10 --json >/tmp/watch.log 2>/tmp/watch.err &
WP=$!
sleep 2
dmesg -c >/dev/null

# a burst: 150 MiB as fast as it goes, then held
burst 1000 150 >/tmp/burst.out 2>&1 &
B=$!
i=0
while ! grep -q holding /tmp/burst.out && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
check "burst: it allocated its 150 MiB" grep -q 'holding 150 MiB' /tmp/burst.out
sleep 8
if alive $B; then ok "burst: a burst that stops is not killed"; else
	not_ok "burst: a burst that stops is not killed" "$(cat /tmp/watch.log)"
fi
diag "burst: $(grep -c '"state":"oom-imminent"' /tmp/watch.log) oom-imminent lines in the log"
kill $B
wait $B 2>/dev/null
sleep 3

# a leak: 100 MiB/s up to 900 MiB, more than memory and swap together
t0=$(cut -d' ' -f1 /proc/uptime)
leaky 100 900 >/tmp/leaky.out 2>&1 &
L=$!
i=0
while alive $L && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
t1=$(cut -d' ' -f1 /proc/uptime)
if alive $L; then
	not_ok "leak: the leak was killed" "still running after 60 s" "$(cat /tmp/watch.log)"
	kill -9 $L
fi
wait $L 2>/dev/null
st=$?
diag "leak: ended after $(echo "$t1 $t0" | awk '{ printf "%.1f", $1 - $2 }') s with status $st; $(sed -n 's/^holding//p' /tmp/leaky.out)"
if dmesg | grep -q 'Out of memory: Killed process'; then
	not_ok "leak: the kernel's OOM killer did not have to act" "$(dmesg | grep -A2 'Out of memory' | head -n 5)"
else
	ok "leak: the kernel's OOM killer did not have to act"
fi
check "leak: wsmon watch killed it, on OOM-IMMINENT" \
	grep -q "\"state\":\"oom-imminent\".*\"action\":\"killed\"\\|\"action\":\"killed\".*\"state\":\"oom-imminent\".*\"pid\":$L," /tmp/watch.log
expect "leak: it died of SIGKILL" 137 $st
if alive $I; then ok "leak: the idle 40 MiB process survives"; else not_ok "leak: the idle 40 MiB process survives"; fi
diag "$(grep '"action":"killed"' /tmp/watch.log)"

kill $WP $I
wait $WP $I 2>/dev/null
swapoff /dev/zram0
check "leak: the module unloads" rmmod wsmon
