/* SPDX-License-Identifier: Apache-2.0 */
/* model_virtual_adopt.c: checks what VirtualAlloc returned against the expectation and
 * records the region it reserved (V1; AWE when MEM_PHYSICAL). */
#include <inttypes.h>

#include "model_internal.h"

/* Failures the model cannot predict: the system ran out of address space, pool or commit,
 * or (at a fixed base) memory the model does not know already sits there. */
static int resource_failure(const awe_expect *e, awe_ntstatus got)
{
    if (!e->may_fail_resources)
        return 0;
    return got == AWE_STATUS_NO_MEMORY || got == AWE_STATUS_INSUFFICIENT_RESOURCES ||
           got == AWE_STATUS_COMMITMENT_LIMIT ||
           (e->region_base != 0 && got == AWE_STATUS_CONFLICTING_ADDRESSES);
}

static int check_region(const awe_model *m, const awe_expect *e, uint64_t base, uint64_t size,
                        awe_mismatch *mm)
{
    if (size != e->region_size) {
        mismatch_set(mm, AWE_RULE_V1, AWE_EV_DOC, "size",
                     "region size expected 0x%" PRIx64 ", got 0x%" PRIx64, e->region_size, size);
        return -1;
    }
    int bad_base = e->region_base ? base != e->region_base
                                  : base == 0 || base % e->region_align != 0;
    if (bad_base || base > AWE_HIGHEST_USER_ADDRESS + 1u - size) {
        mismatch_set(mm, AWE_RULE_V1, AWE_EV_DOC, "base",
                     "region base 0x%" PRIx64 " (wanted 0x%" PRIx64 ", alignment 0x%" PRIx64
                     ")", base, e->region_base, e->region_align);
        return -1;
    }
    if (regions_overlap(&m->live, base, base + size - 1u)) {
        mismatch_set(mm, AWE_RULE_V1, AWE_EV_DOC, "base",
                     "region 0x%" PRIx64 "+0x%" PRIx64 " overlaps a live region", base, size);
        return -1;
    }
    return 0;
}

int awe_model_virtual_alloc_adopt(awe_model *m, const awe_expect *e, awe_ntstatus got_status,
                                  uint64_t got_base, uint64_t got_size, awe_mismatch *mm)
{
    if (got_status != e->status) {
        if (resource_failure(e, got_status))
            return 0;
        awe_evidence ev = AWE_NT_SUCCESS(got_status) != AWE_NT_SUCCESS(e->status)
                              ? e->ev_outcome : e->ev_status;
        mismatch_set(mm, e->rule, ev, "status", "expected 0x%08" PRIX32 ", got 0x%08" PRIX32,
                     e->status, got_status);
        return -1;
    }
    if (got_status != AWE_STATUS_SUCCESS)
        return 0;
    if (e->region_size == 0) { /* a commit inside an existing region: its pages' state only */
        const awe_region_info *r = regions_find(&m->live, e->commit_base, NULL);
        if (r && e->commit_pages)
            plain_commit(m, r, vpn_of(e->commit_base), e->commit_pages, e->commit_protect);
        return 0;
    }
    if (check_region(m, e, got_base, got_size, mm))
        return -1;
    awe_region_info r = {got_base, got_size / AWE_PAGE_SIZE,
                         e->region_awe ? AWE_REGION_AWE : AWE_REGION_PLAIN};
    if (regions_insert_sorted(&m->live, &r)) {
        mismatch_set(mm, AWE_RULE_V1, AWE_EV_INF, "model", "out of memory recording region");
        return -1;
    }
    if (r.kind == AWE_REGION_PLAIN) /* committed whole or reserved only (Q4, P9, L5) */
        plain_region_add(m, got_base, e->commit_protect, e->commit_pages ? e->commit_protect : 0);
    return 0;
}
