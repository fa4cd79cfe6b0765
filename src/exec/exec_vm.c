/* SPDX-License-Identifier: Apache-2.0 */
/* exec_vm.c: VirtualQuery, VirtualProtect, VirtualLock and VirtualUnlock and their Nt calls
 * (rules Q1..Q9, P1..P13, L1..L8): resolve the operands, ask the oracle, call the backend
 * with every out-parameter placed against a guard page, compare the status and what the call
 * wrote back. A failing call must change nothing (exec_settle). */
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "exec_internal.h"
#include "exec_ops.h"
#include "optable.h"
#include "text_names.h"

#define FILL 0xA5u /* what out-buffers hold before the call */
#define SENTINEL ((uintptr_t)0xA5A5A5A5A5A5A5A5ull)
#define PAGE ((uint64_t)AWE_PAGE_SIZE)
#define PROBED_PAGES_MAX 64 /* P13 probes per protect: more than a generated range holds */

static int readable(uint8_t kind)
{
    return kind == AWE_BUF_OK || kind == AWE_BUF_READONLY;
}

/* The outcome to record: the oracle's reading of a Win32 error when there is an oracle. */
static awe_ntstatus outcome_status(const struct awe_exec *x, const awe_expect *e,
                                   const awe_call_result *r)
{
    if (x->model)
        return exec_effective_status(e, r);
    if (r->has_status)
        return r->status;
    return r->win32_ok ? AWE_STATUS_SUCCESS : 0xE0000000u | r->win32_error;
}

/* One value the call wrote back against the oracle's; 0 after diverging. */
static int same_value(struct awe_exec *x, const char *field, awe_rule rule, awe_evidence ev,
                      const char *what, uint64_t want, uint64_t got)
{
    char a[40], b[40];
    if (want == got)
        return 1;
    snprintf(a, sizeof a, "0x%llX", (unsigned long long)want);
    snprintf(b, sizeof b, "0x%llX", (unsigned long long)got);
    exec_values(x, a, b);
    exec_diverge(x, field, rule, ev, "%s should be %s (%s), is %s", what, a, awe_rule_name(rule), b);
    return 0;
}

/* ---- query ---- */

/* The MEMORY_BASIC_INFORMATION fields, the rule behind each and how a known-difference
 * entry names it. State and Protect follow the page's state: Q5 reserved, Q6 committed,
 * Q8 free. */
static const struct {
    unsigned bit;
    const char *field;
    awe_rule rule;
} mbi_fields[] = {
    {AWE_MBI_F_BASE, "base", AWE_RULE_Q3},
    {AWE_MBI_F_ALLOC_BASE, "allocbase", AWE_RULE_Q4},
    {AWE_MBI_F_ALLOC_PROTECT, "allocprot", AWE_RULE_Q4},
    {AWE_MBI_F_SIZE, "size", AWE_RULE_Q7},
    {AWE_MBI_F_STATE, "state", AWE_RULE_NONE},
    {AWE_MBI_F_PROTECT, "protect", AWE_RULE_NONE},
    {AWE_MBI_F_TYPE, "type", AWE_RULE_Q4},
};

static uint64_t mbi_value(const awe_mbi *m, unsigned bit)
{
    switch (bit) {
    case AWE_MBI_F_BASE: return m->base_address;
    case AWE_MBI_F_ALLOC_BASE: return m->allocation_base;
    case AWE_MBI_F_ALLOC_PROTECT: return m->allocation_protect;
    case AWE_MBI_F_SIZE: return m->region_size;
    case AWE_MBI_F_STATE: return m->state;
    case AWE_MBI_F_PROTECT: return m->protect;
    default: return m->type;
    }
}

/* A field's value as a known-difference entry writes it: flag names for the flag words. */
static void mbi_word(unsigned bit, uint64_t v, char *buf, size_t cap)
{
    if (bit == AWE_MBI_F_ALLOC_PROTECT || bit == AWE_MBI_F_PROTECT)
        awe_flags_format((uint32_t)v, 0, buf, cap);
    else if (bit == AWE_MBI_F_STATE || bit == AWE_MBI_F_TYPE)
        awe_flags_format((uint32_t)v, 1, buf, cap);
    else
        snprintf(buf, cap, "0x%llX", (unsigned long long)v);
}

/* Compares the fields the oracle names; soft ones with NT52 evidence whatever their rule
 * says, so that they stop only strict runs. */
