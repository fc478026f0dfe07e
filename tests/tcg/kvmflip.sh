# Not in make check: the reproducer of a fault of TCG that one_cpu
# (tests/vm/lib.sh) works around.
# Makes and destroys KVM VMs, each a kvmguest of 1 MiB, while every CPU
# schedules (shell pipes); wsmon is never loaded.  Each VM's creation
# and destruction flips KVM's static key in __schedule (preempt
# notifiers).  With CPU 1 offline, as 67-kvm runs its guest, none may
# oops.  With kvmflip=all on the kernel's command line
# (WSMON_VM_APPEND=kvmflip=all), both CPUs stay online, and under TCG
# 7.2 died on the patch's int3 within 90 s, in both runs:
#   WSMON_VM_APPEND=kvmflip=all scripts/vm test 7.2.13+deb14-amd64 kvmflip
. /tests/lib.sh

modprobe kvm_amd 2>/dev/null || modprobe kvm_intel 2>/dev/null
if [ ! -c /dev/kvm ]; then
	ok "KVM VMs made and destroyed # SKIP no /dev/kvm on this kernel"
	exit 0
fi
all=0
grep -qw kvmflip=all /proc/cmdline && all=1
[ $all = 1 ] || check "CPU 1 offline" one_cpu
diag "CPUs online: $(cat /sys/devices/system/cpu/online)"
pipes=
for c in 1 2 3 4; do
	sh -c 'while :; do echo x; done' | sh -c 'while read -r l; do :; done' &
	pipes="$pipes $!"
done
n=0 bad=0
t0=$(now_ms)
while [ $n -lt 150 ]; do
	kvmguest -m 1 >/tmp/kf.out 2>/tmp/kf.err &
	g=$!
	wait_ready /tmp/kf.out $g 120000 || bad=$((bad + 1))
	kill -9 $g 2>/dev/null
	wait $g 2>/dev/null
	n=$((n + 1))
done
kill $pipes 2>/dev/null
expect "150 KVM VMs made, run and destroyed in $(($(now_ms) - t0)) ms, each guest ready" 0 $bad
[ $all = 1 ] || check "CPU 1 online again" all_cpus
