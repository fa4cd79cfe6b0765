/* SPDX-License-Identifier: Apache-2.0 */
/* model_fixture.c: shared set-up for the oracle tests (see model_fixture.h). */
#include "model_fixture.h"

#include <stdio.h>
#include <stdlib.h>

awe_model *fx_model(uint64_t page_limit)
{
    awe_model_config cfg = {page_limit, 1, 0, 0}; /* pool unknown: A7/A8 allowances */
    awe_model *m = awe_model_new(&cfg);
    if (!m) {
        fprintf(stderr, "fixture: out of memory\n");
        exit(2);
    }
    return m;
}

awe_model *fx_model_pool(uint64_t page_limit, uint64_t pool_free)
{
    awe_model_config cfg = {page_limit, 1, 1, pool_free};
    awe_model *m = awe_model_new(&cfg);
    if (!m) {
        fprintf(stderr, "fixture: out of memory\n");
        exit(2);
    }
    return m;
}

awe_buf fx_ok(uint64_t n) { return (awe_buf){AWE_BUF_OK, n}; }
awe_buf fx_readonly(uint64_t n) { return (awe_buf){AWE_BUF_READONLY, n}; }
awe_buf fx_null(void) { return (awe_buf){AWE_BUF_NULL, 0}; }
awe_buf fx_noaccess(void) { return (awe_buf){AWE_BUF_NOACCESS, 0}; }

awe_ntstatus fx_alloc(awe_model *m, uint64_t n, uint64_t first_pfn)
{
    awe_buf cnt = fx_ok(1), arr = fx_ok(n);
    awe_expect e;
    awe_model_allocate_expect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &cnt, n, &arr, 0, 0, &e);
    if (e.status != AWE_STATUS_SUCCESS || e.rule != AWE_RULE_A8)
        return e.status;
    uint64_t grant = n < e.grant_max ? n : e.grant_max;
    uint64_t *pfns = malloc((size_t)grant * sizeof *pfns + 1);
    for (uint64_t i = 0; i < grant; i++)
        pfns[i] = first_pfn + i;
    awe_mismatch mm;
    int rc = awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, grant, pfns, &mm);
    free(pfns);
    if (rc) {
        fprintf(stderr, "fixture: adopt failed: %s: %s\n", mm.field, mm.detail);
        return AWE_STATUS_NOT_IMPLEMENTED;
    }
    return AWE_STATUS_SUCCESS;
}

static int reserve(awe_model *m, uint64_t base, uint64_t pages, uint32_t type)
{
    awe_expect e;
    uint64_t size = pages * AWE_PAGE_SIZE;
    awe_model_virtual_alloc_expect(m, AWE_API_NT, 0, size, type, AWE_PAGE_READWRITE, &e);
    awe_mismatch mm;
    if (e.status != AWE_STATUS_SUCCESS)
        return -1;
    return awe_model_virtual_alloc_adopt(m, &e, AWE_STATUS_SUCCESS, base, size, &mm);
}

int fx_reserve(awe_model *m, uint64_t base, uint64_t pages)
{
    return reserve(m, base, pages, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL);
}

int fx_reserve_plain(awe_model *m, uint64_t base, uint64_t pages)
{
    return reserve(m, base, pages, AWE_MEM_RESERVE | AWE_MEM_COMMIT);
}

awe_model *fx_world(void)
{
    awe_model *m = fx_model(0);
    if (fx_alloc(m, FX_PAGES, FX_PFN0) || fx_reserve(m, FX_BASE, 64) ||
        fx_reserve(m, FX_BASE2, 16) || fx_reserve_plain(m, FX_PLAIN, 16)) {
        fprintf(stderr, "fixture: world set-up failed\n");
        exit(2);
    }
    return m;
}

awe_ntstatus fx_map(awe_model *m, uint64_t va, uint64_t n, const uint64_t *pfns, awe_expect *e)
{
    awe_expect local;
    awe_buf arr = pfns ? fx_ok(n) : fx_null();
    awe_model_map(m, AWE_API_NT, va, n, &arr, pfns, e ? e : &local);
    return (e ? e : &local)->status;
}

awe_ntstatus fx_scatter(awe_model *m, const uint64_t *vas, uint64_t n, const uint64_t *pfns,
                        awe_expect *e)
{
    awe_expect local;
    awe_buf va_arr = fx_ok(n), arr = pfns ? fx_ok(n) : fx_null();
    awe_model_scatter(m, AWE_API_NT, &va_arr, vas, n, &arr, pfns, e ? e : &local);
    return (e ? e : &local)->status;
}

awe_ntstatus fx_free(awe_model *m, uint64_t n, const uint64_t *pfns, awe_expect *e)
{
    awe_expect local;
    awe_buf cnt = fx_ok(1), arr = fx_ok(n);
    awe_model_free(m, AWE_API_NT, AWE_HANDLE_CURRENT, &cnt, n, &arr, pfns, e ? e : &local);
    return (e ? e : &local)->status;
}

awe_ntstatus fx_vfree(awe_model *m, awe_api api, uint64_t va, uint64_t size, uint32_t type,
                      awe_expect *e)
{
    awe_expect local;
    awe_model_virtual_free(m, api, va, size, type, e ? e : &local);
    return (e ? e : &local)->status;
}

void fx_map_identity(awe_model *m, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        uint64_t pfn = FX_PFN(i);
        if (fx_map(m, FX_VA(i), 1, &pfn, NULL) != AWE_STATUS_SUCCESS) {
            fprintf(stderr, "fixture: identity map of page %llu failed\n", (unsigned long long)i);
            exit(2);
        }
    }
}

uint64_t fx_pfn_at(const awe_model *m, uint64_t va)
{
    awe_page_state ps;
    awe_model_page_state(m, va, &ps);
    return ps.mapped ? ps.pfn : 0;
}

int fx_invariants_ok(const awe_model *m)
{
    char why[200];
    if (awe_model_check_invariants(m, why, sizeof why) == 0)
        return 1;
    fprintf(stderr, "invariant broken: %s\n", why);
    return 0;
}
