/* SPDX-License-Identifier: Apache-2.0 */
/* model_query.c: read-only views of the model for comparison against an implementation. */
#include <string.h>

#include "model_internal.h"

int awe_model_has_bitmap(const awe_model *m)
{
    return m->has_bitmap;
}

uint64_t awe_model_owned_count(const awe_model *m)
{
    return m->pfns.count;
}

int awe_model_pfn_owned(const awe_model *m, uint64_t pfn)
{
    return pfn_find(m, pfn) != NULL;
}

uint64_t awe_model_pfn_va(const awe_model *m, uint64_t pfn)
{
    const model_pfn *p = pfn_find(m, pfn);
    return p && p->mapped ? p->vpn << AWE_PAGE_SHIFT : 0;
}

uint64_t awe_model_mapped_count(const awe_model *m)
{
    return m->mapped;
}

uint64_t awe_model_pfn_tag(const awe_model *m, uint64_t pfn)
{
    const model_pfn *p = pfn_find(m, pfn);
    return p ? p->tag : 0;
}

size_t awe_model_region_count(const awe_model *m)
{
    return m->live.n;
}

int awe_model_region_at(const awe_model *m, size_t i, awe_region_info *out)
{
    if (i >= m->live.n)
        return -1;
    *out = m->live.v[i];
    return 0;
}

/* A page of a live AWE region: its slot, or "nothing mapped since the region was reserved". */
static void awe_region_page(const awe_model *m, uint64_t va, awe_page_state *out)
{
    const model_slot *s = slot_find(m, vpn_of(va));
    out->in_awe_region = 1;
    if (!s) {
        out->rule = AWE_RULE_V1;
        out->ev = AWE_EV_DOC;
        return;
    }
    out->rule = (awe_rule)s->rule;
    out->ev = (awe_evidence)s->ev;
    if (s->pfn == 0)
        return;
    const model_pfn *p = pfn_find(m, s->pfn);
    out->mapped = 1;
    out->protect = s->protect; /* P9, P11 */
    out->pfn = s->pfn;
    out->tag = p->tag;
    out->stamp = p->stamp;
    out->content_rule = p->written ? AWE_RULE_C1 : AWE_RULE_A11;
}

void awe_model_page_state(const awe_model *m, uint64_t va, awe_page_state *out)
{
    memset(out, 0, sizeof *out);
    out->rule = out->content_rule = AWE_RULE_NONE;
    const awe_region_info *r = regions_find(&m->live, va, NULL);
    if (r && r->kind == AWE_REGION_AWE) {
        awe_region_page(m, va, out);
    } else if (!r && regions_find_released(&m->released, va)) {
        out->rule = AWE_RULE_V6; /* its region was released: nothing maps it any more */
        out->ev = AWE_EV_DOC;
    } else {
        if (r) /* a plain page: its committed protection, 0 while reserved */
            out->protect = plain_page_protect(m, r, vpn_of(va), NULL);
        /* Plain memory's content, or memory the model never saw: it tracks neither. */
        out->rule = AWE_RULE_C2;
        out->ev = AWE_EV_INF;
    }
}
