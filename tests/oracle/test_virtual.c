/* SPDX-License-Identifier: Apache-2.0 */
/* test_virtual.c: VirtualAlloc / VirtualFree on AWE and plain regions in the model
 * (V1..V9), and the checks virtual_alloc_adopt makes. */
#include "model_fixture.h"

#define RES_PHYS (AWE_MEM_RESERVE | AWE_MEM_PHYSICAL)

static void valloc(const awe_model *m, uint64_t va, uint64_t size, uint32_t type, uint32_t prot,
                   awe_expect *e)
{
    awe_model_virtual_alloc_expect(m, AWE_API_NT, va, size, type, prot, e);
}

static int adopt(awe_model *m, const awe_expect *e, awe_ntstatus st, uint64_t base,
                 uint64_t size, awe_mismatch *mm)
{
    return awe_model_virtual_alloc_adopt(m, e, st, base, size, mm);
}

TEST(V1_reserve_physical_creates_awe_region)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 8 * 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    CHECK_EQ_U64(e.region_base, 0);
    CHECK_EQ_U64(e.region_size, 8 * 4096);
    CHECK_EQ_U64(e.region_align, AWE_ALLOC_GRANULARITY);
    CHECK(e.region_awe);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50000000, 8 * 4096, &mm), 0);
    awe_region_info r;
    CHECK_EQ_U64(awe_model_region_count(m), 1);
    CHECK_EQ_U64(awe_model_region_at(m, 0, &r), 0);
    CHECK_EQ_U64(r.base, 0x50000000);
    CHECK_EQ_U64(r.pages, 8);
    CHECK_EQ_U64(r.kind, AWE_REGION_AWE);
    CHECK_EQ_U64(awe_model_region_at(m, 1, &r), (uint64_t)-1);
    awe_model_destroy(m);
}

TEST(V1_top_down_accepted_nt52)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, RES_PHYS | AWE_MEM_TOP_DOWN, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(V1_size_rounded_to_pages)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4097, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EQ_U64(e.region_size, 8192);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50000000, 4097, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "size") == 0);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50000000, 8192, &mm), 0);
    awe_model_destroy(m);
}

TEST(V1_size_zero_is_param4)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 0, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_4);
    awe_model_destroy(m);
}

TEST(V1_size_beyond_user_space_is_param4)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, AWE_HIGHEST_USER_ADDRESS + 2, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_4);
    valloc(m, 0x10000, AWE_HIGHEST_USER_ADDRESS + 2 - 0x10000, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_4);
    awe_model_destroy(m);
}

TEST(V1_address_beyond_user_space_is_param2)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, AWE_HIGHEST_USER_ADDRESS + 1, 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_INVALID_PARAMETER_2);
    awe_model_destroy(m);
}

TEST(V1_reserve_overlapping_region_is_conflicting)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    valloc(m, FX_VA(10), 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_CONFLICTING_ADDRESSES);
    valloc(m, FX_PLAIN - 0x10000, 0x20000, AWE_MEM_RESERVE, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_CONFLICTING_ADDRESSES, 0, 0, &mm), 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V1_fixed_base_reserve_expects_rounded_base)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0x50001234, 0x1000, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.region_base, 0x50000000);   /* down to 64 KB */
    CHECK_EQ_U64(e.region_size, 0x3000);       /* up to the page holding the last byte */
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_INF);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50010000, 0x3000, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "base") == 0);
    /* memory the model does not know may sit there */
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_CONFLICTING_ADDRESSES, 0, 0, &mm), 0);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50000000, 0x3000, &mm), 0);
    awe_model_destroy(m);
}

TEST(V1_adopt_rejects_misaligned_or_zero_base)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x50001000, 4096, &mm), (uint64_t)-1);
    CHECK_EQ_U64(mm.rule, AWE_RULE_V1);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0, 4096, &mm), (uint64_t)-1);
    CHECK_EQ_U64(awe_model_region_count(m), 0);
    awe_model_destroy(m);
}

TEST(V1_adopt_rejects_overlap_with_live_region)
{
    awe_model *m = fx_world();
    awe_expect e;
    valloc(m, 0, 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, FX_BASE, 4096, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "base") == 0);
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    awe_model_destroy(m);
}

