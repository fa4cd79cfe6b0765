/* SPDX-License-Identifier: Apache-2.0 */
/* exec_rights.c: the state check's access rights (P13). Reads already show a NOACCESS page
 * faulting, as an unmapped one does (exec_observe.c); what reads cannot show is a READONLY page
 * that takes writes. Each READONLY page the check covers is written with what it holds, through
 * the backend's fault-safe write: the write must fault, and if it wrongly works it changes no
 * data. READONLY pages are few (a protect made each), so this costs little. */
#include "content.h"
#include "exec_internal.h"

#define PAGE ((uint64_t)AWE_PAGE_SIZE)

int exec_check_rights(struct awe_exec *x)
{
    static uint64_t page[AWE_WORDS_PER_PAGE];
    const awe_observer *o = &x->obs;
    size_t s = 0;
    for (size_t i = 0; i < o->n_want; i++) {
        const awe_mapped_page *w = &o->want[i];
        if (w->protect != AWE_PAGE_READONLY)
            continue;
        while (s < o->n_spans && o->spans[s].hi <= w->va)
            s++;
        if (s == o->n_spans)
            break;
        if (w->va < o->spans[s].lo)
            continue;
        void *va = (void *)(uintptr_t)w->va;
        if (x->be->read(x->b, va, page, sizeof page) != 0 ||
            x->be->write(x->b, va, page, sizeof page) != 0)
            continue; /* a fault: as P13 wants (an unreadable page is the content check's) */
        char name[40];
        exec_values(x, "r-", "rw");
        exec_diverge(x, "access", AWE_RULE_P13, awe_rule_evidence(AWE_RULE_P13),
                     "page %s is READONLY: a write should fault (P13), it worked",
                     awe_symbols_page_name(&x->sym, w->va, name, sizeof name));
        return 1;
    }
    return 0;
}
