/* SPDX-License-Identifier: Apache-2.0 */
/* exec_calls.c: the AWE and VirtualAlloc/VirtualFree operations: resolve operands, ask the
 * oracle, call the backend, compare. */
#include <string.h>

#include "exec_internal.h"
#include "exec_ops.h"
#include "optable.h"

#define SENTINEL ((uintptr_t)0xA5A5A5A5A5A5A5A5ull)
#define HUGE_BYTES (1ull << 47) /* more than user space holds */

static uint64_t pages_bytes(uint16_t pages)
{
    return pages == AWE_PAGES_HUGE ? HUGE_BYTES : (uint64_t)pages * AWE_PAGE_SIZE;
}

/* A list's entries as the call gets them (vals) and as the oracle does (vals64); returns how
 * many. Static: a list can have AWE_MAX_ENTRIES entries. */
static uintptr_t vals[AWE_MAX_ENTRIES], vas[AWE_MAX_ENTRIES];
static uint64_t vals64[AWE_MAX_ENTRIES], vas64[AWE_MAX_ENTRIES];

static size_t resolve_pfns(struct awe_exec *x, const awe_pfn_list *l)
{
    size_t n = awe_resolve_pfns(&x->sym, l, vals64);
    for (size_t i = 0; i < n; i++)
        vals[i] = (uintptr_t)vals64[i];
    return n;
}

static uint64_t resolve_one_addr(const void *sym, const awe_addr *a)
{
    return awe_resolve_addr(sym, a);
}

static size_t resolve_addrs(struct awe_exec *x, const awe_addr_list *l)
{
    size_t n = awe_resolve_addrs(l, resolve_one_addr, &x->sym, vas64);
    for (size_t i = 0; i < n; i++)
        vas[i] = (uintptr_t)vas64[i];
    return n;
}

static int in_live_region(struct awe_exec *x, uint64_t va)
{
    awe_region_info ri;
    for (size_t i = 0; awe_model_region_at(x->model, i, &ri) == 0; i++)
        if (va >= ri.base && va - ri.base < ri.pages * AWE_PAGE_SIZE)
            return 1;
    return 0;
}

awe_api exec_layer(const struct awe_exec *x, const awe_op *op)
{
    unsigned wanted = op->api == AWE_API_NT ? AWE_CAP_NT : AWE_CAP_WIN32;
    if (x->be->caps & wanted)
        return (awe_api)op->api;
    return op->api == AWE_API_NT ? AWE_API_WIN32 : AWE_API_NT;
}

int exec_program_memory(struct awe_exec *x, uint64_t va)
{
    return x->model ? in_live_region(x, va) : awe_symbols_in_live_awe(&x->sym, va);
}

int exec_skip_foreign_memory(struct awe_exec *x, uint64_t address, const char *why)
{
    if (!(x->be->caps & AWE_CAP_REAL_MEMORY) || address == 0 || address == AWE_KERNEL_ADDRESS ||
        exec_program_memory(x, address))
        return 0;
    exec_skip_off_script(x, why);
    return 1;
}

/* After a check of the oracle: the outcome to record when the oracle has nothing to say. */
static awe_ntstatus plain_status(const awe_call_result *r)
{
    if (r->has_status)
        return r->status;
    return r->win32_ok ? AWE_STATUS_SUCCESS : 0xE0000000u | r->win32_error;
}

