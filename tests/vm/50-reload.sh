# 50 insmod/rmmod cycles while another process queries in a loop.
. /tests/lib.sh

unload_module
dmesg -c >/dev/null
(
	ok_n=0 gone_n=0 bad_n=0
	while [ ! -f /tmp/stop ]; do
		wsmon status --json >/dev/null 2>/tmp/q.err
		case $? in
		0) ok_n=$((ok_n + 1)) ;;
		1 | 3) gone_n=$((gone_n + 1)) ;;	# 3: not loaded; 1: unloaded mid-request
		*) bad_n=$((bad_n + 1)) ;;
		esac
	done
	echo "$ok_n $gone_n $bad_n" >/tmp/q.counts
) &
qpid=$!

fails=0
i=0
while [ $i -lt 50 ]; do
	insmod /lib/modules/wsmon.ko || fails=$((fails + 1))
	usleep 20000
	rmmod wsmon || fails=$((fails + 1))
	i=$((i + 1))
done
touch /tmp/stop
wait $qpid
rm -f /tmp/stop

expect "50 insmod/rmmod cycles succeed" 0 "$fails"
set -- $(cat /tmp/q.counts)
diag_line="answered $1, not loaded $2, other $3"
if [ "$1" -gt 0 ] && [ "$3" -eq 0 ]; then
	ok "queries during the cycles get an answer or 'not loaded' ($diag_line)"
else
	not_ok "queries during the cycles get an answer or 'not loaded'" "$diag_line" "$(cat /tmp/q.err)"
fi
if dmesg | grep -Eq 'BUG|WARNING|Oops|KASAN|lockdep|sleeping function|refcount'; then
	not_ok "dmesg clean after the cycles" "$(dmesg | grep -E 'BUG|WARNING|Oops|KASAN|lockdep|sleeping function|refcount')"
else
	ok "dmesg clean after the cycles"
fi
check "module loads again afterwards" insmod /lib/modules/wsmon.ko
check "and answers" wsmon status
