/* SPDX-License-Identifier: Apache-2.0 */
/* model_virtual_alloc.c: what VirtualAlloc / NtAllocateVirtualMemory may do (V1..V5), in
 * the order NtAllocateVirtualMemory checks: AllocationType (V2), the MEM_PHYSICAL
 * protection (V3), the protection in general, address and size, then the reserve path
 * (new region) or the commit/reset path (an existing region). */
#include "model_internal.h"

#define KNOWN_TYPES                                                                         \
    (AWE_MEM_COMMIT | AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_LARGE_PAGES |            \
     AWE_MEM_TOP_DOWN | AWE_MEM_RESET | AWE_MEM_WRITE_WATCH)

static void fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    expect_fail(e, rule, status, ev_outcome, ev_status);
    expect_state(e, rule, ev_outcome); /* no region appears or changes */
}

/* V2: the AllocationType combinations NtAllocateVirtualMemory rejects, all with _5. */
static int type_invalid(uint32_t t)
{
    if ((t & ~KNOWN_TYPES) || !(t & (AWE_MEM_COMMIT | AWE_MEM_RESERVE | AWE_MEM_RESET)))
        return 1;
    if ((t & AWE_MEM_RESET) && t != AWE_MEM_RESET)
        return 1;
    if ((t & AWE_MEM_LARGE_PAGES) &&
        (!(t & AWE_MEM_COMMIT) ||
         (t & (AWE_MEM_PHYSICAL | AWE_MEM_RESET | AWE_MEM_WRITE_WATCH))))
        return 1;
    if ((t & AWE_MEM_WRITE_WATCH) && !(t & AWE_MEM_RESERVE))
        return 1;
    if ((t & AWE_MEM_PHYSICAL) &&
        (!(t & AWE_MEM_RESERVE) ||
         (t & ~(AWE_MEM_RESERVE | AWE_MEM_TOP_DOWN | AWE_MEM_PHYSICAL))))
        return 1;
    return 0;
}

/* One access value (one bit of the low byte), optionally with GUARD or NOCACHE, neither on
 * NOACCESS. The exact kernel table is not modelled beyond this (INF). */
static int protect_valid(uint32_t p)
{
    uint32_t access = p & 0xFFu, extra = p & ~0xFFu;
    if (access == 0 || (access & (access - 1u)))
        return 0;
    if (extra != 0 && extra != AWE_PAGE_GUARD && extra != AWE_PAGE_NOCACHE)
        return 0;
    return !(extra && access == AWE_PAGE_NOACCESS);
}

