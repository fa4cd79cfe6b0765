/* SPDX-License-Identifier: Apache-2.0 */
/* model_lock.c: VirtualLock / VirtualUnlock / NtLockVirtualMemory / NtUnlockVirtualMemory
 * (L1..L8), in lockvm.c's order: MapType (L1), pointers and range (L2), handle and privilege
 * (L3), the quota (L4, not modelled), then a walk over the allocations of the range (L5 for a
 * lock, L8 for an unlock) before any page changes (L6). Only plain pages can be locked; AWE
 * pages never are. */
#include "model_internal.h"

/* The WRK default minimum working set, in pages, and the pages a lock must leave fluid (L4). */
#define MODEL_MIN_WORKING_SET 20u
#define MODEL_FLUID_WORKING_SET 8u

typedef struct {
    int unlock;
    uint64_t first, last; /* page of the base, last byte of the rounded range */
    uint32_t type;        /* MapType bits: the Win32 calls pass MAP_PROCESS */
} lock_call;

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, AWE_RULE_L6, AWE_EV_NT52); /* nothing locked, unlocked or written back */
}

/* L1..L3 (L7 for an unlock, which runs the same checks); 1 when one of them decided. */
static int check_args(const awe_model *m, awe_api api, int unlock, awe_handle_kind handle,
                      const awe_buf *base_ptr, const awe_buf *size_ptr, uint64_t base,
                      uint64_t size, uint32_t map_type, awe_expect *e)
{
    if (api == AWE_API_WIN32)
        map_type = AWE_MAP_PROCESS; /* the Win32 calls pass MAP_PROCESS themselves */
    awe_rule r1 = unlock ? AWE_RULE_L7 : AWE_RULE_L1, r2 = unlock ? AWE_RULE_L7 : AWE_RULE_L2,
             r3 = unlock ? AWE_RULE_L7 : AWE_RULE_L3;
    if (map_type == 0 || (map_type & ~(uint32_t)(AWE_MAP_PROCESS | AWE_MAP_SYSTEM))) {
        fail(e, r1, AWE_STATUS_INVALID_PARAMETER, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (!buf_writable(base_ptr, 1) || !buf_writable(size_ptr, 1)) {
        fail(e, r2, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (base > AWE_HIGHEST_USER_ADDRESS || AWE_HIGHEST_USER_ADDRESS - base < size || size == 0) {
        fail(e, r2, AWE_STATUS_INVALID_PARAMETER, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    awe_ntstatus hs = model_handle_status(handle);
    if (hs == AWE_STATUS_SUCCESS && (map_type & AWE_MAP_SYSTEM) && !m->privilege)
        hs = AWE_STATUS_PRIVILEGE_NOT_HELD;
    if (hs != AWE_STATUS_SUCCESS) {
        fail(e, r3, hs, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

/* Where the model cannot say what lies at va: a released region's pages are known free,
 * anything else may be memory the model does not know (harness pages). */
static awe_evidence unknown_ev(const awe_model *m, uint64_t va)
{
    return regions_find_released(&m->released, va) ? AWE_EV_NT52 : AWE_EV_INF;
}

/* L5: the allocation walk, then the touch of every page, then the lock. */
static void do_lock(awe_model *m, const lock_call *c, awe_expect *e)
{
    for (uint64_t va = c->first; va <= c->last;) { /* every allocation of the range first */
        const awe_region_info *r = regions_find(&m->live, va, NULL);
        if (!r) {
            awe_evidence ev = unknown_ev(m, va);
            fail(e, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION, ev, ev);
            return;
        }
        if (r->kind == AWE_REGION_AWE) { /* mapped or not, even after ordinary pages */
            fail(e, AWE_RULE_L5, AWE_STATUS_INCOMPATIBLE_FILE_MAP, AWE_EV_NT52, AWE_EV_NT52);
            return;
        }
        if (region_last_byte(r) >= c->last)
            break;
        va = region_last_byte(r) + 1u;
    }
    int was_locked = 0;
    for (uint64_t va = c->first; va <= c->last; va += AWE_PAGE_SIZE) { /* the touch */
        const awe_region_info *r = regions_find(&m->live, va, NULL);
        int locked;
        uint32_t p = plain_page_protect(m, r, vpn_of(va), &locked);
        if (p == 0 || (p & 0xFFu) == AWE_PAGE_NOACCESS) {
            /* a reserved or no-access page faults the kernel's touch: VirtualLock's docs ask
             * for committed, accessible pages */
            fail(e, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION, AWE_EV_DOC, AWE_EV_NT52);
            return;
        }
        if (p & AWE_PAGE_GUARD) {
            /* The touch raises the guard page exception, which clears the guard (INF). */
            fail(e, AWE_RULE_L5, AWE_STATUS_GUARD_PAGE_VIOLATION, AWE_EV_INF, AWE_EV_INF);
            e->ev_state = AWE_EV_INF;
            plain_page_put(m, r, vpn_of(va), p & ~(uint32_t)AWE_PAGE_GUARD, locked);
            return;
        }
        was_locked |= (locked & (int)c->type) != 0; /* a lock of that kind already */
    }
    for (uint64_t va = c->first; va <= c->last; va += AWE_PAGE_SIZE) {
        const awe_region_info *r = regions_find(&m->live, va, NULL);
        int locked;
        uint32_t p = plain_page_protect(m, r, vpn_of(va), &locked);
        plain_page_put(m, r, vpn_of(va), p, locked | (int)c->type);
    }
    expect_success(e, AWE_RULE_L5, AWE_EV_DOC, AWE_EV_DOC); /* ordinary committed pages */
    expect_state(e, AWE_RULE_L5, AWE_EV_DOC);
    if (was_locked) { /* NT52 says so; Win32 sees a success */
        e->status = AWE_STATUS_WAS_LOCKED;
        e->ev_status = AWE_EV_NT52;
    }
}

/* L8: pages are checked in order up to the first AWE region, where the walk stops with no
 * failure; all checked pages locked: they are unlocked. */
static void do_unlock(awe_model *m, const lock_call *c, awe_expect *e)
{
    uint64_t stop = c->last + 1u; /* first byte not examined */
    int reached_awe = 0;
    for (uint64_t va = c->first; va <= c->last; va += AWE_PAGE_SIZE) {
        const awe_region_info *r = regions_find(&m->live, va, NULL);
        if (!r) { /* no allocation: nothing there is locked */
            awe_evidence ev = unknown_ev(m, va);
            fail(e, AWE_RULE_L8, AWE_STATUS_NOT_LOCKED, ev, ev);
            return;
        }
        if (r->kind == AWE_REGION_AWE) {
            stop = va;
            reached_awe = 1;
            break;
        }
        /* each kind of lock is its own (lockvm.c: the working set's for MAP_PROCESS, the
         * page's for MAP_SYSTEM); with both asked for, MAP_PROCESS decides */
        int locked, need = (c->type & AWE_MAP_PROCESS) ? AWE_MAP_PROCESS : AWE_MAP_SYSTEM;
        plain_page_protect(m, r, vpn_of(va), &locked);
        if (!(locked & need)) { /* VirtualUnlock's documented ERROR_NOT_LOCKED */
            fail(e, AWE_RULE_L8, AWE_STATUS_NOT_LOCKED, AWE_EV_DOC, AWE_EV_DOC);
            return;
        }
    }
    for (uint64_t va = c->first; va < stop; va += AWE_PAGE_SIZE) {
        const awe_region_info *r = regions_find(&m->live, va, NULL);
        int locked;
        uint32_t p = plain_page_protect(m, r, vpn_of(va), &locked);
        plain_page_put(m, r, vpn_of(va), p, locked & ~(int)c->type);
    }
    /* Reaching an AWE region succeeds only by lockvm.c's compatibility choice (NT52) */
    awe_evidence ev = reached_awe ? AWE_EV_NT52 : AWE_EV_DOC;
    expect_success(e, AWE_RULE_L8, ev, ev);
    expect_state(e, AWE_RULE_L8, ev);
}

void awe_model_lock(awe_model *m, awe_api api, int unlock, awe_handle_kind handle,
                    const awe_buf *base_ptr, const awe_buf *size_ptr, uint64_t base,
                    uint64_t size, uint32_t map_type, awe_expect *e, uint64_t *out_base,
                    uint64_t *out_size)
{
    if (api == AWE_API_WIN32)
        handle = AWE_HANDLE_CURRENT; /* the Win32 call takes no handle: the current process */
    expect_begin(e);
    *out_base = *out_size = 0;
    if (check_args(m, api, unlock, handle, base_ptr, size_ptr, base, size, map_type, e))
        return;
    lock_call c = {unlock != 0, page_of(base), (base + size - 1u) | (AWE_PAGE_SIZE - 1u),
                   api == AWE_API_WIN32 ? AWE_MAP_PROCESS : map_type};
    if (c.unlock) {
        do_unlock(m, &c, e);
    } else {
        do_lock(m, &c, e);
        /* L4 runs before the walk and is not modelled: a range this large may be refused with
         * STATUS_WORKING_SET_QUOTA under the default minimum working set, whatever the walk
         * says. */
        uint64_t pages = (c.last + 1u - c.first) / AWE_PAGE_SIZE;
        e->may_fail_resources = pages - 1u + MODEL_FLUID_WORKING_SET > MODEL_MIN_WORKING_SET;
    }
    if (e->win32_ok) { /* the request rounded out to whole pages (L8 even past an AWE stop) */
        *out_base = c.first;
        *out_size = c.last + 1u - c.first;
    }
}

int awe_model_page_locked(const awe_model *m, uint64_t va)
{
    const awe_region_info *r = regions_find(&m->live, va, NULL);
    if (!r || r->kind != AWE_REGION_PLAIN)
        return 0; /* AWE pages are never locked (L5) */
    int locked;
    plain_page_protect(m, r, vpn_of(va), &locked);
    return locked;
}
