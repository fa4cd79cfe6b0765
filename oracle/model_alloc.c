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

    /* Past A6: the PFN bitmap now exists whatever happens next (A7 included). A8: any grant
     * from 1 up to the request, clamped to the page limit (A6). */
    uint64_t limit = m->cfg.page_limit, grant_max = count_in;
    if (limit != 0 && grant_max > limit - m->pfns.count)
        grant_max = limit - m->pfns.count;
    expect_success(out, AWE_RULE_A8, AWE_EV_DOC, AWE_EV_DOC);
    expect_state(out, numa ? AWE_RULE_A12 : AWE_RULE_A8, AWE_EV_DOC);
    out->count_written = 1;
    out->count_rule = AWE_RULE_A8;
    out->ev_count = AWE_EV_DOC; /* a partial grant is documented */
    out->grant_min = 1;
    out->grant_max = grant_max;
    out->may_fail_resources = 1; /* A7 */
}