/* V2, V3, then address and size (V1); 1 when one of them decided the call. */
static int check_params(const awe_model *m, uint64_t address, uint64_t size, uint32_t type,
                        uint32_t protect, awe_expect *e)
{
    int physical = (type & AWE_MEM_PHYSICAL) != 0;
    if (type_invalid(type)) {
        fail(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5,
             physical ? AWE_EV_DOC : AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (physical && protect != AWE_PAGE_READWRITE) {
        fail(e, AWE_RULE_V3, AWE_STATUS_INVALID_PARAMETER_6, AWE_EV_DOC, AWE_EV_NT52);
        return 1;
    }
    if (!protect_valid(protect)) {
        fail(e, AWE_RULE_V3, AWE_STATUS_INVALID_PAGE_PROTECTION, AWE_EV_INF, AWE_EV_INF);
        return 1;
    }
    if (address > AWE_HIGHEST_USER_ADDRESS) {
        fail(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_2, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if (AWE_HIGHEST_USER_ADDRESS + 1u - address < size || size == 0) {
        fail(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_4, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    if ((type & AWE_MEM_LARGE_PAGES) && !m->privilege) { /* V4: only large pages need it */
        fail(e, AWE_RULE_V4, AWE_STATUS_PRIVILEGE_NOT_HELD, AWE_EV_NT52, AWE_EV_NT52);
        return 1;
    }
    return 0;
}

/* Reserve path (MEM_RESERVE, or any allocation at address 0): a new region. */
static void expect_reserve(const awe_model *m, uint64_t address, uint64_t size, uint32_t type,
                           uint32_t protect, awe_expect *e)
{
    int large = (type & AWE_MEM_LARGE_PAGES) != 0;
    uint64_t align = large ? MODEL_LARGE_PAGE_SIZE : AWE_ALLOC_GRANULARITY;
    if (protect & (AWE_PAGE_WRITECOPY | AWE_PAGE_EXECUTE_WRITECOPY)) { /* no copy-on-write for private memory */
        fail(e, AWE_RULE_V3, AWE_STATUS_INVALID_PAGE_PROTECTION, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    if (large && size % MODEL_LARGE_PAGE_SIZE) {
        fail(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_4, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    uint64_t first = address & ~(align - 1u);
    uint64_t last = address ? (address + size - 1u) | (AWE_PAGE_SIZE - 1u)
                            : page_of(size + AWE_PAGE_SIZE - 1u) - 1u;
    if (address && first < AWE_ALLOC_GRANULARITY) { /* the first 64 KB are never free */
        fail(e, AWE_RULE_V1, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_INF, AWE_EV_INF);
        return;
    }
    if (address && regions_overlap(&m->live, first, last)) {
        fail(e, AWE_RULE_V1, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_DOC, AWE_EV_NT52);
        return;
    }
    /* TOP_DOWN with MEM_PHYSICAL: NT52 accepts it, the docs forbid it. MEM_RESET at
     * address 0 takes this path too, in NT52 only. A fixed base the model's regions leave
     * free may still hold memory it does not know: INF. */
    int nt52_only = ((type & AWE_MEM_PHYSICAL) && (type & AWE_MEM_TOP_DOWN)) ||
                    type == AWE_MEM_RESET;
    awe_evidence ev = address ? AWE_EV_INF : nt52_only ? AWE_EV_NT52 : AWE_EV_DOC;
    expect_success(e, AWE_RULE_V1, ev, ev);
    expect_state(e, AWE_RULE_V1, AWE_EV_DOC);
    e->region_base = first;
    e->region_size = last - first + 1u;
    e->region_align = align;
    e->region_awe = (type & AWE_MEM_PHYSICAL) != 0;
    e->may_fail_resources = 1;
    e->commit_protect = protect; /* a plain region's AllocationProtect, and its pages' (Q4) */
    e->commit_pages = (type & AWE_MEM_COMMIT) ? e->region_size / AWE_PAGE_SIZE : 0;
}

/* Commit/reset path: the range must lie in one existing plain region (V5). */
static void expect_commit(const awe_model *m, uint64_t address, uint64_t size, uint32_t type,
                          uint32_t protect, awe_expect *e)
{
    uint64_t first = page_of(address), last = (address + size - 1u) | (AWE_PAGE_SIZE - 1u);
    if (type == AWE_MEM_RESET) { /* only whole pages inside the range are reset */
        first = page_of(address + AWE_PAGE_SIZE - 1u);
        last = page_of(address + size) - 1u;
        if (first > last || last == UINT64_MAX) {
            fail(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_NT52, AWE_EV_NT52);
            return;
        }
    }
    const awe_region_info *r = regions_overlap(&m->live, first, last);
    if (!r) { /* nothing reserved there, as far as the model knows */
        fail(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_INF, AWE_EV_NT52);
        return;
    }
    if (r->kind == AWE_REGION_AWE || first < r->base || last > region_last_byte(r)) {
        fail(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    /* WRK allocvm.c: "PAGE_WRITECOPY is not valid for private pages", checked once the range
     * is known to lie in private memory; a reset changes no protection. */
    if (type != AWE_MEM_RESET && (protect & (AWE_PAGE_WRITECOPY | AWE_PAGE_EXECUTE_WRITECOPY))) {
        fail(e, AWE_RULE_V5, AWE_STATUS_INVALID_PAGE_PROTECTION, AWE_EV_NT52, AWE_EV_NT52);
        return;
    }
    expect_success(e, AWE_RULE_V5, AWE_EV_NT52, AWE_EV_NT52); /* no region change */
    expect_state(e, AWE_RULE_V5, AWE_EV_NT52);
    if (type != AWE_MEM_RESET) { /* the pages are committed with protect from now on */
        e->commit_base = first;
        e->commit_pages = (last - first + 1u) / AWE_PAGE_SIZE;
        e->commit_protect = protect;
    }
}

void awe_model_virtual_alloc_expect(const awe_model *m, awe_api api, uint64_t address,
                                    uint64_t size, uint32_t type, uint32_t protect,
                                    awe_expect *out)
{
    (void)api; /* pass-through wrapper */
    expect_begin(out);
    if (check_params(m, address, size, type, protect, out))
        return;
    if (address == 0 || (type & AWE_MEM_RESERVE))
        expect_reserve(m, address, size, type, protect, out);
    else
        expect_commit(m, address, size, type, protect, out);
}
