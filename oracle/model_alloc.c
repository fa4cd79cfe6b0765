/* SPDX-License-Identifier: Apache-2.0 */
/* model_alloc.c: what AllocateUserPhysicalPages(Numa) may do (A1..A12), checks in the NT52
 * order. The grant itself is the implementation's choice; model_alloc_adopt.c takes it. */
#include "model_internal.h"

/* A9: a failure writes nothing and allocates nothing. */
static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_A9, AWE_EV_DOC);
    e->count_rule = AWE_RULE_A9;
    e->ev_count = AWE_EV_NT52;
}

/* A1..A6 in order; 1 when one of them decided the call. */
static int precheck(const awe_model *m, awe_handle_kind handle, const awe_buf *count_ptr,
                    uint64_t count_in, const awe_buf *pfn_array, awe_expect *e)
{
    if (!buf_writable(count_ptr, 1)) { /* A3: the count pointer is probed first */
        fail(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        e->count_rule = AWE_RULE_A3; /* no usable count: adopt does not compare it */
        return 1;
    }
    if (count_in == 0) { /* A1: success before anything else, privilege included */
        expect_success(e, AWE_RULE_A1, AWE_EV_NT52, AWE_EV_NT52);
        expect_state(e, AWE_RULE_A1, AWE_EV_NT52);
        e->count_rule = AWE_RULE_A1;
        e->ev_count = AWE_EV_NT52;
        return 1;
    }
    if (count_in > AWE_MAXULONG_PTR / sizeof(uint64_t)) {
        fail(e, AWE_RULE_A2, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (!buf_writable(pfn_array, count_in)) { /* A3 (cont.): all count_in entries */
        fail(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    awe_ntstatus hs = model_handle_status(handle);
    if (hs != AWE_STATUS_SUCCESS) { /* A4: the right is documented, the code is NT52 */
        fail(e, AWE_RULE_A4, hs, AWE_EV_DOC, AWE_EV_NT52);
        return 1;
    }
    if (!m->privilege) {
        fail(e, AWE_RULE_A5, AWE_STATUS_PRIVILEGE_NOT_HELD, AWE_EV_DOC, AWE_EV_DOC);
        return 1;
    }
    uint64_t limit = m->cfg.page_limit;
    if (limit != 0 && m->pfns.count >= limit) {
        fail(e, AWE_RULE_A6, AWE_STATUS_COMMITMENT_LIMIT, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

/* A6 (clamp) and the pool (A7/A8): the most this call can be granted. Without a known pool
 * only the limit bounds it. */
static uint64_t grant_bound(const awe_model *m, uint64_t count_in)
{
    uint64_t limit = m->cfg.page_limit, n = count_in;
    if (limit != 0 && n > limit - m->pfns.count)
        n = limit - m->pfns.count; /* precheck: owned < limit here */
    if (m->pool_known && n > m->pool_free)
        n = m->pool_free;
    return n;
}

void awe_model_allocate_expect(const awe_model *m, awe_api api, awe_handle_kind handle,
                               const awe_buf *count_ptr, uint64_t count_in,
                               const awe_buf *pfn_array, int numa, uint32_t node,
                               awe_expect *out)
{
    (void)api;  /* the wrapper is a pass-through */
    (void)node; /* A12: only a preference */
    expect_begin(out);
    out->count = count_in;
    if (precheck(m, handle, count_ptr, count_in, pfn_array, out))
        return;

    /* Past A6: the PFN bitmap now exists whatever happens next (A0, A7 included). */
    uint64_t grant = grant_bound(m, count_in);
    if (m->pool_known && grant == 0) {
        /* A7: the pool has not a single page left. Nothing is granted or written (A9), but
         * the bitmap was created before the pages were sought: the adopt path records it. */
        expect_fail(out, AWE_RULE_A7, AWE_STATUS_INSUFFICIENT_RESOURCES, AWE_EV_NT52,
                    AWE_EV_NT52);
        expect_state(out, AWE_RULE_A7, AWE_EV_NT52);
        out->count_rule = AWE_RULE_A9;
        out->ev_count = AWE_EV_NT52;
        return;
    }
    expect_success(out, AWE_RULE_A8, AWE_EV_DOC, AWE_EV_DOC);
    expect_state(out, numa ? AWE_RULE_A12 : AWE_RULE_A8, AWE_EV_DOC);
    out->count_written = 1;
    out->count_rule = AWE_RULE_A8;
    out->ev_count = AWE_EV_DOC; /* a partial grant is documented */
    if (m->pool_known) {
        /* A8 with the pool known: exactly what limit and pool leave, no failure allowed. */
        out->grant_min = out->grant_max = grant;
        out->may_fail_resources = 0;
        return;
    }
    /* A7/A8 without the pool (a real Windows): any grant from 1 up to the request clamped to
     * the limit, or INSUFFICIENT_RESOURCES; docs/allowances.md. */
    out->grant_min = 1;
    out->grant_max = grant;
    out->may_fail_resources = 1;
}
