/* SPDX-License-Identifier: Apache-2.0 */
/* awl_regions.c: the region table, reservations and the per-region PFN tables
 * (see awl_regions.h). */
#include "awl_regions.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "awl_internal.h"
#include "awl_mutants.h"
#include "awl_pageinfo.h"
#include "awl_placement.h"
#include "awl_pool.h"
#include "awl_spare.h"
#include "awl_sys.h"

/* PFN tables up to this size come from calloc; larger ones are lazily backed mmaps so a
 * huge window reservation costs address space, not memory. */
#define TABLE_CALLOC_MAX (64u * 1024u)

static struct {
    awl_region **v; /* sorted by base */
    size_t n, cap;
} regions;

size_t awl_region_count(void) { return regions.n; }
awl_region *awl_region_at(size_t i) { return i < regions.n ? regions.v[i] : NULL; }

/* Index of the first region whose last byte is >= va. */
static size_t lower_bound(uintptr_t va)
{
    size_t lo = 0, hi = regions.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (awl_region_last(regions.v[mid]) < va)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

awl_region *awl_region_find(uintptr_t va)
{
    size_t i = lower_bound(va);
    if (i < regions.n && regions.v[i]->base <= va)
        return regions.v[i];
    return NULL;
}

awl_region *awl_region_find_awe(uintptr_t first, uintptr_t last)
{
    awl_region *r = awl_region_find(first);
    if (r == NULL || r->kind != AWL_REGION_AWE || last < first ||
        last > awl_region_last(r) - (AWL_MUTANT(RANGE_END_OFF_BY_ONE) ? AWL_PAGE : 0))
        return NULL;
    if (AWL_MUTANT(REGION_LOOKUP_TOP_ONLY) && r != regions.v[regions.n - 1])
        return NULL; /* the slip: a search from the top that gives up after one region */
    if (AWL_MUTANT(RANGE_CHECK_FIRST_REGION_SIZE) &&
        last - r->base >= regions.v[0]->pages * AWL_PAGE)
        return NULL; /* the slip: table entry 0's size; only ever refusing, so memory-safe */
    return r;
}

int awl_region_overlaps(uintptr_t first, uintptr_t last)
{
    size_t i = lower_bound(first);
    return i < regions.n && regions.v[i]->base <= last;
}

static size_t page_index(const awl_region *r, uintptr_t va)
{
    return (size_t)((va - r->base) / AWL_PAGE);
}

void awl_region_set_pfn_run(awl_region *r, uintptr_t va, size_t count, uint64_t pfn)
{
    if (count == 0)
        return;
    size_t first = page_index(r, va);
    uint64_t *slot = r->pfn + first;
    size_t was = 0;
    for (size_t k = 0; k < count; k++) /* count, then store: both loops vectorize */
        was += slot[k] != 0;
    if (pfn == 0)
        memset(slot, 0, count * sizeof *slot);
    else
        for (size_t k = 0; k < count; k++)
            slot[k] = pfn + k;
    r->mapped = r->mapped - was + (pfn ? count : 0);
    /* P11: unmapped or remapped, the page is read-write (or nothing) */
    if (r->info)
        memset(r->info + first, 0, count * sizeof *r->info);
    if (pfn == 0)
        return;
    if (r->lo == r->hi) {
        r->lo = first;
        r->hi = first + count;
    } else {
        r->lo = first < r->lo ? first : r->lo;
        r->hi = first + count > r->hi ? first + count : r->hi;
    }
}

size_t awl_region_segments(const awl_region *r)
{
    if (r->kind != AWL_REGION_AWE || r->mapped == 0)
        return 1;
    /* [0, lo) and [hi, pages) are unmapped; count runs inside [lo, hi). */
    size_t runs = 0;
    uint64_t prev = 0;
    int prev_known = 0;
    if (r->lo > 0) {
        prev_known = 1;
        prev = 0;
        runs = 1;
    }
    for (size_t i = r->lo; i < r->hi; i++) {
        uint64_t p = r->pfn[i];
        int joins = prev_known && ((p == 0 && prev == 0) || (p != 0 && prev != 0 && p == prev + 1));
        if (!joins)
            runs++;
        prev = p;
        prev_known = 1;
    }
    if (r->hi < r->pages && prev != 0)
        runs++;
    return runs;
}

/* ---- creation and release ---- */

static int make_room(void)
{
    if (regions.n < regions.cap)
        return 0;
    size_t cap = regions.cap ? regions.cap * 2 : 16;
    awl_region **v = realloc(regions.v, cap * sizeof *v);
    if (v == NULL)
        return -1;
    regions.v = v;
    regions.cap = cap;
    return 0;
}

static int alloc_table(awl_region *r)
{
    size_t bytes = r->pages * sizeof *r->pfn;
    if (bytes <= TABLE_CALLOC_MAX) {
        r->pfn = calloc(r->pages, sizeof *r->pfn);
        return r->pfn ? 0 : -1;
    }
    void *p = awl_sys_mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    r->pfn = p;
    r->pfn_mmapped = 1;
    return 0;
}

static void free_table(awl_region *r)
{
    if (r->pfn_mmapped) {
        /* Past the point of no return of whatever call frees it: housekeeping. */
        awl_sys_quiet_begin();
        awl_sys_munmap(r->pfn, r->pages * sizeof *r->pfn);
        awl_sys_quiet_end();
    } else {
        free(r->pfn);
    }
    r->pfn = NULL;
}

static void destroy(awl_region *r)
{
    if (r->pfn)
        free_table(r);
    awl_pageinfo_free(r->info, r->pages);
    free(r);
}

/* Exact placement that never replaces a foreign mapping. */
static awe_ntstatus map_exact(uintptr_t at, size_t bytes, int prot, uintptr_t *got)
{
    awl_placement_unhold(at, bytes);
    void *p = awl_sys_mmap((void *)at, bytes, prot,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED)
        return errno == EEXIST ? AWE_STATUS_CONFLICTING_ADDRESSES : AWE_STATUS_INSUFFICIENT_RESOURCES;
    if ((uintptr_t)p != at) { /* a kernel without MAP_FIXED_NOREPLACE treated it as a hint */
        awl_sys_munmap(p, bytes);
        return AWE_STATUS_CONFLICTING_ADDRESSES;
    }
    *got = at;
    return AWE_STATUS_SUCCESS;
}

/* Anywhere, 64K aligned: over-reserve, then trim. A failed trim is harmless: the slack
 * stays part of the reservation (map_base/map_len) and goes with it. A placement guard
 * (awl_placement.h) stays too, inaccessible, after the region's end. */
static awe_ntstatus map_anywhere(awl_region *r, size_t bytes, int prot, uintptr_t top)
{
    size_t guard = awl_placement_guard();
    size_t over = bytes + guard + AWL_GRANULARITY - AWL_PAGE;
    if (over < bytes + guard)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    void *hint = NULL;
    if (top < AWL_HIGHEST_USER && top > over)
        hint = (void *)((top + 1 - over) & ~(AWL_GRANULARITY - 1));
    void *p = awl_sys_mmap(hint, over, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    uintptr_t start = (uintptr_t)p, base = (start + AWL_GRANULARITY - 1) & ~(AWL_GRANULARITY - 1);
    if (base + bytes - 1 > top) {
        awl_sys_munmap(p, over);
        return AWE_STATUS_NO_MEMORY; /* NT: the range found does not honour ZeroBits */
    }
    r->map_base = start;
    r->map_len = over;
    uintptr_t end = base + bytes + guard, map_end = start + over;
    /* plain mprotect: the guard is the harness's layout, not a system call fault injection
     * counts (the committed traces' fault positions stay where they are) */
    if (guard && prot != PROT_NONE && mprotect((void *)(base + bytes), guard, PROT_NONE)) {
        awl_sys_munmap(p, over);
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    }
    if (base > start && awl_sys_munmap(p, base - start) == 0) {
        r->map_base = base;
        r->map_len = map_end - base;
    }
    if (map_end > end && awl_sys_munmap((void *)end, map_end - end) == 0)
        r->map_len = end - r->map_base;
    r->base = base;
    return AWE_STATUS_SUCCESS;
}

static void insert(awl_region *r)
{
    size_t i = lower_bound(r->base);
    memmove(regions.v + i + 1, regions.v + i, (regions.n - i) * sizeof *regions.v);
    regions.v[i] = r;
    regions.n++;
}

awe_ntstatus awl_region_reserve(uintptr_t at, size_t bytes, int prot, awl_region_kind kind,
                                uintptr_t top, awl_region **out)
{
    awl_region *r = calloc(1, sizeof *r);
    if (r == NULL || make_room()) {
        free(r);
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    }
    r->pages = bytes / AWL_PAGE;
    r->kind = kind;
    if ((kind == AWL_REGION_AWE && alloc_table(r)) ||
        (kind == AWL_REGION_PLAIN && (r->info = awl_pageinfo_new(r->pages)) == NULL)) {
        destroy(r);
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    }
    awe_ntstatus st;
    if (at != 0) {
        st = map_exact(at, bytes, prot, &r->base);
        r->map_base = r->base;
        r->map_len = bytes;
    } else {
        st = map_anywhere(r, bytes, prot, top);
    }
    if (st != AWE_STATUS_SUCCESS) {
        destroy(r);
        return st;
    }
    insert(r);
    *out = r;
    return AWE_STATUS_SUCCESS;
}

static void remove_at(size_t i)
{
    memmove(regions.v + i, regions.v + i + 1, (regions.n - i - 1) * sizeof *regions.v);
    regions.n--;
}

/* V6: the region's PFNs become unmapped; they stay owned and keep their data (C1). */
static void forget_mappings(awl_region *r)
{
    for (size_t i = r->lo; i < r->hi && r->mapped > 0; i++) {
        if (r->pfn[i] == 0)
            continue;
        awl_pool_set_va(r->pfn[i], 0);
        if (AWL_MUTANT(RELEASE_ZEROES_FRAMES)) /* the slip: release handled like a decommit */
            awl_sys_punch(awl_pool_fd(), awl_pool_offset(r->pfn[i]), (off_t)AWL_PAGE);
        if (AWL_MUTANT(RELEASE_FREES_PAGES))
            awl_pool_release(&r->pfn[i], 1);
        r->pfn[i] = 0;
        r->mapped--;
    }
}

awe_ntstatus awl_region_release(awl_region *r)
{
    if (AWL_MUTANT(RELEASE_KEEPS_MAPPINGS) && r->mapped != 0)
        return AWE_STATUS_SUCCESS;
    /* One call: it either removes (or holds) the whole reservation or changes nothing. */
    int held = awl_placement_hold(r->map_base, r->map_len);
    if (held < 0 || (held > 0 && awl_sys_munmap((void *)r->map_base, r->map_len)))
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    if (r->kind == AWL_REGION_AWE)
        forget_mappings(r);
    remove_at(lower_bound(r->base));
    destroy(r);
    return AWE_STATUS_SUCCESS;
}

void awl_regions_reset(void)
{
    for (size_t i = 0; i < regions.n; i++) {
        awl_region *r = regions.v[i];
        /* At the mapping limit the unmap may need a slot to split a neighbour: use spares. */
        while (awl_sys_munmap((void *)r->map_base, r->map_len) != 0 && errno == ENOMEM &&
               awl_spare_release_one() == 0)
            ;
        destroy(r);
    }
    free(regions.v);
    memset(&regions, 0, sizeof regions);
    awl_placement_reset();
}
