/* SPDX-License-Identifier: Apache-2.0 */
/* exec_access.c: plain memory access through a VA (C1..C4) and the full-state check. A page's
 * content is the program's tag and the frame's stamp (content.h); notes and traces show the tag
 * only. */
#include <string.h>

#include "content.h"
#include "exec_internal.h"
#include "exec_ops.h"

static uint64_t page_of(uint64_t va)
{
    return va & ~(uint64_t)(AWE_PAGE_SIZE - 1);
}

static void record_access(struct awe_exec *x, int ok, int has_tag, uint64_t tag)
{
    awe_note *n = &x->res->actual[x->cur];
    memset(n, 0, sizeof *n);
    n->present = 1;
    n->fault = (uint8_t)!ok;
    n->has_tag = (uint8_t)(ok && has_tag);
    n->tag = tag;
}

/* The access faulted where the oracle expected it to work, or the reverse. */
static void fault_mismatch(struct awe_exec *x, uint64_t va, const awe_page_state *ps, int got_ok)
{
    char page[40];
    exec_values(x, ps->mapped ? "access" : "fault", got_ok ? "access" : "fault");
    exec_diverge(x, "fault", ps->rule, ps->ev, "access to %s should %s (%s), it %s",
                 awe_symbols_page_name(&x->sym, va, page, sizeof page), ps->mapped ? "work" : "fault",
                 awe_rule_name(ps->rule), got_ok ? "worked" : "faulted");
}

static void check_access_note(struct awe_exec *x, const awe_op *op, int ok, uint64_t tag)
{
    const awe_note *n = &op->note;
    awe_note *exp = &x->res->expected;
    memset(exp, 0, sizeof *exp);
    exp->present = 1;
    exp->fault = (uint8_t)!ok;
    exp->has_tag = (uint8_t)(ok && op->kind == AWE_OP_READ);
    exp->tag = tag;
    if (!x->cfg.check_notes || !n->present || x->stop || x->off_script)
        return;
    if (n->fault == ok || (ok && n->has_tag && n->tag != tag)) {
        char says[32], want[32];
        awe_note_format(op, n, says, sizeof says);
        awe_note_format(op, exp, want, sizeof want);
        exec_diverge(x, "note", AWE_RULE_C1, AWE_EV_DOC, "the program says %s, the oracle expects %s",
                     says, want);
    }
}

/* Plain memory outside live AWE regions belongs to the process, not to the API: what it holds
 * is nobody's rule, and writing it would corrupt the harness. Accesses go to AWE regions only. */
static int skip_foreign(struct awe_exec *x, uint64_t va)
{
    awe_page_state ps;
    int ours = awe_symbols_in_live_awe(&x->sym, va);
    if (x->model) {
        awe_model_page_state(x->model, va, &ps);
        ours = ps.in_awe_region;
    }
    if (!ours)
        exec_skip(x, "an access outside the live AWE regions is not modelled");
    return !ours;
}

void awe_exec_write(struct awe_exec *x, const awe_op *op)
{
    uint64_t page[AWE_WORDS_PER_PAGE];
    uint64_t va = page_of(awe_resolve_addr(&x->sym, &op->addr));
    awe_page_state ps;
    if (skip_foreign(x, va))
        return;
    int expect_ok = 0;
    memset(&ps, 0, sizeof ps);
    if (x->model) {
        awe_model_page_state(x->model, va, &ps);
        expect_ok = awe_model_write(x->model, va, op->tag);
    }
    /* The new tag goes into the frame the oracle says is there, under that frame's stamp: a
     * write through a VA that shows another frame leaves a stamp the oracle does not expect. */
    awe_content_fill(op->tag, ps.stamp, page);
    int got_ok = x->be->write(x->b, (void *)(uintptr_t)va, page, sizeof page) == 0;
    record_access(x, got_ok, 0, 0);
    if (!x->model)
        return;
    exec_set_rule(x, expect_ok ? AWE_RULE_C1 : ps.rule);
    check_access_note(x, op, expect_ok, 0);
    if (got_ok != expect_ok)
        fault_mismatch(x, va, &ps, got_ok);
}

void awe_exec_read(struct awe_exec *x, const awe_op *op)
{
    uint64_t page[AWE_WORDS_PER_PAGE];
    uint64_t va = page_of(awe_resolve_addr(&x->sym, &op->addr)), tag = 0;
    awe_page_state ps;
    int expect_ok = 0;
    if (skip_foreign(x, va))
        return;
    uint64_t got_tag = 0;
    uint16_t got_stamp = 0;
    int got_ok = x->be->read(x->b, (const void *)(uintptr_t)va, page, sizeof page) == 0;
    int foreign = got_ok && awe_content_decode(page, &got_tag, &got_stamp) != 0;
    record_access(x, got_ok, 1, foreign ? 0 : got_tag);
    if (!x->model)
        return;
    awe_model_page_state(x->model, va, &ps);
    expect_ok = awe_model_read(x->model, va, &tag);
    exec_set_rule(x, expect_ok ? ps.content_rule : ps.rule);
    check_access_note(x, op, expect_ok, tag);
    if (got_ok != expect_ok) {
        fault_mismatch(x, va, &ps, got_ok);
    } else if (got_ok && (foreign || got_tag != tag || got_stamp != ps.stamp)) {
        char name[40];
        exec_diverge(x, "content", ps.content_rule, awe_rule_evidence(ps.content_rule),
                     "page %s should hold tag %llu of frame stamp %u (PFN %llx, %s), holds %s "
                     "%llu of frame stamp %u", awe_symbols_page_name(&x->sym, va, name, sizeof name),
                     (unsigned long long)tag,
                     (unsigned)ps.stamp, (unsigned long long)ps.pfn,
                     awe_rule_name(ps.content_rule), foreign ? "a foreign pattern, not tag" : "tag",
                     (unsigned long long)got_tag, (unsigned)got_stamp);
    }
}

void awe_exec_check(struct awe_exec *x, const awe_op *op)
{
    (void)op;
    exec_compare_state(x, AWE_CHECK_CONTENT);
}
