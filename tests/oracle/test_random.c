/* SPDX-License-Identifier: Apache-2.0 */
/* test_random.c: a fixed-seed walk of random calls over a small world. After every call the
 * invariants hold, and every failed map or scatter (M7/S7), protect (P7) or lock (L6), every
 * query (Q2) and every refused adoption left the state as it was. */
#include "model_fixture.h"

enum { OP_ALLOC, OP_FREE, OP_MAP, OP_SCATTER, OP_WRITE, OP_READ, OP_VFREE, OP_RESERVE,
       OP_PROTECT, OP_QUERY, OP_LOCK, OP_UNLOCK, OP_N };

static uint64_t rng_state;

static uint64_t rnd(uint64_t n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (rng_state >> 33) % n;
}

/* A PFN that is owned, freed or never existed; a VA in or around the world's regions. */
static uint64_t any_pfn(void) { return rnd(8) ? FX_PFN0 + rnd(40) : rnd(3); }

static uint64_t any_va(void)
{
    static const uint64_t bases[] = {FX_BASE, FX_BASE2, FX_PLAIN, 0x40000000};
    return bases[rnd(4)] + rnd(70) * AWE_PAGE_SIZE + rnd(2) * 0x123;
}

/* Mostly where some PFN is mapped, so that accesses succeed as well as fault. */
static uint64_t access_va(const awe_model *m)
{
    uint64_t va = awe_model_pfn_va(m, FX_PFN0 + rnd(40));
    return va && rnd(4) ? va + rnd(AWE_PAGE_SIZE) : any_va();
}

static int random_map(awe_model *m, int scatter)
{
    uint64_t n = rnd(6), pfns[6], vas[6];
    for (uint64_t i = 0; i < 6; i++) {
        pfns[i] = rnd(5) ? any_pfn() : 0;
        vas[i] = any_va();
    }
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    int unmap = rnd(5) == 0;
    if (scatter)
        fx_scatter(m, vas, n, unmap ? NULL : pfns, &e);
    else
        fx_map(m, vas[0], n, unmap ? NULL : pfns, &e);
    if (e.status != AWE_STATUS_SUCCESS)
        CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    return e.status == AWE_STATUS_SUCCESS;
}

/* Often offers PFNs the model already owns: adopt must refuse and change nothing. */
static int random_alloc(awe_model *m)
{
    awe_buf cnt = fx_ok(1), arr = fx_ok(4);
    awe_expect e;
    awe_model_allocate_expect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &cnt, 1 + rnd(3), &arr, 0, 0,
                              &e);
    uint64_t pfns[3] = {FX_PFN0 + rnd(40), FX_PFN0 + rnd(40), FX_PFN0 + rnd(40)};
    uint64_t grant = e.grant_max < 3 ? e.grant_max : 3;
    awe_mismatch mm;
    awe_model *before = awe_model_clone(m);
    int rc = awe_model_allocate_adopt(m, &e, e.status, e.may_fail_resources ? grant : e.count,
                                      pfns, &mm);
    if (rc != 0)
        CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    return rc == 0 && e.may_fail_resources;
}

static int random_protect(awe_model *m)
{
    static const uint32_t prots[] = {AWE_PAGE_READWRITE, AWE_PAGE_READONLY, AWE_PAGE_NOACCESS,
                                     AWE_PAGE_EXECUTE_READ, AWE_PAGE_WRITECOPY,
                                     AWE_PAGE_READWRITE | AWE_PAGE_GUARD};
    uint64_t va = rnd(3) ? access_va(m) : any_va(), ob, os;
    uint32_t old;
    awe_buf ok = fx_ok(1);
    awe_expect e;
    awe_model *before = awe_model_clone(m);
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, va, 1 + rnd(4) * 0x1000,
                      prots[rnd(6)], &ok, &e, &ob, &os, &old);
    if (!e.win32_ok)
        CHECK(awe_model_equal(m, before)); /* P7 */
    awe_model_destroy(before);
    return e.win32_ok;
}

