/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_lock.c: NtLockVirtualMemory and NtUnlockVirtualMemory (L1..L8), in the check order
 * of the NT kernel (lockvm.c). AWE regions are never locked (L5) and an unlock stops at one
 * (L8). Plain pages are locked for real (mlock, counted and failable like every system call
 * of the library) and marked per kind (MAP_PROCESS, MAP_SYSTEM) in their page words; the
 * kernel lock is taken with the first kind and dropped with the last. All or nothing (L6). */
#include <errno.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_pageinfo.h"
#include "awl_pagestate.h"
#include "awl_regions.h"
#include "awl_spare.h"
#include "awl_state.h"
#include "awl_sys.h"

/* L4: the process's minimum working set, the WRK default (pages), and the pages the working
 * set keeps fluid (MM_FLUID_WORKING_SET). */
#define MINIMUM_WORKING_SET 20u
#define FLUID_WORKING_SET 8u

typedef struct {
    uintptr_t first, last; /* first page, last byte */
    uint32_t type;         /* MAP_PROCESS | MAP_SYSTEM */
} lock_range;

/* The page word of a plain page at va, or NULL (no region, or an AWE one). */
static uint16_t *plain_word(uintptr_t va)
{
    awl_region *r = awl_region_find(va);
    if (r == NULL || r->kind != AWL_REGION_PLAIN)
        return NULL;
    return &r->info[(va - r->base) / AWL_PAGE];
}

static uint16_t lock_bits(uint32_t type)
{
    return (uint16_t)(((type & AWE_MAP_PROCESS) ? AWL_INFO_LOCKED_PROCESS : 0) |
                      ((type & AWE_MAP_SYSTEM) ? AWL_INFO_LOCKED_SYSTEM : 0));
}

/* L1..L3, shared by both calls (L7). */
static awe_ntstatus l1_l3_common(AWL_HANDLE process, AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr,
                                 uint32_t type, lock_range *out)
{
    if ((type & ~(AWE_MAP_PROCESS | AWE_MAP_SYSTEM)) || !(type & (AWE_MAP_PROCESS | AWE_MAP_SYSTEM)))
        return AWE_STATUS_INVALID_PARAMETER;                        /* L1 */
    uintptr_t base;
    uint64_t size;
    if (awl_cap_exchange(base_ptr, &base, NULL, sizeof base) ||
        awl_cap_exchange(size_ptr, &size, NULL, sizeof size))
        return AWE_STATUS_ACCESS_VIOLATION;                         /* L2 */
    if (base > AWL_HIGHEST_USER || AWL_HIGHEST_USER - base < size || size == 0)
        return AWE_STATUS_INVALID_PARAMETER;
    awe_ntstatus st = awl_handle_check(process);                    /* L3 */
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if ((type & AWE_MAP_SYSTEM) && !awl_state_privilege())
        return AWE_STATUS_PRIVILEGE_NOT_HELD;
    *out = (lock_range){awl_page_down(base), (base + size - 1) | AWL_PAGE_MASK, type};
    return AWE_STATUS_SUCCESS;
}

/* Results like NT's, size first; a fault here does not undo the call. */
static void hand_back(AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr, const lock_range *l)
{
    uint64_t size = l->last - l->first + 1;
    awl_cap_write2(size_ptr, &size, sizeof size, base_ptr, &l->first, sizeof l->first);
}

/* Applies mlock (lock != 0) or munlock to the runs of pages in [first, end) that `pick`
 * selects; on a failure undoes the runs already done. 0 or -1. */
static int kernel_lock(uintptr_t first, uintptr_t end, int lock, int (*pick)(uintptr_t, uint32_t),
                       uint32_t type)
{
    for (uintptr_t va = first; va < end;) {
        if (!pick(va, type)) {
            va += AWL_PAGE;
            continue;
        }
        uintptr_t e = va + AWL_PAGE;
        while (e < end && pick(e, type))
            e += AWL_PAGE;
        int rc = lock ? awl_sys_mlock((void *)va, e - va) : awl_sys_munlock((void *)va, e - va);
        if (rc) {
            /* e, not va: a call over several mappings may have done part of the run. */
            for (uintptr_t u = first; u < e;) {
                if (!pick(u, type)) {
                    u += AWL_PAGE;
                    continue;
                }
                uintptr_t ue = u + AWL_PAGE;
                while (ue < e && pick(ue, type))
                    ue += AWL_PAGE;
                while ((lock ? awl_sys_munlock((void *)u, ue - u) : awl_sys_mlock((void *)u, ue - u)) &&
                       errno == ENOMEM && awl_spare_release_one() == 0)
                    ;
                u = ue;
            }
            return -1;
        }
        va = e;
    }
    return 0;
}

/* ---- lock ---- */

/* A page the lock takes to the kernel: no kind of lock on it yet. */
static int needs_mlock(uintptr_t va, uint32_t type)
{
    (void)type;
    return !(*plain_word(va) & AWL_INFO_LOCKED);
}

/* L5 and the touch of every page: walk the allocations in address order (no allocation:
 * ACCESS_VIOLATION, an AWE region: INCOMPATIBLE_FILE_MAP), then read each page as NT does
 * (not committed or NOACCESS: ACCESS_VIOLATION; a guard page: the touch raises its one-shot
 * exception, which takes the guard off, and the lock fails with GUARD_PAGE_VIOLATION). */
