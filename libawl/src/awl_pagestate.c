/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pagestate.c: state, protection and runs of a region's pages (see awl_pagestate.h). */
#include "awl_pagestate.h"

#include "awl_internal.h"
#include "awl_pageinfo.h"

uint32_t awl_page_state(const awl_region *r, size_t i)
{
    if (r->kind == AWL_REGION_AWE)
        return r->mapped != 0 && r->pfn[i] != 0 ? AWE_MEM_COMMIT : AWE_MEM_RESERVE;
    return (r->info[i] & AWL_INFO_PROTECT) ? AWE_MEM_COMMIT : AWE_MEM_RESERVE;
}

uint32_t awl_page_protect(const awl_region *r, size_t i)
{
    if (r->kind == AWL_REGION_PLAIN)
        return r->info[i] & AWL_INFO_PROTECT;
    if (r->mapped == 0 || r->pfn[i] == 0)
        return 0;                                        /* Q5 */
    uint32_t p = r->info ? (r->info[i] & AWL_INFO_PROTECT) : 0;
    return p ? p : AWE_PAGE_READWRITE;                   /* Q6, P11 */
}

size_t awl_page_run(const awl_region *r, size_t i)
{
    size_t end = r->pages;
    if (r->kind == AWL_REGION_AWE) {
        /* Outside [lo, hi) nothing is mapped: no need to read those table entries. The window
         * only bounds the mapped pages (it does not shrink on unmaps): an unmapped run below
         * it goes on into it. */
        if (r->mapped == 0 || i >= r->hi)
            return end - i;
    }
    uint32_t state = awl_page_state(r, i), protect = awl_page_protect(r, i);
    size_t j = i + 1;
    if (r->kind == AWL_REGION_AWE && j < r->lo)
        j = r->lo;
    size_t stop = r->kind == AWL_REGION_AWE ? r->hi : end;
    while (j < stop && awl_page_state(r, j) == state && awl_page_protect(r, j) == protect)
        j++;
    if (j == stop && state == AWE_MEM_RESERVE)
        j = end; /* AWE: an unmapped run that reaches hi goes on to the end */
    return j - i;
}

int awl_page_info_ensure(awl_region *r)
{
    if (r->info == NULL)
        r->info = awl_pageinfo_new(r->pages);
    return r->info ? 0 : -1;
}

void awl_page_commit(awl_region *r, size_t i, size_t n, uint32_t protect)
{
    for (size_t k = i; k < i + n; k++)
        r->info[k] = (uint16_t)((r->info[k] & AWL_INFO_LOCKED) | (protect & AWL_INFO_PROTECT));
}

void awl_page_decommit(awl_region *r, size_t i, size_t n)
{
    for (size_t k = i; k < i + n; k++)
        r->info[k] = 0;
}
