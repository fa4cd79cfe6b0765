/* SPDX-License-Identifier: Apache-2.0 */
/* model_protect.c: VirtualProtect / NtProtectVirtualMemory (P1..P13), in the order
 * NtProtectVirtualMemory checks (P1..P5), then the allocation's own test (P6 for AWE; the
 * private-memory tests for a plain region), then the change (P8..P10). Every check runs
 * against the state before the call and precedes every change, so a failure changes nothing
 * (P7). Also the access test reads and writes apply (P13). */
#include "model_internal.h"

#define PAGE_BASES                                                                        \
    (AWE_PAGE_NOACCESS | AWE_PAGE_READONLY | AWE_PAGE_READWRITE | AWE_PAGE_WRITECOPY |     \
     AWE_PAGE_EXECUTE | AWE_PAGE_EXECUTE_READ | AWE_PAGE_EXECUTE_READWRITE |               \
     AWE_PAGE_EXECUTE_WRITECOPY)
#define PAGE_MODIFIERS (AWE_PAGE_GUARD | AWE_PAGE_NOCACHE | AWE_PAGE_WRITECOMBINE)

int protect_allows(uint32_t protect, int write)
{
    if (write) /* P13: only a read-write mapping takes a store */
        return protect == AWE_PAGE_READWRITE;
    return protect == AWE_PAGE_READWRITE || protect == AWE_PAGE_READONLY;
}

/* P1: one base value, at most one modifier, none with NOACCESS, nothing at 0x800 or above. */
static int protect_well_formed(uint32_t p)
{
    uint32_t base = p & PAGE_BASES, mods = p & PAGE_MODIFIERS;
    if (p & ~(uint32_t)(PAGE_BASES | PAGE_MODIFIERS))
        return 0;
    if (base == 0 || (base & (base - 1u)) || (mods & (mods - 1u)))
        return 0;
    return !(mods && base == AWE_PAGE_NOACCESS);
}

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_P7, AWE_EV_NT52); /* nothing changes; *OldProtect not compared */
}

typedef struct {
    uint64_t first, last;          /* page of the base, last byte of the rounded range (P8) */
    uint32_t new_protect;
} protect_call;

