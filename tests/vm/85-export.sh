# wsmon export: /metrics over HTTP (httpget as the client: busybox wget
# crashes in the VM) and the node_exporter textfile, against the module's
# own figures.
. /tests/lib.sh

CG=0
cgroup2_ready && CG=1
load_module
wsmon config --sample-ms 500 >/dev/null
if [ -d /proc/sys/net/ipv4 ]; then
	# the VM's init leaves the loopback interface down
	ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
	ADDR=127.0.0.1:9769
	get() { httpget 127.0.0.1 9769 "$@"; }
	body() { sed '1,/^\r*$/d'; }	# the response without its head
	wsmon export --listen $ADDR --top 5 >/tmp/export.out 2>&1 &
	E=$!
	i=0
	while ! get >/tmp/r.txt 2>/dev/null && [ $i -lt 50 ]; do
		usleep 100000
		i=$((i + 1))
	done
	body </tmp/r.txt >/tmp/m.txt
	check "200 with Prometheus' content type" grep -q '^Content-Type: text/plain; version=0.0.4' /tmp/r.txt
	check "GET /metrics answers" grep -q '^wsmon_up 1$' /tmp/m.txt
	wsmon status --json >/tmp/st.json
	state=$(sed -n 's/.*"state":"\([a-z-]*\)".*/\1/p' /tmp/st.json | head -n1)
	check "the thrash state series says $state, as status does" grep -q "^wsmon_thrash_state{state=\"$state\"} 1$" /tmp/m.txt
	expect "exactly one state is 1" 1 "$(grep -c '^wsmon_thrash_state{.*} 1$' /tmp/m.txt)"
	s1=$(sed -n 's/^wsmon_samples_total //p' /tmp/m.txt)
	s2=$(json_num samples /tmp/st.json)
	if [ -n "$s1" ] && [ "$s1" -le "$s2" ] && [ $((s2 - s1)) -le 4 ]; then
		ok "wsmon_samples_total is the module's count ($s1; status then $s2)"
	else
		not_ok "wsmon_samples_total is the module's count" "metrics '$s1', status '$s2'"
	fi
	# the kernel's counters, as the last sample read them: between
	# /proc/vmstat before that sample and /proc/vmstat after the scrape
	v0=$(awk '$1 == "pgmajfault" { print $2 }' /proc/vmstat)
	samples 2	# the first may have counted before it read the counters
	get >/tmp/rc.txt
	v1=$(awk '$1 == "pgmajfault" { print $2 }' /proc/vmstat)
	c=$(body </tmp/rc.txt | sed -n 's/^wsmon_major_faults_total //p')
	if [ -n "$c" ] && [ "$c" -ge "$v0" ] && [ "$c" -le "$v1" ]; then
		ok "wsmon_major_faults_total is /proc/vmstat's pgmajfault at the last sample ($v0 <= $c <= $v1)"
	else
		not_ok "wsmon_major_faults_total is /proc/vmstat's pgmajfault" "vmstat $v0 .. $v1, metric '$c'"
	fi
	check "every state has its entries counter" \
		test "$(body </tmp/rc.txt | grep -c '^wsmon_state_entries_total{state=')" = 4
	check "and the build is labelled" grep -q '^wsmon_build_info{version="[0-9.]*",module_version="[0-9.]*"} 1' /tmp/rc.txt
	n=$(grep -c '^wsmon_process_working_set_bytes{' /tmp/m.txt)
	check "at most --top 5 process series ($n)" test "$n" -le 5 -a "$n" -ge 1
	if [ $CG = 1 ]; then
		check "per-cgroup series" grep -q '^wsmon_cgroup_working_set_bytes{cgroup="/"}' /tmp/m.txt
	else
		ok "per-cgroup series # SKIP no cgroup v2 in this kernel"
	fi

	# the kills counter: a real kill by the rss policy counts once
	k0=$(sed -n 's/^wsmon_kills_total{policy="rss"} //p' /tmp/m.txt)
	start_pattern /tmp/big.out -m 160 -H 1
	BIG=$P
	wsmon kill --policy rss --json >/tmp/k.json
	if grep -q "\"pid\":$BIG," /tmp/k.json; then
		ok "kill --policy rss kills the 160 MiB process"
	else
		# what it chose instead, and the pattern as /proc saw it then
		not_ok "kill --policy rss kills the 160 MiB process ($BIG)" "$(cat /tmp/k.json)" \
			"$(grep -E '^(State|VmRSS|VmSwap)' /proc/$BIG/status 2>&1 | tr '\n' ' ')" \
			"oom_score_adj $(cat /proc/$BIG/oom_score_adj 2>&1)"
		kill -9 $BIG 2>/dev/null
	fi
	wait $BIG 2>/dev/null
	get >/tmp/r3.txt
	body </tmp/r3.txt >/tmp/m3.txt
	k1=$(sed -n 's/^wsmon_kills_total{policy="rss"} //p' /tmp/m3.txt)
	expect "wsmon_kills_total{policy=\"rss\"} counts it ($k0 -> $k1)" $((${k0:-0} + 1)) "${k1:-none}"
	expect "  as status does" "$k1" "$(wsmon status --json | sed -n 's/.*"kills":{[^}]*"rss":\([0-9]*\).*/\1/p')"
	check "the badness count did not move" grep -q '^wsmon_kills_total{policy="badness"} 0$' /tmp/m3.txt
	# the host checks this scrape of the real module with promtool
	export_file metrics.prom /tmp/m3.txt

	get /other >/tmp/x.txt
	check "another path is refused with 404" grep -q '^HTTP/1.1 404' /tmp/x.txt
	get /metrics POST >/tmp/x.txt
	check "a POST is refused with 405" grep -q '^HTTP/1.1 405' /tmp/x.txt
	head -c 6000 /dev/zero | tr '\0' 'a' | get -raw >/tmp/big.txt
	check "an oversized request gets 431" grep -q '^HTTP/1.1 431' /tmp/big.txt
	printf 'nonsense\r\n\r\n' | get -raw >/tmp/bad.txt
	check "a malformed request gets 400, not a crash" grep -q '^HTTP/1.1 400' /tmp/bad.txt
	# a client that connects and says nothing holds the server at most 5 s
	get -silent 20 &
	SLOW=$!
	usleep 300000
	t0=$(date +%s)
	get >/tmp/r2.txt
	expect "a silent client does not lock others out" 0 $?
	diag "the next scrape waited $(($(date +%s) - t0)) s"
	kill $SLOW 2>/dev/null
	check "  and the server is still up" kill -0 $E

	rmmod wsmon
	get | body >/tmp/m3.txt
	check "with the module gone, wsmon_up is 0" grep -q '^wsmon_up 0$' /tmp/m3.txt
	load_module
	kill $E
	wait $E
	expect "export exits 0 on SIGTERM" 0 $?
