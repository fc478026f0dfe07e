/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's u32/u64 for module/wsmath.c when built in user space. */
#ifndef WSMON_KTYPES_H
#define WSMON_KTYPES_H

#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;

#endif
