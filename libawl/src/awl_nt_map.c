/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_map.c: NtMapUserPhysicalPages (M1..M10) and NtMapUserPhysicalPagesScatter
 * (S1..S9), in the check order of the NT kernel. Every check runs against the state before
 * the call and precedes every change (M7, S7). */
#include <stdlib.h>

#include "awl_capture.h"
#include "awl_internal.h"
#include "awl_mapping.h"
#include "awl_mutants.h"
#include "awl_pool.h"
#include "awl_regions.h"
#include "awl_state.h"

/* One Map or Scatter call, captured: entry i puts pfns[i] (pfns NULL: nothing, an unmap) at
 * page i of Map's range at va, or at Scatter's address vas[i]. */
typedef struct {
    uintptr_t va;
    const uint64_t *vas;
    const uint64_t *pfns;
    size_t n;
    int fresh; /* set by check_pfns: the PFNs ascend and none is mapped anywhere */
} page_list;

/* Where entry i goes. */
static uintptr_t target_of(const page_list *l, size_t i)
{
    return l->vas ? awl_page_down(l->vas[i]) : l->va + i * AWL_PAGE;
}

static awe_ntstatus map_changes(awl_region *r, const page_list *l);
static awe_ntstatus scatter_changes(const page_list *l);

/* M6 / S5: left to right, the first failure wins. A PFN not owned -> CONFLICTING_ADDRESSES;
 * a PFN mapped anywhere (its own target VA included) or listed twice -> INVALID_PARAMETER_3.
 * For Scatter (vas given) a 0 entry is an unmap order and is not checked (S5). */
static awe_ntstatus check_pfns(page_list *l)
{
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    /* A leading part in strictly ascending order (a whole list of consecutive PFNs, as Map
     * is mostly called) is checked in one pass: owned, mapped nowhere, and no repeat within
     * it, so it needs no marks. The mutants of the mapped test below only change the answer
     * for a PFN that is mapped, which this part never accepts; the duplicate mutants need a
     * repeat, which is never ascending. MARKS_OUTLIVE_LONG_LIST lives in the marks this part
     * skips: with it on, every entry takes the marking path, where the slip has always been. */
    size_t i = 0;
    if (!AWL_MUTANT(MARKS_OUTLIVE_LONG_LIST))
        i = awl_pool_ascending_unmapped(l->pfns, l->n);
    l->fresh = i == l->n;
    if (l->fresh)
        return st;
    for (size_t k = 0; k < i; k++)
        awl_pool_mark(l->pfns[k]); /* distinct: the later entries are checked against them */
    for (; i < l->n; i++) {
        uint64_t pfn = l->pfns[i];
        if (pfn == 0 && l->vas != NULL)
            continue;
        if (!awl_pool_owned(pfn)) {
            st = AWL_MUTANT(UNOWNED_PFN_INVALID_PARAMETER) ? AWE_STATUS_INVALID_PARAMETER_3
                                                          : AWE_STATUS_CONFLICTING_ADDRESSES;
            break;
        }
        uintptr_t at = awl_pool_va(pfn);
        if (AWL_MUTANT(MAPPED_CHECK_ONE_REGION) && at != 0 &&
            awl_region_find(at) != awl_region_find(target_of(l, i)))
            at = 0; /* the slip: "mapped" looked up in the target region's own table only */
        if (AWL_MUTANT(PFN_AT_TWO_VAS) && at != target_of(l, i))
            at = 0;
        if (AWL_MUTANT(REMAP_IN_PLACE) && at == target_of(l, i))
            at = 0;
        if (at != 0 || (!AWL_MUTANT(DUPLICATE_PFN_ACCEPTED) && awl_pool_mark(pfn))) {
            st = AWE_STATUS_INVALID_PARAMETER_3;
            break;
        }
    }
    awl_pool_unmark(l->pfns, i);
    if (AWL_MUTANT(MAP_NOT_ATOMIC) && st != AWE_STATUS_SUCCESS && i > 0 && l->vas == NULL)
        map_changes(awl_region_find(l->va), &(page_list){l->va, NULL, l->pfns, i, 0});
    if (AWL_MUTANT(SCATTER_NOT_ATOMIC) && st != AWE_STATUS_SUCCESS && i > 0 && l->vas != NULL)
        scatter_changes(&(page_list){0, l->vas, l->pfns, i, 0});
    return st;
}

static awe_ntstatus capture_status(int rc)
{
    return rc == -1 ? AWE_STATUS_ACCESS_VIOLATION : AWE_STATUS_INSUFFICIENT_RESOURCES;
}

