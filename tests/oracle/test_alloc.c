/* SPDX-License-Identifier: Apache-2.0 */
/* test_alloc.c: AllocateUserPhysicalPages(Numa) in the model: A0..A12 and the checks
 * allocate_adopt makes on what an implementation returns. */
#include "model_fixture.h"

static void alloc_expect(const awe_model *m, awe_handle_kind h, awe_buf cnt, uint64_t n,
                         awe_buf arr, awe_expect *e)
{
    awe_model_allocate_expect(m, AWE_API_NT, h, &cnt, n, &arr, 0, 0, e);
}

static void plain_alloc(const awe_model *m, uint64_t n, awe_expect *e)
{
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), n, fx_ok(n), e);
}

TEST(A0_bitmap_outlives_last_free)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, 2, 0x500), AWE_STATUS_SUCCESS);
    uint64_t pfns[2] = {0x500, 0x501};
    CHECK_EQ_U64(fx_free(m, 2, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    CHECK(awe_model_has_bitmap(m));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(A0_map_after_freeing_everything_is_not_param1_from_bitmap)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0);
    uint64_t pfn = 0x500;
    CHECK_EQ_U64(fx_alloc(m, 1, pfn), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_expect e;
    fx_map(m, FX_BASE, 1, &pfn, &e); /* the bitmap is still there: M6 decides, not M4 */
    CHECK_EXPECT(e, AWE_RULE_M6, AWE_STATUS_CONFLICTING_ADDRESSES);
    uint64_t pfn2 = 0x600;
    awe_model_free(m, AWE_API_NT, AWE_HANDLE_CURRENT, &(awe_buf){AWE_BUF_OK, 1}, 1,
                   &(awe_buf){AWE_BUF_OK, 1}, &pfn2, &e);
    CHECK_EXPECT(e, AWE_RULE_F5, AWE_STATUS_CONFLICTING_ADDRESSES); /* not F4 */
    awe_model_destroy(m);
}

TEST(A1_zero_count_succeeds_without_privilege)
{
    awe_model *m = fx_model(0);
    awe_model_set_privilege(m, 0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), 0, fx_null(), &e);
    CHECK_EXPECT(e, AWE_RULE_A1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(e.count_written, 0);
    CHECK_EQ_U64(e.may_fail_resources, 0);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 0, NULL, &mm), 0);
    CHECK(!awe_model_has_bitmap(m)); /* nothing past A1 ran */
    awe_model_destroy(m);
}

TEST(A1_zero_count_succeeds_with_bad_handle_and_null_array)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_GARBAGE, fx_ok(1), 0, fx_noaccess(), &e);
    CHECK_EXPECT(e, AWE_RULE_A1, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(A2_huge_count_is_param2)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), AWE_MAXULONG_PTR / 8 + 1, fx_ok(4), &e);
    CHECK_EXPECT(e, AWE_RULE_A2, AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), AWE_MAXULONG_PTR / 8, fx_ok(4), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION); /* the boundary passes A2 */
    awe_model_destroy(m);
}

TEST(A2_checked_before_array_handle_and_privilege)
{
    awe_model *m = fx_model(0);
    awe_model_set_privilege(m, 0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), UINT64_MAX, fx_null(), &e);
    CHECK_EXPECT(e, AWE_RULE_A2, AWE_STATUS_INVALID_PARAMETER_2);
    awe_model_destroy(m);
}

TEST(A3_null_count_pointer_is_access_violation)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_null(), 4, fx_ok(4), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(e.count_written, 0);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_A3);
    awe_mismatch mm; /* no count can be read back through a NULL pointer */
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_ACCESS_VIOLATION, 0, NULL, &mm), 0);
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 0, NULL, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK_EQ_U64(mm.ev, AWE_EV_NT52);
    CHECK(!awe_model_has_bitmap(m));
    awe_model_destroy(m);
}

TEST(A3_readonly_count_pointer_is_access_violation_even_for_zero)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_readonly(1), 0, fx_ok(4), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION); /* before A1 */
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_noaccess(), 0, fx_ok(4), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(A3_short_array_is_access_violation)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), 8, fx_ok(7), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), 8, fx_ok(8), &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(A3_readonly_or_null_array_is_access_violation)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), 2, fx_readonly(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    alloc_expect(m, AWE_HANDLE_CURRENT, fx_ok(1), 2, fx_null(), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(A3_array_checked_before_handle)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), 2, fx_noaccess(), &e);
    CHECK_EXPECT(e, AWE_RULE_A3, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(A4_null_and_garbage_handles_are_invalid_handle)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), 2, fx_ok(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A4, AWE_STATUS_INVALID_HANDLE);
    alloc_expect(m, AWE_HANDLE_GARBAGE, fx_ok(1), 2, fx_ok(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A4, AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_HANDLE);
    awe_model_destroy(m);
}

