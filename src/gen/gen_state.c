/* SPDX-License-Identifier: Apache-2.0 */
/* gen_state.c: the model-only run (see gen_state.h). Each op is handled the way the executor
 * handles it (exec_calls.c, exec_access.c, exec_controls.c), with the backend replaced by the
 * answer the oracle expects. */
#include "gen_state.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "optable.h"

#define HUGE_BYTES (1ull << 47)              /* what pages=huge asks for, as the executor */
#define ORDINARY_VA 0x00007E0000000000ull    /* a page in no region */
#define KERNEL_VA 0xFFFF800000001000ull      /* above user space, as the executor */
#define FIRST_BASE 0x0000100000000000ull     /* where the ideal backend puts regions */
#define FIRST_PFN 0x100u

/* ---- resolution: the executor's rules ---- */

uint64_t gen_resolve_addr(const gen_state *st, const awe_addr *a)
{
    switch (a->kind) {
    case AWE_ADDR_REGION:
        if (st->n_regions == 0)
            return ORDINARY_VA + a->offset;
        return st->region[a->region % st->n_regions].base + (uint64_t)a->page * AWE_PAGE_SIZE +
               a->offset;
    case AWE_ADDR_ORDINARY: return ORDINARY_VA;
    case AWE_ADDR_KERNEL: return KERNEL_VA;
    default: return 0;
    }
}

uint64_t gen_resolve_pfn(const gen_state *st, const awe_pfn_ref *r)
{
    return awe_resolve_pfn(&st->sym, r);
}

uint64_t gen_resolve_count(const awe_count *c, size_t list_len)
{
    return awe_resolve_count(c, list_len);
}

/* ---- queries ---- */

size_t gen_live_count(const gen_state *st)
{
    size_t n = 0;
    for (size_t g = 0; g < st->sym.n_granted; g++)
        n += st->sym.live[g];
    return n;
}

size_t gen_stale_count(const gen_state *st)
{
    return st->sym.n_granted - gen_live_count(st);
}

uint64_t gen_live_pfn(const gen_state *st, size_t i)
{
    size_t live = gen_live_count(st);
    if (live == 0)
        return 0;
    i %= live; /* cycling, as L<i> does */
    for (size_t g = 0; g < st->sym.n_granted; g++)
        if (st->sym.live[g] && i-- == 0)
            return st->sym.granted[g];
    return 0;
}

uint64_t gen_live_va(const gen_state *st, size_t i)
{
    uint64_t pfn = gen_live_pfn(st, i);
    return pfn ? awe_model_pfn_va(st->model, pfn) : 0;
}

int gen_live_index_of(const gen_state *st, uint64_t pfn)
{
    int i = 0;
    for (size_t g = 0; g < st->sym.n_granted; g++) {
        if (!st->sym.live[g])
            continue;
        if (st->sym.granted[g] == pfn)
            return i;
        i++;
    }
    return -1;
}

int gen_region_usable(const gen_state *st, size_t j)
{
    return j < st->n_regions && st->region[j].live && st->region[j].awe;
}

size_t gen_usable_regions(const gen_state *st)
{
    size_t n = 0;
    for (size_t j = 0; j < st->n_regions; j++)
        n += (size_t)gen_region_usable(st, j);
    return n;
}

uint64_t gen_page_pfn(const gen_state *st, size_t j, unsigned page)
{
    awe_page_state ps;
    if (!gen_region_usable(st, j) || page >= st->region[j].pages)
        return 0;
    awe_model_page_state(st->model, st->region[j].base + (uint64_t)page * AWE_PAGE_SIZE, &ps);
    return ps.mapped ? ps.pfn : 0;
}

size_t gen_mapped_pages(const gen_state *st)
{
    /* Every live grant is an owned PFN and every owned PFN one live grant: the oracle's count
     * of mapped PFNs is the count of mapped live grants, without a lookup per grant. */
    return (size_t)awe_model_mapped_count(st->model);
}

unsigned gen_frame(const gen_state *st, uint64_t pfn)
{
    return pfn >= FIRST_PFN && pfn < st->next_pfn ? st->frame[pfn - FIRST_PFN] : 0;
}