static void compare_mbi(struct awe_exec *x, const awe_mbi *want, const awe_mbi *got,
                        const awe_mbi_fields *f)
{
    awe_rule state_rule = want->state == AWE_MEM_FREE      ? AWE_RULE_Q8
                          : want->state == AWE_MEM_RESERVE ? AWE_RULE_Q5
                                                           : AWE_RULE_Q6;
    for (size_t i = 0; i < sizeof mbi_fields / sizeof mbi_fields[0] && !x->stop; i++) {
        unsigned bit = mbi_fields[i].bit;
        uint64_t w = mbi_value(want, bit), g = mbi_value(got, bit);
        if (!(f->compare & bit) || w == g)
            continue;
        awe_rule rule = mbi_fields[i].rule != AWE_RULE_NONE ? mbi_fields[i].rule : state_rule;
        awe_evidence ev = (f->soft & bit) ? AWE_EV_NT52 : awe_rule_evidence(rule);
        char a[64], b[64];
        mbi_word(bit, w, a, sizeof a);
        mbi_word(bit, g, b, sizeof b);
        exec_values(x, a, b);
        exec_diverge(x, mbi_fields[i].field, rule, ev,
                     "MEMORY_BASIC_INFORMATION.%s should be %s (%s), is %s", mbi_fields[i].field,
                     a, awe_rule_name(rule), b);
    }
}

/* A query's note may state fields of the answer (state=COMMIT size=2, the size in pages):
 * each must be what the oracle answers, as the note's status must be. */
static void check_mbi_note(struct awe_exec *x, const awe_op *op, const awe_mbi *want)
{
    const awe_note *n = &op->note;
    const struct {
        unsigned note_bit, mbi_bit;
        const char *key;
        uint64_t says;
    } stated[] = {{AWE_NOTE_MBI_STATE, AWE_MBI_F_STATE, "state", n->state},
                  {AWE_NOTE_MBI_PROTECT, AWE_MBI_F_PROTECT, "protect", n->protect},
                  {AWE_NOTE_MBI_TYPE, AWE_MBI_F_TYPE, "type", n->type},
                  {AWE_NOTE_MBI_SIZE, AWE_MBI_F_SIZE, "size", n->pages * PAGE}};
    if (!x->cfg.check_notes || !n->present || !n->mbi || x->stop || x->off_script)
        return;
    for (size_t i = 0; i < sizeof stated / sizeof stated[0]; i++) {
        unsigned bit = stated[i].mbi_bit;
        uint64_t w = mbi_value(want, bit);
        if (!(n->mbi & stated[i].note_bit) || stated[i].says == w)
            continue;
        char a[64], b[64];
        if (bit == AWE_MBI_F_SIZE) {
            snprintf(a, sizeof a, "%llu", (unsigned long long)n->pages);
            snprintf(b, sizeof b, "%llu", (unsigned long long)(w / PAGE));
        } else {
            mbi_word(bit, stated[i].says, a, sizeof a);
            mbi_word(bit, w, b, sizeof b);
        }
        exec_diverge(x, "note", AWE_RULE_Q3, AWE_EV_DOC,
                     "the program says %s=%s, the oracle answers %s=%s", stated[i].key, a,
                     stated[i].key, b);
        snprintf(x->res->key, sizeof x->res->key, "AWE-oracle-QUERY-note");
        return;
    }
}

/* Q2: a success writes exactly sizeof(MEMORY_BASIC_INFORMATION) and says so. */
static void compare_query_length(struct awe_exec *x, const awe_op *op, awe_api layer,
                                 size_t returned, uintptr_t retlen, const unsigned char *buf,
                                 size_t placed)
{
    awe_evidence ev = awe_rule_evidence(AWE_RULE_Q2);
    if (layer == AWE_API_WIN32 &&
        !same_value(x, "length", AWE_RULE_Q2, ev, "VirtualQuery's result", AWE_MBI_SIZE, returned))
        return;
    if (layer == AWE_API_NT && readable(op->retlen) &&
        !same_value(x, "length", AWE_RULE_Q2, ev, "*ReturnLength", AWE_MBI_SIZE, retlen))
        return;
    for (size_t i = AWE_MBI_SIZE; i < placed && i < op->qlen; i++)
        if (buf[i] != FILL) {
            exec_diverge(x, "length", AWE_RULE_Q2, ev,
                         "byte %zu of a %u-byte buffer was written: a query writes %u (Q2)", i,
                         op->qlen, AWE_MBI_SIZE);
            return;
        }
}