void awe_exec_reserve(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    uint64_t address = awe_resolve_addr(&x->sym, &op->addr);
    uint64_t size = pages_bytes(op->pages);
    uint32_t type = op->atype, prot = op->prot;
    if (address && x->model && !in_live_region(x, address)) {
        exec_skip(x, "reserve at an address outside the program's live regions is not modelled");
        return;
    }
    if (exec_skip_foreign_memory(x, address, "reserve at memory the program did not create: on "
                                             "the real API it would commit or reset the harness's "
                                             "memory"))
        return;
    size_t regions_before = x->model ? awe_model_region_count(x->model) : 0;
    if (x->model)
        awe_model_virtual_alloc_expect(x->model, exec_layer(x, op), address, size, type, prot, &e);
    void *base = (void *)(uintptr_t)address;
    size_t got_size = (size_t)size;
    x->be->virtual_alloc(x->b, exec_layer(x, op), &base, &got_size, type, prot, &r);
    int ok = r.has_status ? AWE_NT_SUCCESS(r.status) : r.win32_ok;
    if (ok && got_size == 0)
        got_size = (size_t)((size + AWE_PAGE_SIZE - 1) & ~(uint64_t)(AWE_PAGE_SIZE - 1));
    if (x->model) {
        awe_mismatch mm;
        exec_record(x, exec_effective_status(&e, &r), 0, 0);
        exec_check_note(x, op, &e);
        if (!exec_settle(x, &e, &r, AWE_RULE_NONE))
            return;
        if (awe_model_virtual_alloc_adopt(x->model, &e, exec_effective_status(&e, &r),
                                          (uint64_t)(uintptr_t)base, got_size, &mm) != 0) {
            if (strcmp(mm.field, "status") == 0)
                exec_status_values(x, &e, &r);
            exec_diverge(x, mm.field, mm.rule, mm.ev, "%s", mm.detail);
            return;
        }
        if (awe_model_region_count(x->model) > regions_before)
            awe_symbols_add_region(&x->sym, (uint64_t)(uintptr_t)base, got_size / AWE_PAGE_SIZE,
                                   (type & AWE_MEM_PHYSICAL) != 0);
        return;
    }
    exec_record(x, plain_status(&r), 0, 0);
    if (ok && address == 0)
        awe_symbols_add_region(&x->sym, (uint64_t)(uintptr_t)base, got_size / AWE_PAGE_SIZE,
                               (type & AWE_MEM_PHYSICAL) != 0);
}

void awe_exec_release(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    uint64_t address = awe_resolve_addr(&x->sym, &op->addr);
    uint64_t size = pages_bytes(op->pages);
    uint32_t ftype = op->ftype;
    if (exec_skip_foreign_memory(x, address, "release of memory the program did not create: on "
                                             "the real API it would free the harness's memory"))
        return;
    if (x->model)
        awe_model_virtual_free(x->model, exec_layer(x, op), address, size, ftype, &e);
    x->be->virtual_free(x->b, exec_layer(x, op), (void *)(uintptr_t)address, (size_t)size, ftype, &r);
    awe_ntstatus got = x->model ? exec_effective_status(&e, &r) : plain_status(&r);
    exec_record(x, got, 0, 0);
    if (AWE_NT_SUCCESS(got) && (ftype & AWE_MEM_RELEASE))
        awe_symbols_release(&x->sym, address);
    if (!x->model)
        return;
    exec_check_note(x, op, &e);
    exec_settle(x, &e, &r, e.rule);
}

/* A8/A9: the PFN array entries the call had no business writing must still be sentinels. */
static void check_untouched(struct awe_exec *x, const uintptr_t *pfns, uint64_t from, uint64_t cap,
                            int success)
{
    for (uint64_t i = from; i < cap; i++) {
        if (pfns[i] != SENTINEL) {
            exec_diverge(x, "pfns", success ? AWE_RULE_A8 : AWE_RULE_A9,
                         success ? AWE_EV_DOC : AWE_EV_INF,
                         "PageArray[%llu] was written (%s) although only %llu pages were granted",
                         (unsigned long long)i, success ? "A8" : "A9", (unsigned long long)from);
            return;
        }
    }
}

/* An allocation's note records one run's outcome. Where the oracle left a free choice (A7
 * with the pool unknown or a fault armed) the note says which one that run made, and this
 * run must have made the same. Where the oracle is exact (the pool known) the note must say
 * what the oracle says, like any other op's note. */
static void alloc_check_note(struct awe_exec *x, const awe_op *op, const awe_expect *e,
                             awe_ntstatus got, uint64_t got_count)
{
    const awe_note *n = &op->note;
    if (!x->cfg.check_notes || !n->present || x->stop || x->off_script)
        return;
    int free_choice = awe_note_says(n, AWE_STATUS_INSUFFICIENT_RESOURCES) && e->may_fail_resources;
    if (!free_choice && !awe_note_says(n, e->status)) {
        exec_check_note(x, op, e);
        return;
    }
    int exact_grant = e->rule == AWE_RULE_A8 && e->grant_min == e->grant_max;
    if (exact_grant && !free_choice && n->has_count && n->count != e->grant_max) {
        awe_expect want = *e; /* the grant is the count the note must carry (A8) */
        want.count = e->grant_max;
        exec_check_note(x, op, &want);
        return;
    }
    if (!awe_note_says(n, got) || (n->has_count && n->count != got_count)) {
        char says[96], gave[40];
        awe_note_format(op, n, says, sizeof says);
        exec_diverge(x, "note", AWE_RULE_A8, AWE_EV_DOC, "the program says %s, the call gave %s n=%llu",
                     says, awe_status_format(got, gave, sizeof gave), (unsigned long long)got_count);
    }
}

