// SPDX-License-Identifier: GPL-2.0
/*
 * kvmguest: a real KVM guest whose memory is busy, for the secondary-MMU
 * tests (tests/vm/67-kvm.sh).  The guest, one vCPU in 32-bit protected
 * mode, adds one to the first word of every 4 KiB page of its memory
 * above the first page, over and over.  Its accesses go through the
 * nested page tables (EPT/NPT): once a page is faulted in, the host's
 * accessed bits never see it used again.
 *
 * Ground truth comes from the guest itself: the host thread reads the
 * counters the guest writes.  "ready" once every page was written, then
 * on SIGUSR1 a line "sweeps N" (the last page's counter: complete passes
 * over the memory).
 *
 *   kvmguest [-m MiB]      default 64
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static volatile sig_atomic_t report;

static void on_usr1(int sig)
{
	(void)sig;
	report = 1;
}

static void die(const char *what)
{
	fprintf(stderr, "kvmguest: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int vcpu_fd;
static struct kvm_run *run;

/*
 * An internal error (KVM_EXIT_INTERNAL_ERROR): said on stderr with its
 * suberror, data and the guest's RIP.  The test VM's KVM runs on a CPU
 * that QEMU emulates (TCG's SVM), which now and then fails an emulation
 * a real CPU would not need; the guest's state is intact, so KVM_RUN
 * goes on from the same instruction, a few times at most.
 */
static void internal_error(void)
{
	static unsigned int seen;
	struct kvm_regs regs;
	unsigned int i;

	fprintf(stderr, "kvmguest: internal error, suberror %u, data", run->internal.suberror);
	for (i = 0; i < run->internal.ndata && i < 16; i++)
		fprintf(stderr, " %#llx", (unsigned long long)run->internal.data[i]);
	if (ioctl(vcpu_fd, KVM_GET_REGS, &regs) == 0)
		fprintf(stderr, ", rip %#llx", (unsigned long long)regs.rip);
	fputc('\n', stderr);
	if (++seen > 8) {
		fprintf(stderr, "kvmguest: %u internal errors, giving up\n", seen);
		exit(1);
	}
}

/* the vCPU: runs the guest until the process ends */
static void *vcpu_loop(void *arg)
{
	(void)arg;
	for (;;) {
		if (ioctl(vcpu_fd, KVM_RUN, 0) < 0 && errno != EINTR)
			die("KVM_RUN");
		switch (run->exit_reason) {
		case KVM_EXIT_INTR:
		case KVM_EXIT_IRQ_WINDOW_OPEN:
			break;
		case KVM_EXIT_INTERNAL_ERROR:
			internal_error();
			break;
		default:
			fprintf(stderr, "kvmguest: guest exit %u\n", run->exit_reason);
			exit(1);
		}
	}
	return NULL;
}

/* a flat 4 GiB segment: code (type 11) or data (type 3) */
static void flat(struct kvm_segment *s, uint8_t type, uint16_t sel)
{
	memset(s, 0, sizeof(*s));
	s->limit = 0xffffffff;
	s->selector = sel;
	s->type = type;
	s->present = 1;
	s->db = 1;
	s->s = 1;
	s->g = 1;
}

int main(int argc, char **argv)
{
	/*
	 * mov edi, 0x1000; 1: inc dword [edi]; add edi, 0x1000;
	 * cmp edi, END; jb 1b; jmp 0
	 */
	static const uint8_t code[] = {
		0xbf, 0x00, 0x10, 0x00, 0x00,
		0xff, 0x07,
		0x81, 0xc7, 0x00, 0x10, 0x00, 0x00,
		0x81, 0xff, 0, 0, 0, 0,		/* END, below */
		0x72, 0xf0,
		0xeb, 0xe9,
	};
	unsigned long mib = 64, size, off;
	struct kvm_userspace_memory_region region;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int kvm, vm, opt, mmap_size;
	pthread_t thr;
	sigset_t usr1;
	uint8_t *mem;
	uint32_t end;

	while ((opt = getopt(argc, argv, "m:")) != -1) {
		if (opt != 'm')
			return 2;
		mib = strtoul(optarg, NULL, 10);
	}
	if (mib < 1 || mib > 1024)
		return 2;
	size = mib << 20;
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		die("KVM_CREATE_VM");
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap");
	end = (uint32_t)size;
	memcpy(mem, code, sizeof(code));
	memcpy(mem + 15, &end, sizeof(end));
	region = (struct kvm_userspace_memory_region){
		.slot = 0, .guest_phys_addr = 0, .memory_size = size,
		.userspace_addr = (uintptr_t)mem,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		die("KVM_SET_USER_MEMORY_REGION");
	vcpu_fd = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu_fd < 0)
		die("KVM_CREATE_VCPU");
	mmap_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (mmap_size <= 0)
		die("KVM_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu_fd, 0);
	if (run == MAP_FAILED)
		die("mmap kvm_run");
	if (ioctl(vcpu_fd, KVM_GET_SREGS, &sregs) < 0)
		die("KVM_GET_SREGS");
	flat(&sregs.cs, 11, 8);
	flat(&sregs.ds, 3, 16);
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.cr0 |= 1;		/* protected mode, no paging */
	if (ioctl(vcpu_fd, KVM_SET_SREGS, &sregs) < 0)
		die("KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rflags = 2;
	if (ioctl(vcpu_fd, KVM_SET_REGS, &regs) < 0)
		die("KVM_SET_REGS");
	/* SIGUSR1 is the main thread's: the vCPU thread starts with it blocked */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	signal(SIGUSR1, on_usr1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	if (pthread_create(&thr, NULL, vcpu_loop, NULL))
		die("pthread_create");
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);

	/* ready once the guest has written every page */
	for (off = PAGE; off < size; off += PAGE)
		while (!__atomic_load_n((uint32_t *)(mem + off), __ATOMIC_RELAXED))
			usleep(10000);
	printf("ready %lu MiB\n", mib);
	fflush(stdout);
	for (;;) {
		pause();
		if (report) {
			report = 0;
			printf("sweeps %u\n",
			       __atomic_load_n((uint32_t *)(mem + size - PAGE), __ATOMIC_RELAXED));
			fflush(stdout);
		}
	}
}