/* ---- Map ---- */

/* The changes of a Map on [va, va + n pages) of region r: every page for a PFN list,
 * the mapped pages only for the unmap form (M8), which all lie in the region's [lo, hi). */
static awe_ntstatus map_changes(awl_region *r, const page_list *l)
{
    uintptr_t va = l->va;
    size_t n = l->n;
    const uint64_t *pfns = l->pfns;
    size_t first = (size_t)((va - r->base) / AWL_PAGE), from = 0, to = n;
    if (pfns == NULL) {
        if (r->mapped == 0)
            return AWE_STATUS_SUCCESS;
        from = r->lo > first ? r->lo - first : 0;
        to = r->hi > first ? r->hi - first : 0;
        to = to < n ? to : n;
        if (AWL_MUTANT(WINDOW_MISSES_LAST_PAGE) && first + to == r->pages && to > from)
            to--; /* the slip: the end clamped to the region's last index, as if inclusive */
    }
    /* The common Map: PFNs p, p+1, ... none of them mapped anywhere (so each page changes,
     * M9) is one mmap with nothing to roll back. With REMAP_KEEPS_OLD_PAGE the slip keeps
     * the slots that hold a PFN, which breaks the run: the general path below. */
    if (l->fresh && pfns[n - 1] - pfns[0] == n - 1 && !AWL_MUTANT(REMAP_KEEPS_OLD_PAGE))
        return awl_mapping_place_run(r, va, n, pfns[0]);
    size_t m = pfns != NULL ? n : 0;
    for (size_t i = from; i < to && pfns == NULL; i++)
        m += awl_region_pfn_at(r, va + i * AWL_PAGE) != 0;
    if (m == 0)
        return AWE_STATUS_SUCCESS;
    awl_change *ch = malloc(m * sizeof *ch);
    if (ch == NULL)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    m = 0;
    for (size_t i = from; i < to; i++) {
        uintptr_t at = target_of(l, i);
        uint64_t have = awl_region_pfn_at(r, at), want = pfns ? pfns[i] : 0;
        if (want == have || (AWL_MUTANT(REMAP_KEEPS_OLD_PAGE) && want != 0 && have != 0))
            continue;
        ch[m++] = (awl_change){at, want, have, have, r}; /* M9: have is displaced */
    }
    awe_ntstatus st = awl_mapping_apply(ch, m);
    free(ch);
    return st;
}

static awe_ntstatus map_locked(uintptr_t va, uint64_t n, const AWL_ULONG_PTR *user_pfns)
{
    if (n > AWE_MAXULONG_PTR / AWE_PAGE_SIZE)
        return AWE_STATUS_INVALID_PARAMETER_2;            /* M1 */
    if (AWL_MUTANT(UNALIGNED_ADDRESS_REJECTED) && (va & AWL_PAGE_MASK))
        return AWE_STATUS_INVALID_PARAMETER_1;
    va = awl_page_down(va);
    uintptr_t last = va + (uintptr_t)n * AWL_PAGE - 1u;
    if (last <= va)                                       /* M2 */
        return AWL_MUTANT(MAP_ZERO_COUNT_SUCCEEDS) && n == 0 ? AWE_STATUS_SUCCESS
                                                             : AWE_STATUS_INVALID_PARAMETER_2;
    uint64_t *pfns = NULL;
    if (user_pfns != NULL) {
        if (n == 0)
            return AWE_STATUS_SUCCESS;                    /* M2 */
        int rc = awl_cap_array(user_pfns, n, &pfns);
        if (rc != 0)
            return capture_status(rc);                    /* M3 */
    }
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    awl_region *r = NULL;
    page_list l = {va, NULL, pfns, (size_t)n, 0};
    if (!awl_pool_has_bitmap())
        st = AWE_STATUS_INVALID_PARAMETER_1;              /* M4 */
    else if ((r = awl_region_find_awe(va, last)) == NULL)
        st = AWE_STATUS_INVALID_PARAMETER_1;              /* M5 */
    else if (pfns != NULL)
        st = check_pfns(&l);                              /* M6 */
    if (st == AWE_STATUS_SUCCESS)
        st = map_changes(r, &l);                          /* M7..M9 */
    free(pfns);
    return st;
}

AWL_NTSTATUS AwlNtMapUserPhysicalPages(AWL_PVOID VirtualAddress, AWL_ULONG_PTR NumberOfPages,
                                       AWL_ULONG_PTR *UserPfnArray)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = map_locked((uintptr_t)VirtualAddress, NumberOfPages, UserPfnArray);
    awl_leave();
    return st;
}

/* ---- Scatter ---- */