/* P1..P5; the region the range lies in, or NULL when a check decided the call. */
static const awe_region_info *check_args(const awe_model *m, awe_handle_kind handle,
                                         const awe_buf *base_ptr, const awe_buf *size_ptr,
                                         uint64_t base, uint64_t size, uint32_t new_protect,
                                         const awe_buf *old_ptr, protect_call *c,
                                         awe_expect *e)
{
    if (!protect_well_formed(new_protect)) {
        fail(e, AWE_RULE_P1, AWE_STATUS_INVALID_PAGE_PROTECTION, AWE_EV_NT52, AWE_EV_NT52);
        return NULL;
    }
    /* P2: a NULL lpflOldProtect fails (DOC); the code and its place are NT52 */
    if (!buf_writable(base_ptr, 1) || !buf_writable(size_ptr, 1) || !buf_writable(old_ptr, 1)) {
        int old_bad = !buf_writable(old_ptr, 1);
        fail(e, AWE_RULE_P2, AWE_STATUS_ACCESS_VIOLATION, old_bad ? AWE_EV_DOC : AWE_EV_NT52,
             AWE_EV_NT52);
        return NULL;
    }
    if (base > AWE_HIGHEST_USER_ADDRESS) {
        fail(e, AWE_RULE_P3, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return NULL;
    }
    if (AWE_HIGHEST_USER_ADDRESS - base < size || size == 0) {
        fail(e, AWE_RULE_P3, AWE_STATUS_INVALID_PARAMETER_3, AWE_EV_NT52, AWE_EV_NT52);
        return NULL;
    }
    awe_ntstatus hs = model_handle_status(handle);
    if (hs != AWE_STATUS_SUCCESS) {
        fail(e, AWE_RULE_P4, hs, AWE_EV_NT52, AWE_EV_NT52);
        return NULL;
    }
    c->first = page_of(base);
    c->last = (base + size - 1u) | (AWE_PAGE_SIZE - 1u);
    c->new_protect = new_protect;
    const awe_region_info *r = regions_find(&m->live, c->first, NULL);
    if (!r || c->last > region_last_byte(r)) {
        /* P5: no allocation at the base (certain only where a released region was: any other
         * address may hold memory the model does not know), or a range past its end */
        awe_evidence ev = r || regions_find_released(&m->released, c->first) ? AWE_EV_NT52
                                                                              : AWE_EV_INF;
        fail(e, AWE_RULE_P5, AWE_STATUS_CONFLICTING_ADDRESSES, ev, ev);
        return NULL;
    }
    return r;
}

/* P6, P9, P10, P12 on an AWE region: only mapped pages change, the first page answers. */
static void protect_awe(awe_model *m, const protect_call *c, awe_expect *e, uint32_t *old)
{
    uint32_t p = c->new_protect;
    if (p != AWE_PAGE_READWRITE && p != AWE_PAGE_READONLY && p != AWE_PAGE_NOACCESS) {
        fail(e, AWE_RULE_P6, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    const model_slot *s0 = slot_find(m, vpn_of(c->first));
    /* P10: an unmapped first page reports NOACCESS (query would say 0) */
    *old = s0 && s0->pfn ? s0->protect : AWE_PAGE_NOACCESS;
    uint64_t first = vpn_of(c->first), n = vpn_of(c->last) - first + 1u;
    /* P9, P12: unmapped pages are passed over and remember nothing; cheap for huge ranges */
    if (n <= m->slots.count) {
        for (uint64_t i = 0; i < n; i++) {
            model_slot *s = slot_find(m, first + i);
            if (s && s->pfn)
                s->protect = (uint16_t)p;
        }
    } else {
        for (size_t i = 0; i < m->slots.count; i++) {
            model_slot *s = table_at(&m->slots, i);
            if (s->pfn && s->vpn - first < n)
                s->protect = (uint16_t)p;
        }
    }
    /* The docs say AWE memory cannot be protected (P6 conflict): success is NT52 only */
    expect_success(e, AWE_RULE_P8, AWE_EV_NT52, AWE_EV_NT52);
    expect_state(e, AWE_RULE_P9, AWE_EV_NT52);
}

/* Ordinary private memory: WRITECOPY refused, every page committed, then every page takes the
 * new protection; the first page answers. */
static void protect_plain(awe_model *m, const awe_region_info *r, const protect_call *c,
                          awe_expect *e, uint32_t *old)
{
    if (c->new_protect & (AWE_PAGE_WRITECOPY | AWE_PAGE_EXECUTE_WRITECOPY)) {
        /* no copy-on-write for private memory: MiProtectVirtualMemory (WRK protect.c) refuses
         * it as a bad fourth argument, unlike the commit path's INVALID_PAGE_PROTECTION (V5) */
        fail(e, AWE_RULE_P6, AWE_STATUS_INVALID_PARAMETER_4, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    uint64_t first = vpn_of(c->first), n = vpn_of(c->last) - first + 1u;
    for (uint64_t i = 0; i < n; i++) {
        if (plain_page_protect(m, r, first + i, NULL) == 0) {
            /* The VirtualProtect docs: uncommitted pages fail (the counterpart of P12). The
             * status is NT52's; Win32 gets ERROR_INVALID_ADDRESS. */
            fail(e, AWE_RULE_P12, AWE_STATUS_NOT_COMMITTED, AWE_EV_DOC, AWE_EV_NT52);
            return;
        }
    }
    *old = plain_page_protect(m, r, first, NULL); /* P10: the first page's, modifiers too */
    int unlocked = 0;
    uint32_t p = c->new_protect;
    int drops_lock = (p & AWE_PAGE_GUARD) || (p & 0xFFu) == AWE_PAGE_NOACCESS;
    for (uint64_t i = 0; i < n; i++) {
        int locked;
        plain_page_protect(m, r, first + i, &locked);
        /* NT52 removes a NOACCESS or GUARD page from the working set, ending its lock, and
         * says so with STATUS_WAS_UNLOCKED (an informational success) */
        unlocked |= locked && drops_lock;
        plain_page_put(m, r, first + i, p, drops_lock ? 0 : locked);
    }
    expect_success(e, AWE_RULE_P8, AWE_EV_DOC, AWE_EV_DOC);
    expect_state(e, AWE_RULE_P9, AWE_EV_DOC);
    if (unlocked) {
        e->status = AWE_STATUS_WAS_UNLOCKED;
        e->ev_status = AWE_EV_INF;
        e->ev_state = AWE_EV_INF;
    }
}

void awe_model_protect(awe_model *m, awe_api api, awe_handle_kind handle,
                       const awe_buf *base_ptr, const awe_buf *size_ptr, uint64_t base,
                       uint64_t size, uint32_t new_protect, const awe_buf *old_ptr,
                       awe_expect *e, uint64_t *out_base, uint64_t *out_size,
                       uint32_t *old_protect)
{
    if (api == AWE_API_WIN32)
        handle = AWE_HANDLE_CURRENT; /* the Win32 call takes no handle: the current process */
    (void)api; /* VirtualProtect hands everything through, lpflOldProtect included */
    expect_begin(e);
    *out_base = *out_size = 0;
    *old_protect = 0;
    protect_call c;
    const awe_region_info *r = check_args(m, handle, base_ptr, size_ptr, base, size,
                                          new_protect, old_ptr, &c, e);
    if (!r)
        return;
    if (r->kind == AWE_REGION_AWE)
        protect_awe(m, &c, e, old_protect);
    else
        protect_plain(m, r, &c, e, old_protect);
    if (e->win32_ok) { /* P8: the range rounded out to whole pages */
        *out_base = c.first;
        *out_size = c.last + 1u - c.first;
    }
}
