/* SPDX-License-Identifier: Apache-2.0 */
/* awl_mapping.c: applying page changes with coalesced mmap calls, all or nothing
 * (see awl_mapping.h). */
#include "awl_mapping.h"

#include <errno.h>
#include <sys/mman.h>

#include "awl_internal.h"
#include "awl_mutants.h"
#include "awl_pageinfo.h"
#include "awl_pool.h"
#include "awl_spare.h"
#include "awl_sys.h"

/* Unmapped gaps up to this many pages are bridged by one PROT_NONE mapping. */
#define MAX_BRIDGE 256u

/* Puts `pfn`, pfn+1, ... (or nothing, pfn 0) at `pages` pages from va: one mmap. */
static int place(uintptr_t va, size_t pages, uint64_t pfn)
{
    void *at = (void *)va, *got;
    size_t len = pages * AWL_PAGE;
    if (pfn == 0)
        got = awl_sys_mmap(at, len, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    else {
        awl_pool_touch(pfn, pages);
        got = awl_sys_mmap(at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                           awl_pool_fd(), awl_pool_offset(pfn));
    }
    return got == MAP_FAILED ? -1 : 0;
}

/* Every page strictly between a and b is unmapped and outside the change list, so a
 * PROT_NONE mapping may cover it unchanged. */
static int gap_unmapped(const awl_change *a, const awl_change *b)
{
    if (a->region != b->region || b->va - a->va > (MAX_BRIDGE + 1) * AWL_PAGE)
        return 0;
    if (AWL_MUTANT(UNMAP_BRIDGE_OVER_MAPPED))
        return 1; /* the slip: a gap within the bridge limit is taken to be unmapped */
    for (uintptr_t va = a->va + AWL_PAGE; va < b->va; va += AWL_PAGE)
        if (awl_region_pfn_at(a->region, va) != 0)
            return 0;
    return 1;
}

/* Can one mmap carry page b right after page a, with PFNs pa then pb there? */
static int joins(const awl_change *a, const awl_change *b, uint64_t pa, uint64_t pb)
{
    if (pa == 0 && pb == 0)
        return b->va == a->va + AWL_PAGE || gap_unmapped(a, b);
    int next = pb == pa + 1 || (AWL_MUTANT(DESCENDING_RUN_SHIFTED) && pb + 1 == pa);
    return pa != 0 && next && b->va == a->va + AWL_PAGE;
}

static size_t span_pages(const awl_change *first, const awl_change *last)
{
    return (size_t)((last->va - first->va) / AWL_PAGE) + 1;
}

/* Restores one run of `have` values, giving spare VMA slots back when the kernel is at
 * its mapping limit. -1 only when even that does not help. */
static int restore(const awl_change *first, const awl_change *last)
{
    while (place(first->va, span_pages(first, last), first->have)) {
        if (errno != ENOMEM || awl_spare_release_one())
            return -1;
    }
    /* The run is back read-write; a page protected before the call gets that again (P9). */
    const awl_region *r = first->region;
    if (first->have == 0 || r->info == NULL)
        return 0;
    return awl_pageinfo_reapply(first->va, r->info + (first->va - r->base) / AWL_PAGE,
                                span_pages(first, last));
}

/* Puts back ch[0..upto) (all applied), newest first. */
static void rollback(awl_change *ch, size_t upto)
{
    size_t end = upto;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && joins(&ch[start - 1], &ch[start], ch[start - 1].have, ch[start].have))
            start--;
        if (restore(&ch[start], &ch[end - 1]))
            return; /* cannot happen short of the kernel refusing its own layout */
        for (size_t k = start; k < end; k++)
            ch[k].cur = ch[k].have;
        end = start;
    }
}

/* Entries from ch[i] on that changed (cur != have) and continue ch[i]'s run: PFNs have,
 * have+1, ... (displaced, by_have) or, same region and next page, PFNs cur, cur+1, ... or all
 * unmapped (placed). One table call per run instead of one per page. */
static size_t changed_run(const awl_change *ch, size_t n, size_t i, int by_have)
{
    size_t j = i + 1;
    for (; j < n && ch[j].cur != ch[j].have; j++) {
        const awl_change *a = &ch[j - 1], *b = &ch[j];
        if (by_have ? b->have != a->have + 1
                    : b->region != a->region || b->va != a->va + AWL_PAGE ||
                          (a->cur == 0 ? b->cur != 0 : b->cur != a->cur + 1))
            break;
    }
    return j - i;
}

/* The tables follow what the kernel holds: first every displaced PFN leaves, then every
 * placed one arrives (so PFN -> VA stays injective throughout, M6). */
static void commit_tables(const awl_change *ch, size_t n)
{
    for (size_t i = 0, run; i < n; i += run) {
        run = 1;
        if (ch[i].cur == ch[i].have || ch[i].have == 0)
            continue;
        run = changed_run(ch, n, i, 1);
        awl_pool_set_va_run(ch[i].have, run, 0);
    }
    for (size_t i = 0, run; i < n; i += run) {
        run = 1;
        if (ch[i].cur == ch[i].have)
            continue;
        run = changed_run(ch, n, i, 0);
        awl_region_set_pfn_run(ch[i].region, ch[i].va, run, ch[i].cur);
        if (AWL_MUTANT(DISPLACED_PAGE_ZEROED)) /* the slip: a displaced PFN zeroed as if freed */
            for (size_t k = i; k < i + run; k++)
                if (ch[k].have != 0 && ch[k].cur != 0)
                    awl_sys_punch(awl_pool_fd(), awl_pool_offset(ch[k].have), (off_t)AWL_PAGE);
        if (ch[i].cur != 0)
            awl_pool_set_va_run(ch[i].cur, run, ch[i].va);
    }
}

awe_ntstatus awl_mapping_apply(awl_change *ch, size_t n)
{
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    for (size_t i = 0; i < n; i++)
        ch[i].cur = ch[i].have;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && joins(&ch[j - 1], &ch[j], ch[j - 1].want, ch[j].want))
            j++;
        if (place(ch[i].va, span_pages(&ch[i], &ch[j - 1]), ch[i].want)) {
            if (!AWL_MUTANT(FAULT_NO_ROLLBACK))
                rollback(ch, i);
            st = AWE_STATUS_INSUFFICIENT_RESOURCES;
            break;
        }
        for (size_t k = i; k < j; k++)
            ch[k].cur = ch[k].want;
        i = j;
    }
    commit_tables(ch, n);
    return st;
}

awe_ntstatus awl_mapping_place_run(awl_region *r, uintptr_t va, size_t n, uint64_t pfn)
{
    if (place(va, n, pfn))
        return AWE_STATUS_INSUFFICIENT_RESOURCES; /* the only call: nothing to put back */
    /* The tables as commit_tables leaves them: the displaced PFNs leave, then the run arrives
     * (a run's PFNs are mapped nowhere, so PFN -> VA stays injective, M6). */
    const uint64_t *old = r->pfn + (va - r->base) / AWL_PAGE;
    if (AWL_MUTANT(DISPLACED_PAGE_ZEROED)) /* the slip: a displaced PFN zeroed as if freed */
        for (size_t k = 0; k < n; k++)
            if (old[k] != 0)
                awl_sys_punch(awl_pool_fd(), awl_pool_offset(old[k]), (off_t)AWL_PAGE);
    awl_pool_clear_va(old, n);
    awl_region_set_pfn_run(r, va, n, pfn);
    awl_pool_set_va_run(pfn, n, va);
    return AWE_STATUS_SUCCESS;
}
