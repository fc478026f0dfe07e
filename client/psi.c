// SPDX-License-Identifier: GPL-2.0
/*
 * Pressure stall information, as the kernel prints it:
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "psi.h"

int psi_read(const char *path, struct psi *p)
{
	char kind[8], line[256];
	struct psi_line l;
	FILE *f;
	int err = 0;

	memset(p, 0, sizeof(*p));
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		memset(&l, 0, sizeof(l));
		if (sscanf(line, "%7s avg10=%lf avg60=%lf avg300=%lf total=%" SCNu64,
			   kind, &l.avg10, &l.avg60, &l.avg300, &l.total_us) != 5) {
			err = -EINVAL;
			break;
		}
		l.present = true;
		if (!strcmp(kind, "some"))
			p->some = l;
		else if (!strcmp(kind, "full"))
			p->full = l;
	}
	fclose(f);
	return err;
}
