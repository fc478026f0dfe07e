# KILL from inside a PID namespace ranks only the processes it can name:
# a process outside it, however large, is not its to choose (the kernel's
# OOM killer is not namespaced, but a caller is).  Ground truth: /proc in
# each namespace, and the namespace's own PIDs.
. /tests/lib.sh

if ! unshare -p -f true 2>/tmp/ns.err; then
	ok "KILL in a PID namespace # SKIP no PID namespaces here ($(cat /tmp/ns.err))"
	exit 0
fi
load_module
start_pattern /tmp/big.out -m 96 -H 0
BIG=$P
# inside: a new PID and mount namespace with its own /proc, a 16 MiB
# process, then a dry run of KILL by RSS
cat >/tmp/inside.sh <<'EOS'
: >/tmp/small.out
pattern -m 16 -H 0 >/tmp/small.out &
S=$!
i=0
while ! grep -q ready /tmp/small.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
echo "small $S"
wsmon kill --dry-run --policy rss --json
echo "rc $?"
kill $S
EOS
unshare -p -f --mount-proc sh /tmp/inside.sh >/tmp/ns.out 2>/tmp/ns.err
diag "inside: $(tr '\n' ' ' </tmp/ns.out) $(cat /tmp/ns.err)"
small=$(sed -n 's/^small //p' /tmp/ns.out)
check "the namespace's process ran (PID $small there)" test -n "$small"
expect "kill --dry-run inside the namespace exits 0" 0 "$(sed -n 's/^rc //p' /tmp/ns.out)"
expect "it chooses the largest process it can name, not the 96 MiB one outside" \
	"$small" "$(grep '^{' /tmp/ns.out | sed -n 's/.*"pid":\([0-9]*\).*/\1/p' | head -n1)"
# outside, the same dry run chooses the large process
wsmon kill --dry-run --policy rss --json >/tmp/k.json
expect "outside, it chooses the 96 MiB process" "$BIG" "$(json_num pid /tmp/k.json)"
kill $BIG
wait $BIG 2>/dev/null
unload_module
