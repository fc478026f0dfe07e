# Module parameters: every setting but the tracked PIDs, given at load in
# any order, showing the values in force however they were set, and
# refusing bad values without changing anything.
. /tests/lib.sh

P=/sys/module/wsmon/parameters
unload_module
insmod /lib/modules/wsmon.ko sample_ms=300 windows=1,3,9 thrash=1.5 pressure=1.2 \
	flush=all demand_window=9 enter=4 leave=5 thrash_rate=50 scan_budget=4096
expect "load with parameters (pressure before thrash, both above the defaults)" 0 $?
wsmon status --json >/tmp/st.json
expect "status: sample_ms from the parameter" 300 "$(json_num sample_ms /tmp/st.json)"
check "status: windows from the parameter" grep -q '"windows":\[1,3,9\]' /tmp/st.json
expect "status: flush from the parameter" all "$(json_str flush /tmp/st.json)"
expect "status: scan budget from the parameter" 4096 "$(json_num scan_budget /tmp/st.json)"
expect "parameters show pressure as given" 1.200 "$(cat $P/pressure)"
expect "parameters show thrash" 1.500 "$(cat $P/thrash)"
expect "parameters show enter" 4 "$(cat $P/enter)"
expect "parameters show leave" 5 "$(cat $P/leave)"
expect "parameters show thrash_rate" 50 "$(cat $P/thrash_rate)"
expect "parameters show demand_window" 9 "$(cat $P/demand_window)"

wsmon config --sample-ms 500 --windows 2,4
expect "parameters show what SET_CONFIG set: sample_ms" 500 "$(cat $P/sample_ms)"
expect "  and windows" 2,4 "$(cat $P/windows)"
echo 250 >$P/sample_ms
expect "writing a parameter changes the value in force" 250 \
	"$(wsmon status --json | sed -n 's/.*"sample_ms":\([0-9]*\).*/\1/p')"
echo mm >$P/flush
expect "  and flush" mm "$(cat $P/flush)"

for bad in "sample_ms 5" "windows 3,2" "windows 0" "pressure 1.6" "pressure 0.1234" \
	   "flush most" "enter 0" "scan_budget 100"; do
	set -- $bad
	before=$(cat $P/$1)
	echo "$2" >$P/$1 2>/dev/null
	rc=$?
	expect "writing $1=$2 is refused" 1 $rc
	expect "  and changes nothing" "$before" "$(cat $P/$1)"
done

unload_module
insmod /lib/modules/wsmon.ko windows=5,2 2>/dev/null
rc=$?
check "load with windows out of order fails ($rc)" test $rc -ne 0
check "  and says why in the kernel log" sh -c "dmesg | tail -n 5 | grep -q 'strictly increasing'"
expect "  and the module is not loaded" 0 "$(grep -c '^wsmon ' /proc/modules)"
load_module
expect "defaults after a plain load: windows" 1,2,5,10,30,60 "$(cat $P/windows)"
expect "  sample_ms" 1000 "$(cat $P/sample_ms)"
