/* SPDX-License-Identifier: Apache-2.0 */
/* test_protect.c: VirtualProtect / NtProtectVirtualMemory in the model (P1..P13). */
#include "model_fixture.h"

typedef struct {
    awe_expect e;
    uint64_t base, size;
    uint32_t old;
} prot_result;

static void protect(awe_model *m, uint64_t va, uint64_t size, uint32_t prot, prot_result *r)
{
    awe_buf ok = fx_ok(1);
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, va, size, prot, &ok, &r->e,
                      &r->base, &r->size, &r->old);
}

/* A failing call leaves the model exactly as it was (P7). */
static void protect_fails(awe_model *m, uint64_t va, uint64_t size, uint32_t prot,
                          awe_rule rule, awe_ntstatus st)
{
    awe_model *before = awe_model_clone(m);
    prot_result r;
    protect(m, va, size, prot, &r);
    CHECK_EXPECT(r.e, rule, st);
    CHECK_EQ_U64(r.e.state_rule, AWE_RULE_P7);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
}

TEST(P1_malformed_protection_first)
{
    awe_model *m = fx_world();
    awe_buf nul = fx_null();
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    /* before a NULL OldProtect and a kernel address */
    awe_model_protect(m, AWE_API_WIN32, AWE_HANDLE_NULL, &nul, &nul, UINT64_MAX, 0,
                      AWE_PAGE_READONLY | AWE_PAGE_READWRITE, &nul, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P1, AWE_STATUS_INVALID_PAGE_PROTECTION);
    const uint32_t bad[] = {0, AWE_PAGE_NOACCESS | AWE_PAGE_GUARD,
                            AWE_PAGE_READWRITE | AWE_PAGE_GUARD | AWE_PAGE_NOCACHE, 0x800 | 4,
                            AWE_PAGE_GUARD};
    for (int i = 0; i < 5; i++)
        protect_fails(m, FX_VA(0), 1, bad[i], AWE_RULE_P1, AWE_STATUS_INVALID_PAGE_PROTECTION);
    awe_model_destroy(m);
}

TEST(P2_unwritable_pointers_are_access_violation)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1), nul = fx_null(), ro = fx_readonly(1);
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_WIN32, AWE_HANDLE_CURRENT, &ok, &ok, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &nul, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P2, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(e.ev_outcome, AWE_EV_DOC); /* a NULL lpflOldProtect fails: documented */
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ro, &ok, UINT64_MAX, 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P2, AWE_STATUS_ACCESS_VIOLATION); /* before the address */
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &nul, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P2, AWE_STATUS_ACCESS_VIOLATION);
    awe_model_destroy(m);
}

TEST(P3_address_and_size_checks)
{
    awe_model *m = fx_world();
    protect_fails(m, AWE_HIGHEST_USER_ADDRESS + 1, 1, AWE_PAGE_READONLY, AWE_RULE_P3,
                  AWE_STATUS_INVALID_PARAMETER_2);
    protect_fails(m, FX_VA(0), 0, AWE_PAGE_READONLY, AWE_RULE_P3, AWE_STATUS_INVALID_PARAMETER_3);
    protect_fails(m, FX_VA(0), AWE_HIGHEST_USER_ADDRESS, AWE_PAGE_READONLY, AWE_RULE_P3,
                  AWE_STATUS_INVALID_PARAMETER_3);
    awe_model_destroy(m);
}

TEST(P4_handle_checked_like_a4)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1);
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_NO_VM_OPERATION, &ok, &ok, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P4, AWE_STATUS_ACCESS_DENIED);
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_GARBAGE, &ok, &ok, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P4, AWE_STATUS_INVALID_HANDLE);
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_SELF, &ok, &ok, FX_VA(0), 1,
                      AWE_PAGE_READONLY, &ok, &e, &ob, &os, &old);
    CHECK_EXPECT(e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(P5_range_must_lie_in_one_allocation)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    protect_fails(m, FX_BASE - 0x1000, 0x2000, AWE_PAGE_READONLY, AWE_RULE_P5,
                  AWE_STATUS_CONFLICTING_ADDRESSES);                      /* starts before R */
    protect_fails(m, FX_VA(63), 0x1001, AWE_PAGE_READONLY, AWE_RULE_P5,
                  AWE_STATUS_CONFLICTING_ADDRESSES);                      /* runs past R.end */
    protect_fails(m, FX_BASE, FX_BASE2 - FX_BASE + 0x1000, AWE_PAGE_READONLY, AWE_RULE_P5,
                  AWE_STATUS_CONFLICTING_ADDRESSES);                      /* two regions */
    prot_result r;
    protect(m, 0x40000000, 1, AWE_PAGE_READONLY, &r); /* memory the model does not know */
    CHECK_EXPECT(r.e, AWE_RULE_P5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_INF);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE2, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    protect(m, FX_BASE2, 1, AWE_PAGE_READONLY, &r); /* released: known to be free */
    CHECK_EXPECT(r.e, AWE_RULE_P5, AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_NT52);
    awe_model_destroy(m);
}

