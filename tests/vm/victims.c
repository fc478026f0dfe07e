// SPDX-License-Identifier: GPL-2.0
/*
 * victims: processes the kernel's OOM killer handles and a naive killer
 * gets wrong, for the KILL tests.  Statically linked.
 *
 *   victims leader MIB   a thread touches MIB MiB and sleeps; the main
 *                        thread calls pthread_exit() (the leader has no mm)
 *   victims shared MIB   touches MIB MiB, then clone(CLONE_VM) a second
 *                        process that shares the memory; both sleep
 *   victims dying MIB    a child touches MIB MiB and calls exit(); this
 *                        process traces it (PTRACE_O_TRACEEXIT), so it
 *                        stays dying with its memory until this process
 *                        gets SIGUSR1 (then it lets the child go) or dies
 *   victims held MIB     touches MIB MiB while another process holds its
 *                        mm: a reader child's process_vm_readv() waits in
 *                        a page that a userfaultfd leaves missing, and a
 *                        keeper child holds that userfaultfd open.  Once
 *                        this process dies (its mm left by exit_mm()),
 *                        its memory stays until the keeper gets SIGUSR1
 *                        and exits: then the fault ends, the reader
 *                        prints "read returned" and drops the mm, whose
 *                        last user it is (exit_mmap())
 *
 * Each prints "ready PID [PID]" when its memory is touched: the process to
 * look at first (for dying, the child), then the other (shared: the clone;
 * held: the keeper).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <linux/userfaultfd.h>

static size_t bytes;

static void touch(void)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("victims: mmap");
		exit(1);
	}
	for (size_t i = 0; i < bytes; i += 4096)
		p[i] = 1;
}

static void *holder(void *arg)
{
	(void)arg;
	touch();
	printf("ready %d\n", getpid());
	fflush(stdout);
	for (;;)
		pause();
	return NULL;
}

static int sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

static volatile sig_atomic_t let_go;

static void on_usr1(int sig)
{
	(void)sig;
	let_go = 1;
}

static int dying(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pid_t child;
	int st;

	child = fork();
	if (child < 0)
		return 1;
	if (!child) {
		touch();
		raise(SIGSTOP);		/* until the parent traces us */
		exit(0);		/* exit_group(): the group is exiting */
	}
	if (waitpid(child, &st, WUNTRACED) != child || !WIFSTOPPED(st) ||
	    ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACEEXIT)) {
		perror("victims: trace");
		return 1;
	}
	kill(child, SIGCONT);
	for (;;) {
		if (waitpid(child, &st, 0) != child || WIFEXITED(st) || WIFSIGNALED(st)) {
			fprintf(stderr, "victims: the child did not stop at its exit\n");
			return 1;
		}
		if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8)))
			break;
		ptrace(PTRACE_CONT, child, 0, 0);
	}
	sigaction(SIGUSR1, &sa, NULL);
	printf("ready %d\n", child);
	fflush(stdout);
	while (!let_go)
		pause();
	ptrace(PTRACE_CONT, child, 0, 0);
	waitpid(child, &st, 0);
	return 0;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int held(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffd_msg msg;
	pid_t self = getpid(), keeper, reader;
	char *page, byte;
	int uffd;

	uffd = syscall(SYS_userfaultfd, 0);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		die("victims: userfaultfd");
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		die("victims: mmap");
	reg.range.start = (unsigned long)page;
	reg.range.len = 4096;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		die("victims: UFFDIO_REGISTER");
	/* both children before the memory, so neither maps a copy of it */
	keeper = fork();
	if (keeper < 0)
		die("victims: fork");
	if (!keeper) {
		struct sigaction sa = { .sa_handler = on_usr1 };

		sigaction(SIGUSR1, &sa, NULL);
		while (!let_go)
			pause();
		_exit(0);	/* the userfaultfd's last reference goes */
	}
	reader = fork();
	if (reader < 0)
		die("victims: fork");
	if (!reader) {
		struct iovec local = { &byte, 1 }, remote = { page, 1 };

		close(uffd);	/* the keeper's copy alone keeps it open */

		/* holds the parent's mm (mm_users) while it waits */
		process_vm_readv(self, &local, 1, &remote, 1, 0);
		printf("read returned\n");
		fflush(stdout);
		_exit(0);
	}
	touch();
	/*
	 * The fault, read and left unresolved: the reader waits in it.  Our
	 * own copy of the userfaultfd goes when we die; the keeper's stays.
	 */
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg) || msg.event != UFFD_EVENT_PAGEFAULT)
		die("victims: the reader's fault");
	printf("ready %d %d\n", self, keeper);
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	static char stack[64 << 10] __attribute__((aligned(16)));
	pthread_t t;
	pid_t clone_pid;

	if (argc != 3 || !(bytes = strtoul(argv[2], NULL, 0) << 20)) {
		fprintf(stderr, "usage: victims leader|shared|dying|held MIB\n");
		return 2;
	}
	if (!strcmp(argv[1], "leader")) {
		if (pthread_create(&t, NULL, holder, NULL))
			return 1;
		pthread_exit(NULL);
	}
	if (!strcmp(argv[1], "shared")) {
		touch();
		clone_pid = clone(sleeper, stack + sizeof(stack), CLONE_VM | SIGCHLD, NULL);
		if (clone_pid < 0) {
			perror("victims: clone");
			return 1;
		}
		printf("ready %d %d\n", getpid(), clone_pid);
		fflush(stdout);
		for (;;)
			pause();
	}
	if (!strcmp(argv[1], "dying"))
		return dying();
	if (!strcmp(argv[1], "held"))
		return held();
	fprintf(stderr, "victims: unknown mode '%s'\n", argv[1]);
	return 2;
}
