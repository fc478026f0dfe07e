# kmemleak, after every other suite: nothing wsmon allocated is left
# unreferenced, while the module is loaded or after it is unloaded.  The
# kernel's own leaking sample (kmemleak-test.ko) shows afterwards that a
# scan does find leaks.  Reports are judged by their allocation backtrace:
# a wsmon frame, or an address that no longer resolves (only wsmon's
# modules were loaded and unloaded before this suite; an __init frame of a
# loaded module does not resolve either), is ours.
. /tests/lib.sh

km=/sys/kernel/debug/kmemleak
if [ ! -w $km ]; then
	not_ok "kmemleak: $km is there" "this kernel has no CONFIG_DEBUG_KMEMLEAK; run on the debug kernel"
	exit 0
fi

# scan OUT: two scans (an object must be seen unreferenced twice), then
# the reports so far.  Objects younger than 5 s are not reported yet.
scan() {
	sleep 6
	echo scan >$km
	echo scan >$km
	cat $km >"$1"
}

# ours: the module loaded, sampling a process with known memory, dumped
load_module
wsmon config --sample-ms 200 >/dev/null
pattern -m 16 -H 8 >/dev/null 2>&1 &
pid=$!
sleep 3
wsmon ps >/dev/null
wsmon show $pid >/dev/null
wsmon swap >/dev/null
kill $pid
wait $pid 2>/dev/null
scan /tmp/kmemleak.loaded
check "kmemleak: the module unloads" rmmod wsmon
scan /tmp/kmemleak.all

ours() {	# ours FILE: the reports in FILE with a frame of wsmon
	awk '/^unreferenced object/ { if (r != "" && hit) print r; r = $0; hit = 0; next }
	     { r = r "\n" $0 }
	     /\[wsmon\]|wsmon_|\] 0x[0-9a-f]+$/ { hit = 1 }
	     END { if (r != "" && hit) print r }' "$1"
}
total=$(grep -c '^unreferenced object' /tmp/kmemleak.all)
diag "kmemleak: $total report(s) in all after the suites"
for f in loaded all; do
	ours /tmp/kmemleak.$f >/tmp/kmemleak.ours
	if [ -s /tmp/kmemleak.ours ]; then
		not_ok "kmemleak: no leak from wsmon (module $f)" "$(head -n 40 /tmp/kmemleak.ours)"
	else
		ok "kmemleak: no leak from wsmon (module $f)"
	fi
done
# the positive control, last (an unloaded module's frames no longer
# resolve): kmemleak-test's leaks must add reports
if insmod /lib/modules/kmemleak-test.ko 2>/tmp/kt.err; then
	# (a stale copy of a pointer, on a busy machine, can keep an object
	# referenced for a scan or two: scan until they show, a minute at most)
	i=0
	while :; do
		scan /tmp/kmemleak.control
		after=$(grep -c '^unreferenced object' /tmp/kmemleak.control)
		[ "$after" -gt "$total" ] || [ $((i += 1)) -ge 10 ] && break
	done
	check "kmemleak: a scan finds kmemleak-test's leaks ($total -> $after reports)" test "$after" -gt "$total"
	rmmod kmemleak-test
else
	not_ok "kmemleak: kmemleak-test.ko loads" "$(cat /tmp/kt.err)"
fi
# leaks of the kernel itself are not ours, but say what they are
grep -A12 '^unreferenced object' /tmp/kmemleak.all | head -n 30 | sed 's/^/kernel: /' |
	while read -r l; do diag "$l"; done
