/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_virtual.c: NtAllocateVirtualMemory and NtFreeVirtualMemory for the regions of
 * this library (V1..V9), in the check order of the NT kernel (allocvm.c, freevm.c). */
#include <sys/mman.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_pagestate.h"
#include "awl_regions.h"
#include "awl_state.h"
#include "awl_sys.h"

#define MAXIMUM_ZERO_BITS 53u
#define PAGE_EXECUTE_WRITECOPY 0x80u

#define ALLOC_TYPES                                                                     \
    (AWE_MEM_COMMIT | AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_LARGE_PAGES |        \
     AWE_MEM_TOP_DOWN | AWE_MEM_RESET | AWE_MEM_WRITE_WATCH)

/* ZeroBits: a count, or (from 32 on) a mask whose leading zeros count. */
static awe_ntstatus zero_bits_count(uint64_t zb, unsigned *out)
{
    if (zb >= 32) {
        unsigned msb = 63;
        while (!(zb >> msb))
            msb--;
        zb = 63u - msb;
    } else if (zb != 0) {
        zb += 32;
    }
    if (zb > MAXIMUM_ZERO_BITS)
        return AWE_STATUS_INVALID_PARAMETER_3;
    *out = (unsigned)zb;
    return AWE_STATUS_SUCCESS;
}

/* V2/V3: the allocation type, then MEM_PHYSICAL's own rules, before any other check. */
static awe_ntstatus v2_check_type(uint32_t type, uint32_t protect)
{
    if (type & ~ALLOC_TYPES)
        return AWE_STATUS_INVALID_PARAMETER_5;
    if (!(type & (AWE_MEM_COMMIT | AWE_MEM_RESERVE | AWE_MEM_RESET)))
        return AWE_STATUS_INVALID_PARAMETER_5;
    if ((type & AWE_MEM_RESET) && type != AWE_MEM_RESET)
        return AWE_STATUS_INVALID_PARAMETER_5;
    if ((type & AWE_MEM_LARGE_PAGES) &&
        (!(type & AWE_MEM_COMMIT) || (type & (AWE_MEM_PHYSICAL | AWE_MEM_RESET | AWE_MEM_WRITE_WATCH))))
        return AWE_STATUS_INVALID_PARAMETER_5;
    if ((type & AWE_MEM_WRITE_WATCH) && !(type & AWE_MEM_RESERVE))
        return AWE_STATUS_INVALID_PARAMETER_5;
    if (type & AWE_MEM_PHYSICAL) {
        if (!(type & AWE_MEM_RESERVE) || (type & ~(AWE_MEM_RESERVE | AWE_MEM_TOP_DOWN | AWE_MEM_PHYSICAL)))
            return AWE_STATUS_INVALID_PARAMETER_5;
        if (protect != AWE_PAGE_READWRITE)
            return AWE_STATUS_INVALID_PARAMETER_6;     /* V3 */
    }
    return AWE_STATUS_SUCCESS;
}

/* NT's protection table: one base protection, optionally with GUARD or NOCACHE (not on
 * NOACCESS). NT accepts those modifiers, so this library does too; caching attributes do not
 * exist for user mappings here and a guard page's one-shot exception is not raised (plain
 * regions exist for programs that never touch them this way). */
static awe_ntstatus linux_protection(uint32_t protect, int *prot)
{
    uint32_t extra = protect & ~0xFFu;
    if (extra) {
        if ((extra != AWE_PAGE_GUARD && extra != AWE_PAGE_NOCACHE) ||
            (protect & 0xFFu) == AWE_PAGE_NOACCESS)
            return AWE_STATUS_INVALID_PAGE_PROTECTION;
        protect &= 0xFFu;
    }
    switch (protect) {
    case AWE_PAGE_NOACCESS: *prot = PROT_NONE; break;
    case AWE_PAGE_READONLY: *prot = PROT_READ; break;
    case AWE_PAGE_READWRITE:
    case AWE_PAGE_WRITECOPY: *prot = PROT_READ | PROT_WRITE; break;
    case AWE_PAGE_EXECUTE: *prot = PROT_EXEC; break;
    case AWE_PAGE_EXECUTE_READ: *prot = PROT_READ | PROT_EXEC; break;
    case AWE_PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: *prot = PROT_READ | PROT_WRITE | PROT_EXEC; break;
    default: return AWE_STATUS_INVALID_PAGE_PROTECTION;
    }
    return AWE_STATUS_SUCCESS;
}

static int is_writecopy(uint32_t protect)
{
    return (protect & (AWE_PAGE_WRITECOPY | PAGE_EXECUTE_WRITECOPY)) != 0;
}

/* Base and size pointers: probed for write and read (both calls). */
static int capture_base_size(AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr, uintptr_t *base,
                             uint64_t *size)
{
    return awl_cap_exchange(base_ptr, base, NULL, sizeof *base) ||
           awl_cap_exchange(size_ptr, size, NULL, sizeof *size);
}

