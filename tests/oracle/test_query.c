/* SPDX-License-Identifier: Apache-2.0 */
/* test_query.c: VirtualQuery / NtQueryVirtualMemory in the model (Q1..Q9). */
#include "model_fixture.h"

#define ALL (AWE_MBI_F_BASE | AWE_MBI_F_ALLOC_BASE | AWE_MBI_F_ALLOC_PROTECT | AWE_MBI_F_SIZE | \
             AWE_MBI_F_STATE | AWE_MBI_F_PROTECT | AWE_MBI_F_TYPE)

/* A query with a good buffer and no ReturnLength. */
static void query(const awe_model *m, uint64_t va, awe_expect *e, awe_mbi *mbi, awe_mbi_fields *f)
{
    awe_buf buf = fx_ok(AWE_MBI_SIZE), rl = fx_null();
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_CURRENT, va, &buf, AWE_MBI_SIZE, &rl, e, mbi, f);
}

TEST(Q1_short_buffer_is_info_length_mismatch_first)
{
    awe_model *m = fx_world();
    awe_buf buf = fx_noaccess(), rl = fx_noaccess();
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    /* before the unwritable buffer, the address and the handle */
    awe_model_query(m, AWE_API_WIN32, AWE_HANDLE_GARBAGE, UINT64_MAX, &buf, AWE_MBI_SIZE - 1,
                    &rl, &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_INFO_LENGTH_MISMATCH);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_BAD_LENGTH); /* VirtualQuery returns 0, error 24 */
    CHECK_EQ_U64(f.compare, 0);
    awe_model_destroy(m);
}

TEST(Q1_unwritable_buffer_or_return_length_is_access_violation)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(AWE_MBI_SIZE), ro = fx_readonly(AWE_MBI_SIZE), shortbuf = fx_ok(40),
            rl_ro = fx_readonly(8), rl_ok = fx_ok(8);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_CURRENT, FX_BASE, &ro, AWE_MBI_SIZE, NULL, &e,
                    &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_ACCESS_VIOLATION);
    /* the whole length argument is probed, not only sizeof(MBI) */
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_CURRENT, FX_BASE, &shortbuf, AWE_MBI_SIZE, NULL,
                    &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_CURRENT, UINT64_MAX, &ok, AWE_MBI_SIZE, &rl_ro,
                    &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_ACCESS_VIOLATION); /* before the address */
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_CURRENT, FX_BASE, &ok, AWE_MBI_SIZE, &rl_ok, &e,
                    &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q2, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(Q1_kernel_address_is_invalid_parameter_then_handle)
{
    awe_model *m = fx_world();
    awe_buf buf = fx_ok(AWE_MBI_SIZE);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    awe_model_query(m, AWE_API_WIN32, AWE_HANDLE_NULL, AWE_HIGHEST_USER_ADDRESS + 1, &buf,
                    AWE_MBI_SIZE, NULL, &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_NULL, FX_BASE, &buf, AWE_MBI_SIZE, NULL, &e, &mbi,
                    &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_INVALID_HANDLE);
    /* PROCESS_QUERY_INFORMATION: neither real handle grants it */
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_SELF, FX_BASE, &buf, AWE_MBI_SIZE, NULL, &e, &mbi,
                    &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_ACCESS_DENIED);
    awe_model_query(m, AWE_API_NT, AWE_HANDLE_NO_VM_OPERATION, FX_BASE, &buf, AWE_MBI_SIZE,
                    NULL, &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q1, AWE_STATUS_ACCESS_DENIED);
    awe_model_destroy(m);
}

TEST(Q2_success_changes_nothing)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(1), &e, &mbi, &f);
    CHECK_EXPECT(e, AWE_RULE_Q2, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.win32_ok, 1); /* VirtualQuery returns sizeof(MBI) */
    CHECK_EQ_U64(e.state_rule, AWE_RULE_Q2);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(Q3_base_is_the_page_of_the_address)
{
    awe_model *m = fx_world();
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(5) + 0xABC, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.base_address, FX_VA(5));
    CHECK(f.compare & AWE_MBI_F_BASE);
    CHECK(!(f.soft & AWE_MBI_F_BASE)); /* DOC */
    query(m, 0x40000123, &e, &mbi, &f); /* memory the model does not know: the base only */
    CHECK_EXPECT(e, AWE_RULE_Q2, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(mbi.base_address, 0x40000000);
    CHECK_EQ_U64(f.compare, AWE_MBI_F_BASE);
    awe_model_destroy(m);
}

