/* SPDX-License-Identifier: Apache-2.0 */
/* test_free.c: FreeUserPhysicalPages in the model (F1..F8). */
#include "model_fixture.h"

static void free_call(awe_model *m, awe_handle_kind h, awe_buf cnt, uint64_t n, awe_buf arr,
                      const uint64_t *pfns, awe_expect *e)
{
    awe_model_free(m, AWE_API_NT, h, &cnt, n, &arr, pfns, e);
}

TEST(F1_null_count_pointer_is_access_violation)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    uint64_t pfn = FX_PFN(0);
    awe_expect e;
    free_call(m, AWE_HANDLE_CURRENT, fx_null(), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F1, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(e.count_written, 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(F1_readonly_count_pointer_is_access_violation)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    awe_expect e;
    free_call(m, AWE_HANDLE_CURRENT, fx_readonly(1), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F1, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(e.count_written, 0);
    CHECK(awe_model_pfn_owned(m, FX_PFN(0)));
    awe_model_destroy(m);
}

TEST(F1_count_zeroed_on_later_failure)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    awe_expect e;
    free_call(m, AWE_HANDLE_NULL, fx_ok(1), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F3, AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 0);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_F1);
    CHECK_EQ_U64(e.ev_count, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(F2_zero_count_is_param2)
{
    awe_model *m = fx_model(0); /* before F4 and F6: no bitmap, no array */
    awe_expect e;
    free_call(m, AWE_HANDLE_NULL, fx_ok(1), 0, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_F2, AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 0);
    awe_model_destroy(m);
}

TEST(F3_bad_handles_after_capture)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    awe_expect e;
    free_call(m, AWE_HANDLE_GARBAGE, fx_ok(1), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F3, AWE_STATUS_INVALID_HANDLE);
    free_call(m, AWE_HANDLE_NO_VM_OPERATION, fx_ok(1), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F3, AWE_STATUS_ACCESS_DENIED);
    CHECK(awe_model_pfn_owned(m, FX_PFN(0)));
    free_call(m, AWE_HANDLE_SELF, fx_ok(1), 1, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F8, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(F3_no_privilege_check)
{
    awe_model *m = fx_world();
    awe_model_set_privilege(m, 0);
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK(!awe_model_pfn_owned(m, FX_PFN(0)));
    awe_model_destroy(m);
}

TEST(F4_no_bitmap_is_param1)
{
    awe_model *m = fx_model(0);
    uint64_t pfn = 0x1000;
    awe_expect e;
    fx_free(m, 1, &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_F4, AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(e.count, 0);
    CHECK_EQ_U64(e.count_written, 1);
    awe_model_destroy(m);
}

TEST(F5_partial_free_stops_at_first_unowned)
{
    awe_model *m = fx_world();
    uint64_t pfns[4] = {FX_PFN(0), FX_PFN(1), 0x777777, FX_PFN(2)};
    awe_expect e;
    fx_free(m, 4, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_F5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 2);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_F5);
    CHECK_EQ_U64(e.ev_count, AWE_EV_NT52);
    CHECK(!awe_model_pfn_owned(m, FX_PFN(0)));
    CHECK(!awe_model_pfn_owned(m, FX_PFN(1)));
    CHECK(awe_model_pfn_owned(m, FX_PFN(2))); /* after the failure: untouched */
    CHECK_EQ_U64(awe_model_owned_count(m), FX_PAGES - 2);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(F5_freed_earlier_in_same_call_counts_as_unowned)
{
    awe_model *m = fx_world();
    uint64_t pfns[3] = {FX_PFN(4), FX_PFN(4), FX_PFN(5)};
    awe_expect e;
    fx_free(m, 3, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_F5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(e.count, 1);
    CHECK(!awe_model_pfn_owned(m, FX_PFN(4)));
    CHECK(awe_model_pfn_owned(m, FX_PFN(5)));
    awe_model_destroy(m);
}

TEST(F5_first_entry_unowned_frees_nothing)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    uint64_t pfns[2] = {0, FX_PFN(0)};
    awe_expect e;
    fx_free(m, 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_F5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(e.count, 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(F6_unreadable_array_is_access_violation_nothing_freed)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    uint64_t pfns[2] = {FX_PFN(0), FX_PFN(1)};
    awe_expect e;
    free_call(m, AWE_HANDLE_CURRENT, fx_ok(1), 3, fx_ok(2), pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_F6, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 0);
    CHECK(awe_model_equal(m, before)); /* captured before anything is freed */
    free_call(m, AWE_HANDLE_CURRENT, fx_ok(1), 1, fx_noaccess(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_F6, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(F6_checked_before_handle_and_bitmap)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    free_call(m, AWE_HANDLE_NULL, fx_ok(1), 2, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_F6, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(F7_mapped_page_unmapped_by_free)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    uint64_t pfn = FX_PFN(1);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    uint64_t tag;
    CHECK(!awe_model_read(m, FX_VA(1), &tag));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK(ps.in_awe_region);
    CHECK(!ps.mapped);
    CHECK_EQ_U64(ps.rule, AWE_RULE_F7);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(F7_other_mappings_and_region_untouched)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    uint64_t pfn = FX_PFN(1);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(0));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(2)), FX_PFN(2));
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    pfn = FX_PFN(9); /* the freed page's VA can take another page */
    CHECK_EQ_U64(fx_map(m, FX_VA(1), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(F8_success_count_equals_input)
{
    awe_model *m = fx_world();
    uint64_t pfns[3] = {FX_PFN(7), FX_PFN(3), FX_PFN(11)};
    awe_expect e;
    fx_free(m, 3, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_F8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 3);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_F8);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_F8);
    awe_model_destroy(m);
}

TEST(F8_every_listed_pfn_freed)
{
    awe_model *m = fx_world();
    uint64_t pfns[FX_PAGES];
    for (unsigned i = 0; i < FX_PAGES; i++)
        pfns[i] = FX_PFN(FX_PAGES - 1 - i);
    CHECK_EQ_U64(fx_free(m, FX_PAGES, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    for (unsigned i = 0; i < FX_PAGES; i++)
        CHECK(!awe_model_pfn_owned(m, FX_PFN(i)));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}
