/* SPDX-License-Identifier: Apache-2.0 */
/* test_map.c: MapUserPhysicalPages in the model (M1..M10), including that every failing
 * check leaves the whole state unchanged (M7). */
#include "model_fixture.h"

static void map_buf(awe_model *m, uint64_t va, uint64_t n, awe_buf arr, const uint64_t *pfns,
                    awe_expect *e)
{
    awe_model_map(m, AWE_API_NT, va, n, &arr, pfns, e);
}

/* Run a failing map on a clone-checked world: the status must be `st` by `rule` and the
 * model must equal its clone from before the call (M7). */
static void check_fails_unchanged(awe_model *m, uint64_t va, uint64_t n, awe_buf arr,
                                  const uint64_t *pfns, awe_rule rule, awe_ntstatus st)
{
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    map_buf(m, va, n, arr, pfns, &e);
    CHECK_EXPECT(e, rule, st);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_M7);
    CHECK_EQ_U64(e.ev_state, AWE_EV_DOC);
    CHECK(awe_model_equal(m, before));
    CHECK_INVARIANTS(m);
    awe_model_destroy(before);
}

TEST(M1_huge_count_is_param2)
{
    awe_model *m = fx_world();
    awe_expect e;
    map_buf(m, FX_BASE, AWE_MAXULONG_PTR / AWE_PAGE_SIZE + 1, fx_ok(4), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M1, AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M1_checked_before_bitmap_and_array)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    map_buf(m, 0, UINT64_MAX, fx_noaccess(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M1, AWE_STATUS_INVALID_PARAMETER_2);
    awe_model_destroy(m);
}

TEST(M2_count_zero_nonzero_address_is_param2)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    awe_expect e;
    map_buf(m, FX_BASE, 0, fx_ok(1), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_M2, AWE_STATUS_INVALID_PARAMETER_2);
    map_buf(m, FX_BASE, 0, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M2, AWE_STATUS_INVALID_PARAMETER_2);
    awe_model_destroy(m);
}