TEST(A4_handle_without_vm_operation_is_access_denied)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NO_VM_OPERATION, fx_ok(1), 2, fx_ok(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A4, AWE_STATUS_ACCESS_DENIED);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(A4_self_handle_is_fine_and_checked_before_privilege)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_SELF, fx_ok(1), 2, fx_ok(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    awe_model_set_privilege(m, 0);
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), 2, fx_ok(2), &e);
    CHECK_EXPECT(e, AWE_RULE_A4, AWE_STATUS_INVALID_HANDLE);
    awe_model_destroy(m);
}

TEST(A5_no_privilege_is_privilege_not_held)
{
    awe_model_config cfg = {0, 0, 0, 0};
    awe_model *m = awe_model_new(&cfg);
    awe_expect e;
    plain_alloc(m, 2, &e);
    CHECK_EXPECT(e, AWE_RULE_A5, AWE_STATUS_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(e.ev_status, AWE_EV_DOC);
    awe_model_set_privilege(m, 1);
    plain_alloc(m, 2, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(A6_limit_reached_is_commitment_limit)
{
    awe_model *m = fx_model(4);
    CHECK_EQ_U64(fx_alloc(m, 4, 0x500), AWE_STATUS_SUCCESS);
    awe_expect e;
    plain_alloc(m, 1, &e);
    CHECK_EXPECT(e, AWE_RULE_A6, AWE_STATUS_COMMITMENT_LIMIT);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_COMMITMENT_LIMIT);
    awe_model_destroy(m);
}

TEST(A6_request_clamped_to_limit)
{
    awe_model *m = fx_model(10);
    CHECK_EQ_U64(fx_alloc(m, 3, 0x500), AWE_STATUS_SUCCESS);
    awe_expect e;
    plain_alloc(m, 100, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.grant_min, 1);
    CHECK_EQ_U64(e.grant_max, 7);
    awe_model_destroy(m);
}

TEST(A6_limit_can_change_between_calls)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, 6, 0x500), AWE_STATUS_SUCCESS);
    awe_model_set_page_limit(m, 4); /* already over it: refused, nothing clamped below 0 */
    awe_expect e;
    plain_alloc(m, 1, &e);
    CHECK_EXPECT(e, AWE_RULE_A6, AWE_STATUS_COMMITMENT_LIMIT);
    CHECK_INVARIANTS(m);
    awe_model_set_page_limit(m, 8);
    plain_alloc(m, 5, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.grant_max, 2);
    awe_model_set_page_limit(m, 0);
    plain_alloc(m, 5, &e);
    CHECK_EQ_U64(e.grant_max, 5);
    awe_model_destroy(m);
}

TEST(A7_insufficient_resources_allowed_and_creates_bitmap)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 4, &e);
    CHECK(e.may_fail_resources);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 4, NULL, &mm),
                 0);
    CHECK(awe_model_has_bitmap(m)); /* created before the pages were sought */
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    awe_model_destroy(m);
}

TEST(A7_earlier_failure_creates_no_bitmap)
{
    awe_model *m = fx_model(0);
    awe_model_set_privilege(m, 0);
    awe_expect e;
    plain_alloc(m, 4, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_PRIVILEGE_NOT_HELD, 4, NULL, &mm), 0);
    CHECK(!awe_model_has_bitmap(m));
    CHECK_EQ_U64(fx_map(m, FX_BASE, 1, NULL, &e), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(e.rule, AWE_RULE_M4);
    awe_model_destroy(m);
}

TEST(A8_partial_grant_accepted)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 10, &e);
    CHECK_EQ_U64(e.grant_min, 1);
    CHECK_EQ_U64(e.grant_max, 10);
    CHECK_EQ_U64(e.ev_count, AWE_EV_DOC);
    uint64_t pfns[3] = {0x900, 0x901, 0x902};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 3, pfns, &mm), 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 3);
    CHECK(awe_model_pfn_owned(m, 0x902));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(A8_grant_over_max_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 2, &e);
    uint64_t pfns[3] = {0x900, 0x901, 0x902};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 3, pfns, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A8);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    awe_model_destroy(m);
}

TEST(A8_zero_grant_success_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 2, &e);
    uint64_t pfns[1] = {0x900};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 0, pfns, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK(!awe_model_has_bitmap(m)); /* a rejected result changes nothing */
    awe_model_destroy(m);
}

TEST(A8_success_expectation_fields)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 5, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.count_written, 1);
    CHECK_EQ_U64(e.count, 5);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_A8);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_A8);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    awe_model_destroy(m);
}

TEST(A8_unexpected_failure_status_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 2, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_ACCESS_DENIED, 2, NULL, &mm),
                 (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    awe_model_destroy(m);
}

