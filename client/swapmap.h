/* SPDX-License-Identifier: GPL-2.0 */
/* GET_SWAP and GET_SWAPMAP replies, and the occupancy of a swap area. */
#ifndef WSMON_SWAPMAP_H
#define WSMON_SWAPMAP_H

#include <stdint.h>
#include <netlink/msg.h>

#define SWAP_MAX_TYPES	32
#define SWAP_TOP	5
#define SWAP_BUCKETS	64	/* occupancy strip across an area */

struct swap_owner {
	uint32_t pid, uid;
	char comm[16];
	uint64_t bytes;		/* in swap (in this area, for a top owner) */
};

struct swap_area_stat {
	uint32_t type;
	uint64_t slots;		/* distinct slots process pages are in */
	uint64_t mapped;	/* swap PTEs */
	uint32_t owners;
	uint64_t runs, lowest, highest;
	int nr_top;
	struct swap_owner top[SWAP_TOP];
};

struct swap_summary {
	uint64_t swap_free;	/* bytes */
	int nr_areas;
	struct swap_area_stat areas[SWAP_MAX_TYPES];
};

struct swap_extent {
	uint64_t start;		/* virtual address */
	uint64_t pages;
	uint32_t type;
	uint64_t offset;	/* first slot */
};

/* Parse a GET_SWAP reply.  0, or -EINVAL with *why set. */
int swap_summary_parse(struct nlmsghdr *nlh, struct swap_summary *s,
		       const char **why);

/*
 * Parse one GET_SWAPMAP message: its process into @who, its extents
 * appended to *@ext (grown with realloc; *@n counts them).  0, -ENOMEM,
 * or -EINVAL with *why set.
 */
int swapmap_parse(struct nlmsghdr *nlh, struct swap_owner *who,
		  struct swap_extent **ext, size_t *n, const char **why);

/*
 * Slots used per bucket when an area of @slots slots is cut into
 * SWAP_BUCKETS equal parts, counting each slot once even when extents
 * of several processes share it.  Only extents of @type count.
 */
void swap_occupancy(const struct swap_extent *ext, size_t n, uint32_t type,
		    uint64_t slots, uint64_t *bucket);

#endif
