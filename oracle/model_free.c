/* SPDX-License-Identifier: Apache-2.0 */
/* model_free.c: FreeUserPhysicalPages (F1..F8), checks in the NT52 order. The count is
 * zeroed once its pointer is probed (F1) and ends as the number of pages freed. */
#include "model_internal.h"

/* A failure after F1 and before any PFN: nothing freed, the count F1 zeroed stays 0. */
static void fail_after(awe_expect *e, awe_rule rule, awe_ntstatus status)
{
    expect_fail(e, rule, status, AWE_EV_NT52, AWE_EV_NT52);
    expect_count(e, 0, AWE_RULE_F1, AWE_EV_NT52);
    expect_state(e, rule, AWE_EV_NT52);
}

/* F1, F2, F6, F3, F4; 1 when one of them decided the call. */
static int precheck(const awe_model *m, awe_handle_kind handle, const awe_buf *count_ptr,
                    uint64_t count_in, const awe_buf *pfn_array, const uint64_t *pfns,
                    awe_expect *e)
{
    if (!buf_writable(count_ptr, 1)) { /* F1: nothing written, nothing freed */
        expect_fail(e, AWE_RULE_F1, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        expect_state(e, AWE_RULE_F1, AWE_EV_NT52);
        e->count_rule = AWE_RULE_F1;
        e->ev_count = AWE_EV_NT52;
        return 1;
    }
    if (count_in == 0) {
        fail_after(e, AWE_RULE_F2, AWE_STATUS_INVALID_PARAMETER_2);
        return 1;
    }
    /* F6: the whole array is captured before the handle is looked at. (WRK captures in
     * chunks of 0xFFFFF entries; arrays that long are out of the model's reach.) */
    if (!buf_readable(pfn_array, count_in) || !pfns) {
        fail_after(e, AWE_RULE_F6, AWE_STATUS_ACCESS_VIOLATION);
        return 1;
    }
    awe_ntstatus hs = model_handle_status(handle);
    if (hs != AWE_STATUS_SUCCESS) { /* F3: as A4, but no privilege check follows */
        fail_after(e, AWE_RULE_F3, hs);
        return 1;
    }
    if (!m->has_bitmap) { /* F4: never allocated (A0: freeing everything is not "never") */
        fail_after(e, AWE_RULE_F4, AWE_STATUS_INVALID_PARAMETER_1);
        return 1;
    }
    return 0;
}

/* F5 + F7: free in array order up to the first PFN not owned (one freed earlier in this
 * call included). Returns the number freed; with the pool known they are back in it at once
 * (A7/A8: the next Allocate can have them). */
static uint64_t free_prefix(awe_model *m, uint64_t count, const uint64_t *pfns)
{
    for (uint64_t i = 0; i < count; i++) {
        model_pfn *p = pfn_find(m, pfns[i]);
        if (!p)
            return i;
        if (p->mapped) /* F7: its VA faults from now on; other pages are untouched */
            slot_set(m, slot_find(m, p->vpn), 0, AWE_RULE_F7, AWE_EV_DOC);
        table_remove(&m->pfns, pfns[i]);
        if (m->pool_known)
            m->pool_free++;
    }
    return count;
}

void awe_model_free(awe_model *m, awe_api api, awe_handle_kind handle,
                    const awe_buf *count_ptr, uint64_t count_in, const awe_buf *pfn_array,
                    const uint64_t *pfns, awe_expect *out)
{
    (void)api; /* pass-through wrapper */
    expect_begin(out);
    if (precheck(m, handle, count_ptr, count_in, pfn_array, pfns, out))
        return;
    uint64_t freed = free_prefix(m, count_in, pfns);
    if (freed < count_in) {
        /* F5: freeing an unowned PFN failing is NT52; the count = pages released is DOC,
         * but which pages count as released (the prefix) is NT52. */
        expect_fail(out, AWE_RULE_F5, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_NT52,
                    AWE_EV_NT52);
        expect_count(out, freed, AWE_RULE_F5, AWE_EV_NT52);
        expect_state(out, AWE_RULE_F5, AWE_EV_NT52);
        return;
    }
    /* F8; A0: the bitmap stays even when this freed the last page. */
    expect_success(out, AWE_RULE_F8, AWE_EV_DOC, AWE_EV_DOC);
    expect_count(out, count_in, AWE_RULE_F8, AWE_EV_DOC);
    expect_state(out, AWE_RULE_F8, AWE_EV_DOC);
}
