// SPDX-License-Identifier: GPL-2.0
/* wsmon: the client of the wsmon kernel module. */
#include "cli.h"

int main(int argc, char **argv)
{
	return wsmon_main(argc, argv);
}
