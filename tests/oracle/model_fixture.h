/* SPDX-License-Identifier: Apache-2.0 */
/* model_fixture.h: shared set-up for the oracle tests: a model with pages adopted at known
 * PFNs, regions reserved at fixed bases, and one-line wrappers around the model calls. */
#ifndef AWE_MODEL_FIXTURE_H
#define AWE_MODEL_FIXTURE_H

#include "awe_model.h"
#include "check.h"

#define FX_BASE  0x10000000ull /* first AWE region (fx_world: 64 pages) */
#define FX_BASE2 0x20000000ull /* second AWE region (fx_world: 16 pages) */
#define FX_PLAIN 0x30000000ull /* plain region (fx_world: 16 pages) */
#define FX_PFN0  0x1000ull     /* fx_world owns FX_PFN0 .. FX_PFN0 + 15 */
#define FX_PAGES 16u
#define FX_VA(i) (FX_BASE + (uint64_t)(i) * AWE_PAGE_SIZE)
#define FX_PFN(i) (FX_PFN0 + (uint64_t)(i))

/* Status, rule and the Win32 view of an expectation, checked at the caller's line. */
#define CHECK_EXPECT(e, r, st)                                                     \
    do {                                                                           \
        CHECK_EQ_U64((e).rule, (r));                                               \
        CHECK_EQ_U64((e).status, (st));                                            \
        CHECK_EQ_U64((e).win32_ok, (st) == AWE_STATUS_SUCCESS);                    \
        CHECK_EQ_U64((e).win32_error, awe_status_to_win32(st));                    \
    } while (0)

awe_model *fx_model(uint64_t page_limit);
/* The same with a known pool of pool_free pages (A7, A8 exact), as a backend reporting its
 * pool gets it. */
awe_model *fx_model_pool(uint64_t page_limit, uint64_t pool_free);
/* fx_model(0) + FX_PAGES pages at FX_PFN0.., AWE regions at FX_BASE (64 pages) and FX_BASE2
 * (16 pages), a plain region at FX_PLAIN (16 pages). */
awe_model *fx_world(void);

awe_buf fx_ok(uint64_t n);
awe_buf fx_readonly(uint64_t n);
awe_buf fx_null(void);
awe_buf fx_noaccess(void);

/* Allocate n pages and adopt PFNs first_pfn + i; returns the status the model expected. */
awe_ntstatus fx_alloc(awe_model *m, uint64_t n, uint64_t first_pfn);
/* Reserve an AWE (or plain) region the system places at base; 0 when adopted. */
int fx_reserve(awe_model *m, uint64_t base, uint64_t pages);
int fx_reserve_plain(awe_model *m, uint64_t base, uint64_t pages);

/* pfns NULL: the unmap form. Return the expected status; *e gets the expectation if e. */
awe_ntstatus fx_map(awe_model *m, uint64_t va, uint64_t n, const uint64_t *pfns, awe_expect *e);
awe_ntstatus fx_scatter(awe_model *m, const uint64_t *vas, uint64_t n, const uint64_t *pfns,
                        awe_expect *e);
awe_ntstatus fx_free(awe_model *m, uint64_t n, const uint64_t *pfns, awe_expect *e);
awe_ntstatus fx_vfree(awe_model *m, awe_api api, uint64_t va, uint64_t size, uint32_t type,
                      awe_expect *e);

/* Map FX_PFN(i) at FX_VA(i) for i in [0, n). */
void fx_map_identity(awe_model *m, uint64_t n);
/* The PFN mapped at va, 0 when none. */
uint64_t fx_pfn_at(const awe_model *m, uint64_t va);
/* The model's invariants hold (CHECK at the caller's line through the macro). */
int fx_invariants_ok(const awe_model *m);
#define CHECK_INVARIANTS(m) CHECK(fx_invariants_ok(m))

#endif
