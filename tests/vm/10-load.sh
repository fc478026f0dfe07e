# The module loads, registers itself and reports who it is.
. /tests/lib.sh

check "module loads" insmod /lib/modules/wsmon.ko
check "module is listed in /proc/modules" grep -q '^wsmon ' /proc/modules
check "module reports its version in sysfs" test -s /sys/module/wsmon/version

wsmon status --json >/tmp/status.json 2>/tmp/status.err
expect "wsmon status --json exits 0" 0 "$?"
expect "module version over netlink matches sysfs" \
	"$(cat /sys/module/wsmon/version)" "$(json_str module_version /tmp/status.json)"
expect "kernel release over netlink matches uname -r" \
	"$(uname -r)" "$(json_str kernel_release /tmp/status.json)"
expect "page size over netlink matches smaps KernelPageSize" \
	"$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps)" \
	"$(json_num page_size /tmp/status.json)"
