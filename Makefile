# SPDX-License-Identifier: GPL-2.0
# wsmon: kernel module (Kbuild) and client.
#
#   make                 module (against KDIR) and client
#   make module|client
#   make check           lint, unit tests, VM tests on every kernel of the matrix,
#                        then the debug kernel (KASAN, lockdep, kmemleak, KUnit)
#   make check-debug     only the debug kernel's part (built once, cached)
#   make torture|fuzz    only the torture run or the netlink fuzzer, on every
#                        kernel of the matrix (and the debug kernel if built)
#   make unit            client unit tests only (no kernel needed)
#   make bench           benchmarks against peers in the test VM (prints figures)
#   make vm              boot a test VM with the module loaded and open a shell
#   make lint            checkpatch --strict, W=1 and sparse (C=2) on the matrix
#   make deps            install build and test dependencies (scripts/setup)
#   make deb             Debian packages wsmon and wsmon-dkms, in build/deb
#                        (dpkg-buildpackage), checked by lintian
#   make install         module (updates/, depmod), client, man page, completion,
#                        systemd unit, /etc/default/wsmon (DESTDIR, PREFIX)
#   make install-client  the same without the module (with make dkms-install)
#   make uninstall       remove what make install installed (every kernel's
#                        module; /etc/default/wsmon only if not edited)
#   make dkms-install    register the module with DKMS (rebuilt on kernel
#                        upgrades) and build it for KERNELS (default: running)
#   make dkms-uninstall  remove it from DKMS, every kernel, and /usr/src

KDIR ?= /lib/modules/$(shell uname -r)/build
VERSION := $(shell cat VERSION)
PKG_CONFIG ?= pkg-config
NL_CFLAGS := $(shell $(PKG_CONFIG) --cflags libnl-genl-3.0 2>/dev/null)
NL_LIBS := $(shell $(PKG_CONFIG) --libs libnl-genl-3.0 2>/dev/null)
# wsmon top's full screen
CURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)

CC ?= cc
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra -Wformat=2 -Wno-format-nonliteral -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# (override: what a user passes as CPPFLAGS= on the command line is added to, not replacing, ours)
override CPPFLAGS += -Iinclude/uapi -DWSMON_VERSION='"$(VERSION)"' -D_GNU_SOURCE
ALL_CFLAGS = $(WARN) $(CFLAGS) $(NL_CFLAGS) $(CURSES_CFLAGS) $(CPPFLAGS)

CLIENT_LIB_SRCS := client/cli.c client/options.c client/nl.c client/output.c client/stats.c \
	client/swaps.c client/proc.c client/procview.c client/procsel.c client/plot.c \
	client/psi.c client/swapmap.c client/kill.c client/victim.c client/cgroup.c client/watch.c \
	client/curve.c client/queue.c \
	client/cmd_status.c client/cmd_ps.c client/cmd_show.c client/cmd_config.c \
	client/cmd_swap.c client/cmd_events.c client/cmd_kill.c client/cmd_watch.c \
	client/cmd_advise.c client/cmd_export.c client/metrics.c client/cmd_cgroups.c \
	client/cmd_top.c client/svg.c client/jsonread.c client/cmd_record.c client/cmd_report.c \
	client/cmd_rightsize.c client/rightsize.c
