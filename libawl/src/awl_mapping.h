/* SPDX-License-Identifier: Apache-2.0 */
/* awl_mapping: turning a set of page changes into as few mmap calls as possible, all or
 * nothing (M7, S7, and the unmap step of Free): runs of consecutive (VA, PFN) pairs become one
 * shared mapping of the memfd, runs of pages to unmap one PROT_NONE anonymous mapping. When
 * a call fails midway the runs already applied are put back, and the tables only ever
 * follow what the kernel really holds. */
#ifndef AWL_MAPPING_H
#define AWL_MAPPING_H

#include <stddef.h>
#include <stdint.h>

#include "awl_regions.h"

typedef struct {
    uintptr_t va;       /* page address */
    uint64_t want;      /* PFN to place there; 0 = unmapped */
    uint64_t have;      /* PFN there before the call; 0 = unmapped */
    uint64_t cur;       /* what the kernel holds (maintained by apply) */
    awl_region *region; /* the AWE region of va */
} awl_change;

/* `ch` sorted by va, one entry per page, want != have. SUCCESS, or INSUFFICIENT_RESOURCES
 * with the kernel state and the tables exactly as before. */
awe_ntstatus awl_mapping_apply(awl_change *ch, size_t n);
/* Map's common case without a change list: the `n` pages from va in region r get PFNs pfn,
 * pfn+1, ..., none of which is mapped anywhere. One mmap, so all or nothing by itself; the
 * PFNs it displaces stay owned and unmapped (M9). SUCCESS or INSUFFICIENT_RESOURCES with
 * nothing changed. */
awe_ntstatus awl_mapping_place_run(awl_region *r, uintptr_t va, size_t n, uint64_t pfn);

#endif