TEST(V1_adopt_accepts_resource_failures_only)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_NO_MEMORY, 0, 0, &mm), 0);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 0, 0, &mm), 0);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_CONFLICTING_ADDRESSES, 0, 0, &mm), (uint64_t)-1);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INVALID_PARAMETER_5, 0, 0, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK_EQ_U64(awe_model_region_count(m), 0);
    awe_model_destroy(m);
}

TEST(V1_plain_reserve_creates_plain_region)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 0x10000, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK(!e.region_awe);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 0x60000000, 0x10000, &mm), 0);
    awe_region_info r;
    CHECK_EQ_U64(awe_model_region_at(m, 0, &r), 0);
    CHECK_EQ_U64(r.kind, AWE_REGION_PLAIN);
    valloc(m, 0, 0x1000, AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e); /* commit at 0 reserves */
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.region_size, 0x1000);
    awe_model_destroy(m);
}

TEST(V1_regions_listed_in_base_order)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, 0x30000000, 1), 0);
    CHECK_EQ_U64(fx_reserve(m, 0x10000000, 1), 0);
    CHECK_EQ_U64(fx_reserve_plain(m, 0x20000000, 1), 0);
    awe_region_info r;
    CHECK_EQ_U64(awe_model_region_at(m, 0, &r), 0);
    CHECK_EQ_U64(r.base, 0x10000000);
    CHECK_EQ_U64(awe_model_region_at(m, 1, &r), 0);
    CHECK_EQ_U64(r.base, 0x20000000);
    CHECK_EQ_U64(awe_model_region_at(m, 2, &r), 0);
    CHECK_EQ_U64(r.base, 0x30000000);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(V2_physical_without_reserve_is_param5)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    valloc(m, 0, 4096, AWE_MEM_PHYSICAL | AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    awe_model_destroy(m);
}

TEST(V2_physical_with_other_flags_is_param5)
{
    awe_model *m = fx_model(0);
    const uint32_t extra[] = {AWE_MEM_COMMIT, AWE_MEM_RESET, AWE_MEM_WRITE_WATCH,
                              AWE_MEM_LARGE_PAGES};
    for (unsigned i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        awe_expect e;
        valloc(m, 0, 4096, RES_PHYS | extra[i], AWE_PAGE_READWRITE, &e);
        CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    }
    awe_model_destroy(m);
}

TEST(V2_unknown_or_missing_type_bits_is_param5)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, AWE_MEM_RESERVE | 0x40u, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    valloc(m, 0, 4096, AWE_MEM_TOP_DOWN, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    valloc(m, 0, 4096, AWE_MEM_RELEASE, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    awe_model_destroy(m);
}

TEST(V2_flags_checked_before_protection_address_and_size)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, UINT64_MAX, 0, AWE_MEM_PHYSICAL, 0x1234, &e);
    CHECK_EXPECT(e, AWE_RULE_V2, AWE_STATUS_INVALID_PARAMETER_5);
    awe_model_destroy(m);
}

TEST(V3_physical_protection_not_readwrite_is_param6)
{
    awe_model *m = fx_model(0);
    const uint32_t prot[] = {AWE_PAGE_READONLY, AWE_PAGE_EXECUTE_READWRITE, AWE_PAGE_NOACCESS,
                             AWE_PAGE_READWRITE | AWE_PAGE_NOCACHE, 0};
    for (unsigned i = 0; i < sizeof prot / sizeof prot[0]; i++) {
        awe_expect e;
        valloc(m, 0, 4096, RES_PHYS, prot[i], &e);
        CHECK_EXPECT(e, AWE_RULE_V3, AWE_STATUS_INVALID_PARAMETER_6);
    }
    awe_model_destroy(m);
}

TEST(V3_checked_before_address_and_size)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, UINT64_MAX, 0, RES_PHYS, AWE_PAGE_READONLY, &e);
    CHECK_EXPECT(e, AWE_RULE_V3, AWE_STATUS_INVALID_PARAMETER_6);
    awe_model_destroy(m);
}

