# A tool we did not write (genl-ctrl-list, libnl-utils) sees the family.
. /tests/lib.sh

load_module
genl-ctrl-list -d >/tmp/genl.out 2>&1
expect "genl-ctrl-list -d exits 0" 0 "$?"
# the family block: from its header line to the next family
awk '/^0x[0-9a-f]+ wsmon / { on = 1; print; next } /^0x/ { on = 0 } on' \
	/tmp/genl.out >/tmp/genl.wsmon
check "family wsmon is registered" grep -q 'wsmon version 1' /tmp/genl.wsmon
check "family lists command 1 (GET_STATS) with doit" \
	grep -Eq 'op .*\(0x01\) <has_doit' /tmp/genl.wsmon
check "family lists multicast group events" \
	grep -Eq 'grp events \(0x[0-9a-f]+\)' /tmp/genl.wsmon
[ -s /tmp/genl.wsmon ] || not_ok "genl-ctrl-list output" "$(cat /tmp/genl.out)"
