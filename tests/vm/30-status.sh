# wsmon status figures against /proc/meminfo and /proc/swaps.
. /tests/lib.sh

load_module
page=4096

# A zram swap area, so swap figures are not trivially zero.
if zram_swap 64M; then
	ok "zram swap area set up"
else
	not_ok "zram swap area set up"
fi

# within_page KEY MEMINFO_KEY: the figure lies within a page of the range
# /proc/meminfo showed just before and just after the request; memory is
# live, so retry a few times before calling a mismatch.
within_page() {
	key=$1 mkey=$2 what=${3:-} try=0
	while [ $try -lt 5 ]; do
		a=$(meminfo_bytes "$mkey")
		wsmon status --json >/tmp/s.json || break
		b=$(meminfo_bytes "$mkey")
		v=$(json_num "$key" /tmp/s.json)
		lo=$a; hi=$b
		[ "$a" -gt "$b" ] && lo=$b && hi=$a
		if [ -n "$v" ] && [ "$v" -ge $((lo - page)) ] && [ "$v" -le $((hi + page)) ]; then
			ok "$key matches /proc/meminfo $mkey within a page$what"
			return
		fi
		try=$((try + 1))
	done
	not_ok "$key matches /proc/meminfo $mkey within a page$what" \
		"wsmon: $v, meminfo: $a .. $b"
}

within_page mem_total MemTotal
within_page mem_free MemFree
within_page mem_available MemAvailable
within_page swap_total SwapTotal
within_page swap_free SwapFree

# swap in use: swap_free must move with the kernel's own figure
if [ -x /tests/bin/touchmem ]; then
	touchmem 32 pageout &
	# until the pages are out (a loaded TCG host is slow), at most 60 s
	i=0
	while used=$(($(meminfo_bytes SwapTotal) - $(meminfo_bytes SwapFree))) &&
		[ "$used" -lt $((16 << 20)) ] && [ $i -lt 600 ]; do
		usleep 100000
		i=$((i + 1))
	done
	if [ "$used" -ge $((16 << 20)) ]; then
		ok "MADV_PAGEOUT put at least 16 MiB in swap"
	else
		not_ok "MADV_PAGEOUT put at least 16 MiB in swap" "used: $used bytes"
	fi
	within_page swap_free SwapFree " with swap in use"
	kill %1 2>/dev/null
	wait
fi

wsmon status >/tmp/status.txt
expect "text status exits 0" 0 "$?"
check "text status shows the kernel release" grep -q "kernel *$(uname -r)" /tmp/status.txt
check "text status shows memory" grep -Eq '^memory +total [0-9.]+ [KMG]iB, free' /tmp/status.txt
check "text status shows swap" grep -Eq '^swap +total [0-9.]+ MiB, free' /tmp/status.txt
swapoff /dev/zram0 2>/dev/null