typedef struct {
    uintptr_t va; /* page */
    size_t index; /* position in the caller's arrays */
} scatter_entry;

static int by_va_then_index(const void *a, const void *b)
{
    const scatter_entry *x = a, *y = b;
    if (x->va != y->va)
        return (x->va > y->va) - (x->va < y->va);
    if (AWL_MUTANT(SCATTER_DUPLICATE_FIRST_WINS))
        return (x->index < y->index) - (x->index > y->index);
    return (x->index > y->index) - (x->index < y->index);
}

/* S4: every address (any byte of a page) inside some AWE region, all before any PFN. */
static awe_ntstatus s4_check_addresses(const uint64_t *vas, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (awl_region_find_awe(vas[i], vas[i]) == NULL ||
            (AWL_MUTANT(SCATTER_SINGLE_REGION) &&
             awl_region_find(vas[i]) != awl_region_find(vas[0]))) /* slip: M5 reused */
            return AWE_STATUS_INVALID_PARAMETER_1;
    return AWE_STATUS_SUCCESS;
}

/* S8: entries apply in array order, so for an address listed more than once the last entry
 * decides; an earlier PFN placed there ends unmapped, as it started (M6/S5). The net effect
 * is one change per distinct page. */
static awe_ntstatus scatter_changes(const page_list *l)
{
    const uint64_t *pfns = l->pfns;
    size_t n = l->n;
    scatter_entry *e = malloc(n * sizeof *e);
    awl_change *ch = malloc(n * sizeof *ch);
    awe_ntstatus st = AWE_STATUS_INSUFFICIENT_RESOURCES;
    if (e != NULL && ch != NULL) {
        for (size_t i = 0; i < n; i++)
            e[i] = (scatter_entry){target_of(l, i), i};
        qsort(e, n, sizeof *e, by_va_then_index);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 1 < n && e[i + 1].va == e[i].va)
                continue; /* a later entry for the same page wins */
            awl_region *r = awl_region_find(e[i].va);
            uint64_t have = awl_region_pfn_at(r, e[i].va), want = pfns ? pfns[e[i].index] : 0;
            if (want == have || (AWL_MUTANT(SCATTER_ZERO_NOT_UNMAPPING) && pfns && want == 0))
                continue;
            ch[m++] = (awl_change){e[i].va, want, have, have, r};
        }
        st = awl_mapping_apply(ch, m);
    }
    free(e);
    free(ch);
    return st;
}

static awe_ntstatus scatter_checked(const uint64_t *vas, size_t n, const AWL_ULONG_PTR *user_pfns)
{
    uint64_t *pfns = NULL;
    if (user_pfns != NULL) {
        int rc = awl_cap_array(user_pfns, n, &pfns);
        if (rc != 0)
            return capture_status(rc);                   /* S2 */
    }
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    page_list l = {0, vas, pfns, n, 0};
    if (!awl_pool_has_bitmap())
        st = AWE_STATUS_INVALID_PARAMETER_1;             /* S3 */
    else
        st = s4_check_addresses(vas, n);                 /* S4 */
    if (st == AWE_STATUS_SUCCESS && pfns != NULL)
        st = check_pfns(&l);                             /* S5 */
    if (st == AWE_STATUS_SUCCESS)
        st = scatter_changes(&l);                        /* S6..S8 */
    free(pfns);
    return st;
}

static awe_ntstatus scatter_locked(AWL_PVOID *user_vas, uint64_t n, const AWL_ULONG_PTR *user_pfns)
{
    if (n > AWE_MAXULONG_PTR / AWE_PAGE_SIZE)
        return AWE_STATUS_INVALID_PARAMETER_2;           /* S1 */
    uint64_t *vas;
    int rc = awl_cap_array(user_vas, n, &vas);
    if (rc != 0)
        return capture_status(rc);                       /* S2 */
    if (n == 0)                                          /* S2 */
        return AWL_MUTANT(SCATTER_ZERO_COUNT_INVALID) ? AWE_STATUS_INVALID_PARAMETER_2
                                                      : AWE_STATUS_SUCCESS;
    awe_ntstatus st = scatter_checked(vas, (size_t)n, user_pfns);
    free(vas);
    return st;
}

AWL_NTSTATUS AwlNtMapUserPhysicalPagesScatter(AWL_PVOID *VirtualAddresses,
                                              AWL_ULONG_PTR NumberOfPages,
                                              AWL_ULONG_PTR *UserPfnArray)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = scatter_locked(VirtualAddresses, NumberOfPages, UserPfnArray);
    awl_leave();
    return st;
}
