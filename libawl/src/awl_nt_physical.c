/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_physical.c: NtAllocateUserPhysicalPages (A1..A12) and NtFreeUserPhysicalPages
 * (F1..F8), in the check order of the NT kernel. */
#include <stdlib.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_mapping.h"
#include "awl_mutants.h"
#include "awl_pool.h"
#include "awl_regions.h"
#include "awl_state.h"

/* ---- Allocate ---- */

/* A3 (first part): the count pointer is probed for write and read. */
static int capture_count(AWL_ULONG_PTR *count_ptr, uint64_t *count)
{
    static const uint64_t zero = 0;
    return awl_cap_exchange(count_ptr, count, AWL_MUTANT(FAILED_ALLOC_WRITES_COUNT) ? &zero : NULL,
                            sizeof *count);
}

/* A6: at the limit -> COMMITMENT_LIMIT; below it the request shrinks to what is left (A8). */
static awe_ntstatus a6_apply_page_limit(uint64_t *want)
{
    size_t limit = awl_state_page_limit(), owned = awl_pool_owned_count();
    if (limit == 0)
        return AWE_STATUS_SUCCESS;
    if (owned >= limit)
        return AWE_STATUS_COMMITMENT_LIMIT;
    if (*want > limit - owned)
        *want = limit - owned;
    return AWE_STATUS_SUCCESS;
}

/* A7/A8/A11: as many of the lowest free pages as asked and available, all reading zero. */
static awe_ntstatus grant_pages(uint64_t want, uint64_t **out, size_t *granted)
{
    size_t n = awl_pool_free_count();
    if (want < n)
        n = (size_t)want;
    if (n == 0)
        return AWE_STATUS_INSUFFICIENT_RESOURCES; /* A7 */
    uint64_t *pfns = malloc(n * sizeof *pfns);
    if (pfns == NULL)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    awl_pool_pick(n, pfns);
    if (awl_pool_zero(pfns, n)) {
        free(pfns);
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    }
    awl_pool_grant(pfns, n);
    *out = pfns;
    *granted = n;
    return AWE_STATUS_SUCCESS;
}

static awe_ntstatus allocate_locked(AWL_HANDLE process, AWL_ULONG_PTR *count_ptr,
                                    AWL_ULONG_PTR *pfn_array)
{
    uint64_t want;
    if (capture_count(count_ptr, &want))
        return AWE_STATUS_ACCESS_VIOLATION;           /* A3 */
    if (want == 0)                                    /* A1 */
        return AWL_MUTANT(ALLOC_ZERO_COUNT_INVALID) ? AWE_STATUS_INVALID_PARAMETER_2
                                                    : AWE_STATUS_SUCCESS;
    if (want > AWE_MAXULONG_PTR / sizeof(AWL_ULONG_PTR))
        return AWE_STATUS_INVALID_PARAMETER_2;        /* A2 */
    if (awl_cap_probe_write(pfn_array, (size_t)(want * sizeof(AWL_ULONG_PTR))))
        return AWE_STATUS_ACCESS_VIOLATION;           /* A3 */
    awe_ntstatus st = awl_handle_check(process);      /* A4 */
    if (st != AWE_STATUS_SUCCESS)
        return st;
    if (!awl_state_privilege() && !AWL_MUTANT(PRIVILEGE_NOT_CHECKED))
        return AWE_STATUS_PRIVILEGE_NOT_HELD;         /* A5 */
    st = a6_apply_page_limit(&want);
    if (st != AWE_STATUS_SUCCESS)
        return st;
    awl_pool_create_bitmap();                         /* A0: before any page is sought */
    uint64_t *pfns;
    size_t granted;
    st = grant_pages(want, &pfns, &granted);
    if (st != AWE_STATUS_SUCCESS)
        return st;                                    /* A9: nothing written */
    /* A8: like NT, a fault while handing the results back does not undo the grant. */
    uint64_t count = granted;
    awl_cap_write2(count_ptr, &count, sizeof count, pfn_array, pfns, granted * sizeof *pfns);
    free(pfns);
    if (AWL_MUTANT(PARTIAL_GRANT_FAILS) && granted < want)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    return AWE_STATUS_SUCCESS;
}

AWL_NTSTATUS AwlNtAllocateUserPhysicalPages(AWL_HANDLE ProcessHandle, AWL_ULONG_PTR *NumberOfPages,
                                            AWL_ULONG_PTR *UserPfnArray)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = allocate_locked(ProcessHandle, NumberOfPages, UserPfnArray);
    awl_leave();
    return st;
}

