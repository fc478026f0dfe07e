# KUnit: load wsmon_kunit.ko (built only for a kernel with KUnit) and turn
# the result of every case of its suites into a line of our KTAP.
. /tests/lib.sh

ko=/lib/modules/wsmon_kunit.ko
if [ ! -f $ko ]; then
	not_ok "kunit: wsmon_kunit.ko was built" "this kernel has no CONFIG_KUNIT; run on the debug kernel"
	exit 0
fi
check "kunit: wsmon_kunit.ko loads and runs its suites" insmod $ko
nsuites=0
for d in /sys/kernel/debug/kunit/wsmon_*; do
	[ -r "$d/results" ] || continue
	nsuites=$((nsuites + 1))
	suite=${d##*/}
	# cases are the indented result lines of the suite's KTAP
	grep -E '^[[:space:]]+(not )?ok [0-9]+ ' "$d/results" >/tmp/kunit.cases
	ncases=$(wc -l </tmp/kunit.cases)
	[ "$ncases" -gt 0 ] || not_ok "kunit: $suite has results" "$(cat "$d/results")"
	while read -r line; do
		name=$(echo "$line" | sed -E 's/^(not )?ok [0-9]+ //')
		case "$line" in
		ok*) ok "kunit: $suite.$name" ;;
		*) not_ok "kunit: $suite.$name" "$(cat "$d/results")" ;;
		esac
	done </tmp/kunit.cases
done
expect "kunit: all three suites ran (ages, curve, policy)" 3 $nsuites
check "kunit: wsmon_kunit.ko unloads" rmmod wsmon_kunit
