/* SPDX-License-Identifier: GPL-2.0 */
/* Pressure stall information: /proc/pressure/memory. */
#ifndef WSMON_PSI_H
#define WSMON_PSI_H

#include <stdbool.h>
#include <stdint.h>

struct psi_line {
	bool present;
	double avg10, avg60, avg300;	/* percent of time stalled */
	uint64_t total_us;
};

struct psi {
	struct psi_line some, full;
};

/*
 * Read a PSI file.  Returns 0, -errno when it cannot be opened (no PSI in
 * this kernel, or psi=0), or -EINVAL when a line is malformed.
 */
int psi_read(const char *path, struct psi *p);

#endif