else
	ok "HTTP # SKIP no TCP/IP in this kernel (the debug kernel is built from tinyconfig)"
fi

mkdir -p /tmp/tf
wsmon export --textfile /tmp/tf --once
expect "textfile --once exits 0" 0 $?
check "it wrote wsmon.prom" grep -q '^wsmon_up 1$' /tmp/tf/wsmon.prom
expect "and left no temporary file" 1 "$(ls -A /tmp/tf | wc -l)"
wsmon export --textfile /nonexistent/dir --once 2>/tmp/err
expect "an unwritable directory: exit 1" 1 $?
check "  that says why" grep -q 'cannot write /nonexistent/dir/wsmon.prom' /tmp/err
wsmon export 2>/tmp/err
expect "neither --listen nor --textfile: usage error" 2 $?
wsmon export --listen nonsense 2>/tmp/err
expect "a bad address: a usage error (exit 2)" 2 $?
wsmon export --listen 127.0.0.1:99999 2>/tmp/err
expect "a port above 65535 is refused (exit 2), not wrapped" 2 $?
check "  that says why" grep -q 'the port must be 1 to 65535' /tmp/err
if [ -d /proc/sys/net/ipv4 ]; then
	# node_exporter's form: every address
	wsmon export --listen :9770 >/tmp/export2.out 2>&1 &
	E=$!
	i=0
	while ! httpget 127.0.0.1 9770 >/tmp/r2.txt 2>/dev/null && [ $i -lt 50 ]; do
		usleep 100000
		i=$((i + 1))
	done
	check "--listen :PORT serves on every address (127.0.0.1 answers)" grep -q '^wsmon_up 1' /tmp/r2.txt
	kill $E
	wait $E
fi
