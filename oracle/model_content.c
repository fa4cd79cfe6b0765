/* model_content.c: plain loads and stores through a VA. Content belongs to the PFN mapped
 * there (C1); with nothing mapped the access faults (C2). */
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
