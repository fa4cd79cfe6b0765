/* SPDX-License-Identifier: Apache-2.0 */
/* model_virtual_free.c: VirtualFree / NtFreeVirtualMemory (V6..V9), in the order
 * NtFreeVirtualMemory checks: FreeType (V9), address and size, the region holding the
 * address, then release (V6/V7) or decommit (V8). */
#include "model_internal.h"

typedef struct {
    uint64_t address, size;
    int release;              /* MEM_RELEASE, else MEM_DECOMMIT */
    awe_rule rule;            /* V7 for a release, V8 for a decommit */
} free_call;

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, rule, ev_outcome); /* the region and its mappings stay */
}

/* V6: every mapping in the region goes; the PFNs stay owned and keep their content (C1). */
static void release(awe_model *m, size_t idx, awe_evidence ev, awe_expect *e)
{
    awe_region_info r = m->live.v[idx];
    if (r.kind == AWE_REGION_AWE)
        pages_drop_range(m, vpn_of(r.base), r.pages);
    else
        plain_region_forget(m, &r); /* its commits, protections and locks go with it */
    regions_remove_at(&m->live, idx);
    if (regions_append(&m->released, &r))
        m->oom = 1;
    expect_success(e, AWE_RULE_V6, ev, ev);
    expect_state(e, AWE_RULE_V6, AWE_EV_DOC);
}

static void do_release(awe_model *m, const free_call *c, size_t idx, uint64_t last,
                       awe_expect *e)
{
    const awe_region_info *r = &m->live.v[idx];
    int at_base = page_of(c->address) == r->base; /* the page, not the byte (NT52) */
    if (c->size == 0) {
        if (at_base)
            release(m, idx, AWE_EV_DOC, e);
        else
            fail(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE, AWE_EV_DOC, AWE_EV_NT52);
        return;
    }
    /* A nonzero size (NT only) releases when it spans exactly the region's pages. */
    if (at_base && page_of(last) == page_of(region_last_byte(r))) {
        release(m, idx, AWE_EV_NT52, e);
        return;
    }
    /* Part of a region. AWE: refused (NT52). Plain: NT52 would split the region; the
     * project treats it as AWE (INF). */
    awe_evidence ev = r->kind == AWE_REGION_AWE ? AWE_EV_NT52 : AWE_EV_INF;
    fail(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE, ev, ev);
}

static void do_decommit(awe_model *m, const free_call *c, size_t idx, awe_expect *e)
{
    const awe_region_info *r = &m->live.v[idx];
    if (r->kind == AWE_REGION_AWE) {
        fail(e, AWE_RULE_V8, AWE_STATUS_MEMORY_NOT_ALLOCATED, AWE_EV_DOC, AWE_EV_NT52);
        return;
    }
    if (c->size == 0 && page_of(c->address) != r->base) {
        fail(e, AWE_RULE_V8, AWE_STATUS_FREE_VM_NOT_AT_BASE, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    /* plain: no region change; the pages are reserved again and unlocked */
    uint64_t first = c->size ? vpn_of(c->address) : vpn_of(r->base);
    uint64_t n = c->size ? vpn_of((c->address + c->size - 1u) | (AWE_PAGE_SIZE - 1u)) - first + 1u
                         : r->pages;
    plain_decommit(m, r, first, n);
    expect_success(e, AWE_RULE_V8, AWE_EV_NT52, AWE_EV_NT52);
    expect_state(e, AWE_RULE_V8, AWE_EV_NT52);
}

/* V9 and the kernel's argument checks; 1 when one of them decided the call. */
static int check_params(awe_api api, uint64_t address, uint64_t size, uint32_t free_type,
                        awe_expect *e)
{
    if (api == AWE_API_WIN32 && (free_type & AWE_MEM_RELEASE) && size != 0) {
        fail(e, AWE_RULE_V7, AWE_STATUS_INVALID_PARAMETER, AWE_EV_DOC, AWE_EV_NT52);
        e->win32_error = AWE_ERROR_INVALID_PARAMETER; /* V7: kernel32, before any call */
        e->precall = 1;
        return 1;
    }
    uint32_t both = AWE_MEM_DECOMMIT | AWE_MEM_RELEASE, kind = free_type & both;
    if ((free_type & ~both) || kind == 0 || kind == both) {
        fail(e, AWE_RULE_V9, AWE_STATUS_INVALID_PARAMETER_4, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    awe_rule rule = kind == AWE_MEM_RELEASE ? AWE_RULE_V7 : AWE_RULE_V8;
    if (address > AWE_HIGHEST_USER_ADDRESS) {
        fail(e, rule, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (AWE_HIGHEST_USER_ADDRESS - address < size) {
        fail(e, rule, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

void awe_model_virtual_free(awe_model *m, awe_api api, uint64_t address, uint64_t size,
                            uint32_t free_type, awe_expect *out)
{
    expect_begin(out);
    if (check_params(api, address, size, free_type, out))
        return;
    int rel = (free_type & AWE_MEM_RELEASE) != 0;
    free_call c = {address, size, rel, rel ? AWE_RULE_V7 : AWE_RULE_V8};
    size_t idx;
    const awe_region_info *r = regions_find(&m->live, page_of(address), &idx);
    if (!r) { /* no region there, as far as the model knows */
        fail(out, c.rule, AWE_STATUS_MEMORY_NOT_ALLOCATED, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    /* The range ends past the region: (address + size - 1) | 0xFFF, as the kernel rounds. */
    uint64_t last = (address + size - 1u) | (AWE_PAGE_SIZE - 1u);
    if (size != 0 && last > region_last_byte(r)) {
        fail(out, c.rule, AWE_STATUS_UNABLE_TO_FREE_VM, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    if (c.release)
        do_release(m, &c, idx, last, out);
    else
        do_decommit(m, &c, idx, out);
}