/* Results go back like NT's, size first: a fault at this point does not undo the call. */
static void hand_back(AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr, uintptr_t base, uint64_t size)
{
    awl_cap_write2(size_ptr, &size, sizeof size, base_ptr, &base, sizeof base);
}

/* ---- NtAllocateVirtualMemory ---- */

typedef struct {
    uintptr_t base;
    uint64_t size;
    uint32_t type;
    uint32_t protect;
    int prot;
    unsigned zero_bits;
} alloc_request;

/* Reserve (and maybe commit) a new region: the base given (rounded down to 64K) or any. */
static awe_ntstatus reserve_region(alloc_request *q)
{
    if (is_writecopy(q->protect))
        return AWE_STATUS_INVALID_PAGE_PROTECTION;
    uintptr_t at = 0, top = AWL_HIGHEST_USER;
    uint64_t bytes;
    if (q->base == 0) {
        bytes = (q->size + AWL_PAGE_MASK) & ~(uint64_t)AWL_PAGE_MASK;
        if (q->zero_bits != 0) {
            top = UINTPTR_MAX >> q->zero_bits;
            if (top > AWL_HIGHEST_USER)
                return AWE_STATUS_INVALID_PARAMETER_3;
        }
    } else {
        at = q->base & ~(AWL_GRANULARITY - 1);
        uintptr_t last = (q->base + q->size - 1) | AWL_PAGE_MASK;
        bytes = last - at + 1;
        /* The first 64K are never user address space (NT and Linux alike). */
        if (at < AWL_GRANULARITY || awl_region_overlaps(at, last))
            return AWE_STATUS_CONFLICTING_ADDRESSES;
    }
    int physical = (q->type & AWE_MEM_PHYSICAL) != 0;
    int committed = (q->type & AWE_MEM_COMMIT) && !physical;
    awl_region *r;
    awe_ntstatus st = awl_region_reserve(at, (size_t)bytes, committed ? q->prot : PROT_NONE,
                                         physical ? AWL_REGION_AWE : AWL_REGION_PLAIN, top, &r);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    r->alloc_protect = q->protect;                      /* Q4 */
    if (committed)
        awl_page_commit(r, 0, r->pages, q->protect);   /* Q6 */
    q->base = r->base;
    q->size = bytes;
    return AWE_STATUS_SUCCESS;
}

/* Commit (or reset) inside a plain region of this library. */
static awe_ntstatus commit_range(alloc_request *q)
{
    uintptr_t first, last;
    if (q->type == AWE_MEM_RESET) {
        last = awl_page_down(q->base + q->size) - 1;
        first = awl_page_down(q->base + AWL_PAGE_MASK);
        if (first > last)
            return AWE_STATUS_CONFLICTING_ADDRESSES;
    } else {
        last = (q->base + q->size - 1) | AWL_PAGE_MASK;
        first = awl_page_down(q->base);
    }
    awl_region *r = awl_region_find(first);
    if (r == NULL || r->kind == AWL_REGION_AWE || last > awl_region_last(r))
        return AWE_STATUS_CONFLICTING_ADDRESSES;    /* V5 for an AWE region */
    if (q->type != AWE_MEM_RESET) {
        /* MEM_RESET keeps the data, which it may; a commit makes the pages usable. */
        if (is_writecopy(q->protect))
            return AWE_STATUS_INVALID_PAGE_PROTECTION;
        if (awl_sys_mprotect((void *)first, last - first + 1, q->prot))
            return AWE_STATUS_INSUFFICIENT_RESOURCES;
        awl_page_commit(r, (first - r->base) / AWL_PAGE, (last - first + 1) / AWL_PAGE, q->protect);
    }
    q->base = first;
    q->size = last - first + 1;
    return AWE_STATUS_SUCCESS;
}

static awe_ntstatus allocate_vm_locked(AWL_HANDLE process, AWL_PVOID *base_ptr, uint64_t zero_bits,
                                       AWL_SIZE_T *size_ptr, uint32_t type, uint32_t protect)
{
    alloc_request q = {.type = type, .protect = protect};
    awe_ntstatus st = zero_bits_count(zero_bits, &q.zero_bits);
    if (st == AWE_STATUS_SUCCESS)
        st = v2_check_type(type, protect);              /* V1..V3 */
    if (st == AWE_STATUS_SUCCESS)
        st = linux_protection(protect, &q.prot);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if (capture_base_size(base_ptr, size_ptr, &q.base, &q.size))
        return AWE_STATUS_ACCESS_VIOLATION;
    if (q.base > AWL_HIGHEST_USER)
        return AWE_STATUS_INVALID_PARAMETER_2;
    if (AWL_HIGHEST_USER + 1 - q.base < q.size || q.size == 0)
        return AWE_STATUS_INVALID_PARAMETER_4;
    st = awl_handle_check(process);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if (type & AWE_MEM_LARGE_PAGES) {
        /* Large pages need the privilege; this library has none to give out. */
        return awl_state_privilege() ? AWE_STATUS_INSUFFICIENT_RESOURCES
                                     : AWE_STATUS_PRIVILEGE_NOT_HELD;
    }
    /* V4: reserving takes no privilege. */
    if (q.base == 0 || (type & AWE_MEM_RESERVE))
        st = reserve_region(&q);
    else
        st = commit_range(&q);
    if (st == AWE_STATUS_SUCCESS)
        hand_back(base_ptr, size_ptr, q.base, q.size);
    return st;
}

