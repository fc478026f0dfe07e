# The zero pages are no memory of a process's own: a program that only
# reads its memory maps the shared zero page (and, in a THP region, the
# huge zero page), and its demand (wss, the figure the demand ratio and
# the kill choice sum) must not count them.  Ground truth: /proc/PID/pagemap
# with /proc/kpageflags (which frames are the zero pages), smaps and
# VmRSS (which do not count them either).
. /tests/lib.sh

load_module
MIB=1048576
SMS=200
check "config: sampling every $SMS ms" wsmon config --sample-ms $SMS

# the region's share of smaps' Rss, kB: the VMAs of at least 32 MiB
region_rss_kb() {
	awk '/^Size:/ { s = $2 } /^Rss:/ { if (s >= 32768) r += $2 } END { print r + 0 }' "/proc/$1/smaps"
}

# reader NAME PATTERN_ARGS...: a 32 MiB region read every 100 ms, never
# written; checks what the kernel mapped and what wsmon makes of it
reader() {
	name=$1
	shift
	start_pattern /tmp/zp.out -m 32 -H 32 -R "$@"
	samples 6
	zp=$(zeromap $P 2>&1)	# "present P zero Z huge_zero H", pages
	diag "$name: $zp; region Rss $(region_rss_kb $P) kB, VmRSS $(vmrss $P)"
	show $P
}

# --- small pages: every read maps the zero page
reader "4 KiB pages"
zero=$(echo "$zp" | awk '{ print $4 }')
check "4 KiB pages: the kernel maps the zero page for the 8192 pages read ($zero)" \
	test "${zero:-0}" -ge 8192
expect "4 KiB pages: smaps counts none of it" 0 "$(region_rss_kb $P)"
w10=$(json_num w10 /tmp/show.json)
check "4 KiB pages: W(t, 10) sees the 32 MiB read ($w10)" test "${w10:-0}" -ge $((32 * MIB))
wss=$(json_num wss /tmp/show.json)
lim=$(($(vmrss $P) + MIB))
check "4 KiB pages: demand counts none of it (wss $wss <= VmRSS + 1 MiB = $lim)" \
	test -n "$wss" -a "${wss:-0}" -le $lim
kill $P
wait $P 2>/dev/null

# --- THP region: one read maps the huge zero page for 2 MiB
zero_knob=/sys/kernel/mm/transparent_hugepage/use_zero_page
zero_was=$(cat $zero_knob 2>/dev/null)
if ! thp_madvise; then
	ok "huge zero page # SKIP no THP in this kernel"
else
	echo 1 >$zero_knob
	reader "THP region" -T
	huge=$(echo "$zp" | awk '{ print $6 }')
	if [ "${huge:-0}" -lt 8192 ]; then
		not_ok "THP region: the kernel maps the huge zero page for the 32 MiB read" "$zp"
	else
		ok "THP region: the kernel maps the huge zero page for the 32 MiB read ($huge pages)"
		expect "THP region: smaps counts none of it" 0 "$(region_rss_kb $P)"
		wss=$(json_num wss /tmp/show.json)
		lim=$(($(vmrss $P) + MIB))
		check "THP region: demand counts none of it (wss $wss <= VmRSS + 1 MiB = $lim)" \
			test -n "$wss" -a "${wss:-0}" -le $lim
		within "THP region: RSS as /proc/PID/status VmRSS" \
			"$(json_num rss /tmp/show.json)" "$(vmrss $P)" 5
	fi
	kill $P
	wait $P 2>/dev/null
	thp_restore
	[ -n "$zero_was" ] && echo "$zero_was" >$zero_knob
fi