TEST(P6_awe_region_takes_only_rw_ro_noaccess)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    const uint32_t bad[] = {AWE_PAGE_READWRITE | AWE_PAGE_GUARD, AWE_PAGE_READWRITE | AWE_PAGE_NOCACHE,
                            AWE_PAGE_READONLY | AWE_PAGE_WRITECOMBINE, AWE_PAGE_WRITECOPY,
                            AWE_PAGE_EXECUTE, AWE_PAGE_EXECUTE_READ, AWE_PAGE_EXECUTE_READWRITE,
                            AWE_PAGE_EXECUTE_WRITECOPY};
    for (int i = 0; i < 8; i++)
        protect_fails(m, FX_VA(0), 0x2000, bad[i], AWE_RULE_P6, AWE_STATUS_CONFLICTING_ADDRESSES);
    prot_result r;
    protect(m, FX_VA(0), 0x2000, AWE_PAGE_READONLY, &r);
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_NT52); /* the documentation conflicts: soft */
    awe_model_destroy(m);
}

TEST(P6_plain_region_refuses_writecopy)
{
    awe_model *m = fx_world();
    protect_fails(m, FX_PLAIN, 1, AWE_PAGE_WRITECOPY, AWE_RULE_P6,
                  AWE_STATUS_INVALID_PARAMETER_4);
    protect_fails(m, FX_PLAIN, 1, AWE_PAGE_EXECUTE_WRITECOPY, AWE_RULE_P6,
                  AWE_STATUS_INVALID_PARAMETER_4);
    awe_model_destroy(m);
}

TEST(P7_failures_change_nothing_after_protections_exist)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    prot_result r;
    protect(m, FX_VA(1), 0x2000, AWE_PAGE_READONLY, &r);
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    protect_fails(m, FX_VA(0), 0x4000, AWE_PAGE_EXECUTE_READ, AWE_RULE_P6,
                  AWE_STATUS_CONFLICTING_ADDRESSES);
    protect_fails(m, FX_VA(0), 65 * 0x1000, AWE_PAGE_NOACCESS, AWE_RULE_P5,
                  AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READONLY);
    awe_model_destroy(m);
}

TEST(P8_range_is_rounded_out_to_pages)
{
    awe_model *m = fx_world();
    prot_result r;
    protect(m, FX_VA(3) + 0xFFF, 2, AWE_PAGE_READONLY, &r); /* two bytes, two pages */
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.base, FX_VA(3));
    CHECK_EQ_U64(r.size, 0x2000);
    protect(m, FX_PLAIN + 0x10, 0x1000, AWE_PAGE_READONLY, &r);
    CHECK_EQ_U64(r.base, FX_PLAIN);
    CHECK_EQ_U64(r.size, 0x2000);
    awe_model_destroy(m);
}

