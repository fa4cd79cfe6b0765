/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pagestate: what one page of a region of this library is, in NT's terms, read from the
 * region's PFN table and per-page words (awl_pageinfo.h): its state and protection (Q5, Q6),
 * the run of pages alike (Q7), and the bookkeeping of plain commits and decommits. Pure
 * table work: no system calls. */
#ifndef AWL_PAGESTATE_H
#define AWL_PAGESTATE_H

#include <stddef.h>
#include <stdint.h>

#include "awl_regions.h"

/* Page i: MEM_COMMIT (AWE: a frame mapped; plain: committed) or MEM_RESERVE. */
uint32_t awl_page_state(const awl_region *r, size_t i);
/* Page i's protection: 0 when not committed (Q5); for an AWE page PAGE_READWRITE unless a
 * protection change made it READONLY or NOACCESS since it was mapped (Q6, P11). */
uint32_t awl_page_protect(const awl_region *r, size_t i);
/* Q7: pages from i up to the first whose (state, protection) differs, at most to the end. */
size_t awl_page_run(const awl_region *r, size_t i);
/* AWE: the info table exists (allocated on first need). 0, or -1 (out of memory). */
int awl_page_info_ensure(awl_region *r);

/* Plain regions: pages [i, i + n) committed with `protect` (lock marks kept, as the kernel
 * keeps VM_LOCKED across mprotect), or back to reserved (locks gone with the pages). */
void awl_page_commit(awl_region *r, size_t i, size_t n, uint32_t protect);
void awl_page_decommit(awl_region *r, size_t i, size_t n);

#endif