TEST(V3_plain_invalid_protection)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 4096, AWE_MEM_RESERVE, AWE_PAGE_READONLY | AWE_PAGE_READWRITE, &e);
    CHECK_EQ_U64(e.rule, AWE_RULE_V3);
    CHECK_EQ_U64(e.status, 0xC0000045u);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_PARAMETER);
    valloc(m, 0, 4096, AWE_MEM_RESERVE, AWE_PAGE_WRITECOPY, &e); /* not for private memory */
    CHECK_EQ_U64(e.status, 0xC0000045u);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(V4_reserve_without_privilege_succeeds)
{
    awe_model_config cfg = {0, 0, 0, 0};
    awe_model *m = awe_model_new(&cfg);
    awe_expect e;
    valloc(m, 0, 4096, RES_PHYS, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    valloc(m, 0, 0x200000, AWE_MEM_RESERVE | AWE_MEM_COMMIT | AWE_MEM_LARGE_PAGES,
           AWE_PAGE_READWRITE, &e); /* large pages are the exception */
    CHECK_EXPECT(e, AWE_RULE_V4, AWE_STATUS_PRIVILEGE_NOT_HELD);
    awe_model_destroy(m);
}

TEST(V5_commit_inside_awe_region_is_conflicting)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    valloc(m, FX_VA(2), 4096, AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_CONFLICTING_ADDRESSES, 0, 0, &mm), 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V5_reset_inside_awe_region_is_conflicting)
{
    awe_model *m = fx_world();
    awe_expect e;
    valloc(m, FX_VA(2), 8192, AWE_MEM_RESET, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    valloc(m, FX_VA(2) + 1, 4096, AWE_MEM_RESET, AWE_PAGE_READWRITE, &e); /* no whole page */
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(V5_commit_inside_plain_region_succeeds_without_change)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    valloc(m, FX_PLAIN + 0x2000, 0x3000, AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.region_size, 0);
    awe_mismatch mm;
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, FX_PLAIN + 0x2000, 0x3000, &mm), 0);
    CHECK(awe_model_equal(m, before));
    valloc(m, FX_PLAIN + 0xF000, 0x2000, AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e); /* past end */
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V5_writecopy_commit_in_plain_region_is_invalid_protection)
{
    /* WRK: "PAGE_WRITECOPY is not valid for private pages", on the commit path too */
    awe_model *m = fx_world();
    awe_expect e;
    valloc(m, FX_PLAIN + 0x2000, 0x1000, AWE_MEM_COMMIT, AWE_PAGE_WRITECOPY, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_INVALID_PAGE_PROTECTION);
    valloc(m, FX_PLAIN + 0x2000, 0x1000, AWE_MEM_COMMIT, AWE_PAGE_EXECUTE_WRITECOPY, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_INVALID_PAGE_PROTECTION);
    valloc(m, FX_BASE, 0x1000, AWE_MEM_COMMIT, AWE_PAGE_WRITECOPY, &e); /* V5 comes first */
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(V5_commit_in_no_region_is_conflicting)
{
    awe_model *m = fx_world();
    awe_expect e;
    valloc(m, 0x40000000, 4096, AWE_MEM_COMMIT, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V5, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(V6_release_at_base_unmaps_everything)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 5);
    awe_expect e;
    fx_vfree(m, AWE_API_WIN32, FX_BASE, 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V6, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_V6);
    CHECK_EQ_U64(awe_model_region_count(m), 2);
    for (unsigned i = 0; i < 5; i++)
        CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(i)), 0);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(V6_release_keeps_pfns_owned_with_contents)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    CHECK(awe_model_write(m, FX_VA(1), 0xC0FFEE));
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_owned_count(m), FX_PAGES);
    CHECK_EQ_U64(awe_model_pfn_tag(m, FX_PFN(1)), 0xC0FFEE);
    awe_model_destroy(m);
}

TEST(V6_page_state_reports_release)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK(!ps.in_awe_region);
    CHECK(!ps.mapped);
    CHECK_EQ_U64(ps.rule, AWE_RULE_V6);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0); /* reserved again: a fresh region */
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK(ps.in_awe_region);
    CHECK_EQ_U64(ps.rule, AWE_RULE_V1);
    awe_model_destroy(m);
}

TEST(V6_release_with_exact_size_via_nt)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE2, 16 * 4096, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V6, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(awe_model_region_count(m), 2);
    awe_model_destroy(m);
}

