# The reuse history is halved every 256 samples so that it follows a
# process that changes.  Ground truth: pattern touches a known hot set
# again and again.  Each page's reuse intervals add up to the samples
# the history spans, whether or not pattern ran between every two
# samples (on a busy machine it may not: a page touched every other
# sample is one reuse at interval 2, not two at 1), so sum(k * reuse[k])
# per sample is the hot set in pages, before and after a halving.
. /tests/lib.sh

load_module
MIB=1048576
SMS=20
HOT=4

pattern -m 16 -H $HOT -t 5 >/tmp/h.out &
P=$!
i=0
while ! grep -q ready /tmp/h.out && [ $i -lt 100 ]; do usleep 100000; i=$((i + 1)); done
check "config: sample only the pattern, every $SMS ms" wsmon config --pids $P --sample-ms $SMS

# sum(k * reuse[k]) per sample: the pages reused, whatever their interval.
# A page's last interval is still open when the figures are read (its
# idle age): under TCG on a busy host pattern may need more than one
# 20 ms sample to sweep its hot set, so add the open intervals, counted
# low, from the idle-age histogram's first buckets (ages 1 to 31; the
# cold pages, untouched since the start, are far older; the histogram is
# in bytes).
per_sample() {
	wsmon show "$1" --json >/tmp/h.json || return 1
	r=$(json_num reuse_samples /tmp/h.json)
	hist=$(sed -n 's/.*"reuse_hist":\[\([0-9,]*\)\].*/\1/p' /tmp/h.json)
	idle=$(sed -n 's/.*"idle_hist":\[\([0-9,]*\)\].*/\1/p' /tmp/h.json)
	r1=$(echo "$hist" | cut -d, -f2)
	passes=$(json_num passes /tmp/h.json)
	[ -n "$r" ] && [ "$r" -gt 0 ] && [ -n "$hist" ] && [ -n "$idle" ] &&
		echo "$hist $idle" | awk -v b="$r" -v ps="$psz" -v m=1 '{
			n = split($1, h, ","); for (k = 2; k <= n; k++) s += (k - 1) * h[k]
			split($2, a, ","); for (i = 2; i <= 6; i++) { o += a[i] / ps * m; m *= 2 }
			printf "%.0f\n", (s + o) / b }'
}
wsmon status --json >/tmp/st.json
psz=$(json_num page_size /tmp/st.json)
pages=$((HOT * MIB / psz))

i=0
while [ $i -lt 200 ]; do
	per_sample $P >/tmp/h.rate || true
	[ "${passes:-0}" -ge 100 ] && break
	usleep 100000
	i=$((i + 1))
done
before=$(cat /tmp/h.rate)
diag "before: passes $passes reuse_samples $r reuse[1] $r1 weighted per sample $(cat /tmp/h.rate)"
i=0
while [ $i -lt 400 ]; do
	per_sample $P >/tmp/h.rate || true
	[ "${passes:-0}" -ge 300 ] && break
	usleep 100000
	i=$((i + 1))
done
after=$(cat /tmp/h.rate)
diag "after: passes $passes reuse_samples $r reuse[1] $r1 weighted per sample $(cat /tmp/h.rate)"

if [ "${passes:-0}" -ge 300 ] && [ "${r:-999}" -le 256 ] && [ "${r:-0}" -ge 128 ]; then
	ok "after $passes samples the history spans $r samples (halved at 256)"
else
	not_ok "history halved" "passes $passes, reuse_samples $r: want 128..256 after 256 samples"
fi
for v in "$before" "$after"; do
	if [ -n "$v" ] && awk -v g="$v" -v w=$pages 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= w * 5 / 100) }'; then
		ok "reuses per sample, weighted by interval ($v), match the $pages hot pages"
	else
		not_ok "reuses per sample, weighted by interval" "got $v, want $pages within 5%"
	fi
done
kill $P
check "config: track every process again" wsmon config --all --sample-ms 1000
