. /tests/lib.sh
load_module
wsmon config --sample-ms 1000 >/dev/null
/tests/bin/pattern -m 64 -H 16 -W 16 -e 4000 >/tmp/p.out 2>&1 &
P=$!
i=0
while ! grep -q ready /tmp/p.out && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
sleep 21
echo "---- readme"
echo '$ wsmon status'
wsmon status
echo '$ wsmon ps -n 5'
wsmon ps -n 5
echo "\$ wsmon show $P"
wsmon show $P
echo '$ wsmon advise -n 3'
wsmon advise -n 3
echo "---- end"
ok "readme"