TEST(V6_release_inside_first_page_releases_nt52)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE2 + 0x10, 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V6, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(V6_release_plain_region)
{
    awe_model *m = fx_world();
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_region_count(m), 2);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(V7_release_not_at_base_is_free_vm_not_at_base)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    fx_vfree(m, AWE_API_WIN32, FX_VA(1), 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_ADDRESS);
    CHECK(awe_model_equal(m, before));
    fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x1000, 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V7_release_part_of_region_is_not_at_base)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE, 4096, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(e.ev_status, AWE_EV_NT52);
    fx_vfree(m, AWE_API_NT, FX_VA(63), 4096, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    fx_vfree(m, AWE_API_NT, FX_PLAIN, 4096, AWE_MEM_RELEASE, &e); /* plain: project rule */
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(e.ev_status, AWE_EV_INF);
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    awe_model_destroy(m);
}

TEST(V7_win32_release_with_size_fails_before_call)
{
    awe_model *m = fx_world();
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    fx_vfree(m, AWE_API_WIN32, FX_BASE, 64 * 4096, AWE_MEM_RELEASE, &e);
    CHECK_EQ_U64(e.rule, AWE_RULE_V7);
    CHECK(e.precall);
    CHECK(!e.win32_ok);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_PARAMETER);
    CHECK(awe_model_equal(m, before));
    fx_vfree(m, AWE_API_WIN32, FX_BASE, 4096, AWE_MEM_RELEASE | AWE_MEM_DECOMMIT, &e);
    CHECK(e.precall); /* before the kernel's own FreeType check */
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V7_release_past_region_end_is_unable_to_free)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE2, 17 * 4096, AWE_MEM_RELEASE, &e);
    CHECK_EQ_U64(e.rule, AWE_RULE_V7);
    CHECK_EQ_U64(e.status, 0xC000001Au);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_INVALID_PARAMETER);
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    awe_model_destroy(m);
}

TEST(V7_release_where_no_region_is_memory_not_allocated)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, 0x40000000, 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE2, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    fx_vfree(m, AWE_API_NT, FX_BASE2, 0, AWE_MEM_RELEASE, &e); /* twice */
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_MEMORY_NOT_ALLOCATED);
    awe_model_destroy(m);
}

TEST(V7_address_and_size_range_checks)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, AWE_HIGHEST_USER_ADDRESS + 1, 0, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_INVALID_PARAMETER_2);
    fx_vfree(m, AWE_API_NT, FX_BASE, AWE_HIGHEST_USER_ADDRESS, AWE_MEM_RELEASE, &e);
    CHECK_EXPECT(e, AWE_RULE_V7, AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(V8_decommit_awe_region_is_memory_not_allocated)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    fx_vfree(m, AWE_API_WIN32, FX_BASE, 4096, AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V8, AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC);
    fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V8, AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(V8_decommit_plain_region_succeeds)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_WIN32, FX_PLAIN + 0x1000, 0x2000, AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V8, AWE_STATUS_SUCCESS);
    fx_vfree(m, AWE_API_NT, FX_PLAIN, 0, AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V8, AWE_STATUS_SUCCESS);
    fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x1000, 0, AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V8, AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    awe_model_destroy(m);
}

TEST(V9_release_and_decommit_is_param4)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE | AWE_MEM_DECOMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V9, AWE_STATUS_INVALID_PARAMETER_4);
    awe_model_destroy(m);
}

TEST(V9_neither_or_unknown_bits_is_param4)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, FX_BASE, 0, 0, &e);
    CHECK_EXPECT(e, AWE_RULE_V9, AWE_STATUS_INVALID_PARAMETER_4);
    fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE | AWE_MEM_COMMIT, &e);
    CHECK_EXPECT(e, AWE_RULE_V9, AWE_STATUS_INVALID_PARAMETER_4);
    CHECK_EQ_U64(awe_model_region_count(m), 3);
    awe_model_destroy(m);
}

TEST(V9_checked_before_address)
{
    awe_model *m = fx_world();
    awe_expect e;
    fx_vfree(m, AWE_API_NT, UINT64_MAX, 0, 0, &e);
    CHECK_EXPECT(e, AWE_RULE_V9, AWE_STATUS_INVALID_PARAMETER_4);
    awe_model_destroy(m);
}

TEST(V5_reset_at_address_zero_takes_reserve_path_nt52)
{
    awe_model *m = fx_model(0);
    awe_expect e;
    valloc(m, 0, 0x3000, AWE_MEM_RESET, AWE_PAGE_READWRITE, &e);
    CHECK_EXPECT(e, AWE_RULE_V1, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_NT52);
    CHECK(!e.region_awe);
    CHECK_EQ_U64(e.region_size, 0x3000);
    awe_model_destroy(m);
}
