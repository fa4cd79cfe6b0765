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
    else
        got = awl_sys_mmap(at, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                           awl_pool_fd(), awl_pool_offset(pfn));
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

/* The tables follow what the kernel holds: first every displaced PFN leaves, then every
 * placed one arrives (so PFN -> VA stays injective throughout). */
static void commit_tables(const awl_change *ch, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ch[i].cur != ch[i].have && ch[i].have != 0)
            awl_pool_set_va(ch[i].have, 0);
    for (size_t i = 0; i < n; i++) {
        if (ch[i].cur == ch[i].have)
            continue;
        awl_region_set_pfn(ch[i].region, ch[i].va, ch[i].cur);
        if (AWL_MUTANT(DISPLACED_PAGE_ZEROED) && ch[i].have != 0 && ch[i].cur != 0) /* the slip: */
            awl_sys_punch(awl_pool_fd(), awl_pool_offset(ch[i].have), (off_t)AWL_PAGE); /* freed */
        if (ch[i].cur != 0)
            awl_pool_set_va(ch[i].cur, ch[i].va);
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
