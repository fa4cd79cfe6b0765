/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_query.c: NtQueryVirtualMemory with MemoryBasicInformation (Q1..Q9), in the check
 * order of the NT kernel (queryvm.c). Every answer comes from the library's own tables
 * (regions, PFN tables, per-page words); the tests hold it against /proc/self/maps. */
#include <string.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_pagestate.h"
#include "awl_regions.h"
#include "awl_state.h"

#define MEMORY_BASIC_INFORMATION_CLASS 0u

/* Q1: ProbeForWrite of the buffer, aligned as a ULONG_PTR, then of ReturnLength when given.
 * NT probes the length the caller gave, not just the 48 bytes it writes. */
static awe_ntstatus q1_probe(void *info, uint64_t length, AWL_SIZE_T *ret_len)
{
    if ((uintptr_t)info & (sizeof(uint64_t) - 1))
        return AWE_STATUS_DATATYPE_MISALIGNMENT;
    if (info == NULL || awl_cap_probe_write(info, (size_t)length))
        return AWE_STATUS_ACCESS_VIOLATION;
    if (ret_len != NULL && awl_cap_probe_write(ret_len, sizeof *ret_len))
        return AWE_STATUS_ACCESS_VIOLATION;
    return AWE_STATUS_SUCCESS;
}

/* Q8: outside every region the range is free up to the next region (or the end of user
 * space). The library answers for the address space it manages: a mapping it did not make
 * (the heap, a stack) is free to it. */
static void q8_free(uintptr_t page, awe_mbi *m)
{
    uintptr_t next = AWL_HIGHEST_USER + 1;
    for (size_t i = 0; i < awl_region_count(); i++) {
        const awl_region *r = awl_region_at(i);
        if (r->base > page) {
            next = r->base; /* sorted by base: the first one above is the next */
            break;
        }
    }
    m->region_size = next - page;
    m->state = AWE_MEM_FREE;
    m->protect = AWE_PAGE_NOACCESS; /* as NT fills it; only State, base and size count */
}

/* Q3..Q7 for a page of region r. */
static void q4_region_page(const awl_region *r, uintptr_t page, awe_mbi *m)
{
    size_t i = (size_t)((page - r->base) / AWL_PAGE);
    m->allocation_base = r->base;                         /* Q4 */
    m->allocation_protect = r->alloc_protect;
    m->type = AWE_MEM_PRIVATE;
    m->state = awl_page_state(r, i);                      /* Q5, Q6 */
    m->protect = awl_page_protect(r, i);
    m->region_size = (uint64_t)awl_page_run(r, i) * AWL_PAGE; /* Q7 */
}

static awe_ntstatus query_locked(AWL_HANDLE process, uintptr_t va, uint32_t info_class, void *info,
                                 uint64_t length, AWL_SIZE_T *ret_len)
{
    if (info_class != MEMORY_BASIC_INFORMATION_CLASS)
        return AWE_STATUS_INVALID_PARAMETER;  /* NT: INVALID_INFO_CLASS; out of scope here */
    if (length < sizeof(awe_mbi))
        return AWE_STATUS_INFO_LENGTH_MISMATCH;                  /* Q1 */
    awe_ntstatus st = q1_probe(info, length, ret_len);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if (va > AWL_HIGHEST_USER)
        return AWE_STATUS_INVALID_PARAMETER;
    st = awl_handle_check_query(process);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    awe_mbi m;
    memset(&m, 0, sizeof m);
    uintptr_t page = awl_page_down(va);
    m.base_address = page;                                        /* Q3 */
    const awl_region *r = awl_region_find(page);
    if (r == NULL)
        q8_free(page, &m);
    else
        q4_region_page(r, page, &m);
    /* Q2: the buffer and the length were probed under the lock: these writes succeed. */
    AWL_SIZE_T written = sizeof m;
    int rc = ret_len ? awl_cap_write2(info, &m, sizeof m, ret_len, &written, sizeof written)
                     : awl_cap_write(info, &m, sizeof m);
    return rc ? AWE_STATUS_ACCESS_VIOLATION : AWE_STATUS_SUCCESS;
}

AWL_NTSTATUS AwlNtQueryVirtualMemory(AWL_HANDLE ProcessHandle, const void *BaseAddress,
                                     AWL_ULONG MemoryInformationClass, void *MemoryInformation,
                                     AWL_SIZE_T MemoryInformationLength, AWL_SIZE_T *ReturnLength)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = query_locked(ProcessHandle, (uintptr_t)BaseAddress, MemoryInformationClass,
                          MemoryInformation, MemoryInformationLength, ReturnLength);
    awl_leave();
    return st;
}
