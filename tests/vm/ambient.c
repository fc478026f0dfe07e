// SPDX-License-Identifier: GPL-2.0
/*
 * ambient: run a program as a user, holding one ambient capability, as a
 * service with systemd's AmbientCapabilities= runs.  It has the same IDs
 * as the user's other processes and stays dumpable, yet holds a
 * capability they lack: /proc hides it from them (commoncap's
 * cap_ptrace_access_check()).
 *
 *   ambient UID CAP PROG ARG...
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = { { 0 } };
	uid_t uid;
	int cap;

	if (argc < 4) {
		fprintf(stderr, "usage: ambient UID CAP PROG ARG...\n");
		return 2;
	}
	uid = strtoul(argv[1], NULL, 10);
	cap = atoi(argv[2]);
	if (cap < 0 || cap > 63) {
		fprintf(stderr, "ambient: no capability %d\n", cap);
		return 2;
	}
	d[cap / 32].permitted = d[cap / 32].effective = d[cap / 32].inheritable =
		1u << (cap % 32);
	if (prctl(PR_SET_KEEPCAPS, 1) || setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid) || syscall(SYS_capset, &h, d) ||
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0)) {
		perror("ambient");
		return 1;
	}
	execv(argv[3], argv + 3);
	perror("ambient: exec");
	return 1;
}
