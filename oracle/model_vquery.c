/* SPDX-License-Identifier: Apache-2.0 */
/* model_vquery.c: VirtualQuery / NtQueryVirtualMemory(MemoryBasicInformation) (Q1..Q9). The
 * argument checks run in NtQueryVirtualMemory's order (Q1); a success describes the run of
 * pages sharing the queried page's (State, Protect) up to the end of its allocation (Q7), or
 * the free range after a released region or a region's end (Q8). A query changes nothing
 * (Q2), and the model, applying one call at a time, answers as of the last completed call:
 * the quiescent points Q9 restricts comparison to. */
#include <string.h>

#include "model_internal.h"

#define ALL_FIELDS                                                                          \
    (AWE_MBI_F_BASE | AWE_MBI_F_ALLOC_BASE | AWE_MBI_F_ALLOC_PROTECT | AWE_MBI_F_SIZE |      \
     AWE_MBI_F_STATE | AWE_MBI_F_PROTECT | AWE_MBI_F_TYPE)

static void fail(awe_expect *e, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, AWE_RULE_Q1, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_Q2, AWE_EV_NT52); /* a query never changes anything */
}

/* Q1, in order; 1 when a check decided the call. */
static int check_args(awe_handle_kind handle, uint64_t address, const awe_buf *buf,
                      uint64_t length, const awe_buf *retlen, awe_expect *e)
{
    if (length < AWE_MBI_SIZE) {
        fail(e, AWE_STATUS_INFO_LENGTH_MISMATCH, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    /* The whole length is probed, not just the MBI; ReturnLength is a SIZE_T. The model has
     * no notion of misaligned buffers (DATATYPE_MISALIGNMENT): awe_buf cannot describe one. */
    if (!buf_writable(buf, length) ||
        (retlen && retlen->kind != AWE_BUF_NULL && !buf_writable(retlen, sizeof(uint64_t)))) {
        fail(e, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (address > AWE_HIGHEST_USER_ADDRESS) { /* failing with 87 is documented */
        fail(e, AWE_STATUS_INVALID_PARAMETER, AWE_EV_DOC, AWE_EV_NT52);
        return 1;
    }
    /* PROCESS_QUERY_INFORMATION: the real handles the executor opens grant only
     * PROCESS_QUERY_LIMITED_INFORMATION, which the NT52 kernel does not know. */
    awe_ntstatus st = model_handle_status(handle);
    if (handle == AWE_HANDLE_SELF)
        st = AWE_STATUS_ACCESS_DENIED;
    if (st != AWE_STATUS_SUCCESS) {
        fail(e, st, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

/* Q4..Q6: the (State, Protect) pair of one page of a live region. */
static void page_pair(const awe_model *m, const awe_region_info *r, uint64_t vpn,
                      uint32_t *state, uint32_t *protect)
{
    if (r->kind == AWE_REGION_AWE) {
        const model_slot *s = slot_find(m, vpn);
        *protect = s ? s->protect : 0;
    } else {
        *protect = plain_page_protect(m, r, vpn, NULL);
    }
    *state = *protect ? AWE_MEM_COMMIT : AWE_MEM_RESERVE;
}

/* Q7: the first page after vpn, up to the region's end, whose pair differs. Walks the pages
 * with an entry (AWE slots, plain entries) when there are fewer of them than pages left, since
 * a page with no entry has the region's default pair: a huge region costs nothing. */
static uint64_t run_end(const awe_model *m, const awe_region_info *r, uint64_t vpn,
                        uint32_t state, uint32_t protect)
{
    uint64_t end = vpn_of(r->base) + r->pages;
    const model_table *t = r->kind == AWE_REGION_AWE ? &m->slots : &m->plain_pages;
    if (end - vpn <= t->count) {
        for (uint64_t v = vpn + 1; v < end; v++) {
            uint32_t st, pr;
            page_pair(m, r, v, &st, &pr);
            if (st != state || pr != protect)
                return v;
        }
        return end;
    }
    /* The default pair holds for every page without an entry; the run ends at the first
     * page after vpn that differs, whether it has an entry or not. */
    uint32_t dst, dpr;
    if (r->kind == AWE_REGION_AWE) {
        dst = AWE_MEM_RESERVE;
        dpr = 0;
    } else {
        const model_plain_region *rec = table_find(&m->plain_regions, r->base);
        dpr = rec ? rec->protect : 0;
        dst = dpr ? AWE_MEM_COMMIT : AWE_MEM_RESERVE;
    }
    int default_differs = dst != state || dpr != protect;
    uint64_t best = end;
    /* Pages with an entry whose pair differs end the run where they are. */
    for (size_t i = 0; i < t->count; i++) {
        uint64_t v = *(const uint64_t *)table_at(t, i); /* every item starts with its key */
        if (v <= vpn || v >= best)
            continue;
        uint32_t st, pr;
        page_pair(m, r, v, &st, &pr);
        if (st != state || pr != protect)
            best = v;
    }
    if (!default_differs)
        return best;
    /* The first page after vpn without an entry has the (different) default pair. */
    for (uint64_t v = vpn + 1; v < best; v++)
        if (!table_find(t, v))
            return v;
    return best;
}

static void describe_region(const awe_model *m, const awe_region_info *r, uint64_t va,
                            awe_mbi *mbi, awe_mbi_fields *f)
{
    uint64_t vpn = vpn_of(va);
    uint32_t state, protect;
    page_pair(m, r, vpn, &state, &protect);
    mbi->base_address = page_of(va);   /* Q3 */
    mbi->allocation_base = r->base;    /* Q4 */
    mbi->type = AWE_MEM_PRIVATE;
    mbi->state = state;                /* Q5, Q6 */
    mbi->protect = protect;
    mbi->region_size = (run_end(m, r, vpn, state, protect) - vpn) << AWE_PAGE_SHIFT; /* Q7 */
    f->compare = ALL_FIELDS;
    if (r->kind == AWE_REGION_AWE) {
        mbi->allocation_protect = AWE_PAGE_READWRITE; /* Q4 */
        /* BaseAddress (Q3) and AllocationBase (Q4) are documented; the rest is NT52 */
        f->soft = ALL_FIELDS & ~(unsigned)(AWE_MBI_F_BASE | AWE_MBI_F_ALLOC_BASE);
    } else {
        /* Ordinary committed or reserved private memory: VirtualQuery's documented fields */
        mbi->allocation_protect = plain_alloc_protect(m, r);
        f->soft = 0;
    }
}

/* The first granule boundary at or after va. */
static uint64_t granule_up(uint64_t va)
{
    return (va + AWE_ALLOC_GRANULARITY - 1u) & ~(uint64_t)(AWE_ALLOC_GRANULARITY - 1u);
}

/* Q8: memory the model knows to be free at va: past a live region's end inside its last
 * granule (nothing else can be reserved there), or inside the granules of a released region
 * that no live region has taken again. *span_end: where that knowledge ends. */
static int known_free(const awe_model *m, uint64_t va, uint64_t *span_end)
{
    uint64_t g = va & ~(uint64_t)(AWE_ALLOC_GRANULARITY - 1u);
    const awe_region_info *tail = regions_overlap(&m->live, g, va);
    if (tail && region_last_byte(tail) < va) { /* va lies in tail's last granule */
        *span_end = granule_up(region_last_byte(tail) + 1u);
        return 1;
    }
    const awe_region_info *rel = regions_find_released(&m->released, va);
    if (!rel)
        rel = regions_find_released(&m->released, g); /* past its end, in its last granule */
    if (!rel)
        return 0;
    *span_end = granule_up(region_last_byte(rel) + 1u);
    return 1;
}

/* Q8: the free range from va: it ends at the next live region when the model knows every
 * page up to there is free; otherwise its size is unknown (0). */
static uint64_t free_size(const awe_model *m, uint64_t va)
{
    uint64_t cur = page_of(va);
    for (;;) {
        uint64_t span_end;
        const awe_region_info *at = regions_find(&m->live, cur, NULL);
        if (at && cur != page_of(va)) /* the free run ended at a granule boundary */
            return at->base - page_of(va);
        if (!known_free(m, cur, &span_end))
            return 0;
        const awe_region_info *next = regions_overlap(&m->live, cur, span_end - 1u);
        if (next) /* the next allocation starts inside the known-free span */
            return next->base - page_of(va);
        if (span_end > AWE_HIGHEST_USER_ADDRESS)
            return 0;
        cur = span_end;
    }
}

static void describe_free(const awe_model *m, uint64_t va, awe_mbi *mbi, awe_mbi_fields *f,
                          awe_expect *e)
{
    uint64_t span_end;
    mbi->base_address = page_of(va); /* Q3 */
    if (!known_free(m, va, &span_end)) {
        /* Memory the model does not know (harness pages, gaps): the call succeeds for any
         * user address, but what it reports is beyond the model. */
        e->ev_state = AWE_EV_INF;
        f->compare = AWE_MBI_F_BASE;
        f->soft = 0;
        return;
    }
    mbi->state = AWE_MEM_FREE;
    mbi->protect = AWE_PAGE_NOACCESS; /* not compared: the docs leave it undefined (Q8) */
    mbi->region_size = free_size(m, va);
    f->compare = AWE_MBI_F_BASE | AWE_MBI_F_STATE | (mbi->region_size ? AWE_MBI_F_SIZE : 0u);
    f->soft = f->compare & (unsigned)(AWE_MBI_F_STATE | AWE_MBI_F_SIZE); /* DOC/NT52 */
}

void awe_model_query(const awe_model *m, awe_api api, awe_handle_kind handle, uint64_t address,
                     const awe_buf *buf, uint64_t length, const awe_buf *retlen,
                     awe_expect *e, awe_mbi *mbi, awe_mbi_fields *fields)
{
    if (api == AWE_API_WIN32)
        handle = AWE_HANDLE_CURRENT; /* the Win32 call takes no handle: the current process */
    (void)api; /* pass-through: VirtualQuery gives its own ReturnLength, always writable */
    expect_begin(e);
    memset(mbi, 0, sizeof *mbi);
    fields->compare = fields->soft = 0;
    if (check_args(handle, address, buf, length, retlen, e))
        return;
    /* Q2: success for every user address, ReturnLength / the result = sizeof(MBI) */
    expect_success(e, AWE_RULE_Q2, AWE_EV_NT52, AWE_EV_NT52);
    expect_state(e, AWE_RULE_Q2, AWE_EV_NT52);
    const awe_region_info *r = regions_find(&m->live, address, NULL);
    if (r)
        describe_region(m, r, address, mbi, fields);
    else
        describe_free(m, address, mbi, fields, e);
}