TEST(Q4_allocation_fields_same_for_every_page)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    uint64_t pfn = FX_PFN(1);
    CHECK_EQ_U64(fx_map(m, FX_VA(40), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    const uint64_t vas[] = {FX_VA(0), FX_VA(1), FX_VA(40), FX_VA(63) + 0xFFF};
    for (int i = 0; i < 4; i++) {
        awe_expect e;
        awe_mbi mbi;
        awe_mbi_fields f;
        query(m, vas[i], &e, &mbi, &f);
        CHECK_EQ_U64(mbi.allocation_base, FX_BASE);
        CHECK_EQ_U64(mbi.allocation_protect, AWE_PAGE_READWRITE);
        CHECK_EQ_U64(mbi.type, AWE_MEM_PRIVATE);
        CHECK_EQ_U64(f.compare, ALL);
        CHECK(!(f.soft & AWE_MBI_F_ALLOC_BASE)); /* DOC */
        CHECK(f.soft & AWE_MBI_F_TYPE);          /* NT52 */
    }
    awe_model_destroy(m);
}

TEST(Q5_unmapped_page_is_reserve_with_protect_zero_soft)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    CHECK_EQ_U64(fx_map(m, FX_VA(1), 1, NULL, NULL), AWE_STATUS_SUCCESS); /* unmapped again */
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(1), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(mbi.protect, 0);
    CHECK(f.soft & AWE_MBI_F_PROTECT);
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS); /* its frame freed */
    query(m, FX_VA(0), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(mbi.region_size, 64 * 4096);
    awe_model_destroy(m);
}

TEST(Q6_mapped_page_is_commit_with_its_protection)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(0), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_READWRITE);
    awe_buf ok = fx_ok(1);
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    query(m, FX_VA(0), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_READONLY);
    CHECK_EQ_U64(mbi.region_size, 4096);
    awe_model_destroy(m);
}

TEST(Q7_spec_example_runs)
{
    awe_model *m = fx_model(0);
    const uint64_t R = 0x50000000;
    CHECK_EQ_U64(fx_alloc(m, 4, FX_PFN0), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_reserve(m, R, 8), 0);
    uint64_t pfns[2] = {FX_PFN(0), FX_PFN(1)};
    CHECK_EQ_U64(fx_map(m, R + 0x2000, 2, pfns, NULL), AWE_STATUS_SUCCESS);
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, R + 0x1234, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.base_address, R + 0x1000);
    CHECK_EQ_U64(mbi.region_size, 0x1000);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(mbi.protect, 0);
    query(m, R + 0x2000, &e, &mbi, &f); /* two frames, one run */
    CHECK_EQ_U64(mbi.region_size, 0x2000);
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_READWRITE);
    query(m, R + 0x4000, &e, &mbi, &f); /* to R.end, never past it */
    CHECK_EQ_U64(mbi.region_size, 0x4000);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    awe_model_destroy(m);
}

TEST(Q7_protection_splits_a_run_and_long_regions_stay_exact)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    awe_buf ok = fx_ok(1);
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, FX_VA(2), 1,
                      AWE_PAGE_NOACCESS, &ok, &e, &ob, &os, &old);
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(0), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.region_size, 0x2000);
    query(m, FX_VA(2), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.region_size, 0x1000);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_NOACCESS);
    query(m, FX_VA(4), &e, &mbi, &f); /* 60 pages left, fewer slots: the sparse walk */
    CHECK_EQ_U64(mbi.region_size, 60 * 0x1000);
    query(m, FX_VA(3), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.region_size, 0x1000);
    awe_model_destroy(m);
}