# the module's pure files (no kernel calls), built into the client too
MODULE_PURE := wsmath policy
CLIENT_LIB_OBJS := $(CLIENT_LIB_SRCS:.c=.o) $(MODULE_PURE:%=client/%.o)
CLIENT_HDRS := $(wildcard client/*.h) include/uapi/linux/wsmon.h $(MODULE_PURE:%=module/%.h)

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:.c=)

.PHONY: all module client check check-debug torture fuzz unit vm lint deps clean install install-client uninstall dkms-install dkms-uninstall deb bench
all: module client

module:
	@test -d $(KDIR) || { echo "make: no kernel headers in $(KDIR); install them or set KDIR=/lib/modules/RELEASE/build, or KDIR=$$(scripts/kernels headers RELEASE) for a kernel of the test matrix" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

client: client/wsmon doc/wsmon.8 packaging/wsmon.bash-completion

# the man page and the completion, made from the client's one description
# of its command line (client/options.c)
doc/wsmon.8: client/wsmon
	@mkdir -p doc
	client/wsmon --generate-man >$@
packaging/wsmon.bash-completion: client/wsmon
	client/wsmon --generate-completion >$@

# the client needs libnl-genl's headers: say so, not "netlink/msg.h: No such file"
.PHONY: check-libnl
check-libnl:
	@$(PKG_CONFIG) --exists libnl-genl-3.0 || { echo "make: the client needs libnl-genl 3 and pkg-config: apt install libnl-genl-3-dev pkg-config (Debian, Ubuntu), dnf install libnl3-devel (Fedora), pacman -S libnl (Arch)" >&2; exit 1; }

client/%.o: client/%.c $(CLIENT_HDRS) | check-libnl
	$(CC) $(ALL_CFLAGS) -Imodule -include client/ktypes.h -c -o $@ $<

# Denning's math and the policy are shared with the module: one source, built twice
$(MODULE_PURE:%=client/%.o): client/%.o: module/%.c module/%.h client/ktypes.h include/uapi/linux/wsmon.h
	$(CC) $(ALL_CFLAGS) -include client/ktypes.h -c -o $@ $<

client/wsmon: client/main.o $(CLIENT_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(NL_LIBS) $(CURSES_LIBS) -lm -pthread

tests/unit/test_%: tests/unit/test_%.c $(CLIENT_LIB_OBJS) $(CLIENT_HDRS)
	$(CC) $(ALL_CFLAGS) -Iclient -Imodule -include client/ktypes.h -o $@ $< $(CLIENT_LIB_OBJS) $(NL_LIBS) $(CURSES_LIBS) -lcmocka -lm -pthread

unit: $(UNIT_BINS)
	@scripts/run-unit $(UNIT_BINS)

check: client vmprogs $(UNIT_BINS)
	@tests/run $(UNIT_BINS)

check-debug: client vmprogs
	@tests/run --debug

torture: client vmprogs
	@tests/run --suites 99-torture

fuzz: client vmprogs
	@tests/run --suites 97-fuzz

bench: client vmprogs
	scripts/bench $(KERNEL)

vm: client vmprogs
	scripts/vm shell $(KERNEL)

lint:
	scripts/lint

deps:
	scripts/setup

# install locations (scripts/install; DESTDIR stages them, and skips depmod)
PREFIX ?= /usr/local
export DESTDIR PREFIX KDIR MODDIR BINDIR MANDIR COMPLETIONDIR DOCDIR UNITDIR SYSCONFDIR KERNELS

install: client
	@test -n "$(MODDIR)" || $(MAKE) module
	scripts/install install

# everything but the module, for use with dkms-install
install-client: client
	NOMODULE=1 scripts/install install

uninstall:
	scripts/install uninstall

dkms-install:
	scripts/install dkms

dkms-uninstall:
	scripts/install dkms-remove

# the Debian packages, built from a copy of the tree (dpkg-buildpackage
# writes beside the source): build/deb/*.deb, *.changes, lintian's report
deb:
	scripts/deb

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	rm -f client/*.o client/wsmon $(UNIT_BINS) $(VM_PROGS) \
		doc/wsmon.8 packaging/wsmon.bash-completion
	rm -rf build

# helper programs that run inside the test VM
VM_PROGS := $(patsubst tests/vm/%.c,tests/vm/bin/%,$(wildcard tests/vm/*.c))
tests/vm/bin/%: tests/vm/%.c $(CLIENT_LIB_OBJS) $(CLIENT_HDRS)
	@mkdir -p tests/vm/bin
	$(CC) $(ALL_CFLAGS) -Iclient -o $@ $< $(CLIENT_LIB_OBJS) $(NL_LIBS) $(CURSES_LIBS) -lm -pthread
# ground-truth programs: static, so their RSS is just their mappings
VM_STATIC := tests/vm/bin/pattern tests/vm/bin/forkn tests/vm/bin/leak \
	tests/vm/bin/sparse tests/vm/bin/nlview tests/vm/bin/victims tests/vm/bin/httpget \
	tests/vm/bin/jsoncheck tests/vm/bin/ptyrun tests/vm/bin/kvmguest tests/vm/bin/fileread
$(VM_STATIC): tests/vm/bin/%: tests/vm/%.c include/uapi/linux/wsmon.h
	@mkdir -p tests/vm/bin
	$(CC) $(WARN) $(CFLAGS) -Iinclude/uapi -Iclient -D_GNU_SOURCE -static -o $@ $< $(VM_STATIC_EXTRA) -pthread
# jsoncheck reads with the client's JSON reader
tests/vm/bin/jsoncheck: VM_STATIC_EXTRA = client/jsonread.c
tests/vm/bin/jsoncheck: client/jsonread.c client/jsonread.h
vmprogs: $(VM_PROGS)
.PHONY: vmprogs