/* ---- Free ---- */

/* F5: length of the prefix of owned PFNs, each counted once (a PFN listed again has been
 * freed earlier in this same call). */
static size_t f5_owned_prefix(uint64_t *pfns, size_t n)
{
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        if (awl_pool_owned(pfns[i]) && !awl_pool_mark(pfns[i]))
            pfns[p++] = pfns[i];
        else if (!AWL_MUTANT(FREE_WITHOUT_PREFIX))
            break;
    }
    awl_pool_unmark(pfns, p);
    return p;
}

static int by_va(const void *a, const void *b)
{
    uintptr_t x = ((const awl_change *)a)->va, y = ((const awl_change *)b)->va;
    return (x > y) - (x < y);
}

/* F7: the mapped ones among the pages to free are unmapped first, all or nothing. */
static awe_ntstatus f7_unmap_freed(const uint64_t *pfns, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += awl_pool_va(pfns[i]) != 0;
    if (m == 0)
        return AWE_STATUS_SUCCESS;
    awl_change *ch = malloc(m * sizeof *ch);
    if (ch == NULL)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    m = 0;
    for (size_t i = 0; i < n; i++) {
        uintptr_t va = awl_pool_va(pfns[i]);
        if (va != 0)
            ch[m++] = (awl_change){va, 0, pfns[i], pfns[i], awl_region_find(va)};
    }
    qsort(ch, m, sizeof *ch, by_va);
    if (AWL_MUTANT(FREE_UNMAPS_FIRST_EIGHT) && m > 8)
        m = 8; /* a fixed batch of 8 unmaps: the slip drops the rest instead of looping */
    awe_ntstatus st = awl_mapping_apply(ch, m);
    free(ch);
    return st;
}

static awe_ntstatus free_pages(AWL_HANDLE process, uint64_t count, const uint64_t *user_array,
                               uint64_t *freed)
{
    uint64_t *pfns;
    int cap = awl_cap_array(user_array, count, &pfns);  /* F6: all captured up front */
    if (cap != 0)
        return cap == -1 ? AWE_STATUS_ACCESS_VIOLATION : AWE_STATUS_INSUFFICIENT_RESOURCES;
    awe_ntstatus st = awl_handle_check(process);       /* F3 */
    if (st == AWE_STATUS_SUCCESS && !awl_pool_has_bitmap())
        st = AWE_STATUS_INVALID_PARAMETER_1;            /* F4 */
    if (st == AWE_STATUS_SUCCESS) {
        size_t p = f5_owned_prefix(pfns, (size_t)count);
        awe_ntstatus unmapped =
            AWL_MUTANT(FREE_KEEPS_MAPPING) || (AWL_MUTANT(PARTIAL_FREE_KEEPS_MAPPINGS) && p < count)
                ? AWE_STATUS_SUCCESS : f7_unmap_freed(pfns, p);
        if (unmapped != AWE_STATUS_SUCCESS) {
            st = unmapped;                              /* nothing freed */
        } else {
            awl_pool_release(pfns, p);
            *freed = AWL_MUTANT(FREE_COUNT_OFF_BY_ONE) && p < count ? p + 1 : p;
            st = p < count ? AWE_STATUS_CONFLICTING_ADDRESSES : AWE_STATUS_SUCCESS; /* F5/F8 */
        }
    }
    free(pfns);
    return st;
}

static awe_ntstatus free_locked(AWL_HANDLE process, AWL_ULONG_PTR *count_ptr,
                                AWL_ULONG_PTR *pfn_array)
{
    uint64_t count, freed = 0;
    /* F1: probed, read and set to 0 (until the end) in one go */
    if (awl_cap_exchange(count_ptr, &count, &freed, sizeof count))
        return AWE_STATUS_ACCESS_VIOLATION;
    if (count == 0)                                     /* F2 */
        return AWL_MUTANT(FREE_ZERO_COUNT_SUCCEEDS) ? AWE_STATUS_SUCCESS
                                                    : AWE_STATUS_INVALID_PARAMETER_2;
    awe_ntstatus st = free_pages(process, count, pfn_array, &freed);
    awl_cap_write(count_ptr, &freed, sizeof freed);     /* F1: pages actually freed */
    return st;
}

AWL_NTSTATUS AwlNtFreeUserPhysicalPages(AWL_HANDLE ProcessHandle, AWL_ULONG_PTR *NumberOfPages,
                                        AWL_ULONG_PTR *UserPfnArray)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = free_locked(ProcessHandle, NumberOfPages, UserPfnArray);
    awl_leave();
    return st;
}