TEST(P9_mapped_pages_take_it_unmapped_pass_over)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    prot_result r;
    protect(m, FX_VA(0), 0x4000, AWE_PAGE_NOACCESS, &r);
    CHECK_EQ_U64(r.e.state_rule, AWE_RULE_P9);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_NOACCESS);
    CHECK(ps.mapped);
    CHECK_EQ_U64(ps.pfn, FX_PFN(1)); /* the frame stays */
    awe_model_page_state(m, FX_VA(2), &ps);
    CHECK_EQ_U64(ps.protect, 0); /* nothing remembered for the unmapped page */
    uint64_t pfn = FX_PFN(5);
    CHECK_EQ_U64(fx_map(m, FX_VA(2), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_page_state(m, FX_VA(2), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READWRITE);
    /* still mapped for M6: the protected frame cannot go to a second address */
    pfn = FX_PFN(1);
    CHECK_EQ_U64(fx_map(m, FX_VA(9), 1, &pfn, NULL), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(P9_no_mapped_page_succeeds_even_before_any_allocate)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve(m, 0x50000000, 4), 0);
    awe_model *before = awe_model_clone(m);
    prot_result r;
    protect(m, 0x50000000, 0x4000, AWE_PAGE_READONLY, &r);
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(P9_plain_pages_take_it)
{
    awe_model *m = fx_world();
    prot_result r;
    protect(m, FX_PLAIN + 0x1000, 0x2000, AWE_PAGE_READONLY, &r);
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_DOC);
    CHECK_EQ_U64(r.old, AWE_PAGE_READWRITE);
    awe_page_state ps;
    awe_model_page_state(m, FX_PLAIN + 0x2000, &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READONLY);
    awe_model_page_state(m, FX_PLAIN + 0x3000, &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READWRITE);
    protect(m, FX_PLAIN + 0x2000, 1, AWE_PAGE_READWRITE | AWE_PAGE_GUARD, &r);
    CHECK_EQ_U64(r.old, AWE_PAGE_READONLY);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(P10_old_protection_of_the_first_page_only)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_map(m, FX_VA(1), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    prot_result r;
    protect(m, FX_VA(0), 0x2000, AWE_PAGE_READONLY, &r);
    CHECK_EQ_U64(r.old, AWE_PAGE_NOACCESS); /* unmapped first page (query says 0) */
    protect(m, FX_VA(1), 0x1000, AWE_PAGE_NOACCESS, &r);
    CHECK_EQ_U64(r.old, AWE_PAGE_READONLY);
    protect(m, FX_VA(1), 0x1000, AWE_PAGE_READWRITE, &r);
    CHECK_EQ_U64(r.old, AWE_PAGE_NOACCESS); /* mapped no-access */
    protect(m, FX_VA(1), 0x2000, AWE_PAGE_READWRITE, &r);
    CHECK_EQ_U64(r.old, AWE_PAGE_READWRITE);
    awe_model_destroy(m);
}

TEST(P11_remap_unmap_and_free_end_a_protection)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 3);
    prot_result r;
    protect(m, FX_VA(0), 0x3000, AWE_PAGE_READONLY, &r);
    uint64_t pfn = FX_PFN(7), va = FX_VA(0);
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, &pfn, NULL), AWE_STATUS_SUCCESS); /* remap */
    CHECK_EQ_U64(fx_map(m, FX_VA(1), 1, NULL, NULL), AWE_STATUS_SUCCESS); /* unmap */
    pfn = FX_PFN(2);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);          /* free */
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READWRITE);
    CHECK(awe_model_write(m, FX_VA(0), 1));
    for (int i = 1; i < 3; i++) {
        awe_model_page_state(m, FX_VA(i), &ps);
        CHECK_EQ_U64(ps.protect, 0);
    }
    pfn = FX_PFN(1); /* back where it was read-only: read-write again, not sticky to the VA */
    CHECK_EQ_U64(fx_scatter(m, &va, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READWRITE);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(P12_unmapped_pages_do_not_fail_but_uncommitted_plain_pages_do)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_map(m, FX_VA(10), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    prot_result r;
    protect(m, FX_VA(8), 0x8000, AWE_PAGE_READONLY, &r);
    CHECK_EXPECT(r.e, AWE_RULE_P8, AWE_STATUS_SUCCESS);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(10), &ps);
    CHECK_EQ_U64(ps.protect, AWE_PAGE_READONLY);
    /* ordinary memory keeps the general rule: a reserved page in the range fails */
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x1000, 0x1000, AWE_MEM_DECOMMIT, NULL),
                 AWE_STATUS_SUCCESS);
    awe_model *before = awe_model_clone(m);
    protect(m, FX_PLAIN, 0x3000, AWE_PAGE_READONLY, &r);
    CHECK_EQ_U64(r.e.rule, AWE_RULE_P12);
    CHECK_EQ_U64(r.e.status, AWE_STATUS_NOT_COMMITTED);
    CHECK_EQ_U64(r.e.win32_ok, 0);
    CHECK_EQ_U64(r.e.win32_error, AWE_ERROR_INVALID_ADDRESS);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_DOC);
    CHECK(awe_model_equal(m, before)); /* P7: not even the committed first page changed */
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(P13_readonly_reads_noaccess_faults_data_survives)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    CHECK(awe_model_write(m, FX_VA(0), 0xA1));
    CHECK(awe_model_write(m, FX_VA(1), 0xB2));
    prot_result r;
    protect(m, FX_VA(0), 1, AWE_PAGE_READONLY, &r);
    protect(m, FX_VA(1), 1, AWE_PAGE_NOACCESS, &r);
    uint64_t tag = 0;
    CHECK(awe_model_read(m, FX_VA(0), &tag));
    CHECK_EQ_U64(tag, 0xA1);
    CHECK(!awe_model_write(m, FX_VA(0), 0xCC));
    CHECK(!awe_model_read(m, FX_VA(1), &tag));
    CHECK(!awe_model_write(m, FX_VA(1), 0xCC));
    protect(m, FX_VA(0), 0x2000, AWE_PAGE_READWRITE, &r);
    CHECK(awe_model_read(m, FX_VA(0), &tag));
    CHECK_EQ_U64(tag, 0xA1); /* C1: the refused write changed nothing */
    CHECK(awe_model_read(m, FX_VA(1), &tag));
    CHECK_EQ_U64(tag, 0xB2);
    CHECK(awe_model_write(m, FX_VA(1), 0xCC));
    awe_model_destroy(m);
}
