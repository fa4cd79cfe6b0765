/* SPDX-License-Identifier: Apache-2.0 */
/* test_scatter.c: MapUserPhysicalPagesScatter in the model (S1..S9), including that every
 * failing check leaves the whole state unchanged (S7). */
#include "model_fixture.h"

static void scatter_buf(awe_model *m, awe_buf va_arr, const uint64_t *vas, uint64_t n,
                        awe_buf arr, const uint64_t *pfns, awe_expect *e)
{
    awe_model_scatter(m, AWE_API_NT, &va_arr, vas, n, &arr, pfns, e);
}

static void check_fails_unchanged(awe_model *m, awe_buf va_arr, const uint64_t *vas,
                                  uint64_t n, awe_buf arr, const uint64_t *pfns, awe_rule rule,
                                  awe_ntstatus st)
{
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    scatter_buf(m, va_arr, vas, n, arr, pfns, &e);
    CHECK_EXPECT(e, rule, st);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_S7);
    CHECK(awe_model_equal(m, before));
    CHECK_INVARIANTS(m);
    awe_model_destroy(before);
}

TEST(S1_huge_count_is_param2)
{
    awe_model *m = fx_world();
    uint64_t va = FX_BASE;
    check_fails_unchanged(m, fx_ok(1), &va, AWE_MAXULONG_PTR / 4096 + 1, fx_null(), NULL,
                          AWE_RULE_S1, AWE_STATUS_INVALID_PARAMETER_2);
    awe_model_destroy(m);
}

TEST(S2_unreadable_va_array_is_access_violation)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)};
    check_fails_unchanged(m, fx_noaccess(), NULL, 2, fx_null(), NULL, AWE_RULE_S2,
                          AWE_STATUS_ACCESS_VIOLATION);
    check_fails_unchanged(m, fx_ok(1), vas, 2, fx_null(), NULL, AWE_RULE_S2,
                          AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(S2_zero_count_succeeds_whatever_the_arrays)
{
    awe_model *m = fx_model(0); /* no bitmap either */
    awe_expect e;
    scatter_buf(m, fx_null(), NULL, 0, fx_noaccess(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_S2, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(S2_unreadable_pfn_array_is_access_violation)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)}, pfns[1] = {FX_PFN(0)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_noaccess(), NULL, AWE_RULE_S2,
                          AWE_STATUS_ACCESS_VIOLATION);
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(1), pfns, AWE_RULE_S2,
                          AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(S3_no_bitmap_is_param1)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0);
    uint64_t va = FX_BASE;
    check_fails_unchanged(m, fx_ok(1), &va, 1, fx_null(), NULL, AWE_RULE_S3,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(S4_address_outside_regions_is_param1)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), 0x40000000}, pfns[2] = {FX_PFN(0), FX_PFN(1)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    awe_model_destroy(m);
}

TEST(S4_plain_region_is_param1)
{
    awe_model *m = fx_world();
    uint64_t va = FX_PLAIN, pfn = FX_PFN(0);
    check_fails_unchanged(m, fx_ok(1), &va, 1, fx_ok(1), &pfn, AWE_RULE_S4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(S4_addresses_in_different_regions_are_fine)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(3) + 7, FX_BASE2 + 0x1FFF}, pfns[2] = {FX_PFN(0), FX_PFN(1)};
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_S5, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(3)), FX_PFN(0));
    CHECK_EQ_U64(fx_pfn_at(m, FX_BASE2 + 0x1000), FX_PFN(1));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(S4_addresses_checked_before_pfns)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), 0x40000000}, pfns[2] = {0x777777, FX_PFN(1)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(S5_zero_entry_unmaps)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t vas[2] = {FX_VA(0), FX_VA(5)}, pfns[2] = {0, FX_PFN(7)};
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_S5, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), 0);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(1)), FX_PFN(1));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(5)), FX_PFN(7));
    CHECK(awe_model_pfn_owned(m, FX_PFN(0)));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK_EQ_U64(ps.rule, AWE_RULE_S5);
    awe_model_destroy(m);
}

