# Pictures and records: show --svg draws the curve with the knee that
# show --json reports; record writes a JSON line a sample (doc/json.md);
# report finds the process with the largest working set in it and draws
# the record.  The SVGs are sent out (export_file) for the host, which
# checks them with xmllint and renders them in headless Chromium
# (tests/vmout/run).
. /tests/lib.sh

MIB=1048576
DOC=/doc/json.md
# the module starts after the process has written its memory (no
# compulsory faults in its curve)
unload_module
start_pattern /tmp/pat.out -m 64 -H 16
A=$P
load_module
wsmon config --all --sample-ms 500 --windows 1,2,5,10 >/dev/null
samples 14

wsmon show $A --json >/tmp/show.json
knee=$(json_num knee /tmp/show.json)
wsmon show $A --svg /tmp/show.svg
expect "show --svg exits 0" 0 $?
check "show --svg writes an SVG document" grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' /tmp/show.svg
check "  whose title names the process" grep -q "<title>wsmon show $A (pattern)" /tmp/show.svg
label=$(awk -v k="$knee" 'BEGIN { printf "knee: %.1f MiB", k / 1048576 }')
check "  and marks the knee show --json reports ($label)" grep -q "$label" /tmp/show.svg
check "  and draws the curve and both histograms" sh -c \
	"[ \$(grep -c '<polyline' /tmp/show.svg) -ge 1 ] && [ \$(grep -c '<rect x=.*fill=\"#1f77b4\"' /tmp/show.svg) -ge 18 ]"
check "  leaving no temporary file" test ! -e /tmp/show.svg.tmp
export_file show.svg /tmp/show.svg
wsmon show $A --svg /nonexistent/dir/x.svg 2>/tmp/e
expect "show --svg into a missing directory fails (exit 1)" 1 $?
check "  saying why" grep -q "cannot write" /tmp/e

wsmon record --seconds 3 --top 5 /tmp/rec.jsonl 2>/tmp/rec.err
expect "record --seconds 3 exits 0" 0 $?
lines=$(wc -l </tmp/rec.jsonl)
if [ "$lines" -ge 4 ] && [ "$lines" -le 9 ]; then
	ok "record wrote a line a sample ($lines lines for 3 s at 500 ms)"
else
	not_ok "record wrote a line a sample" "$lines lines for 3 s at 500 ms"
fi
check "record's lines follow doc/json.md" sh -c "jsoncheck $DOC record </tmp/rec.jsonl"
# one line a sample: never the same sample twice (an event queued while a
# line's figures were read is of that sample)
recs=$(sed -n 's/.*"samples":\([0-9]*\).*/\1/p' /tmp/rec.jsonl | tr '\n' ' ')
if [ -n "$recs" ] && printf '%s\n' $recs | sort -n -c -u 2>/dev/null &&
	[ "$(printf '%s\n' $recs | wc -l)" = "$lines" ]; then
	ok "record's lines are of $lines different samples, in order ($recs)"
else
	not_ok "record's lines are of different samples, in order" "samples: $recs"
fi
check "record's first process is the one with the hot set" grep -q "\"processes\":\[{\"pid\":$A," /tmp/rec.jsonl
wsmon record --seconds 1 /tmp/rec.jsonl 2>/tmp/e
expect "record never overwrites a record (exit 1)" 1 $?
check "  and says so" grep -q "never overwritten" /tmp/e

wsmon report /tmp/rec.jsonl >/tmp/rep.txt
expect "report exits 0" 0 $?
check "report's largest working set is the hot process" \
	sh -c "grep -A1 'largest working sets' /tmp/rep.txt | grep -q ' $A pattern'"
wsmon report /tmp/rec.jsonl --json >/tmp/rep.json
check "report --json follows doc/json.md" sh -c "jsoncheck $DOC report </tmp/rep.json"
wsmon report /tmp/rec.jsonl --svg /tmp/report.svg
expect "report --svg exits 0" 0 $?
check "report --svg names the process in its legend" grep -q ">$A pattern</text>" /tmp/report.svg
export_file report.svg /tmp/report.svg
echo '{"schema":1,"t_s":"x"' >/tmp/bad.jsonl
wsmon report /tmp/bad.jsonl 2>/tmp/e
expect "report of a broken record fails (exit 1)" 1 $?
check "  saying where" grep -q "is not a record: line [0-9]*: expected" /tmp/e
kill $A
wait 2>/dev/null
