# Ages survive page migration.  While the kernel moves a page (NUMA
# balancing, compaction, migrate_pages(2)), its PTE (or a THP's PMD) is a
# migration entry: the page is still the process's, only moving, so its
# age must run on and it must still count.  An age that started again
# would put every moved idle page back in the working set.
#
# Runs in the two-node VM (WSMON_VM_NODES=2, tests/run's numa-KREL part):
# migrate_pages(2) moves a program's pages between the nodes, over and over,
# while wsmon samples it.  Ground truth: the program's access pattern (a
# known hot set, everything else untouched), /proc/vmstat's
# pgmigrate_success and /proc/PID/numa_maps (the pages really moved).
. /tests/lib.sh

if [ ! -d /sys/devices/system/node/node1 ]; then
	ok "migration # SKIP one NUMA node here (tests/run runs this suite in a two-node VM)"
	exit 0
fi
load_module
MIB=1048576
SMS=200
CHURN=8		# seconds of migration: about 40 samples
check "config: sampling every $SMS ms" wsmon config --sample-ms $SMS

# pages of PID on node N (numa_maps)
on_node() {
	tr ' ' '\n' <"/proc/$1/numa_maps" | awk -F= -v k="N$2" '$1 == k { s += $2 } END { print s + 0 }'
}

# moved NAME PATTERN_ARGS...: a 32 MiB program whose idle pages are
# migrated back and forth while it is sampled
moved() {
	name=$1
	shift
	start_pattern /tmp/mg.out -m 32 "$@"
	check "$name: config: track it alone" wsmon config --pids $P
	samples 40	# every idle page is older than the widest window, 30
	show $P
	present0=$(json_num present /tmp/show.json)
	m0=$(vmstat pgmigrate_success)
	n0=$(on_node $P 0)
	migrate $P $CHURN >/tmp/mg.res 2>&1 &
	M=$!
	# what wsmon says while the pages move: the least it counted present
	least=$present0
	while kill -0 $M 2>/dev/null; do
		show $P
		p=$(json_num present /tmp/show.json)
		[ -n "$p" ] && [ "$p" -lt "$least" ] && least=$p
		usleep $((SMS * 1000))
	done
	wait $M
	mrc=$?
	m1=$(vmstat pgmigrate_success)
	samples 2	# a whole pass after the last move
	show $P
	diag "$name: $(cat /tmp/mg.res); pgmigrate_success +$((m1 - m0)); on node 0: $n0 pages before, $(on_node $P 0) after"
	check "$name: migrate_pages moved its pages both ways ($((m1 - m0)) pages moved)" \
		test $mrc = 0 -a $((m1 - m0)) -ge 16384
	w1=$(json_num w1 /tmp/show.json)
	w30=$(json_num w30 /tmp/show.json)
	# nothing but the hot set was touched: W over 30 samples is W over 1
	check "$name: no moved page looks used (W(t, 30) $w30 - W(t, 1) $w1 <= 64 KiB)" \
		test -n "$w30" -a -n "$w1" -a $((w30 - w1)) -le $((64 * 1024))
	check "$name: a page being moved still counts (present: $present0 bytes before, least $least during)" \
		test -n "$present0" -a $((present0 - least)) -le $((64 * 1024))
	kill $P
	wait $P 2>/dev/null
}

# 4 KiB pages: 1 MiB of hot pages scattered over the region, so that every
# page table's PMD is used each sample and each table is read (a table
# nobody used is skipped, and with it its migration entries)
moved "4 KiB pages" -H 1 -S

# THPs: the first 2 MiB hot, 15 idle THPs, each moved whole (a PMD
# migration entry) when the other node has room
if ! thp_madvise; then
	ok "THP migration # SKIP no THP in this kernel"
else
	t0=$(vmstat thp_migration_success)
	moved "THP region" -H 2 -T
	diag "THP region: thp_migration_success +$(($(vmstat thp_migration_success) - t0))"
	thp_restore
fi
check "config: every process again" wsmon config --all
