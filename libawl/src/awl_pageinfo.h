/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pageinfo: one 16-bit word per page of a region, for what the kernel's page tables
 * would hold on NT and the region's PFN table does not: the page's Windows protection and
 * whether VirtualLock locked it (Q5/Q6, P9..P11, L5..L8).
 *   - bits 0..10: the protection (PAGE_*, modifiers included). In an AWE region 0 means
 *     "as Map left it", PAGE_READWRITE (P11); in a plain region 0 means not committed.
 *   - AWL_INFO_LOCKED_PROCESS / AWL_INFO_LOCKED_SYSTEM: locked with MAP_PROCESS / MAP_SYSTEM.
 * Tables up to 64 KiB come from calloc, larger ones are lazily backed mmaps, so a huge
 * reservation costs address space, not memory. This module also re-applies stored
 * protections to the kernel when a rollback put a page back read-write. */
#ifndef AWL_PAGEINFO_H
#define AWL_PAGEINFO_H

#include <stddef.h>
#include <stdint.h>

#define AWL_INFO_PROTECT 0x07FFu
#define AWL_INFO_LOCKED_PROCESS 0x4000u
#define AWL_INFO_LOCKED_SYSTEM 0x8000u
#define AWL_INFO_LOCKED (AWL_INFO_LOCKED_PROCESS | AWL_INFO_LOCKED_SYSTEM)

/* A zeroed table of `pages` entries, or NULL (the mmap is a fault point). */
uint16_t *awl_pageinfo_new(size_t pages);
void awl_pageinfo_free(uint16_t *t, size_t pages);

/* The Linux protection of a Windows base protection (modifiers ignored: GUARD, NOCACHE and
 * WRITECOMBINE are accepted, not honoured). 0 (no protection stored) -> PROT_NONE. */
int awl_pageinfo_linux_prot(uint32_t protect);

/* After an AWE rollback mapped pages [va, va + pages) read-write again: gives every page
 * whose stored protection is not READWRITE that protection again (P9 survives a failed Map).
 * Returns 0, or -1 when the kernel refuses even with the spare VMA slots given back. */
int awl_pageinfo_reapply(uintptr_t va, const uint16_t *info, size_t pages);

#endif
