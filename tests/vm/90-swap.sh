# The swap map against the kernel's own pagemap and /proc/swaps, on a zram
# swap area.
. /tests/lib.sh

load_module
wsmon config --all --sample-ms 500 >/dev/null

check "a 256 MiB zram swap area" zram_swap 256M

swapcheck 32 >/tmp/sc.out 2>/tmp/sc.err &
S=$!
i=0
while ! grep -qE 'checked|pages' /tmp/sc.out && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
usleep 100000
diag "$(cat /tmp/sc.out /tmp/sc.err)"
check "every page pagemap says is in swap is in wsmon's map, same type and offset, nothing extra" \
	grep -q checked /tmp/sc.out

# per area: distinct slots against /proc/swaps "Used".  The kernel keeps up
# to 64 free slots per CPU in its slot cache and counts them as used.  The
# summary is built after the sample that published the map.
samples 2
wsmon swap --json >/tmp/sw.json 2>/tmp/sw.err
expect "swap --json exits 0" 0 $?
used=$(awk '$1 == "/dev/zram0" { print $4 * 1024 }' /proc/swaps)
mine=$(json_num process_bytes /tmp/sw.json)
cpus=$(grep -c ^processor /proc/cpuinfo)
slack=$((cpus * 64 * 4096))
if [ -n "$mine" ] && [ "$mine" -gt 0 ] && [ "$mine" -le "$used" ] &&
   [ $((used - mine)) -le $slack ]; then
	ok "process slots $mine bytes vs /proc/swaps used $used (slot cache up to $slack)"
else
	not_ok "process slots against /proc/swaps" "wsmon $mine, /proc/swaps $used, slack $slack" "$(cat /tmp/sw.json /tmp/sw.err)"
fi
check "swap names the area from /proc/swaps" grep -q '"path":"/dev/zram0"' /tmp/sw.json
check "swapcheck is the top owner" grep -q "\"top\":\[{\"pid\":$S," /tmp/sw.json
wsmon swap $S --json >/tmp/sp.json
ext=$(json_num nr_extents /tmp/sp.json)
check "swap PID lists extents" test "${ext:-0}" -gt 0
wsmon ps --json -s swap -n 1 >/tmp/ps.json
check "ps -s swap puts swapcheck first" grep -q "\"pid\":$S," /tmp/ps.json
wsmon swap >/tmp/sw.txt
check "swap text shows the occupancy strip" grep -q 'occupancy' /tmp/sw.txt

# the cap on extents kept per process: fewer are listed, every page is
# still counted (against /proc VmSwap), and the process says it is capped
echo 16 >/sys/module/wsmon/parameters/swap_extents_max
samples 3		# the map rebuilt with the cap
wsmon swap $S --json >/tmp/sp2.json
ext1=$(json_num nr_extents /tmp/sp2.json)
wsmon show $S --json >/tmp/show2.json
if [ "${ext:-0}" -gt 16 ] && [ "${ext1:-99}" -le 16 ]; then
	ok "cap: at most 16 extents kept ($ext before, $ext1 now)"
else
	not_ok "cap: at most 16 extents kept" "$ext before, '$ext1' now"
fi
check "cap: the process says its map is capped" grep -q '"swap_capped":true' /tmp/show2.json
vmswap=$(($(awk '/^VmSwap:/ { print $2 }' /proc/$S/status) * 1024))
got=$(json_num swap /tmp/show2.json)
if [ -n "$got" ] && [ $((got - vmswap)) -le $((vmswap / 20)) ] && [ $((vmswap - got)) -le $((vmswap / 20)) ]; then
	ok "cap: every page is still counted ($got bytes; /proc VmSwap $vmswap)"
else
	not_ok "cap: every page is still counted" "wsmon '$got', VmSwap $vmswap"
fi
echo 15 >/sys/module/wsmon/parameters/swap_extents_max 2>/dev/null
expect "cap: below 16 is refused" 16 "$(cat /sys/module/wsmon/parameters/swap_extents_max)"
echo 65536 >/sys/module/wsmon/parameters/swap_extents_max
samples 3
wsmon show $S --json >/tmp/show3.json
check "cap: raised again, the map is whole" grep -q '"swap_capped":false' /tmp/show3.json

# bad input
wsmon swap 99999 2>/tmp/err
expect "swap of an unknown PID exits 1" 1 $?
check "and says why" grep -q 'not a tracked process' /tmp/err
su -s /bin/sh nobody -c "wsmon swap $S" 2>/tmp/err
expect "non-root swap of a root process exits 1, as for a PID that is not there" 1 $?
check "in the same words" grep -q "PID $S is not a tracked process" /tmp/err
su -s /bin/sh nobody -c "wsmon swap --json" >/tmp/sw.json 2>/tmp/err
expect "non-root swap summary works" 0 $?
check "and shows no root process as an owner" sh -c "! grep -q '\"uid\":0' /tmp/sw.json"

# swapoff while the map is being read
( end=$(($(date +%s) + 6)); while [ "$(date +%s)" -lt $end ]; do
	wsmon swap --json >/dev/null 2>&1; wsmon swap $S >/dev/null 2>&1; done ) &
R=$!
usleep 300000
check "swapoff while the map is read" swapoff /dev/zram0
wait $R
samples 2		# a sample after swapoff
wsmon swap --json >/tmp/sw.json
expect "after swapoff no process page is in swap" 0 "$(grep -o '"process_bytes":[1-9]' /tmp/sw.json | wc -l)"
kill $S
wait $S 2>/dev/null
echo 1 >/sys/block/zram0/reset