void awe_exec_query(struct awe_exec *x, const awe_op *op)
{
    static unsigned char buf_after[AWE_QUERY_MAX_LEN];
    awe_expect e;
    awe_call_result r = {0};
    awe_mbi want, got;
    awe_mbi_fields fields = {0, 0};
    awe_api layer = exec_layer(x, op);
    uint64_t va = awe_resolve_addr(&x->sym, &op->addr);
    size_t room = ((size_t)op->qlen + 7) & ~(size_t)7; /* the buffer starts 8-aligned (Q1) */
    awe_buf qb = {(awe_buf_kind)op->qbuf, room};
    /* VirtualQuery asks for no ReturnLength: the oracle takes that as NULL. Its valid
     * count is in bytes, like the buffer's: one SIZE_T. */
    awe_buf rb = {layer == AWE_API_NT ? (awe_buf_kind)op->retlen : AWE_BUF_NULL, sizeof(uint64_t)};
    /* the ordinary page, named or standing in for a region the program does not have */
    if ((va & ~(PAGE - 1)) == x->sym.ordinary) {
        exec_skip(x, "a query of the harness's own memory is not modelled");
        return;
    }
    if (x->model)
        awe_model_query(x->model, layer, (awe_handle_kind)op->handle, va, &qb, op->qlen, &rb, &e,
                        &want, &fields);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    void *buf = awe_arena_place_bytes(x->arena, AWE_SLOT_QUERY, qb.kind, op->qlen, 8, FILL);
    uintptr_t *ret = layer == AWE_API_NT
                         ? awe_arena_place(x->arena, AWE_SLOT_RETLEN, rb.kind, NULL, 1, SENTINEL)
                         : NULL;
    size_t returned = 0;
    uintptr_t retlen = SENTINEL;
    x->be->query(x->b, layer, exec_handle(x, op->handle), (const void *)(uintptr_t)va, buf,
                 op->qlen, (size_t *)(void *)ret, &returned, &r);
    size_t placed = awe_arena_placed_bytes(x->arena, AWE_SLOT_QUERY);
    memset(buf_after, FILL, sizeof buf_after);
    awe_arena_fetch_bytes(x->arena, AWE_SLOT_QUERY, buf_after, placed);
    memcpy(&got, buf_after, sizeof got);
    if (ret && readable(rb.kind))
        awe_arena_fetch(x->arena, AWE_SLOT_RETLEN, &retlen, 1);
    exec_record(x, outcome_status(x, &e, &r), 0, 0);
    if (!x->model)
        return;
    exec_check_note(x, op, &e);
    if (AWE_NT_SUCCESS(e.status))
        check_mbi_note(x, op, &want);
    if (!exec_settle(x, &e, &r, AWE_RULE_Q2) || !AWE_NT_SUCCESS(e.status))
        return;
    compare_query_length(x, op, layer, returned, retlen, buf_after, placed);
    if (!x->stop)
        compare_mbi(x, &want, &got, &fields);
}

/* ---- protect ---- */

/* P13 (after P9): each mapped page of the range answers accesses as its new protection says:
 * READWRITE reads and writes, READONLY reads and refuses writes, NOACCESS refuses both. The
 * probe writes back what it read (the content the oracle gives where the read faulted), so a
 * write that wrongly succeeds changes no data. */
static void verify_protections(struct awe_exec *x, uint64_t base, uint64_t size)
{
    static uint64_t page[AWE_WORDS_PER_PAGE];
    for (uint64_t off = 0; off < size && off / PAGE < PROBED_PAGES_MAX && !x->stop; off += PAGE) {
        awe_page_state ps;
        uint64_t va = base + off;
        awe_model_page_state(x->model, va, &ps);
        if (!ps.in_awe_region || !ps.mapped)
            continue;
        int want_read = ps.protect != AWE_PAGE_NOACCESS;
        int want_write = ps.protect == AWE_PAGE_READWRITE;
        int got_read = x->be->read(x->b, (const void *)(uintptr_t)va, page, sizeof page) == 0;
        if (!got_read)
            awe_content_fill(ps.tag, ps.stamp, page);
        int got_write = x->be->write(x->b, (void *)(uintptr_t)va, page, sizeof page) == 0;
        if (got_read == want_read && got_write == want_write)
            continue;
        char prot[64], a[16], b[16], name[40];
        awe_flags_format(ps.protect, 0, prot, sizeof prot);
        snprintf(a, sizeof a, "%s%s", want_read ? "r" : "-", want_write ? "w" : "-");
        snprintf(b, sizeof b, "%s%s", got_read ? "r" : "-", got_write ? "w" : "-");
        exec_values(x, a, b);
        exec_diverge(x, "access", AWE_RULE_P13, awe_rule_evidence(AWE_RULE_P13),
                     "page %s is %s: reads should %s and writes %s (P13); reads %s, writes %s",
                     awe_symbols_page_name(&x->sym, va, name, sizeof name), prot, want_read ? "work" : "fault",
                     want_write ? "work" : "fault", got_read ? "work" : "fault",
                     got_write ? "work" : "fault");
    }
}

