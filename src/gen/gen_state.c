/* SPDX-License-Identifier: Apache-2.0 */
/* gen_state.c: the model-only run (see gen_state.h). Each op is handled the way the executor
 * handles it (exec_calls.c, exec_access.c, exec_controls.c), with the backend replaced by the
 * answer the oracle expects. */
#include "gen_state.h"

#include <stddef.h>
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
    uint32_t type = awe_atype_value(op->atype);
    if (address && !in_live_region(st, address)) {
        t->ran = 0; /* the executor does not model it */
        return;
    }
    size_t before = awe_model_region_count(st->model);
    awe_model_virtual_alloc_expect(st->model, (awe_api)op->api, address, size, type,
                                   awe_prot_value(op->prot), &e);
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
                           awe_ftype_value(op->ftype), &e);
    t->status = e.status;
    sync_regions(st);
}

static void run_alloc(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    static uint64_t pfns[AWE_MAX_COUNT_LITERAL];
    awe_expect e;
    awe_mismatch mm;
    uint64_t n = gen_resolve_count(&op->count, 0);
    uint64_t cap = op->cap != AWE_CAP_AUTO ? op->cap
                   : n < AWE_MAX_COUNT_LITERAL ? n : AWE_MAX_COUNT_LITERAL;
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
    if (grant > AWE_MAX_COUNT_LITERAL || grant > cap || st->sym.n_granted + grant > AWE_MAX_GRANTED)
        grant = 0; /* cannot happen past A3 with a literal count; kept safe */
    if (grant == 0) {
        t->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
        awe_model_allocate_adopt(st->model, &e, t->status, e.count, NULL, &mm);
        return;
    }
    for (uint64_t i = 0; i < grant; i++)
        pfns[i] = st->next_pfn++;
    if (awe_model_allocate_adopt(st->model, &e, AWE_STATUS_SUCCESS, grant, pfns, &mm) != 0)
        return;
    if (st->pool_set)
        st->pool_free -= grant;
    awe_symbols_grant(&st->sym, pfns, grant);
}

static void resolve_pfns(const gen_state *st, const awe_pfn_list *l, uint64_t *out)
{
    for (int i = 0; i < l->len; i++)
        out[i] = gen_resolve_pfn(st, &l->pfn[i]);
}

static void run_free(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    uint64_t vals[AWE_MAX_LIST];
    resolve_pfns(st, &op->pfns, vals);
    uint64_t n = gen_resolve_count(&op->count, op->pfns.len);
    awe_buf cntbuf = {(awe_buf_kind)op->cntptr, 1}, arrbuf = {(awe_buf_kind)op->pfns.kind, op->pfns.len};
    for (int i = 0; i < op->pfns.len; i++)
        if (awe_model_pfn_owned(st->model, vals[i]) && awe_model_pfn_va(st->model, vals[i]))
            t->freed_mapped = 1;
    awe_model_free(st->model, (awe_api)op->api, (awe_handle_kind)op->handle, &cntbuf, n, &arrbuf,
                   vals, &e);
    t->status = e.status;
    uint64_t freed = e.count_written && e.count <= op->pfns.len ? e.count : 0;
    if (freed == 0)
        t->freed_mapped = 0;
    awe_symbols_free(&st->sym, vals, freed);
    if (st->pool_set)
        st->pool_free += freed;
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
    uint64_t vals[AWE_MAX_LIST];
    resolve_pfns(st, &op->pfns, vals);
    uint64_t va = gen_resolve_addr(st, &op->addr);
    uint64_t n = gen_resolve_count(&op->count, op->pfns.len);
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, op->pfns.len};
    awe_model_map(st->model, (awe_api)op->api, va, n, &arrbuf, vals, &e);
    t->status = e.status;
    t->at_end = (uint8_t)(AWE_NT_SUCCESS(e.status) && range_ends_region(st, va & ~0xFFFull, n));
}

static void run_scatter(gen_state *st, const awe_op *op, gen_op_trace *t)
{
    awe_expect e;
    uint64_t vals[AWE_MAX_LIST], vas[AWE_MAX_LIST];
    resolve_pfns(st, &op->pfns, vals);
    for (int i = 0; i < op->addrs.len; i++)
        vas[i] = gen_resolve_addr(st, &op->addrs.addr[i]);
    for (int i = 0; i < op->pfns.len; i++)
        t->zero_entries += vals[i] == 0;
    uint64_t n = gen_resolve_count(&op->count, op->addrs.len);
    awe_buf vabuf = {(awe_buf_kind)op->addrs.kind, op->addrs.len};
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, op->pfns.len};
    awe_model_scatter(st->model, (awe_api)op->api, &vabuf, vas, n, &arrbuf, vals, &e);
    t->status = e.status;
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
    t->list_len = op->kind == AWE_OP_SCATTER ? op->addrs.len : op->pfns.len;
    if (fault && call && op->kind != AWE_OP_FREE) {
        /* An injected fault makes the call fail with nothing changed (the executor rolls the
         * oracle back); the ideal backend lets every armed fault take effect. A Free is the
         * exception: giving frames back cannot fail for want of resources (a failed hole punch
         * only marks the frame to be zeroed before its reuse, A11), so the ideal backend frees
         * them and the frames come back to later grants. */
        t->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    switch ((awe_op_kind)op->kind) {
    case AWE_OP_RESERVE: run_reserve(st, op, t); break;
    case AWE_OP_RELEASE: run_release(st, op, t); break;
    case AWE_OP_ALLOC: run_alloc(st, op, t); break;
    case AWE_OP_FREE: run_free(st, op, t); break;
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