TEST(M2_wraparound_is_param2)
{
    awe_model *m = fx_world();
    awe_expect e;
    map_buf(m, 0xFFFFFFFFFFFFF000ull, 2, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M2, AWE_STATUS_INVALID_PARAMETER_2);
    map_buf(m, 0xFFFFFFFFFFFFF000ull, 1, fx_null(), NULL, &e); /* ends exactly at the top */
    CHECK_EXPECT(e, AWE_RULE_M5, AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M2_count_zero_address_zero_array_is_success)
{
    awe_model *m = fx_model(0); /* no bitmap, no region: nothing else is looked at */
    uint64_t pfn = 0;
    awe_expect e;
    map_buf(m, 0, 0, fx_ok(0), &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_M2, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_M2);
    map_buf(m, 0xFFF, 0, fx_noaccess(), NULL, &e); /* rounds to page 0; array not probed */
    CHECK_EXPECT(e, AWE_RULE_M2, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(M2_count_zero_address_zero_null_array_is_param1)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    map_buf(m, 0, 0, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M4, AWE_STATUS_INVALID_PARAMETER_1); /* no bitmap yet */
    awe_model_destroy(m);
    m = fx_world();
    map_buf(m, 0, 0, fx_null(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M5, AWE_STATUS_INVALID_PARAMETER_1); /* range = everything */
    awe_model_destroy(m);
}

TEST(M2_unaligned_address_rounds_down)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(3);
    CHECK_EQ_U64(fx_map(m, FX_VA(2) + 0x123, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(2)), FX_PFN(3));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(3)), FX_VA(2));
    awe_expect e; /* the last page: 0x...FFF + 1 page still fits after rounding */
    pfn = FX_PFN(4);
    fx_map(m, FX_VA(63) + 0xFFF, 1, &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_M9, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(M3_noaccess_array_is_access_violation)
{
    awe_model *m = fx_world();
    check_fails_unchanged(m, FX_BASE, 2, fx_noaccess(), NULL, AWE_RULE_M3,
                          AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(M3_short_array_is_access_violation)
{
    awe_model *m = fx_world();
    uint64_t pfns[2] = {FX_PFN(0), FX_PFN(1)};
    check_fails_unchanged(m, FX_BASE, 3, fx_ok(2), pfns, AWE_RULE_M3, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(M3_readonly_array_is_fine)
{
    awe_model *m = fx_world();
    uint64_t pfns[2] = {FX_PFN(0), FX_PFN(1)};
    awe_expect e;
    map_buf(m, FX_BASE, 2, fx_readonly(2), pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_M9, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(M3_checked_before_bitmap)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    map_buf(m, FX_BASE, 1, fx_noaccess(), NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M3, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(M4_no_bitmap_is_param1)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0);
    uint64_t pfn = 0x1000;
    check_fails_unchanged(m, FX_BASE, 1, fx_ok(1), &pfn, AWE_RULE_M4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M4_no_bitmap_unmap_form_is_param1)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0);
    check_fails_unchanged(m, FX_BASE, 4, fx_null(), NULL, AWE_RULE_M4,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M5_no_region_is_param1)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    check_fails_unchanged(m, 0x40000000, 1, fx_ok(1), &pfn, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_expect e;
    map_buf(m, 0x40000000, 1, fx_ok(1), &pfn, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M5_plain_region_is_param1)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    check_fails_unchanged(m, FX_PLAIN, 1, fx_ok(1), &pfn, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M5_past_region_end_is_param1)
{
    awe_model *m = fx_world();
    uint64_t pfns[2] = {FX_PFN(0), FX_PFN(1)};
    check_fails_unchanged(m, FX_VA(63), 2, fx_ok(2), pfns, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    check_fails_unchanged(m, FX_VA(63), 2, fx_null(), NULL, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M5_spanning_two_regions_is_param1)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, 4, 0x100), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_reserve(m, 0x10000000, 16), 0); /* two adjacent regions */
    CHECK_EQ_U64(fx_reserve(m, 0x10010000, 16), 0);
    uint64_t pfns[2] = {0x100, 0x101};
    check_fails_unchanged(m, 0x1000F000, 2, fx_ok(2), pfns, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M5_released_region_is_param1)
{
    awe_model *m = fx_world();
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE2, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    uint64_t pfn = FX_PFN(0);
    check_fails_unchanged(m, FX_BASE2, 1, fx_ok(1), &pfn, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    awe_model_destroy(m);
}

TEST(M6_unowned_pfn_is_conflicting_addresses)
{
    awe_model *m = fx_world();
    uint64_t pfns[2] = {FX_PFN(0), 0x777777};
    check_fails_unchanged(m, FX_BASE, 2, fx_ok(2), pfns, AWE_RULE_M6,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_expect e;
    fx_map(m, FX_BASE, 2, pfns, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC); /* must fail: DOC; the code: NT52 */
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_ADDRESS);
    awe_model_destroy(m);
}

TEST(M6_zero_pfn_is_conflicting_addresses)
{
    awe_model *m = fx_world();
    uint64_t pfn = 0;
    check_fails_unchanged(m, FX_BASE, 1, fx_ok(1), &pfn, AWE_RULE_M6,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(M6_freed_pfn_is_conflicting_addresses)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(5);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    check_fails_unchanged(m, FX_BASE, 1, fx_ok(1), &pfn, AWE_RULE_M6,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(M6_pfn_mapped_elsewhere_is_param3)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_map(m, FX_BASE2, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    check_fails_unchanged(m, FX_BASE, 1, fx_ok(1), &pfn, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_map(m, FX_BASE, 1, &pfn, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC); /* one PFN at two VAs: documented */
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M6_same_va_remap_is_param3_nt52)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    uint64_t pfn = FX_PFN(0);
    check_fails_unchanged(m, FX_VA(0), 1, fx_ok(1), &pfn, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_map(m, FX_VA(0), 1, &pfn, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M6_permutation_in_range_is_param3)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t swapped[2] = {FX_PFN(1), FX_PFN(0)};
    check_fails_unchanged(m, FX_VA(0), 2, fx_ok(2), swapped, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_map(m, FX_VA(0), 2, swapped, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M6_duplicate_in_array_is_param3_nt52)
{
    awe_model *m = fx_world();
    uint64_t pfns[3] = {FX_PFN(0), FX_PFN(1), FX_PFN(0)};
    check_fails_unchanged(m, FX_BASE, 3, fx_ok(3), pfns, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_expect e;
    fx_map(m, FX_BASE, 3, pfns, &e);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(M6_first_failure_wins_left_to_right)
{
    awe_model *m = fx_world();
    uint64_t mapped = FX_PFN(9);
    CHECK_EQ_U64(fx_map(m, FX_BASE2, 1, &mapped, NULL), AWE_STATUS_SUCCESS);
    awe_expect e;
    uint64_t a[2] = {0x777777, FX_PFN(9)};
    fx_map(m, FX_BASE, 2, a, &e);
    CHECK_EXPECT(e, AWE_RULE_M6, AWE_STATUS_CONFLICTING_ADDRESSES);
    uint64_t b[2] = {FX_PFN(9), 0x777777};
    fx_map(m, FX_BASE, 2, b, &e);
    CHECK_EXPECT(e, AWE_RULE_M6, AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(M6_checked_against_state_before_call)
{
    /* PFN 1 sits at VA 1; mapping [0] = PFN 1 would unmap VA 0 only: still _3. */
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t pfn = FX_PFN(1);
    check_fails_unchanged(m, FX_VA(0), 1, fx_ok(1), &pfn, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(M7_failed_map_changes_no_mapping_or_content)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    CHECK(awe_model_write(m, FX_VA(0), 0xAB));
    uint64_t pfns[3] = {FX_PFN(10), FX_PFN(11), FX_PFN(1)}; /* the last one is mapped */
    check_fails_unchanged(m, FX_VA(0), 3, fx_ok(3), pfns, AWE_RULE_M6,
                          AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(0)); /* no partial mapping */
    uint64_t tag;
    CHECK(awe_model_read(m, FX_VA(0), &tag));
    CHECK_EQ_U64(tag, 0xAB);
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(10)), 0);
    awe_model_destroy(m);
}

TEST(M7_every_failing_check_leaves_state_unchanged)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    uint64_t ok[2] = {FX_PFN(8), FX_PFN(9)};
    check_fails_unchanged(m, FX_BASE, AWE_MAXULONG_PTR / 4096 + 1, fx_ok(2), ok, AWE_RULE_M1,
                          AWE_STATUS_INVALID_PARAMETER_2);
    check_fails_unchanged(m, FX_BASE, 0, fx_null(), NULL, AWE_RULE_M2,
                          AWE_STATUS_INVALID_PARAMETER_2);
    check_fails_unchanged(m, FX_BASE, 2, fx_ok(1), ok, AWE_RULE_M3, AWE_STATUS_ACCESS_VIOLATION);
    check_fails_unchanged(m, FX_PLAIN, 2, fx_null(), NULL, AWE_RULE_M5,
                          AWE_STATUS_INVALID_PARAMETER_1);
    uint64_t bad[2] = {FX_PFN(8), 0};
    check_fails_unchanged(m, FX_BASE, 2, fx_ok(2), bad, AWE_RULE_M6,
                          AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(M8_unmap_form_unmaps_range)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    awe_expect e;
    fx_map(m, FX_VA(1), 2, NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_M8);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(0));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(1)), 0);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(2)), 0);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(3)), FX_PFN(3));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.rule, AWE_RULE_M8);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(M8_unmap_form_accepts_unmapped_pages)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    awe_expect e;
    fx_map(m, FX_BASE, 64, NULL, &e);
    CHECK_EXPECT(e, AWE_RULE_M8, AWE_STATUS_SUCCESS);
    fx_map(m, FX_BASE, 64, NULL, &e); /* again, nothing mapped at all */
    CHECK_EXPECT(e, AWE_RULE_M8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(0)), 0);
    awe_model_destroy(m);
}

TEST(M8_unmapped_pfns_stay_owned)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    CHECK_EQ_U64(fx_map(m, FX_BASE, 3, NULL, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_owned_count(m), FX_PAGES);
    CHECK(awe_model_pfn_owned(m, FX_PFN(2)));
    uint64_t pfn = FX_PFN(2); /* and can be mapped again */
    CHECK_EQ_U64(fx_map(m, FX_BASE2, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(M8_huge_unmap_range_is_cheap)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, 2, 0x100), AWE_STATUS_SUCCESS);
    uint64_t pages = 1ull << 30; /* a 4 TB region: only touched pages cost anything */
    CHECK_EQ_U64(fx_reserve(m, 0x100000000ull, pages), 0);
    uint64_t pfns[2] = {0x100, 0x101};
    CHECK_EQ_U64(fx_map(m, 0x100000000ull + (pages - 2) * 4096, 2, pfns, NULL),
                 AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_map(m, 0x100000000ull, pages, NULL, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_pfn_va(m, 0x101), 0);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(M9_remap_replaces_old_pfn_which_stays_owned)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t pfns[2] = {FX_PFN(10), FX_PFN(11)};
    awe_expect e;
    fx_map(m, FX_VA(0), 2, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_M9, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_M9);
    CHECK_EQ_U64(e.ev_state, AWE_EV_DOC);
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), FX_PFN(10));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(0)), 0);
    CHECK(awe_model_pfn_owned(m, FX_PFN(0)));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.rule, AWE_RULE_M9);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(M9_old_pfn_can_be_mapped_elsewhere_after)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    uint64_t pfn = FX_PFN(5);
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_map(m, FX_VA(7), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(0)), FX_VA(7));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(M10_new_mapping_visible_on_return)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    CHECK(awe_model_write(m, FX_VA(1), 0x1111));
    uint64_t pfn = FX_PFN(1);
    CHECK_EQ_U64(fx_map(m, FX_VA(1), 1, NULL, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    uint64_t tag = 0;
    CHECK(awe_model_read(m, FX_VA(0), &tag)); /* no stale translation of VA 0 */
    CHECK_EQ_U64(tag, 0x1111);
    CHECK(!awe_model_read(m, FX_VA(1), &tag));
    awe_model_destroy(m);
}