void awe_exec_protect(struct awe_exec *x, const awe_op *op)
{
    awe_expect e;
    awe_call_result r = {0};
    awe_api layer = exec_layer(x, op);
    int nt = layer == AWE_API_NT;
    uint64_t va = awe_resolve_addr(&x->sym, &op->addr), want_base = 0, want_size = 0;
    uint32_t want_old = 0, got_old = 0;
    /* VirtualProtect passes the kernel pointers to its own copies of address and size */
    awe_buf bb = {nt ? (awe_buf_kind)op->baseptr : AWE_BUF_OK, 1};
    awe_buf sb = {nt ? (awe_buf_kind)op->sizeptr : AWE_BUF_OK, 1};
    awe_buf ob = {(awe_buf_kind)op->oldptr, 1};
    if (exec_skip_foreign_memory(x, va, "a protection change of memory the program did not "
                                        "create: on the real API it would change the harness's own memory"))
        return;
    if (x->model)
        awe_model_protect(x->model, layer, (awe_handle_kind)op->handle, &bb, &sb, va, op->size,
                          op->newprot, &ob, &e, &want_base, &want_size, &want_old);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE))
        return;
    uintptr_t base = (uintptr_t)va, size = (uintptr_t)op->size;
    uintptr_t *bp = nt ? awe_arena_place(x->arena, AWE_SLOT_BASE, bb.kind, &base, 1, 0) : NULL;
    uintptr_t *sp = nt ? awe_arena_place(x->arena, AWE_SLOT_SIZE, sb.kind, &size, 1, 0) : NULL;
    uint32_t *old = awe_arena_place_bytes(x->arena, AWE_SLOT_OLD, ob.kind, sizeof *old,
                                          sizeof *old, FILL);
    x->be->protect(x->b, layer, exec_handle(x, op->handle), (void *)(uintptr_t)va,
                   (size_t)op->size, (void **)(void *)bp, (size_t *)(void *)sp, op->newprot, old,
                   &r);
    if (nt && readable(bb.kind))
        awe_arena_fetch(x->arena, AWE_SLOT_BASE, &base, 1);
    if (nt && readable(sb.kind))
        awe_arena_fetch(x->arena, AWE_SLOT_SIZE, &size, 1);
    if (readable(ob.kind))
        awe_arena_fetch_bytes(x->arena, AWE_SLOT_OLD, &got_old, sizeof got_old);
    exec_record(x, outcome_status(x, &e, &r), 0, 0);
    if (!x->model)
        return;
    exec_check_note(x, op, &e);
    /* P7: a failure changes nothing, and what it left in *OldProtect is never compared */
    if (!exec_settle(x, &e, &r, AWE_RULE_P7) || !AWE_NT_SUCCESS(e.status))
        return;
    awe_evidence ev8 = awe_rule_evidence(AWE_RULE_P8);
    if (nt && readable(bb.kind) &&
        !same_value(x, "base", AWE_RULE_P8, ev8, "*BaseAddress", want_base, base))
        return;
    if (nt && readable(sb.kind) &&
        !same_value(x, "size", AWE_RULE_P8, ev8, "*RegionSize", want_size, size))
        return;
    if (readable(ob.kind) && !same_value(x, "old", AWE_RULE_P10, awe_rule_evidence(AWE_RULE_P10),
                                         "*OldProtect", want_old, got_old))
        return;
    verify_protections(x, want_base, want_size);
}

/* ---- lock, unlock ---- */

static int quota_failure(const awe_call_result *r)
{
    return r->has_status ? r->status == AWE_STATUS_WORKING_SET_QUOTA
                         : !r->win32_ok && r->win32_error == AWE_ERROR_WORKING_SET_QUOTA;
}

