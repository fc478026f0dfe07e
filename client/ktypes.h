/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's fixed-size types for module/wsmath.c and module/policy.c in user space. */
#ifndef WSMON_KTYPES_H
#define WSMON_KTYPES_H

#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#ifndef U32_MAX
#define U32_MAX ((u32)~0U)
#endif

#endif