AWL_NTSTATUS AwlNtAllocateVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                        AWL_ULONG_PTR ZeroBits, AWL_SIZE_T *RegionSize,
                                        AWL_ULONG AllocationType, AWL_ULONG Protect)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = allocate_vm_locked(ProcessHandle, BaseAddress, ZeroBits, RegionSize, AllocationType,
                                Protect);
    awl_leave();
    return st;
}

/* ---- NtFreeVirtualMemory ---- */

/* V9: exactly one of MEM_DECOMMIT and MEM_RELEASE, nothing else. */
static awe_ntstatus v9_check_free_type(uint32_t type)
{
    uint32_t both = AWE_MEM_DECOMMIT | AWE_MEM_RELEASE;
    if ((type & ~both) || (type & both) == 0 || (type & both) == both)
        return AWE_STATUS_INVALID_PARAMETER_4;
    return AWE_STATUS_SUCCESS;
}

/* V6/V7: MEM_RELEASE takes a whole region: size 0 with the base in its first page, or
 * exactly its range. Any part of a region -> FREE_VM_NOT_AT_BASE (regions never split). */
static awe_ntstatus v7_release(awl_region *r, uintptr_t base, uint64_t size, uintptr_t first,
                               uintptr_t last, uintptr_t *out_base, uint64_t *out_size)
{
    int whole = size == 0 ? awl_page_down(base) == r->base
                          : first == r->base && last == awl_region_last(r);
    if (!whole)
        return AWE_STATUS_FREE_VM_NOT_AT_BASE;
    *out_base = r->base;
    *out_size = (uint64_t)r->pages * AWL_PAGE;
    return awl_region_release(r);                       /* V6 */
}

/* V8 and plain decommit: the pages go back to reserved; their data is gone. */
static awe_ntstatus v8_decommit(awl_region *r, uintptr_t base, uint64_t size, uintptr_t first,
                                uintptr_t last, uintptr_t *out_base, uint64_t *out_size)
{
    if (r->kind == AWL_REGION_AWE)
        return AWE_STATUS_MEMORY_NOT_ALLOCATED;         /* V8 */
    if (size == 0) {
        if (awl_page_down(base) != r->base)
            return AWE_STATUS_FREE_VM_NOT_AT_BASE;
        last = awl_region_last(r);
    }
    if (awl_sys_mmap((void *)first, last - first + 1, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    awl_page_decommit(r, (first - r->base) / AWL_PAGE, (last - first + 1) / AWL_PAGE);
    *out_base = first;
    *out_size = last - first + 1;
    return AWE_STATUS_SUCCESS;
}

static awe_ntstatus free_vm_locked(AWL_HANDLE process, AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr,
                                   uint32_t type)
{
    awe_ntstatus st = v9_check_free_type(type);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    uintptr_t base;
    uint64_t size;
    if (capture_base_size(base_ptr, size_ptr, &base, &size))
        return AWE_STATUS_ACCESS_VIOLATION;
    if (base > AWL_HIGHEST_USER)
        return AWE_STATUS_INVALID_PARAMETER_2;
    if (AWL_HIGHEST_USER - base < size)
        return AWE_STATUS_INVALID_PARAMETER_3;
    uintptr_t last = (base + size - 1) | AWL_PAGE_MASK, first = awl_page_down(base);
    st = awl_handle_check(process);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    awl_region *r = awl_region_find(first);
    if (r == NULL)
        return AWE_STATUS_MEMORY_NOT_ALLOCATED;
    if (last > awl_region_last(r))
        return AWE_STATUS_UNABLE_TO_FREE_VM;           /* the range leaves the region */
    uintptr_t out_base = 0;
    uint64_t out_size = 0;
    if (type & AWE_MEM_RELEASE)
        st = v7_release(r, base, size, first, last, &out_base, &out_size);
    else
        st = v8_decommit(r, base, size, first, last, &out_base, &out_size);
    if (st == AWE_STATUS_SUCCESS)
        hand_back(base_ptr, size_ptr, out_base, out_size);
    return st;
}

AWL_NTSTATUS AwlNtFreeVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                    AWL_SIZE_T *RegionSize, AWL_ULONG FreeType)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = free_vm_locked(ProcessHandle, BaseAddress, RegionSize, FreeType);
    awl_leave();
    return st;
}