static size_t frames_top(const gen_state *st)
{
    return (size_t)(st->next_pfn - FIRST_PFN);
}

size_t gen_free_keeping(const gen_state *st, uint64_t *out, size_t max)
{
    const unsigned keeping = GEN_FRAME_FREE | GEN_FRAME_DIRTY | GEN_FRAME_DATA;
    size_t n = 0;
    for (size_t i = st->low_free; i < frames_top(st); i++) {
        if ((st->frame[i] & keeping) != keeping)
            continue;
        if (out && n < max)
            out[n] = FIRST_PFN + i;
        n++;
    }
    return n;
}

size_t gen_live_keeping(const gen_state *st)
{
    size_t n = 0;
    for (size_t i = 0; i < frames_top(st); i++)
        n += (st->frame[i] & GEN_FRAME_KEEPS) != 0;
    return n;
}

size_t gen_grant_reach(const gen_state *st, uint64_t pfn)
{
    size_t n = 0;
    if (!(gen_frame(st, pfn) & GEN_FRAME_FREE))
        return 0;
    for (size_t i = st->low_free; i <= pfn - FIRST_PFN; i++)
        n += (st->frame[i] & GEN_FRAME_FREE) != 0;
    return n;
}

/* ---- the ideal backend's frames ---- */

/* n frames for a grant: the lowest free ones, then ones never granted. Returns how many. */
static size_t pick(const gen_state *st, size_t n, uint64_t *out)
{
    size_t got = 0;
    for (size_t i = st->low_free; i < frames_top(st) && got < n; i++)
        if (st->frame[i] & GEN_FRAME_FREE)
            out[got++] = FIRST_PFN + i;
    for (uint64_t pfn = st->next_pfn; got < n && pfn - FIRST_PFN < AWE_MAX_GRANTED; pfn++)
        out[got++] = pfn;
    return got;
}

/* The zeroing of dirty frames at the start of a grant (ascending pfns), one system call per
 * run of consecutive dirty frames. Returns -1 when the armed fault hits one of those calls:
 * the grant fails, and the runs before it are zeroed already. */
static int zero_dirty(gen_state *st, const uint64_t *pfns, size_t n, unsigned fault)
{
    static size_t start[AWE_MAX_ENTRIES], len[AWE_MAX_ENTRIES];
    unsigned calls = 0;
    for (size_t i = 0; i < n && calls < fault;) {
        size_t run = 0;
        while (i + run < n && pfns[i + run] == pfns[i] + run &&
               (gen_frame(st, pfns[i + run]) & GEN_FRAME_DIRTY))
            run++;
        if (run == 0) {
            i++;
            continue;
        }
        start[calls] = i, len[calls++] = run;
        i += run;
    }
    if (calls < fault)
        return 0;
    for (unsigned c = 0; c + 1 < calls; c++)
        for (size_t k = start[c]; k < start[c] + len[c]; k++)
            st->frame[pfns[k] - FIRST_PFN] &= (uint8_t)~(GEN_FRAME_DIRTY | GEN_FRAME_DATA);
    return -1;
}

/* The frames of a grant become live; those that were dirty with data become KEEPS. */
static void take(gen_state *st, const uint64_t *pfns, size_t n, gen_op_trace *t)
{
    int clean_before = 0;
    for (size_t i = 0; i < n; i++) {
        if (pfns[i] < FIRST_PFN || pfns[i] - FIRST_PFN >= AWE_MAX_GRANTED)
            continue;
        size_t idx = (size_t)(pfns[i] - FIRST_PFN);
        unsigned f = 0;
        if (pfns[i] >= st->next_pfn)
            st->next_pfn = pfns[i] + 1; /* new frames come in order, past every other */
        else
            f = st->frame[idx];
        int keeps = (f & (GEN_FRAME_DIRTY | GEN_FRAME_DATA)) == (GEN_FRAME_DIRTY | GEN_FRAME_DATA);
        if (keeps)
            t->keeps |= clean_before ? GEN_REGRANT_BEHIND : GEN_REGRANT_FIRST;
        clean_before |= !(f & GEN_FRAME_DIRTY);
        st->frame[idx] = keeps ? GEN_FRAME_KEEPS : 0;
    }
    while (st->low_free < frames_top(st) && !(st->frame[st->low_free] & GEN_FRAME_FREE))
        st->low_free++;
}

