/* SPDX-License-Identifier: Apache-2.0 */
/* model_scatter.c: MapUserPhysicalPagesScatter (S1..S9). All addresses are checked, then
 * all PFNs, against the state before the call (S7); then the entries apply in array
 * order (S8). */
#include "model_internal.h"

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_S7, AWE_EV_DOC);
}

/* S1..S4; 1 when one of them decided the call. */
static int check_args(const awe_model *m, const awe_buf *va_array, const uint64_t *vas,
                      uint64_t count, const awe_buf *pfn_array, const uint64_t *pfns,
                      awe_expect *e)
{
    if (count > AWE_MAXULONG_PTR / AWE_PAGE_SIZE) {
        fail(e, AWE_RULE_S1, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    /* S2: a probe of 0 bytes checks nothing, so count 0 succeeds whatever the arrays are */
    if (!buf_readable(va_array, count) || (count && !vas)) {
        fail(e, AWE_RULE_S2, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (count == 0) {
        expect_success(e, AWE_RULE_S2, AWE_EV_NT52, AWE_EV_NT52);
        expect_state(e, AWE_RULE_S2, AWE_EV_NT52);
        return 1;
    }
    if (pfn_array && pfn_array->kind != AWE_BUF_NULL &&
        (!buf_readable(pfn_array, count) || !pfns)) {
        fail(e, AWE_RULE_S2, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (!m->has_bitmap) {
        fail(e, AWE_RULE_S3, AWE_STATUS_INVALID_PARAMETER_1, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    for (uint64_t i = 0; i < count; i++) { /* S4: every address before any PFN */
        const awe_region_info *r = regions_find(&m->live, vas[i], NULL);
        if (!r || r->kind != AWE_REGION_AWE) {
            fail(e, AWE_RULE_S4, AWE_STATUS_INVALID_PARAMETER_1, AWE_EV_DOC, AWE_EV_NT52);
            return 1;
        }
    }
    return 0;
}

/* S5 (like M6, zero entries skipped) and S9; 1 when a PFN fails. */
static int check_pfns(awe_model *m, const uint64_t *vas, uint64_t count, const uint64_t *pfns,
                      awe_expect *e)
{
    uint64_t epoch = ++m->epoch;
    for (uint64_t i = 0; i < count; i++) { /* mark the pages this call names (S9) */
        model_slot *s = slot_find(m, vpn_of(vas[i]));
        if (s)
            s->mark = epoch;
    }
    for (uint64_t i = 0; i < count; i++) {
        if (pfns[i] == 0) /* S5: zero = unmap that address, not checked */
            continue;
        model_pfn *p = pfn_find(m, pfns[i]);
        if (!p) {
            fail(e, AWE_RULE_S5, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_DOC, AWE_EV_NT52);
            return 1;
        }
        if (p->mark == epoch) { /* listed twice */
            fail(e, AWE_RULE_S5, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_NT52, AWE_EV_NT52);
            return 1;
        }
        if (p->mapped) {
            /* S9: mapped at a page this call also names (a move, or where it already is):
             * NT52 only. Mapped elsewhere: a second VA for one PFN, which the docs forbid. */
            if (slot_find(m, p->vpn)->mark == epoch)
                fail(e, AWE_RULE_S9, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_NT52, AWE_EV_NT52);
            else
                fail(e, AWE_RULE_S5, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_DOC, AWE_EV_NT52);
            return 1;
        }
        p->mark = epoch;
    }
    return 0;
}

/* S8: in array order; a page named twice ends with the later entry, and the PFN the earlier
 * entry put there ends unmapped. Returns 1 when some page was named twice. */
static int apply(awe_model *m, const uint64_t *vas, uint64_t count, const uint64_t *pfns)
{
    if (table_reserve(&m->slots, (size_t)count)) {
        m->oom = 1;
        return 0;
    }
    uint64_t epoch = ++m->epoch;
    int twice = 0;
    for (uint64_t i = 0; i < count; i++) {
        model_slot *s = table_insert(&m->slots, vpn_of(vas[i]));
        int again = s->mark == epoch;
        s->mark = epoch;
        twice |= again;
        if (!pfns)
            slot_set(m, s, 0, AWE_RULE_S6, AWE_EV_DOC);
        else if (again)
            slot_set(m, s, pfns[i], AWE_RULE_S8, AWE_EV_NT52);
        else
            slot_set(m, s, pfns[i], AWE_RULE_S5, AWE_EV_DOC);
    }
    return twice;
}

void awe_model_scatter(awe_model *m, awe_api api, const awe_buf *va_array, const uint64_t *vas,
                       uint64_t count, const awe_buf *pfn_array, const uint64_t *pfns,
                       awe_expect *out)
{
    (void)api; /* pass-through wrapper */
    expect_begin(out);
    if (check_args(m, va_array, vas, count, pfn_array, pfns, out))
        return;
    if (!pfn_array || pfn_array->kind == AWE_BUF_NULL) {
        apply(m, vas, count, NULL); /* S6: unmap every listed address */
        expect_success(out, AWE_RULE_S6, AWE_EV_DOC, AWE_EV_DOC);
        expect_state(out, AWE_RULE_S6, AWE_EV_DOC);
        return;
    }
    if (check_pfns(m, vas, count, pfns, out))
        return;
    if (apply(m, vas, count, pfns)) { /* success with a page named twice: NT52 */
        expect_success(out, AWE_RULE_S8, AWE_EV_NT52, AWE_EV_NT52);
        expect_state(out, AWE_RULE_S8, AWE_EV_NT52);
    } else {
        expect_success(out, AWE_RULE_S5, AWE_EV_DOC, AWE_EV_DOC);
        expect_state(out, AWE_RULE_S5, AWE_EV_DOC);
    }
}