static awe_ntstatus l5_check(const lock_range *l)
{
    for (uintptr_t va = l->first; va <= l->last;) {
        const awl_region *r = awl_region_find(va);
        if (r == NULL)
            return AWE_STATUS_ACCESS_VIOLATION;
        if (r->kind == AWL_REGION_AWE)
            return AWE_STATUS_INCOMPATIBLE_FILE_MAP;
        uintptr_t end = awl_region_last(r);
        if (end >= l->last)
            break;
        va = end + 1;
    }
    for (uintptr_t va = l->first; va <= l->last; va += AWL_PAGE) {
        uint16_t *w = plain_word(va);
        if (!(*w & AWL_INFO_PROTECT) || (*w & 0xFFu) == AWE_PAGE_NOACCESS)
            return AWE_STATUS_ACCESS_VIOLATION;
        if (*w & AWE_PAGE_GUARD) {
            *w &= (uint16_t)~AWE_PAGE_GUARD;
            return AWE_STATUS_GUARD_PAGE_VIOLATION;
        }
    }
    return AWE_STATUS_SUCCESS;
}

static awe_ntstatus lock_locked(AWL_HANDLE process, AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr,
                                uint32_t type)
{
    lock_range l;
    awe_ntstatus st = l1_l3_common(process, base_ptr, size_ptr, type, &l);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    uint64_t pages = (l.last - l.first + 1) / AWL_PAGE;
    if (pages - 1 + FLUID_WORKING_SET > MINIMUM_WORKING_SET)
        return AWE_STATUS_WORKING_SET_QUOTA;                        /* L4 */
    st = l5_check(&l);                                              /* L5 */
    if (st != AWE_STATUS_SUCCESS)
        return st;
    uint16_t bits = lock_bits(type);
    int was_locked = 0;
    for (uintptr_t va = l.first; va <= l.last; va += AWL_PAGE)
        was_locked |= (*plain_word(va) & bits) != 0;
    if (kernel_lock(l.first, l.last + 1, 1, needs_mlock, type))
        return AWE_STATUS_INSUFFICIENT_RESOURCES;                   /* L6 */
    for (uintptr_t va = l.first; va <= l.last; va += AWL_PAGE)
        *plain_word(va) |= bits;
    hand_back(base_ptr, size_ptr, &l);
    return was_locked ? AWL_STATUS_WAS_LOCKED : AWE_STATUS_SUCCESS;
}

AWL_NTSTATUS AwlNtLockVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                    AWL_SIZE_T *RegionSize, AWL_ULONG MapType)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = lock_locked(ProcessHandle, BaseAddress, RegionSize, MapType);
    awl_leave();
    return st;
}

/* ---- unlock ---- */

/* L8: the pages to unlock end at the first AWE region; NOT_LOCKED when a page before it has
 * no allocation or lacks the lock asked for (MAP_PROCESS decides when both are given). */
static awe_ntstatus l8_scan(const lock_range *l, uintptr_t *end)
{
    uint16_t need = (l->type & AWE_MAP_PROCESS) ? AWL_INFO_LOCKED_PROCESS : AWL_INFO_LOCKED_SYSTEM;
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    for (uintptr_t va = l->first; va <= l->last; va += AWL_PAGE) {
        const awl_region *r = awl_region_find(va);
        if (r == NULL)
            return AWE_STATUS_NOT_LOCKED;
        if (r->kind == AWL_REGION_AWE) {
            *end = va; /* nothing at or after R is examined */
            return st;
        }
        if (!(*plain_word(va) & need))
            st = AWE_STATUS_NOT_LOCKED;
    }
    *end = l->last + 1;
    return st;
}

/* A page the unlock gives back to the kernel: its last kind of lock goes. */
static int needs_munlock(uintptr_t va, uint32_t type)
{
    uint16_t w = *plain_word(va);
    return (w & AWL_INFO_LOCKED) && !(w & AWL_INFO_LOCKED & ~lock_bits(type));
}

static awe_ntstatus unlock_locked(AWL_HANDLE process, AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr,
                                  uint32_t type)
{
    lock_range l;
    awe_ntstatus st = l1_l3_common(process, base_ptr, size_ptr, type, &l);  /* L7 */
    if (st != AWE_STATUS_SUCCESS)
        return st;
    uintptr_t end;
    st = l8_scan(&l, &end);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if (kernel_lock(l.first, end, 0, needs_munlock, type))
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    uint16_t bits = lock_bits(type);
    for (uintptr_t va = l.first; va < end; va += AWL_PAGE)
        *plain_word(va) &= (uint16_t)~bits;
    hand_back(base_ptr, size_ptr, &l); /* L8: the request rounded out, even past R */
    return AWE_STATUS_SUCCESS;
}

AWL_NTSTATUS AwlNtUnlockVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                      AWL_SIZE_T *RegionSize, AWL_ULONG MapType)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = unlock_locked(ProcessHandle, BaseAddress, RegionSize, MapType);
    awl_leave();
    return st;
}
