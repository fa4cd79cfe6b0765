/* SPDX-License-Identifier: Apache-2.0 */
/* model_map.c: MapUserPhysicalPages (M1..M10). Every check runs against the state before
 * the call and precedes every change (M7); a success then maps (M9) or unmaps (M8). */
#include "model_internal.h"

typedef struct {
    uint64_t first_vpn, count;
    int unmap; /* PageArray NULL: the M8 form */
} map_call;

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_M7, AWE_EV_DOC); /* no map, no unmap, no content change */
}

/* M1..M5; 1 when one of them decided the call. */
static int check_range(const awe_model *m, uint64_t va, uint64_t count, const awe_buf *arr,
                       const uint64_t *pfns, awe_expect *e)
{
    if (count > AWE_MAXULONG_PTR / AWE_PAGE_SIZE) {
        fail(e, AWE_RULE_M1, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    /* M2: rounded down, then the last byte must lie above the start. Count 0 passes only at
     * page 0, whose "last byte" wraps to the top of the address space. */
    uint64_t start = page_of(va), last = start + count * AWE_PAGE_SIZE - 1u;
    if (last <= start) {
        fail(e, AWE_RULE_M2, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    int present = arr && arr->kind != AWE_BUF_NULL;
    if (present && count == 0) { /* M2: success before the array is even probed */
        expect_success(e, AWE_RULE_M2, AWE_EV_NT52, AWE_EV_NT52);
        expect_state(e, AWE_RULE_M2, AWE_EV_NT52);
        return 1;
    }
    if (present && (!buf_readable(arr, count) || !pfns)) {
        fail(e, AWE_RULE_M3, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (!m->has_bitmap) { /* M4: the unmap form too */
        fail(e, AWE_RULE_M4, AWE_STATUS_INVALID_PARAMETER_1, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    const awe_region_info *r = regions_find(&m->live, start, NULL);
    if (!r || r->kind != AWE_REGION_AWE || last > region_last_byte(r)) {
        /* M5: also count 0 at page 0 with the unmap form, whose range is everything */
        fail(e, AWE_RULE_M5, AWE_STATUS_INVALID_PARAMETER_1, AWE_EV_DOC, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

/* M6, left to right against the state before the call; 1 when a PFN fails. */
static int check_pfns(awe_model *m, const map_call *c, const uint64_t *pfns, awe_expect *e)
{
    uint64_t epoch = ++m->epoch;
    for (uint64_t i = 0; i < c->count; i++) {
        model_pfn *p = pfn_find(m, pfns[i]);
        if (!p) { /* never allocated, freed, garbage, zero: failing is DOC, the code NT52 */
            fail(e, AWE_RULE_M6, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_DOC, AWE_EV_NT52);
            return 1;
        }
        if (p->mark == epoch) { /* listed twice in this array */
            fail(e, AWE_RULE_M6, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_NT52, AWE_EV_NT52);
            return 1;
        }
        if (p->mapped) {
            /* Mapped outside the range: one PFN at two VAs, forbidden by the docs. Mapped
             * inside it (even at the very VA it would go to): only NT52 says it fails. */
            int inside = p->vpn - c->first_vpn < c->count;
            fail(e, AWE_RULE_M6, AWE_STATUS_INVALID_PARAMETER_3,
                 inside ? AWE_EV_NT52 : AWE_EV_DOC, AWE_EV_NT52);
            return 1;
        }
        p->mark = epoch;
    }
    return 0;
}

static void apply_map(awe_model *m, const map_call *c, const uint64_t *pfns, awe_expect *e)
{
    expect_success(e, AWE_RULE_M9, AWE_EV_DOC, AWE_EV_DOC);
    expect_state(e, AWE_RULE_M9, AWE_EV_DOC); /* M10: visible to every thread on return */
    if (table_reserve(&m->slots, (size_t)c->count)) {
        m->oom = 1; /* the prediction stands; the model can no longer follow */
        return;
    }
    for (uint64_t i = 0; i < c->count; i++) {
        model_slot *s = table_insert(&m->slots, c->first_vpn + i);
        slot_set(m, s, pfns[i], AWE_RULE_M9, AWE_EV_DOC); /* M9: the old PFN is unmapped */
    }
}

void awe_model_map(awe_model *m, awe_api api, uint64_t va, uint64_t count,
                   const awe_buf *pfn_array, const uint64_t *pfns, awe_expect *out)
{
    (void)api; /* pass-through wrapper */
    expect_begin(out);
    if (check_range(m, va, count, pfn_array, pfns, out))
        return;
    map_call c = {vpn_of(va), count, !pfn_array || pfn_array->kind == AWE_BUF_NULL};
    if (c.unmap) {
        /* M8: every page of the range, mapped or not; the PFNs stay owned */
        pages_unmap_range(m, c.first_vpn, c.count, AWE_RULE_M8, AWE_EV_DOC);
        expect_success(out, AWE_RULE_M8, AWE_EV_DOC, AWE_EV_DOC);
        expect_state(out, AWE_RULE_M8, AWE_EV_DOC);
        return;
    }
    if (check_pfns(m, &c, pfns, out))
        return;
    apply_map(m, &c, pfns, out);
}