static void alloc_compare(struct awe_exec *x, const awe_op *op, const awe_expect *e,
                          const awe_call_result *r, uint64_t got_count, const uintptr_t *pfns,
                          uint64_t cap)
{
    awe_mismatch mm;
    awe_ntstatus got = exec_effective_status(e, r);
    char status[40];
    /* the count the oracle expects: the grant (exact with the pool known, else the largest
     * allowed), or unchanged on failure */
    exec_set_expected(x, e->status, 1, AWE_NT_SUCCESS(e->status) ? e->grant_max : e->count);
    uint64_t granted = AWE_NT_SUCCESS(got) ? got_count : 0;
    for (uint64_t i = 0; i < granted && i < cap; i++)
        vals64[i] = pfns[i];
    exec_set_rule(x, e->rule);
    if (r->has_win32 && !r->has_status && !r->win32_ok && (got & 0xF0000000u) == 0xE0000000u) {
        /* a last error no status of the API maps to (Wine's 120): the outcome differs */
        exec_status_values(x, e, r);
        exec_diverge(x, "status", e->rule, AWE_NT_SUCCESS(e->status) ? e->ev_outcome : e->ev_status,
                     "expected %s (%s), the Win32 call failed with last error %u",
                     awe_status_format(e->status, status, sizeof status),
                     awe_rule_name(e->rule), r->win32_error);
        return;
    }
    if (r->has_win32 && !r->has_status && !r->win32_ok &&
        r->win32_error != awe_status_to_win32(got)) {
        exec_diverge(x, "error", e->rule, e->ev_status, "expected last error %u, got %u",
                     awe_status_to_win32(got), r->win32_error);
        return;
    }
    if (awe_model_allocate_adopt(x->model, e, got, got_count, vals64, &mm) != 0) {
        if (strcmp(mm.field, "status") == 0)
            exec_status_values(x, e, r);
        exec_diverge(x, mm.field, mm.rule, mm.ev, "%s", mm.detail);
        return;
    }
    if (op->pfns.kind == AWE_BUF_OK || op->pfns.kind == AWE_BUF_READONLY)
        check_untouched(x, pfns, granted < cap ? granted : cap, cap, AWE_NT_SUCCESS(got));
    alloc_check_note(x, op, e, got, got_count);
}

void awe_exec_alloc(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    uintptr_t n = (uintptr_t)awe_resolve_count(&op->count, 0);
    uint64_t cap = awe_alloc_cap(op, n);
    awe_buf cntbuf = {(awe_buf_kind)op->cntptr, 1}, arrbuf = {(awe_buf_kind)op->pfns.kind, cap};
    if (x->model) {
        awe_model_allocate_expect(x->model, exec_layer(x, op), (awe_handle_kind)op->handle, &cntbuf,
                                  n, &arrbuf, op->flag, op->num, &e);
        /* An armed fault may fail the call with INSUFFICIENT_RESOURCES and no change
         * (backend.h, inject_fault) whatever the pool holds: the one A7 allowance a known
         * pool keeps, for this op only. The pool stays as it was (take_grant never ran). */
        if (x->fault_armed && e.rule == AWE_RULE_A8)
            e.may_fail_resources = 1;
    }
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    uintptr_t *cnt = awe_arena_place(x->arena, AWE_SLOT_COUNT, cntbuf.kind, &n, 1, 0);
    uintptr_t *arr = awe_arena_place(x->arena, AWE_SLOT_PFNS, arrbuf.kind, NULL, cap, SENTINEL);
    x->be->allocate(x->b, exec_layer(x, op), exec_handle(x, op->handle), cnt, arr, op->flag, op->num, &r);
    uintptr_t got_count = n, pfns[AWE_ARENA_SLOT_ENTRIES];
    if (cntbuf.kind == AWE_BUF_OK || cntbuf.kind == AWE_BUF_READONLY)
        awe_arena_fetch(x->arena, AWE_SLOT_COUNT, &got_count, 1);
    awe_arena_fetch(x->arena, AWE_SLOT_PFNS, pfns, cap);
    awe_ntstatus got = x->model ? exec_effective_status(&e, &r) : plain_status(&r);
    exec_record(x, got, 1, got_count);
    if (x->model)
        alloc_compare(x, op, &e, &r, got_count, pfns, cap);
    if (AWE_NT_SUCCESS(got) && !x->stop) {
        for (uint64_t i = 0; i < got_count && i < cap; i++)
            vals64[i] = pfns[i];
        awe_symbols_grant(&x->sym, vals64, got_count < cap ? got_count : cap);
    }
}

