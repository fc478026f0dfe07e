# Sourced by the benchmark suites: figures as KTAP diagnostics
# ("# bench: ..."); only a broken measurement is "not ok", never a slow one.
. /tests/lib.sh

MIB=1048576
GIB=$((1024 * MIB))

bench() { diag "bench: $*"; }
# num KEY FILE: a JSON number, integer or not
num() { sed -n "s/.*\"$1\":\([0-9.e+-]*\).*/\1/p" "$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3g\n", a / b; else print "n/a" }'; }
status() { wsmon status --json >/tmp/st.json; }

# wait_samples N: wait for N more samples; each one's ms and pages to /tmp/samples
wait_samples() {
	status
	last=$(num samples /tmp/st.json)
	: >/tmp/samples
	got=0 i=0
	while [ $got -lt "$1" ] && [ $i -lt 600 ]; do
		usleep 200000
		i=$((i + 1))
		status
		s=$(num samples /tmp/st.json)
		[ "$s" = "$last" ] && continue
		last=$s
		got=$((got + 1))
		echo "$(num sample_ms_taken /tmp/st.json) $(num sample_pages /tmp/st.json)" >>/tmp/samples
	done
}
