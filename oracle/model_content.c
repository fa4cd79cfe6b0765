/* SPDX-License-Identifier: Apache-2.0 */
/* model_content.c: plain loads and stores through a VA, and the frame stamps that go with the
 * content. Content belongs to the PFN mapped there (C1); with nothing mapped the access faults
 * (C2). */
#include <stdlib.h>

#include "model_internal.h"

/* Slots exist only inside live AWE regions (invariant), so a slot with a PFN is the whole
 * test for "mapped"; plain regions and unknown memory have none and fault here. */
static model_pfn *mapped_pfn(const awe_model *m, uint64_t va, int write)
{
    const model_slot *s = slot_find(m, vpn_of(va));
    /* P13: READONLY faults writes, NOACCESS every access; the data stays (C1) */
    return s && s->pfn && protect_allows(s->protect, write) ? pfn_find(m, s->pfn) : NULL;
}

int awe_model_read(const awe_model *m, uint64_t va, uint64_t *tag)
{
    const model_pfn *p = mapped_pfn(m, va, 0);
    if (tag)
        *tag = p ? p->tag : 0;
    return p != NULL; /* C2: no demand-zero page behind an unmapped AWE page; P13 */
}

int awe_model_write(awe_model *m, uint64_t va, uint64_t tag)
{
    model_pfn *p = mapped_pfn(m, va, 1);
    if (!p)
        return 0; /* C2, P13 */
    p->tag = tag; /* C1: the data goes with the PFN, wherever it is mapped next */
    p->written = 1;
    return 1;
}

void awe_model_stamp(awe_model *m, uint64_t pfn, uint16_t stamp)
{
    model_pfn *p = pfn_find(m, pfn);
    if (p)
        p->stamp = stamp;
}

static int by_va(const void *a, const void *b)
{
    const awe_mapped_page *x = a, *y = b;
    return (x->va > y->va) - (x->va < y->va);
}

size_t awe_model_mapped_pages(const awe_model *m, awe_mapped_page *out, size_t max)
{
    size_t n = 0;
    /* The count is known: nothing to collect, or no room for all (the caller asks again). */
    if (m->mapped == 0 || m->mapped > max)
        return (size_t)m->mapped;
    if (m->slots.count < m->pfns.count) {
        /* fewer touched VA pages than owned PFNs (a large grant, little mapped) */
        for (size_t i = 0; i < m->slots.count; i++) {
            const model_slot *slot = table_at(&m->slots, i);
            const model_pfn *p = slot->pfn ? pfn_find(m, slot->pfn) : NULL;
            if (p && n < max)
                out[n] = (awe_mapped_page){slot->vpn << AWE_PAGE_SHIFT, p->pfn, p->tag,
                                           p->stamp, slot->protect};
            n += p != NULL;
        }
    } else {
        for (size_t i = 0; i < m->pfns.count; i++) {
            const model_pfn *p = table_at(&m->pfns, i);
            if (!p->mapped)
                continue;
            const model_slot *slot = slot_find(m, p->vpn);
            if (n < max)
                out[n] = (awe_mapped_page){p->vpn << AWE_PAGE_SHIFT, p->pfn, p->tag, p->stamp,
                                           slot ? slot->protect : AWE_PAGE_READWRITE};
            n++;
        }
    }
    if (n > 1 && n <= max)
        qsort(out, n, sizeof *out, by_va);
    return n;
}