static int random_query(const awe_model *m)
{
    awe_buf buf = fx_ok(AWE_MBI_SIZE);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    awe_model *before = awe_model_clone(m);
    awe_model_query(m, AWE_API_WIN32, AWE_HANDLE_CURRENT, rnd(3) ? any_va() : access_va(m),
                    &buf, AWE_MBI_SIZE, NULL, &e, &mbi, &f);
    CHECK(awe_model_equal(m, before)); /* Q2 */
    awe_model_destroy(before);
    /* a run never reaches past its region (Q7) */
    awe_region_info ri;
    for (size_t i = 0; awe_model_region_at(m, i, &ri) == 0; i++)
        if (mbi.base_address >= ri.base && mbi.base_address < ri.base + ri.pages * AWE_PAGE_SIZE)
            CHECK(mbi.base_address + mbi.region_size <= ri.base + ri.pages * AWE_PAGE_SIZE);
    return e.win32_ok;
}

static int random_lock(awe_model *m, int unlock)
{
    uint64_t va = rnd(2) ? FX_PLAIN + rnd(18) * AWE_PAGE_SIZE : any_va(), ob, os;
    awe_buf ok = fx_ok(1);
    awe_expect e;
    awe_model *before = awe_model_clone(m);
    awe_model_lock(m, AWE_API_NT, unlock, AWE_HANDLE_CURRENT, &ok, &ok, va,
                   1 + rnd(3) * 0x1000, AWE_MAP_PROCESS, &e, &ob, &os);
    if (!e.win32_ok && e.status != AWE_STATUS_GUARD_PAGE_VIOLATION) /* L6 (a guard clears) */
        CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    return e.win32_ok;
}

static int random_step(awe_model *m, int op)
{
    static const uint64_t bases[] = {FX_BASE, FX_BASE2, FX_PLAIN};
    uint64_t pfns[3] = {any_pfn(), any_pfn(), any_pfn()}, tag;
    switch (op) {
    case OP_ALLOC: return random_alloc(m);
    case OP_FREE: return fx_free(m, 1 + rnd(3), pfns, NULL) == AWE_STATUS_SUCCESS;
    case OP_MAP: return random_map(m, 0);
    case OP_SCATTER: return random_map(m, 1);
    case OP_WRITE: return awe_model_write(m, access_va(m), rnd(1000));
    case OP_READ: return awe_model_read(m, access_va(m), &tag);
    case OP_PROTECT: return random_protect(m);
    case OP_QUERY: return random_query(m);
    case OP_LOCK: return random_lock(m, 0);
    case OP_UNLOCK: return random_lock(m, 1);
    case OP_VFREE:
        return fx_vfree(m, AWE_API_NT, any_va() & ~0xFFFFull, rnd(3) ? 0 : rnd(20) * 4096,
                        rnd(4) ? AWE_MEM_RELEASE : AWE_MEM_DECOMMIT, NULL) == AWE_STATUS_SUCCESS;
    default:
        return rnd(2) ? fx_reserve(m, bases[rnd(3)], 64) == 0
                      : fx_reserve_plain(m, bases[rnd(3)], 16) == 0;
    }
}

TEST(random_walk_keeps_invariants)
{
    unsigned ok[OP_N] = {0};
    for (uint64_t seed = 1; seed <= 20; seed++) {
        rng_state = seed;
        awe_model *m = fx_world();
        for (int step = 0; step < 800; step++) {
            int op = (int)rnd(OP_N);
            ok[op] += (unsigned)random_step(m, op);
            if (!fx_invariants_ok(m)) {
                fprintf(stderr, "seed %llu step %d op %d\n", (unsigned long long)seed, step, op);
                CHECK(!"invariants hold");
                break;
            }
        }
        awe_model *c = awe_model_clone(m);
        CHECK(awe_model_equal(m, c));
        awe_model_destroy(c);
        awe_model_destroy(m);
    }
    for (int op = 0; op < OP_N; op++) { /* the walk reached every kind of success */
        if (ok[op] < 5)
            fprintf(stderr, "op %d succeeded only %u times\n", op, ok[op]);
        CHECK(ok[op] >= 5);
    }
}