/* Frames mapped by a successful map or scatter hold data from now on (the executor stamps a
 * frame when it is first mapped). */
static void mapped_now(gen_state *st, const uint64_t *pfns, size_t n, gen_op_trace *t)
{
    for (size_t i = 0; i < n; i++) {
        if (!(pfns[i] >= FIRST_PFN && pfns[i] < st->next_pfn) || !awe_model_pfn_va(st->model, pfns[i]))
            continue;
        unsigned f = st->frame[pfns[i] - FIRST_PFN];
        if (f & GEN_FRAME_KEEPS)
            t->keeps = 1;
        st->frame[pfns[i] - FIRST_PFN] = GEN_FRAME_DATA;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Lists of up to AWE_MAX_LIST entries, what generated ops have: insertion sort, cheaper than
 * qsort on every fuzzed input; the long lists of text runs: qsort. */
static void sort_u64(uint64_t *v, size_t n)
{
    if (n > AWE_MAX_LIST) {
        qsort(v, n, sizeof *v, cmp_u64);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The base of the live region holding va, 0 when none. */
static uint64_t region_of(const awe_model *m, uint64_t va)
{
    awe_region_info ri;
    for (size_t i = 0; awe_model_region_at(m, i, &ri) == 0; i++)
        if (va >= ri.base && va - ri.base < ri.pages * AWE_PAGE_SIZE)
            return ri.base;
    return 0;
}

/* 1 when a free frame whose data is gone lies below pfn: a grant reaching pfn takes it first. */
static int clean_free_below(const gen_state *st, uint64_t pfn)
{
    for (size_t i = st->low_free; i < frames_top(st) && FIRST_PFN + i < pfn; i++)
        if ((st->frame[i] & (GEN_FRAME_FREE | GEN_FRAME_DIRTY)) == GEN_FRAME_FREE)
            return 1;
    return 0;
}

/* The calls of a Free of pfns[0, n) (owned, distinct) in the state before it: one unmap per
 * stretch of mapped pages in one region with nothing else mapped in between, then one release
 * per run of consecutive PFNs. */
static void count_free_calls(const gen_state *st, const uint64_t *pfns, size_t n,
                             gen_free_calls *out)
{
    uint64_t sorted[AWE_MAX_LIST], vas[AWE_MAX_LIST];
    size_t m = 0;
    memset(out, 0, sizeof *out);
    if (n > AWE_MAX_LIST)
        n = AWE_MAX_LIST;
    memcpy(sorted, pfns, n * sizeof *sorted);
    sort_u64(sorted, n);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1] + 1) {
            if (out->releases || clean_free_below(st, sorted[i]))
                out->after_clean |= 1u << out->releases;
            out->releases++;
        }
        if (gen_frame(st, sorted[i]) & GEN_FRAME_DATA)
            out->with_data |= 1u << (out->releases - 1);
        uint64_t va = awe_model_pfn_va(st->model, pfns[i]);
        if (va)
            vas[m++] = va;
    }
    sort_u64(vas, m);
    out->unmaps = m > 0;
    for (size_t i = 1; i < m; i++) {
        int joined = region_of(st->model, vas[i]) == region_of(st->model, vas[i - 1]);
        for (uint64_t va = vas[i - 1] + AWE_PAGE_SIZE; joined && va < vas[i]; va += AWE_PAGE_SIZE) {
            awe_page_state ps;
            awe_model_page_state(st->model, va, &ps);
            joined = !ps.mapped;
        }
        out->unmaps += !joined;
    }
}

/* ---- the run ---- */

static int in_live_region(const gen_state *st, uint64_t va)
{
    awe_region_info ri;
    for (size_t i = 0; awe_model_region_at(st->model, i, &ri) == 0; i++)
        if (va >= ri.base && va - ri.base < ri.pages * AWE_PAGE_SIZE)
            return 1;
    return 0;
}

/* Regions the program created that the model no longer holds were released. */
static void sync_regions(gen_state *st)
{
    for (size_t j = 0; j < st->n_regions; j++) {
        gen_region *r = &st->region[j];
        if (!r->live)
            continue;
        awe_region_info ri;
        int found = 0;
        for (size_t i = 0; !found && awe_model_region_at(st->model, i, &ri) == 0; i++)
            found = ri.base == r->base;
        r->live = (uint8_t)found;
    }
}

static void run_reserve(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    awe_mismatch mm;
    uint64_t address = gen_resolve_addr(st, &op->addr);
    uint64_t size = op->pages == AWE_PAGES_HUGE ? HUGE_BYTES : (uint64_t)op->pages * AWE_PAGE_SIZE;
    uint32_t type = op->atype;
    if (address && !in_live_region(st, address)) {
        t->ran = 0; /* the executor does not model it */
        return;
    }
    size_t before = awe_model_region_count(st->model);
    awe_model_virtual_alloc_expect(st->model, (awe_api)op->api, address, size, type,
                                   op->prot, &e);
    t->status = e.status;
    uint64_t base = e.region_base;
    if (AWE_NT_SUCCESS(e.status) && e.region_size && !base) {
        uint64_t align = e.region_align ? e.region_align : AWE_ALLOC_GRANULARITY;
        base = (st->next_base + align - 1) / align * align;
    }
    if (awe_model_virtual_alloc_adopt(st->model, &e, e.status, base, e.region_size, &mm) != 0) {
        /* the ideal backend has no room for it (a huge region): the allowed resource failure */
        t->status = AWE_STATUS_NO_MEMORY;
        awe_model_virtual_alloc_adopt(st->model, &e, AWE_STATUS_NO_MEMORY, 0, 0, &mm);
        return;
    }
    if (awe_model_region_count(st->model) > before) {
        st->next_base = base + e.region_size + AWE_ALLOC_GRANULARITY * 16;
        if (st->n_regions < AWE_MAX_REGIONS) {
            gen_region *r = &st->region[st->n_regions++];
            r->base = base;
            r->pages = e.region_size / AWE_PAGE_SIZE;
            r->awe = (uint8_t)((type & AWE_MEM_PHYSICAL) != 0);
            r->live = 1;
        }
    }
}

static void run_release(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    uint64_t size = op->pages == AWE_PAGES_HUGE ? HUGE_BYTES : (uint64_t)op->pages * AWE_PAGE_SIZE;
    awe_model_virtual_free(st->model, (awe_api)op->api, gen_resolve_addr(st, &op->addr), size,
                           op->ftype, &e);
    t->status = e.status;
    sync_regions(st);
}

static void run_alloc(gen_state *st, const awe_op *op, unsigned fault, gen_op_trace *t)
{
    static uint64_t pfns[AWE_MAX_ENTRIES];
    awe_expect e;
    awe_mismatch mm;
    uint64_t n = gen_resolve_count(&op->count, 0);
    uint64_t cap = awe_alloc_cap(op, n);
    awe_buf cntbuf = {(awe_buf_kind)op->cntptr, 1}, arrbuf = {(awe_buf_kind)op->pfns.kind, cap};
    awe_model_allocate_expect(st->model, (awe_api)op->api, (awe_handle_kind)op->handle, &cntbuf,
                              n, &arrbuf, op->flag, op->num, &e);
    t->status = e.status;
    if (!e.may_fail_resources) {
        awe_model_allocate_adopt(st->model, &e, e.status, e.count, NULL, &mm);
        return;
    }
    uint64_t grant = e.grant_max;
    if (st->pool_set && grant > st->pool_free)
        grant = st->pool_free;
    if (grant > cap || st->sym.n_granted + grant > AWE_MAX_GRANTED)
        grant = 0; /* past the array or the run's bookkeeping: an armed fault's allowance */
    if (grant == 0) {
        t->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
        awe_model_allocate_adopt(st->model, &e, t->status, e.count, NULL, &mm);
        return;
    }
    if (pick(st, grant, pfns) != grant)
        return;
    if (fault && zero_dirty(st, pfns, grant, fault) != 0) {
        t->status = AWE_STATUS_INSUFFICIENT_RESOURCES; /* nothing granted; the executor rolls back */
        return;
    }
    if (awe_model_allocate_adopt(st->model, &e, AWE_STATUS_SUCCESS, grant, pfns, &mm) != 0)
        return;
    take(st, pfns, grant, t);
    if (st->pool_set)
        st->pool_free -= grant;
    awe_symbols_grant(&st->sym, pfns, grant);
}

/* A list's entries (static: up to AWE_MAX_ENTRIES of them); returns how many. */
static uint64_t vals[AWE_MAX_ENTRIES], vas[AWE_MAX_ENTRIES];

static size_t resolve_pfns(const gen_state *st, const awe_pfn_list *l)
{
    return awe_resolve_pfns(&st->sym, l, vals);
}

static uint64_t resolve_one_addr(const void *st, const awe_addr *a)
{
    return gen_resolve_addr(st, a);
}

static size_t resolve_addrs(const gen_state *st, const awe_addr_list *l)
{
    return awe_resolve_addrs(l, resolve_one_addr, st, vas);
}

/* The Free `op` on model m (st's, or a copy of it); out gets its resolved PFNs (room for
 * AWE_MAX_ENTRIES). Returns how
 * many it frees: vals[0, that) (F5: the owned prefix). */
static size_t free_on(const gen_state *st, awe_model *m, const awe_op *op, uint64_t *out,
                      awe_expect *e)
{
    size_t len = awe_resolve_pfns(&st->sym, &op->pfns, out);
    uint64_t n = gen_resolve_count(&op->count, len);
    awe_buf cntbuf = {(awe_buf_kind)op->cntptr, 1}, arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    awe_model_free(m, (awe_api)op->api, (awe_handle_kind)op->handle, &cntbuf, n, &arrbuf, out, e);
    return e->count_written && e->count <= len ? (size_t)e->count : 0;
}

int gen_free_calls_of(const gen_state *st, const awe_op *op, gen_free_calls *out)
{
    static uint64_t freed_pfns[AWE_MAX_ENTRIES];
    awe_expect e;
    memset(out, 0, sizeof *out);
    if (op->kind != AWE_OP_FREE)
        return 0;
    awe_model *m = awe_model_clone(st->model);
    if (!m)
        return 0;
    size_t freed = free_on(st, m, op, freed_pfns, &e);
    awe_model_destroy(m);
    if (freed == 0)
        return 0;
    count_free_calls(st, freed_pfns, freed, out);
    return 1;
}

static void run_free(gen_state *st, const awe_op *op, unsigned fault, gen_op_trace *t)
{
    static uint64_t sorted[AWE_MAX_ENTRIES];
    awe_expect e;
    gen_free_calls calls;
    size_t len = resolve_pfns(st, &op->pfns);
    for (size_t i = 0; i < len; i++)
        if (awe_model_pfn_owned(st->model, vals[i]) && awe_model_pfn_va(st->model, vals[i]))
            t->freed_mapped = 1;
    /* Without mapped frames a fault counts releases only; with them, a copy of the model
     * tells how far the Free gets (the copy costs, and this runs for every fuzzed input). */
    unsigned failed_release = fault; /* > releases: the fault is never reached */
    if (fault && t->freed_mapped && gen_free_calls_of(st, op, &calls)) {
        if (fault <= calls.unmaps) {
            t->status = AWE_STATUS_INSUFFICIENT_RESOURCES; /* F7: nothing freed */
            t->freed_mapped = 0;
            return;
        }
        failed_release = fault - calls.unmaps;
    }
    size_t freed = free_on(st, st->model, op, vals, &e);
    t->status = e.status;
    if (freed == 0)
        t->freed_mapped = 0;
    awe_symbols_free(&st->sym, vals, freed);
    if (st->pool_set)
        st->pool_free += freed;
    /* the frames are free, and their data gone except where the failed release was */
    memcpy(sorted, vals, freed * sizeof *sorted);
    sort_u64(sorted, freed);
    for (size_t i = 0, release = 0; i < freed; i++) {
        release += i == 0 || sorted[i] != sorted[i - 1] + 1;
        if (!(sorted[i] >= FIRST_PFN && sorted[i] < st->next_pfn))
            continue;
        size_t idx = (size_t)(sorted[i] - FIRST_PFN);
        uint8_t kept = release == failed_release ? st->frame[idx] & GEN_FRAME_DATA : 0;
        if (kept)
            t->keeps = 1;
        st->frame[idx] = (uint8_t)(GEN_FRAME_FREE | kept | (release == failed_release ? GEN_FRAME_DIRTY : 0));
        if (idx < st->low_free)
            st->low_free = idx;
    }
}

static int range_ends_region(const gen_state *st, uint64_t va, uint64_t n)
{
    for (size_t j = 0; j < st->n_regions; j++) {
        const gen_region *r = &st->region[j];
        if (r->live && n && n <= r->pages && va == r->base + (r->pages - n) * AWE_PAGE_SIZE)
            return 1;
    }
    return 0;
}

static void run_map(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    size_t len = resolve_pfns(st, &op->pfns);
    uint64_t va = gen_resolve_addr(st, &op->addr);
    uint64_t n = gen_resolve_count(&op->count, len);
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    awe_model_map(st->model, (awe_api)op->api, va, n, &arrbuf, vals, &e);
    t->status = e.status;
    t->at_end = (uint8_t)(AWE_NT_SUCCESS(e.status) && range_ends_region(st, va & ~0xFFFull, n));
    if (AWE_NT_SUCCESS(e.status) && op->pfns.kind != AWE_BUF_NULL)
        mapped_now(st, vals, len, t);
}

static void run_scatter(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    size_t len = resolve_pfns(st, &op->pfns), n_vas = resolve_addrs(st, &op->addrs);
    for (size_t i = 0; i < len; i++)
        t->zero_entries += vals[i] == 0;
    uint64_t n = gen_resolve_count(&op->count, n_vas);
    awe_buf vabuf = {(awe_buf_kind)op->addrs.kind, n_vas};
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    awe_model_scatter(st->model, (awe_api)op->api, &vabuf, vas, n, &arrbuf, vals, &e);
    t->status = e.status;
    if (AWE_NT_SUCCESS(e.status) && op->pfns.kind != AWE_BUF_NULL)
        mapped_now(st, vals, len, t);
}

static void run_access(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_page_state ps;
    uint64_t va = gen_resolve_addr(st, &op->addr) & ~(uint64_t)(AWE_PAGE_SIZE - 1), tag;
    awe_model_page_state(st->model, va, &ps);
    if (!ps.in_awe_region) {
        t->ran = 0; /* the executor does not touch memory outside AWE regions */
        return;
    }
    t->access_ok = (uint8_t)(op->kind == AWE_OP_WRITE ? awe_model_write(st->model, va, op->tag)
                                                      : awe_model_read(st->model, va, &tag));
}

/* query, protect, lock and unlock, with their arguments as the executor passes them
 * (exec_vm.c): the Win32 layer hands the kernel good pointers of its own. The executor
 * skips them on the harness's own memory, which the ideal backend has none of. */
static void run_vm(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    int nt = op->api == AWE_API_NT;
    uint64_t va = gen_resolve_addr(st, &op->addr), base, size;
    awe_buf bb = {nt ? (awe_buf_kind)op->baseptr : AWE_BUF_OK, 1};
    awe_buf sb = {nt ? (awe_buf_kind)op->sizeptr : AWE_BUF_OK, 1};
    if (op->kind == AWE_OP_QUERY) {
        awe_mbi mbi;
        awe_mbi_fields fields;
        awe_buf qb = {(awe_buf_kind)op->qbuf, ((uint64_t)op->qlen + 7) & ~(uint64_t)7};
        awe_buf rb = {nt ? (awe_buf_kind)op->retlen : AWE_BUF_NULL, sizeof(uint64_t)};
        awe_model_query(st->model, (awe_api)op->api, (awe_handle_kind)op->handle, va, &qb,
                        op->qlen, &rb, &e, &mbi, &fields);
    } else if (op->kind == AWE_OP_PROTECT) {
        uint32_t old;
        awe_buf ob = {(awe_buf_kind)op->oldptr, 1};
        awe_model_protect(st->model, (awe_api)op->api, (awe_handle_kind)op->handle, &bb, &sb, va,
                          op->size, op->newprot, &ob, &e, &base, &size, &old);
    } else {
        awe_model_lock(st->model, (awe_api)op->api, op->kind == AWE_OP_UNLOCK,
                       (awe_handle_kind)op->handle, &bb, &sb, va, op->size,
                       nt ? op->maptype : AWE_MAP_PROCESS, &e, &base, &size);
    }
    t->status = e.status;
}

static void run_op(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    int call = awe_op_uses(awe_op_spec_of((awe_op_kind)op->kind), AWE_F_API);
    unsigned fault = st->fault_pending;
    st->fault_pending = 0;
    t->ran = 1;
    t->list_len = (uint16_t)(op->kind == AWE_OP_SCATTER ? awe_addrs_length(&op->addrs)
                                                        : awe_pfns_length(&op->pfns));
    if (fault && call && op->kind != AWE_OP_FREE && op->kind != AWE_OP_ALLOC) {
        /* An injected fault makes the call fail with nothing changed (the executor rolls the
         * oracle back). Allocate and Free make the calls of gen_state.h, and fail only when
         * the fault is armed for one that matters. */
        t->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    switch ((awe_op_kind)op->kind) {
    case AWE_OP_RESERVE: run_reserve(st, op, t); break;
    case AWE_OP_RELEASE: run_release(st, op, t); break;
    case AWE_OP_ALLOC: run_alloc(st, op, fault, t); break;
    case AWE_OP_FREE: run_free(st, op, fault, t); break;
    case AWE_OP_MAP: run_map(st, op, t); break;
    case AWE_OP_SCATTER: run_scatter(st, op, t); break;
    case AWE_OP_WRITE:
    case AWE_OP_READ: run_access(st, op, t); break;
    case AWE_OP_PRIV: awe_model_set_privilege(st->model, op->flag); break;
    case AWE_OP_FAULT: st->fault_pending = op->num; break;
    case AWE_OP_QUERY:
    case AWE_OP_PROTECT:
    case AWE_OP_LOCK:
    case AWE_OP_UNLOCK: run_vm(st, op, t); break;
    case AWE_OP_LIMIT: awe_model_set_page_limit(st->model, op->num); break;
    case AWE_OP_POOL:
        st->pool_set = 1;
        st->pool_free = op->num;
        break;
    default: break; /* check, and ops the model-only run has no effect for */
    }
}

static void snapshot(const gen_state *st, gen_op_trace *t)
{
    size_t mapped = gen_mapped_pages(st), live = gen_live_count(st);
    t->mapped = (uint16_t)(mapped > 0xFFFF ? 0xFFFF : mapped);
    t->live = (uint16_t)(live > 0xFFFF ? 0xFFFF : live);
    t->regions = (uint8_t)gen_usable_regions(st);
    t->stale = (uint8_t)(st->sym.n_granted > live);
}

int gen_state_begin(gen_state *st)
{
    awe_model_config mc = {.page_limit = 0, .privilege = 1}; /* an ideal backend: pool unknown */
    memset(st, 0, offsetof(gen_state, sym));
    awe_symbols_reset(&st->sym, ORDINARY_VA);
    st->next_pfn = FIRST_PFN;
    st->next_base = FIRST_BASE;
    st->model = awe_model_new(&mc);
    return st->model ? 0 : -1;
}

void gen_state_step(gen_state *st, const awe_op *op)
{
    gen_op_trace scratch, *t = st->ran < AWE_MAX_OPS ? &st->trace[st->ran] : &scratch;
    memset(t, 0, sizeof *t);
    run_op(st, op, t);
    snapshot(st, t);
    st->ran++;
}

int gen_state_run(gen_state *st, const awe_program *p, size_t upto)
{
    if (gen_state_begin(st) != 0)
        return -1;
    for (size_t i = 0; i < upto && i < p->n; i++)
        gen_state_step(st, &p->op[i]);
    return 0;
}

void gen_state_free(gen_state *st)
{
    awe_model_destroy(st->model);
    st->model = NULL;
}
