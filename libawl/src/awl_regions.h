/* SPDX-License-Identifier: Apache-2.0 */
/* awl_regions: the address ranges this library reserved (AWE regions, MEM_RESERVE|
 * MEM_PHYSICAL, and plain VirtualAlloc regions), sorted by base, and for AWE regions the
 * VA page -> PFN table. Creating and releasing the reservations is done here too. */
#ifndef AWL_REGIONS_H
#define AWL_REGIONS_H

#include <stddef.h>
#include <stdint.h>

#include "awe_defs.h"

typedef enum { AWL_REGION_AWE = 0, AWL_REGION_PLAIN = 1 } awl_region_kind;

typedef struct awl_region {
    uintptr_t base;  /* 64K aligned */
    size_t pages;
    awl_region_kind kind;
    uintptr_t map_base; /* the kernel reservation: the region, or more when a trim failed */
    size_t map_len;
    uint64_t *pfn;      /* AWE: PFN per page, 0 = unmapped */
    int pfn_mmapped;    /* big tables come from mmap, small ones from calloc */
    size_t mapped;      /* AWE: pages mapped now */
    size_t lo, hi;      /* AWE: every mapped page index lies in [lo, hi) */
    uint16_t *info;     /* protection and lock per page (awl_pageinfo.h); plain: always,
                         * AWE: from the first protection change on, NULL before */
    uint32_t alloc_protect; /* the Protect of the allocating call (Q4) */
} awl_region;

static inline uintptr_t awl_region_last(const awl_region *r)
{
    return r->base + r->pages * (uintptr_t)AWE_PAGE_SIZE - 1u;
}

awl_region *awl_region_find(uintptr_t va);
/* The AWE region holding all of [first, last], or NULL (M5). */
awl_region *awl_region_find_awe(uintptr_t first, uintptr_t last);
int awl_region_overlaps(uintptr_t first, uintptr_t last);
size_t awl_region_count(void);
awl_region *awl_region_at(size_t i);

/* The PFN at va (0 = unmapped), va in AWE region r. Inline: Map reads it once per page. */
static inline uint64_t awl_region_pfn_at(const awl_region *r, uintptr_t va)
{
    return r->pfn ? r->pfn[(va - r->base) / AWE_PAGE_SIZE] : 0;
}
/* The `count` pages from va get PFNs pfn, pfn+1, ... or, pfn 0, become unmapped; their
 * protection words are cleared (P11). One call per mmap run. */
void awl_region_set_pfn_run(awl_region *r, uintptr_t va, size_t count, uint64_t pfn);
/* How many kernel mappings the region should take (coalesced runs), for stats. */
size_t awl_region_segments(const awl_region *r);

/* Reserve `bytes` (page multiple) at `at` (64K aligned, exact, never clobbering foreign
 * mappings) or anywhere (at == 0) ending at or below `top`. `prot` is the Linux protection
 * of the whole range (PROT_NONE for a reservation). SUCCESS, CONFLICTING_ADDRESSES,
 * NO_MEMORY (top not honoured) or INSUFFICIENT_RESOURCES, with no change on failure. */
awe_ntstatus awl_region_reserve(uintptr_t at, size_t bytes, int prot, awl_region_kind kind,
                                uintptr_t top, awl_region **out);
/* V6: one munmap; every mapped PFN becomes unmapped and stays owned. No change on failure. */
awe_ntstatus awl_region_release(awl_region *r);
void awl_regions_reset(void);

#endif
