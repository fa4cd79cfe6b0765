/* SPDX-License-Identifier: Apache-2.0 */
/* awl_placement.h: where regions placed anywhere may go (awl_set_placement_guard). Off by
 * default: the system picks, as it does for VirtualAlloc on Windows. On, every such region is
 * followed by a guard of inaccessible pages that no later region takes, and a released
 * region's range stays held (inaccessible, in no region) until awl_reset. So a program that
 * names a page past a region's end, or a page of a region it released, reaches the same kind
 * of memory (none of its regions) on every run, whatever addresses the system picks. */
#ifndef AWL_PLACEMENT_H
#define AWL_PLACEMENT_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of guard after each region placed anywhere (0: off). */
size_t awl_placement_guard(void);
/* Off: 1 (the caller unmaps the range). On: the range [base, base + len) becomes held, an
 * inaccessible mapping in no region, and 0 is returned; -1 when that fails (nothing changed). */
int awl_placement_hold(uintptr_t base, size_t len);
/* Gives back the held ranges that meet [base, base + len): an explicit reservation there may
 * take them, as it could take the range on Windows. */
void awl_placement_unhold(uintptr_t base, size_t len);
/* Gives back every held range (awl_reset). */
void awl_placement_reset(void);

#endif