TEST(Q2_plain_region_reports_commit_reserve_and_allocation_protect)
{
    awe_model *m = fx_world();
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_PLAIN + 0x3456, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_READWRITE);
    CHECK_EQ_U64(mbi.type, AWE_MEM_PRIVATE);
    CHECK_EQ_U64(mbi.allocation_base, FX_PLAIN);
    CHECK_EQ_U64(mbi.region_size, 13 * 4096); /* uniform: to the region's end */
    CHECK_EQ_U64(f.soft, 0);
    /* decommit two pages: a reserved run in the middle */
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x4000, 0x2000, AWE_MEM_DECOMMIT, NULL),
                 AWE_STATUS_SUCCESS);
    query(m, FX_PLAIN, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.region_size, 4 * 4096);
    query(m, FX_PLAIN + 0x4000, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(mbi.protect, 0);
    CHECK_EQ_U64(mbi.region_size, 2 * 4096);
    /* a reserve-only region, then a commit inside it (V5) */
    awe_model_virtual_alloc_expect(m, AWE_API_NT, 0, 8 * 4096, AWE_MEM_RESERVE,
                                   AWE_PAGE_READONLY, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_virtual_alloc_adopt(m, &e, AWE_STATUS_SUCCESS, 0x60000000, 8 * 4096,
                                               &mm), 0);
    query(m, 0x60000000, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(mbi.allocation_protect, AWE_PAGE_READONLY);
    CHECK_EQ_U64(mbi.region_size, 8 * 4096);
    awe_model_virtual_alloc_expect(m, AWE_API_NT, 0x60001000, 0x1000, AWE_MEM_COMMIT,
                                   AWE_PAGE_EXECUTE_READ, &e);
    CHECK_EQ_U64(awe_model_virtual_alloc_adopt(m, &e, AWE_STATUS_SUCCESS, 0x60001000, 0x1000,
                                               &mm), 0);
    query(m, 0x60001000, &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.protect, AWE_PAGE_EXECUTE_READ);
    CHECK_EQ_U64(mbi.region_size, 4096);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(Q8_released_region_and_granule_tail_are_free)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, 0x50000000, 8), 0);  /* ends mid-granule */
    CHECK_EQ_U64(fx_reserve(m, 0x50010000, 4), 0);  /* the next granule */
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, 0x50008010, &e, &mbi, &f); /* past R.end, inside its granule */
    CHECK_EXPECT(e, AWE_RULE_Q2, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(mbi.state, AWE_MEM_FREE);
    CHECK_EQ_U64(mbi.base_address, 0x50008000);
    CHECK_EQ_U64(mbi.region_size, 0x8000); /* up to the next allocation, which it knows */
    CHECK_EQ_U64(f.compare, AWE_MBI_F_BASE | AWE_MBI_F_STATE | AWE_MBI_F_SIZE);
    query(m, 0x50014000, &e, &mbi, &f); /* tail of the second: what follows is unknown */
    CHECK_EQ_U64(mbi.state, AWE_MEM_FREE);
    CHECK_EQ_U64(f.compare, AWE_MBI_F_BASE | AWE_MBI_F_STATE);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, 0x50000000, 0, AWE_MEM_RELEASE, NULL),
                 AWE_STATUS_SUCCESS);
    query(m, 0x50001000, &e, &mbi, &f); /* the released region */
    CHECK_EQ_U64(mbi.state, AWE_MEM_FREE);
    CHECK_EQ_U64(mbi.region_size, 0xF000);
    CHECK(f.compare & AWE_MBI_F_SIZE);
    awe_model_destroy(m);
}

TEST(Q9_query_answers_as_of_the_last_completed_call)
{
    awe_model *m = fx_world();
    awe_expect e;
    awe_mbi mbi;
    awe_mbi_fields f;
    query(m, FX_VA(7), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.state, AWE_MEM_RESERVE);
    uint64_t pfn = FX_PFN(3);
    CHECK_EQ_U64(fx_map(m, FX_VA(7), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    query(m, FX_VA(7), &e, &mbi, &f); /* nothing cached from before the map */
    CHECK_EQ_U64(mbi.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(mbi.region_size, 4096);
    query(m, FX_VA(0), &e, &mbi, &f);
    CHECK_EQ_U64(mbi.region_size, 7 * 4096);
    awe_model_destroy(m);
}