/* L4 is not modelled: where the oracle allows it (a range past the default minimum working
 * set), the lock failing with STATUS_WORKING_SET_QUOTA is what was expected, and it changed
 * nothing: the oracle goes back to `before` (taken over) and the failure is checked like any
 * other (L6). */
static void allow_quota_failure(struct awe_exec *x, awe_expect *e, awe_model *before)
{
    awe_model_destroy(x->model);
    x->model = before;
    e->rule = AWE_RULE_L4;
    e->status = AWE_STATUS_WORKING_SET_QUOTA;
    e->win32_ok = 0;
    e->win32_error = AWE_ERROR_WORKING_SET_QUOTA;
}

static void run_lock(struct awe_exec *x, const awe_op *op, int unlock)
{
    awe_expect e;
    awe_call_result r = {0};
    awe_api layer = exec_layer(x, op);
    int nt = layer == AWE_API_NT;
    uint64_t va = awe_resolve_addr(&x->sym, &op->addr), want_base = 0, want_size = 0;
    /* the Win32 calls pass the kernel their own copies of address and size, and MAP_PROCESS */
    awe_buf bb = {nt ? (awe_buf_kind)op->baseptr : AWE_BUF_OK, 1};
    awe_buf sb = {nt ? (awe_buf_kind)op->sizeptr : AWE_BUF_OK, 1};
    if (exec_skip_foreign_memory(x, va, unlock ? "an unlock of memory the program did not create: "
                                                 "on the real API it would unlock the harness's own pages"
                                               : "a lock of memory the program did not create: on "
                                                 "the real API it would lock the harness's own pages"))
        return;
    awe_model *before = x->model ? awe_model_clone(x->model) : NULL;
    if (x->model)
        awe_model_lock(x->model, layer, unlock, (awe_handle_kind)op->handle, &bb, &sb, va,
                       op->size, op->maptype, &e, &want_base, &want_size);
    if (exec_crash_skip(x, op, x->model ? e.rule : AWE_RULE_NONE)) {
        awe_model_destroy(before);
        return;
    }
    uintptr_t base = (uintptr_t)va, size = (uintptr_t)op->size;
    uintptr_t *bp = nt ? awe_arena_place(x->arena, AWE_SLOT_BASE, bb.kind, &base, 1, 0) : NULL;
    uintptr_t *sp = nt ? awe_arena_place(x->arena, AWE_SLOT_SIZE, sb.kind, &size, 1, 0) : NULL;
    x->be->lock(x->b, layer, unlock, exec_handle(x, op->handle), (void *)(uintptr_t)va,
                (size_t)op->size, (void **)(void *)bp, (size_t *)(void *)sp, op->maptype, &r);
    if (nt && readable(bb.kind))
        awe_arena_fetch(x->arena, AWE_SLOT_BASE, &base, 1);
    if (nt && readable(sb.kind))
        awe_arena_fetch(x->arena, AWE_SLOT_SIZE, &size, 1);
    if (x->model && e.may_fail_resources && quota_failure(&r))
        allow_quota_failure(x, &e, before);
    else
        awe_model_destroy(before);
    exec_record(x, outcome_status(x, &e, &r), 0, 0);
    if (!x->model)
        return;
    exec_check_note(x, op, &e);
    awe_rule atomic = unlock ? AWE_RULE_L8 : AWE_RULE_L6;
    if (!exec_settle(x, &e, &r, atomic))
        return;
    int ok = AWE_NT_SUCCESS(e.status);
    /* on success the range rounded out to pages (L8); a failed lock writes nothing back (L6) */
    awe_rule rule = ok ? e.rule : AWE_RULE_L6;
    awe_evidence ev = awe_rule_evidence(rule);
    if (!ok && unlock)
        return;
    if (nt && readable(bb.kind) &&
        !same_value(x, "base", rule, ev, "*BaseAddress", ok ? want_base : va, base))
        return;
    if (nt && readable(sb.kind))
        same_value(x, "size", rule, ev, "*RegionSize", ok ? want_size : op->size, size);
}

void awe_exec_lock(struct awe_exec *x, const awe_op *op)
{
    run_lock(x, op, 0);
}

void awe_exec_unlock(struct awe_exec *x, const awe_op *op)
{
    run_lock(x, op, 1);
}