void awe_exec_free(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    size_t len = resolve_pfns(x, &op->pfns);
    uintptr_t n = (uintptr_t)awe_resolve_count(&op->count, len);
    awe_buf cntbuf = {(awe_buf_kind)op->cntptr, 1}, arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    if (x->model)
        awe_model_free(x->model, exec_layer(x, op), (awe_handle_kind)op->handle, &cntbuf, n, &arrbuf,
                       vals64, &e);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    uintptr_t *cnt = awe_arena_place(x->arena, AWE_SLOT_COUNT, cntbuf.kind, &n, 1, 0);
    uintptr_t *arr = awe_arena_place(x->arena, AWE_SLOT_PFNS, arrbuf.kind, vals, len, 0);
    x->be->free_pages(x->b, exec_layer(x, op), exec_handle(x, op->handle), cnt, arr, &r);
    uintptr_t got_count = n;
    if (cntbuf.kind == AWE_BUF_OK || cntbuf.kind == AWE_BUF_READONLY)
        awe_arena_fetch(x->arena, AWE_SLOT_COUNT, &got_count, 1);
    awe_ntstatus got = x->model ? exec_effective_status(&e, &r) : plain_status(&r);
    exec_record(x, got, 1, got_count);
    uint64_t freed = got_count <= len ? got_count : len;
    if (x->model) {
        exec_check_note(x, op, &e);
        int nothing_freed = e.count_written ? e.count == 0 : 1;
        if (!exec_settle(x, &e, &r, nothing_freed ? e.rule : AWE_RULE_NONE))
            return;
        uint64_t want = e.count_written ? e.count : n;
        if (got_count != want) {
            exec_diverge(x, "count", e.count_rule, e.ev_count,
                         "*NumberOfPages should be %llu (%s), is %llu", (unsigned long long)want,
                         awe_rule_name(e.count_rule), (unsigned long long)got_count);
            return;
        }
        freed = e.count_written && e.count <= len ? e.count : 0;
    }
    if (!x->model && !AWE_NT_SUCCESS(got) && got_count == n)
        freed = 0; /* a failure that never wrote the count freed nothing */
    awe_symbols_free(&x->sym, vals64, freed);
}

void awe_exec_map(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    size_t len = resolve_pfns(x, &op->pfns);
    uint64_t va = awe_resolve_addr(&x->sym, &op->addr);
    uintptr_t n = (uintptr_t)awe_resolve_count(&op->count, len);
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    if (x->model)
        awe_model_map(x->model, exec_layer(x, op), va, n, &arrbuf, vals64, &e);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    uintptr_t *arr = awe_arena_place(x->arena, AWE_SLOT_PFNS, arrbuf.kind, vals, len, 0);
    x->be->map(x->b, exec_layer(x, op), (void *)(uintptr_t)va, n, arr, &r);
    if (!x->model) {
        exec_record(x, plain_status(&r), 0, 0);
        return;
    }
    exec_record(x, exec_effective_status(&e, &r), 0, 0);
    exec_check_note(x, op, &e);
    exec_settle(x, &e, &r, AWE_RULE_M7);
}

void awe_exec_scatter(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    size_t len = resolve_pfns(x, &op->pfns), n_vas = resolve_addrs(x, &op->addrs);
    uintptr_t n = (uintptr_t)awe_resolve_count(&op->count, n_vas);
    awe_buf vabuf = {(awe_buf_kind)op->addrs.kind, n_vas};
    awe_buf arrbuf = {(awe_buf_kind)op->pfns.kind, len};
    if (x->model)
        awe_model_scatter(x->model, exec_layer(x, op), &vabuf, vas64, n, &arrbuf, vals64, &e);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    uintptr_t *va_arr = awe_arena_place(x->arena, AWE_SLOT_VAS, vabuf.kind, vas, n_vas, 0);
    uintptr_t *arr = awe_arena_place(x->arena, AWE_SLOT_PFNS, arrbuf.kind, vals, len, 0);
    x->be->scatter(x->b, exec_layer(x, op), (void **)(void *)va_arr, n, arr, &r);
    if (!x->model) {
        exec_record(x, plain_status(&r), 0, 0);
        return;
    }
    exec_record(x, exec_effective_status(&e, &r), 0, 0);
    exec_check_note(x, op, &e);
    exec_settle(x, &e, &r, AWE_RULE_S7);
}
