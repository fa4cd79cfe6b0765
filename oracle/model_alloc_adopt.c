/* SPDX-License-Identifier: Apache-2.0 */
/* model_alloc_adopt.c: checks what AllocateUserPhysicalPages returned against the
 * expectation (status, *NumberOfPages, PFNs: A7..A11) and takes the grant into the model,
 * out of the pool when the model knows it. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

static awe_evidence status_ev(const awe_expect *e, awe_ntstatus got)
{
    return AWE_NT_SUCCESS(got) != AWE_NT_SUCCESS(e->status) ? e->ev_outcome : e->ev_status;
}

/* A failure before A7, or A1: status and count are fixed, nothing changes. */
static int adopt_decided(const awe_expect *e, awe_ntstatus got_status, uint64_t got_count,
                         awe_mismatch *mm)
{
    if (got_status != e->status) {
        mismatch_set(mm, e->rule, status_ev(e, got_status), "status",
                     "expected 0x%08" PRIX32 ", got 0x%08" PRIX32, e->status, got_status);
        return -1;
    }
    /* With an unusable count pointer (A3 on it) there is no count to compare. */
    if (e->count_rule != AWE_RULE_A3 && got_count != e->count) {
        mismatch_set(mm, e->count_rule, e->ev_count, "count",
                     "*NumberOfPages expected %" PRIu64 " (unchanged), got %" PRIu64, e->count,
                     got_count);
        return -1;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* A10: nonzero, not owned, pairwise distinct (sorted copy: O(n log n) for any n). */
static int check_pfns(const awe_model *m, const uint64_t *pfns, uint64_t n, awe_mismatch *mm)
{
    for (uint64_t i = 0; i < n; i++) {
        if (pfns[i] == 0 || pfn_find(m, pfns[i])) {
            mismatch_set(mm, AWE_RULE_A10, AWE_EV_DOC, "pfn",
                         "PageArray[%" PRIu64 "] = 0x%" PRIx64 " is %s", i, pfns[i],
                         pfns[i] ? "already owned" : "zero");
            return -1;
        }
    }
    uint64_t *sorted = malloc((size_t)n * sizeof *sorted);
    if (!sorted) {
        mismatch_set(mm, AWE_RULE_A10, AWE_EV_INF, "model", "out of memory checking PFNs");
        return -1;
    }
    memcpy(sorted, pfns, (size_t)n * sizeof *sorted);
    qsort(sorted, (size_t)n, sizeof *sorted, cmp_u64);
    int rc = 0;
    for (uint64_t i = 1; i < n && rc == 0; i++) {
        if (sorted[i] == sorted[i - 1]) {
            mismatch_set(mm, AWE_RULE_A10, AWE_EV_DOC, "pfn",
                         "PFN 0x%" PRIx64 " granted twice", sorted[i]);
            rc = -1;
        }
    }
    free(sorted);
    return rc;
}

static int check_grant(const awe_model *m, const awe_expect *e, uint64_t got_count,
                       const uint64_t *pfns, awe_mismatch *mm)
{
    if (got_count < e->grant_min || got_count > e->grant_max) {
        if (e->grant_min == e->grant_max) /* the pool is known: min(request, limit, pool) */
            mismatch_set(mm, e->count_rule, e->ev_count, "count",
                         "grant of %" PRIu64 " pages, expected exactly %" PRIu64
                         " (request, page limit and pool free pages %" PRIu64 ")",
                         got_count, e->grant_max, m->pool_free);
        else
            mismatch_set(mm, e->count_rule, e->ev_count, "count",
                         "grant of %" PRIu64 " pages outside [%" PRIu64 ", %" PRIu64 "]",
                         got_count, e->grant_min, e->grant_max);
        return -1;
    }
    if (!pfns) {
        mismatch_set(mm, AWE_RULE_A10, AWE_EV_DOC, "pfn", "no PageArray to adopt");
        return -1;
    }
    return check_pfns(m, pfns, got_count, mm);
}

static int take_grant(awe_model *m, const uint64_t *pfns, uint64_t n, awe_mismatch *mm)
{
    if (table_reserve(&m->pfns, (size_t)n)) {
        mismatch_set(mm, AWE_RULE_A8, AWE_EV_INF, "model", "out of memory adopting %" PRIu64
                     " pages", n);
        return -1;
    }
    m->has_bitmap = 1;
    for (uint64_t i = 0; i < n; i++)
        table_insert(&m->pfns, pfns[i]); /* A11: tag 0, unmapped, never written */
    if (m->pool_known) /* out of the pool; check_grant held n to grant_max <= pool_free */
        m->pool_free -= n < m->pool_free ? n : m->pool_free;
    return 0;
}

/* A7: INSUFFICIENT_RESOURCES after A6. Allowed when expected (the known pool is empty) or
 * when the model cannot know the pool (may_fail_resources); with the pool known and pages
 * left it is a refused grant, which A8 forbids ("otherwise success"). */
static int adopt_insufficient(awe_model *m, const awe_expect *e, uint64_t got_count,
                              awe_mismatch *mm)
{
    if (e->status != AWE_STATUS_INSUFFICIENT_RESOURCES && !e->may_fail_resources) {
        mismatch_set(mm, AWE_RULE_A8, AWE_EV_DOC, "status",
                     "expected SUCCESS n=%" PRIu64 " (the pool has %" PRIu64
                     " free pages), got INSUFFICIENT_RESOURCES", e->grant_max, m->pool_free);
        return -1;
    }
    if (got_count != e->count) {
        mismatch_set(mm, AWE_RULE_A9, AWE_EV_NT52, "count",
                     "*NumberOfPages expected %" PRIu64 " (unchanged), got %" PRIu64,
                     e->count, got_count);
        return -1;
    }
    m->has_bitmap = 1; /* A0: created before the pages were sought */
    return 0;
}

int awe_model_allocate_adopt(awe_model *m, const awe_expect *e, awe_ntstatus got_status,
                             uint64_t got_count, const uint64_t *pfns, awe_mismatch *mm)
{
    /* Only calls that passed A1..A6 reach A7/A8; the rest are decided in full. */
    if (e->rule != AWE_RULE_A7 && e->rule != AWE_RULE_A8)
        return adopt_decided(e, got_status, got_count, mm);
    if (got_status == AWE_STATUS_INSUFFICIENT_RESOURCES)
        return adopt_insufficient(m, e, got_count, mm);
    if (got_status != AWE_STATUS_SUCCESS) {
        mismatch_set(mm, e->rule, e->ev_outcome, "status",
                     "expected %s, got 0x%08" PRIX32,
                     e->status != AWE_STATUS_SUCCESS ? "INSUFFICIENT_RESOURCES"
                     : e->may_fail_resources         ? "SUCCESS or INSUFFICIENT_RESOURCES"
                                                     : "SUCCESS",
                     got_status);
        return -1;
    }
    if (e->status != AWE_STATUS_SUCCESS) { /* A7: the known pool has no page to give */
        mismatch_set(mm, AWE_RULE_A7, e->ev_outcome, "status",
                     "expected INSUFFICIENT_RESOURCES (the pool has %" PRIu64
                     " free pages, %" PRIu64 " owned), got SUCCESS n=%" PRIu64,
                     m->pool_free, (uint64_t)m->pfns.count, got_count);
        return -1;
    }
    if (check_grant(m, e, got_count, pfns, mm))
        return -1;
    return take_grant(m, pfns, got_count, mm);
}
