# The netlink fuzzer: random and malformed requests, as root (KILL only as
# a dry run) and as nobody; every whole request is answered, nothing
# crashes or warns, and the module still answers.  The seed is printed:
# replay with `nlfuzz COUNT SEED` in `make vm`.
. /tests/lib.sh

load_module
seed=$(($(date +%s) % 100000))
nlfuzz 100000 $seed >/tmp/fz.out 2>&1
rc=$?
diag "$(cat /tmp/fz.out | tail -n 8)"
expect "100,000 requests as root (seed $seed): all answered, module alive" 0 $rc
su -s /bin/sh nobody -c "nlfuzz 20000 $((seed + 1))" >/tmp/fz2.out 2>&1
rc=$?
diag "$(cat /tmp/fz2.out | tail -n 8)"
expect "20,000 requests as nobody (seed $((seed + 1))): all answered, module alive" 0 $rc
wsmon config --all --sample-ms 1000 --windows 1,2,5,10,30,60 >/dev/null
check "the module answers a normal request after the fuzzing" wsmon status
check "and unloads" rmmod wsmon
check "and loads again" insmod /lib/modules/wsmon.ko
