. /tests/lib.sh
load_module
wsmon config --sample-ms 1000 >/dev/null
/tests/bin/pattern -m 64 -H 16 -W 32 >/tmp/p.out 2>&1 &
P=$!
i=0
while ! grep -q ready /tmp/p.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
sleep 40
echo "---- show"
wsmon show $P
echo "---- show --log"
wsmon show --log $P | tail -22
ok "readme"
