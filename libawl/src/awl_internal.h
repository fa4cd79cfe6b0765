/* SPDX-License-Identifier: Apache-2.0 */
/* awl_internal.h: what every part of the Linux backend shares: the page and PFN
 * arithmetic, the NTSTATUS values NT returns that the project table does not list, and the
 * headers of the modules. Each module owns its own state; see its header. */
#ifndef AWL_INTERNAL_H
#define AWL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "awl.h"

#define AWL_PAGE ((uintptr_t)AWE_PAGE_SIZE)
#define AWL_PAGE_MASK (AWL_PAGE - 1u)
#define AWL_GRANULARITY ((uintptr_t)AWE_ALLOC_GRANULARITY)

/* PFN = pool page index + AWL_PFN_BASE, so no PFN handed out is ever 0 (A10). */
#define AWL_PFN_BASE 0x1000u

/* NT's highest user address (allocvm.c / freevm.c bounds); the project uses one value. */
#define AWL_HIGHEST_USER ((uintptr_t)AWE_HIGHEST_USER_ADDRESS)

/* NT statuses the project table does not list: a protection change over uncommitted
 * private pages (Win32 487, ERROR_INVALID_ADDRESS), and the success code of a lock that
 * met pages already locked (NT_SUCCESS; VirtualLock returns TRUE). */
#define AWL_STATUS_NOT_COMMITTED AWE_STATUS_NOT_COMMITTED
#define AWL_STATUS_WAS_LOCKED AWE_STATUS_WAS_LOCKED


static inline uintptr_t awl_page_down(uintptr_t va) { return va & ~AWL_PAGE_MASK; }

/* The Win32 layer's answer for an Nt status: TRUE for a success (informational ones too),
 * else FALSE with the last error set as RtlNtStatusToDosError would (awl_win32.c). */
AWL_BOOL awl_win32_result(awe_ntstatus st);

#endif