TEST(A9_failure_expects_count_unchanged)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), 6, fx_ok(6), &e);
    CHECK_EQ_U64(e.count_written, 0);
    CHECK_EQ_U64(e.count, 6);
    CHECK_EQ_U64(e.count_rule, AWE_RULE_A9);
    CHECK_EQ_U64(e.ev_count, AWE_EV_NT52);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_A9);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_INVALID_HANDLE, 6, NULL, &mm), 0);
    awe_model_destroy(m);
}

TEST(A9_count_written_on_failure_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    alloc_expect(m, AWE_HANDLE_NULL, fx_ok(1), 6, fx_ok(6), &e);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_INVALID_HANDLE, 0, NULL, &mm),
                 (uint64_t)-1);
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A9);
    plain_alloc(m, 6, &e); /* an A7 failure must leave the count too */
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 2, NULL, &mm),
                 (uint64_t)-1);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A9);
    CHECK(!awe_model_has_bitmap(m));
    awe_model_destroy(m);
}

TEST(A9_failure_allocates_nothing)
{
    awe_model *m = fx_model(2);
    CHECK_EQ_U64(fx_alloc(m, 2, 0x500), AWE_STATUS_SUCCESS);
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    plain_alloc(m, 1, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_COMMITMENT_LIMIT, 1, NULL, &mm), 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(A10_zero_pfn_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 2, &e);
    uint64_t pfns[2] = {0x900, 0};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 2, pfns, &mm), (uint64_t)-1);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A10);
    CHECK(strcmp(mm.field, "pfn") == 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    awe_model_destroy(m);
}

TEST(A10_duplicate_pfn_rejected)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 3, &e);
    uint64_t pfns[3] = {0x900, 0x901, 0x900};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 3, pfns, &mm), (uint64_t)-1);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A10);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    CHECK(!awe_model_has_bitmap(m));
    awe_model_destroy(m);
}

TEST(A10_already_owned_pfn_rejected)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, 2, 0x900), AWE_STATUS_SUCCESS);
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    plain_alloc(m, 2, &e);
    uint64_t pfns[2] = {0xA00, 0x901};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 2, pfns, &mm), (uint64_t)-1);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A10);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(A10_entries_past_the_grant_are_ignored)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    plain_alloc(m, 4, &e);
    uint64_t pfns[4] = {0x900, 0x901, 0, 0x900}; /* the last two were never written */
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &e, AWE_STATUS_SUCCESS, 2, pfns, &mm), 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 2);
    awe_model_destroy(m);
}

TEST(A11_adopted_pages_read_zero)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    uint64_t tag = 99;
    CHECK(awe_model_read(m, FX_VA(1), &tag));
    CHECK_EQ_U64(tag, 0);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.content_rule, AWE_RULE_A11);
    CHECK_EQ_U64(awe_model_pfn_tag(m, FX_PFN(0)), 0);
    awe_model_destroy(m);
}

TEST(A12_numa_same_contract)
{
    awe_model *m = fx_model(0);
    awe_buf cnt = fx_ok(1), arr = fx_ok(4);
    awe_expect plain, numa;
    awe_model_allocate_expect(m, AWE_API_WIN32, AWE_HANDLE_CURRENT, &cnt, 4, &arr, 0, 0, &plain);
    awe_model_allocate_expect(m, AWE_API_WIN32, AWE_HANDLE_CURRENT, &cnt, 4, &arr, 1, 7, &numa);
    CHECK_EQ_U64(numa.status, plain.status);
    CHECK_EQ_U64(numa.grant_min, plain.grant_min);
    CHECK_EQ_U64(numa.grant_max, plain.grant_max);
    CHECK_EQ_U64(numa.may_fail_resources, plain.may_fail_resources);
    CHECK_EQ_U64(numa.state_rule, AWE_RULE_A12);
    CHECK_EQ_U64(numa.ev_state, AWE_EV_DOC);
    uint64_t pfns[4] = {1, 2, 3, 4};
    awe_mismatch mm;
    CHECK_EQ_U64(awe_model_allocate_adopt(m, &numa, AWE_STATUS_SUCCESS, 4, pfns, &mm), 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 4);
    awe_model_destroy(m);
}

TEST(A12_numa_failures_match_plain_form)
{
    awe_model *m = fx_model(0);
    awe_model_set_privilege(m, 0);
    awe_buf cnt = fx_ok(1), arr = fx_ok(4);
    awe_expect e;
    awe_model_allocate_expect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &cnt, 4, &arr, 1, 3, &e);
    CHECK_EXPECT(e, AWE_RULE_A5, AWE_STATUS_PRIVILEGE_NOT_HELD);
    awe_model_destroy(m);
}
