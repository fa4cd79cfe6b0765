/* SPDX-License-Identifier: Apache-2.0 */
/* model_pages.c: the VA page -> PFN map and its reverse, kept in step: a slot that holds a
 * PFN and that PFN's record always point at each other (the injectivity of spec section 2). */
#include "model_internal.h"

model_pfn *pfn_find(const awe_model *m, uint64_t pfn)
{
    return table_find(&m->pfns, pfn);
}

model_slot *slot_find(const awe_model *m, uint64_t vpn)
{
    return table_find(&m->slots, vpn);
}

static void slot_clear(awe_model *m, model_slot *s)
{
    if (s->pfn == 0)
        return;
    model_pfn *old = pfn_find(m, s->pfn);
    if (old && old->mapped) {
        old->mapped = 0;
        m->mapped--;
    }
    s->pfn = 0;
}

void slot_set(awe_model *m, model_slot *s, uint64_t pfn, awe_rule rule, awe_evidence ev)
{
    slot_clear(m, s); /* M9: the PFN that was here stays owned, now unmapped */
    if (pfn != 0) {
        model_pfn *p = pfn_find(m, pfn);
        m->mapped += !p->mapped;
        p->mapped = 1;
        p->vpn = s->vpn;
        s->pfn = pfn;
    }
    /* P11: every map installs a read-write translation; an unmap ends any protection */
    s->protect = pfn ? AWE_PAGE_READWRITE : 0;
    s->rule = (uint8_t)rule;
    s->ev = (uint8_t)ev;
}

static int in_range(uint64_t vpn, uint64_t first, uint64_t n)
{
    return vpn >= first && vpn - first < n;
}

void pages_unmap_range(awe_model *m, uint64_t first_vpn, uint64_t n, awe_rule rule,
                       awe_evidence ev)
{
    /* Walk whichever is smaller: the range or the touched pages. Either way only existing
     * slots change, so both walks give the same result. */
    if (n <= m->slots.count) {
        for (uint64_t i = 0; i < n; i++) {
            model_slot *s = slot_find(m, first_vpn + i);
            if (s)
                slot_set(m, s, 0, rule, ev);
        }
        return;
    }
    for (size_t i = 0; i < m->slots.count; i++) {
        model_slot *s = table_at(&m->slots, i);
        if (in_range(s->vpn, first_vpn, n))
            slot_set(m, s, 0, rule, ev);
    }
}

void pages_drop_range(awe_model *m, uint64_t first_vpn, uint64_t n)
{
    if (n <= m->slots.count) {
        for (uint64_t i = 0; i < n; i++) {
            model_slot *s = slot_find(m, first_vpn + i);
            if (s) {
                slot_clear(m, s);
                table_remove(&m->slots, first_vpn + i);
            }
        }
        return;
    }
    /* Backwards: a removal moves the last item into the hole, which was already visited. */
    for (size_t i = m->slots.count; i-- > 0;) {
        model_slot *s = table_at(&m->slots, i);
        if (in_range(s->vpn, first_vpn, n)) {
            slot_clear(m, s);
            table_remove(&m->slots, s->vpn);
        }
    }
}