TEST(S5_zero_entry_not_checked_for_ownership)
{
    awe_model *m = fx_world();
    uint64_t vas[3] = {FX_VA(0), FX_VA(1), FX_VA(2)}, pfns[3] = {0, 0, 0};
    awe_expect e;
    fx_scatter(m, vas, 3, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_S5, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(S5_unowned_pfn_is_conflicting)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)}, pfns[2] = {FX_PFN(0), 0x777777};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S5,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(S5_pfn_mapped_elsewhere_is_param3)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(4);
    CHECK_EQ_U64(fx_map(m, FX_BASE2, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    uint64_t va = FX_VA(0);
    check_fails_unchanged(m, fx_ok(1), &va, 1, fx_ok(1), &pfn, AWE_RULE_S5,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_scatter(m, &va, 1, &pfn, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    awe_model_destroy(m);
}

TEST(S5_duplicate_pfn_is_param3)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)}, pfns[2] = {FX_PFN(3), FX_PFN(3)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S5,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(S6_null_array_unmaps_listed)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    uint64_t vas[3] = {FX_VA(3), FX_VA(1), FX_VA(40)};
    awe_expect e;
    fx_scatter(m, vas, 3, NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_S6, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_S6);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(0));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(1)), 0);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(2)), FX_PFN(2));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(3)), 0);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(S7_every_failing_check_leaves_state_unchanged)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    uint64_t vas[2] = {FX_VA(5), FX_VA(6)}, pfns[2] = {FX_PFN(8), FX_PFN(9)};
    check_fails_unchanged(m, fx_ok(2), vas, UINT64_MAX, fx_ok(2), pfns, AWE_RULE_S1,
                          AWE_STATUS_INVALID_PARAMETER_2);
    check_fails_unchanged(m, fx_readonly(1), vas, 2, fx_ok(2), pfns, AWE_RULE_S2,
                          AWE_STATUS_ACCESS_VIOLATION);
    uint64_t bad_va[2] = {FX_VA(5), FX_PLAIN};
    check_fails_unchanged(m, fx_ok(2), bad_va, 2, fx_ok(2), pfns, AWE_RULE_S4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    uint64_t mapped[2] = {FX_PFN(8), FX_PFN(2)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), mapped, AWE_RULE_S5,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(S7_failed_scatter_unmaps_nothing)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)}, pfns[2] = {0, 0x777777};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S5,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(0)); /* the zero entry did not apply */
    awe_model_destroy(m);
}

TEST(S8_address_listed_twice_last_wins)
{
    awe_model *m = fx_world();
    uint64_t vas[2] = {FX_VA(0), FX_VA(0) + 8}, pfns[2] = {FX_PFN(1), FX_PFN(2)};
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_S8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(2));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(1)), 0); /* the earlier entry's PFN: unmapped */
    CHECK(awe_model_pfn_owned(m, FX_PFN(1)));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(S8_expectation_and_page_rule_are_nt52)
{
    awe_model *m = fx_world();
    uint64_t vas[3] = {FX_VA(0), FX_VA(1), FX_VA(0)}, pfns[3] = {FX_PFN(1), FX_PFN(2), 0};
    awe_expect e;
    fx_scatter(m, vas, 3, pfns, &e);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_S8);
    CHECK_EQ_U64(e.ev_state, AWE_EV_NT52);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), 0); /* the last entry unmapped it */
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(1)), FX_PFN(2));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK_EQ_U64(ps.rule, AWE_RULE_S8);
    CHECK_EQ_U64(ps.ev, AWE_EV_NT52);
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.rule, AWE_RULE_S5);
    awe_model_destroy(m);
}

TEST(S8_zero_then_pfn_at_same_address_maps)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    uint64_t vas[2] = {FX_VA(0), FX_VA(0)}, pfns[2] = {0, FX_PFN(6)};
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_S8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(6));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(0)), 0);
    awe_model_destroy(m);
}

TEST(S9_move_within_call_is_param3)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1); /* X = PFN 0 at a = VA 0 */
    uint64_t vas[2] = {FX_VA(0), FX_VA(1)}, pfns[2] = {0, FX_PFN(0)};
    check_fails_unchanged(m, fx_ok(2), vas, 2, fx_ok(2), pfns, AWE_RULE_S9,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_scatter(m, vas, 2, pfns, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(S9_remap_at_same_address_is_param3)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    uint64_t va = FX_VA(0), pfn = FX_PFN(0);
    check_fails_unchanged(m, fx_ok(1), &va, 1, fx_ok(1), &pfn, AWE_RULE_S9,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}
