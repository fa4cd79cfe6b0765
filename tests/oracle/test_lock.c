/* SPDX-License-Identifier: Apache-2.0 */
/* test_lock.c: VirtualLock / VirtualUnlock / NtLockVirtualMemory / NtUnlockVirtualMemory in
 * the model (L1..L8). */
#include "model_fixture.h"

typedef struct {
    awe_expect e;
    uint64_t base, size;
} lock_result;

static void lock(awe_model *m, int unlock, uint64_t va, uint64_t size, lock_result *r)
{
    awe_buf ok = fx_ok(1);
    awe_model_lock(m, AWE_API_NT, unlock, AWE_HANDLE_CURRENT, &ok, &ok, va, size,
                   AWE_MAP_PROCESS, &r->e, &r->base, &r->size);
}

/* A failing call changes nothing and writes nothing back (L6). */
static void lock_fails(awe_model *m, awe_api api, int unlock, awe_handle_kind h, const awe_buf *bp,
                       const awe_buf *sp, uint64_t va, uint64_t size, uint32_t map_type,
                       awe_rule rule, awe_ntstatus st)
{
    awe_model *before = awe_model_clone(m);
    awe_expect e;
    uint64_t ob = 7, os = 7;
    awe_model_lock(m, api, unlock, h, bp, sp, va, size, map_type, &e, &ob, &os);
    CHECK_EXPECT(e, rule, st);
    CHECK_EQ_U64(e.state_rule, AWE_RULE_L6);
    CHECK_EQ_U64(ob, 0);
    CHECK_EQ_U64(os, 0);
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
}

TEST(L1_map_type_must_be_process_or_system)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1), nul = fx_null();
    const uint32_t bad[] = {0, 4, AWE_MAP_PROCESS | 8};
    for (int i = 0; i < 3; i++) /* before the pointers */
        lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &nul, &ok, FX_PLAIN, 1, bad[i],
                   AWE_RULE_L1, AWE_STATUS_INVALID_PARAMETER);
    /* Win32 passes MAP_PROCESS itself: whatever map_type says does not matter */
    lock_result r;
    awe_expect e;
    awe_model_lock(m, AWE_API_WIN32, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN, 1, 0, &e,
                   &r.base, &r.size);
    CHECK_EXPECT(e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    awe_model_lock(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 0x1000, 1,
                   AWE_MAP_PROCESS | AWE_MAP_SYSTEM, &e, &r.base, &r.size);
    CHECK_EXPECT(e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(L2_pointers_then_range)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1), ro = fx_readonly(1);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_NULL, &ro, &ok, UINT64_MAX, 0, AWE_MAP_PROCESS,
               AWE_RULE_L2, AWE_STATUS_ACCESS_VIOLATION);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_NULL, &ok, &ok, AWE_HIGHEST_USER_ADDRESS + 1, 1,
               AWE_MAP_PROCESS, AWE_RULE_L2, AWE_STATUS_INVALID_PARAMETER);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_NULL, &ok, &ok, FX_PLAIN, 0, AWE_MAP_PROCESS,
               AWE_RULE_L2, AWE_STATUS_INVALID_PARAMETER);
    lock_fails(m, AWE_API_WIN32, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN,
               AWE_HIGHEST_USER_ADDRESS, AWE_MAP_PROCESS, AWE_RULE_L2,
               AWE_STATUS_INVALID_PARAMETER);
    awe_model_destroy(m);
}

TEST(L3_handle_then_privilege_for_map_system)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_NO_VM_OPERATION, &ok, &ok, FX_PLAIN, 1,
               AWE_MAP_SYSTEM, AWE_RULE_L3, AWE_STATUS_ACCESS_DENIED);
    awe_model_set_privilege(m, 0);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_SELF, &ok, &ok, FX_PLAIN, 1, AWE_MAP_SYSTEM,
               AWE_RULE_L3, AWE_STATUS_PRIVILEGE_NOT_HELD);
    lock_result r; /* MAP_PROCESS needs no privilege */
    lock(m, 0, FX_PLAIN, 1, &r);
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    awe_model_destroy(m);
}

TEST(L4_large_lock_may_meet_the_working_set_quota)
{
    awe_model *m = fx_world();
    lock_result r;
    lock(m, 0, FX_PLAIN, 12 * 4096, &r); /* (12 - 1) + 8 <= 20: no quota failure */
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    CHECK(!r.e.may_fail_resources);
    lock(m, 0, FX_PLAIN, 14 * 4096, &r);
    CHECK(r.e.may_fail_resources);
    lock(m, 0, FX_BASE, 14 * 4096, &r); /* before the region walk: for a failure too */
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_INCOMPATIBLE_FILE_MAP);
    CHECK(r.e.may_fail_resources);
    lock(m, 1, FX_PLAIN, 14 * 4096, &r); /* an unlock has no quota check (L7) */
    CHECK(!r.e.may_fail_resources);
    awe_model_destroy(m);
}

TEST(L5_awe_pages_are_incompatible_mapped_or_not)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1);
    fx_map_identity(m, 1);
    lock_fails(m, AWE_API_WIN32, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_VA(0), 1, AWE_MAP_PROCESS,
               AWE_RULE_L5, AWE_STATUS_INCOMPATIBLE_FILE_MAP);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_VA(5), 0x3000,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_INCOMPATIBLE_FILE_MAP);
    awe_model_destroy(m);
}

TEST(L5_ordinary_memory_running_into_awe_region_is_incompatible)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve_plain(m, 0x50000000, 16), 0);
    CHECK_EQ_U64(fx_reserve(m, 0x50010000, 4), 0);
    awe_buf ok = fx_ok(1);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, 0x5000F000, 0x2000,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_INCOMPATIBLE_FILE_MAP);
    CHECK(!awe_model_page_locked(m, 0x5000F000));
    awe_model_destroy(m);
}

TEST(L5_page_in_no_allocation_is_access_violation)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 15 * 0x1000, 0x2000,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION); /* past the end */
    lock_result r;
    lock(m, 0, 0x40000000, 1, &r); /* the model cannot know that memory: a guess */
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_INF);
    awe_model_destroy(m);
}

TEST(L5_plain_pages_lock_reserved_and_noaccess_fault)
{
    awe_model *m = fx_world();
    lock_result r;
    lock(m, 0, FX_PLAIN + 0x10, 0x1000, &r);
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.base, FX_PLAIN);
    CHECK_EQ_U64(r.size, 0x2000);
    CHECK(awe_model_page_locked(m, FX_PLAIN));
    CHECK(awe_model_page_locked(m, FX_PLAIN + 0x1000));
    CHECK(!awe_model_page_locked(m, FX_PLAIN + 0x2000));
    lock(m, 0, FX_PLAIN, 1, &r); /* again: NT says it was locked, Win32 sees success */
    CHECK_EQ_U64(r.e.status, AWE_STATUS_WAS_LOCKED);
    CHECK_EQ_U64(r.e.win32_ok, 1);
    awe_buf ok = fx_ok(1);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x3000, 0x1000, AWE_MEM_DECOMMIT, NULL),
                 AWE_STATUS_SUCCESS);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 0x2000, 0x2000,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION);
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 0x5000, 1,
                      AWE_PAGE_NOACCESS, &ok, &e, &ob, &os, &old);
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 0x5000, 1,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(L6_failed_lock_locks_nothing_even_partly)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN + 0x3000, 0x1000, AWE_MEM_DECOMMIT, NULL),
                 AWE_STATUS_SUCCESS);
    /* pages 0-2 committed, page 3 reserved: the first three stay unlocked */
    lock_fails(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN, 0x4000,
               AWE_MAP_PROCESS, AWE_RULE_L5, AWE_STATUS_ACCESS_VIOLATION);
    CHECK(!awe_model_page_locked(m, FX_PLAIN));
    awe_model_destroy(m);
}

TEST(L7_unlock_runs_the_same_checks)
{
    awe_model *m = fx_world();
    awe_buf ok = fx_ok(1), nul = fx_null();
    lock_fails(m, AWE_API_NT, 1, AWE_HANDLE_CURRENT, &nul, &ok, FX_PLAIN, 1, 0, AWE_RULE_L7,
               AWE_STATUS_INVALID_PARAMETER);
    lock_fails(m, AWE_API_NT, 1, AWE_HANDLE_CURRENT, &ok, &nul, FX_PLAIN, 1, AWE_MAP_PROCESS,
               AWE_RULE_L7, AWE_STATUS_ACCESS_VIOLATION);
    lock_fails(m, AWE_API_NT, 1, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN, 0, AWE_MAP_PROCESS,
               AWE_RULE_L7, AWE_STATUS_INVALID_PARAMETER);
    lock_fails(m, AWE_API_NT, 1, AWE_HANDLE_GARBAGE, &ok, &ok, FX_PLAIN, 1, AWE_MAP_PROCESS,
               AWE_RULE_L7, AWE_STATUS_INVALID_HANDLE);
    awe_model_set_privilege(m, 0);
    lock_fails(m, AWE_API_NT, 1, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN, 1, AWE_MAP_SYSTEM,
               AWE_RULE_L7, AWE_STATUS_PRIVILEGE_NOT_HELD);
    awe_model_destroy(m);
}

TEST(L8_unlock_reaching_awe_region_succeeds_and_does_nothing_there)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve_plain(m, 0x50000000, 16), 0);
    CHECK_EQ_U64(fx_reserve(m, 0x50010000, 4), 0);
    lock_result r;
    lock(m, 1, 0x50010000, 0x3000, &r); /* all AWE: success */
    CHECK_EXPECT(r.e, AWE_RULE_L8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_NT52);
    CHECK_EQ_U64(r.size, 0x3000);
    lock(m, 0, 0x5000E000, 0x2000, &r);
    CHECK_EXPECT(r.e, AWE_RULE_L5, AWE_STATUS_SUCCESS);
    /* the ordinary pages before R are locked: unlocked, and the size is the whole request,
     * far past R (nothing after R is examined) */
    lock(m, 1, 0x5000E000, 0x10000, &r);
    CHECK_EXPECT(r.e, AWE_RULE_L8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.base, 0x5000E000);
    CHECK_EQ_U64(r.size, 0x10000);
    CHECK(!awe_model_page_locked(m, 0x5000E000));
    CHECK(!awe_model_page_locked(m, 0x5000F000));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(L8_unlock_of_unlocked_pages_is_not_locked)
{
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_reserve_plain(m, 0x50000000, 16), 0);
    CHECK_EQ_U64(fx_reserve(m, 0x50010000, 4), 0);
    lock_result r;
    lock(m, 0, 0x5000F000, 0x1000, &r);
    awe_buf ok = fx_ok(1);
    /* page 0x5000E000 is not locked: NOT_LOCKED, and the locked one stays locked */
    lock_fails(m, AWE_API_WIN32, 1, AWE_HANDLE_CURRENT, &ok, &ok, 0x5000E000, 0x4000,
               AWE_MAP_PROCESS, AWE_RULE_L8, AWE_STATUS_NOT_LOCKED);
    CHECK(awe_model_page_locked(m, 0x5000F000));
    lock(m, 1, 0x5000F000, 1, &r);
    CHECK_EXPECT(r.e, AWE_RULE_L8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_DOC);
    CHECK(!awe_model_page_locked(m, 0x5000F000));
    lock(m, 1, 0x5000F000, 1, &r); /* a second time: no longer locked */
    CHECK_EXPECT(r.e, AWE_RULE_L8, AWE_STATUS_NOT_LOCKED);
    CHECK_EQ_U64(r.e.win32_error, AWE_ERROR_NOT_LOCKED);
    lock(m, 1, 0x40000000, 1, &r); /* no allocation the model knows */
    CHECK_EXPECT(r.e, AWE_RULE_L8, AWE_STATUS_NOT_LOCKED);
    CHECK_EQ_U64(r.e.ev_outcome, AWE_EV_INF);
    awe_model_destroy(m);
}

TEST(L8_decommit_release_and_noaccess_end_locks)
{
    awe_model *m = fx_world();
    lock_result r;
    lock(m, 0, FX_PLAIN, 0x4000, &r);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN, 0x1000, AWE_MEM_DECOMMIT, NULL),
                 AWE_STATUS_SUCCESS);
    CHECK(!awe_model_page_locked(m, FX_PLAIN));
    awe_buf ok = fx_ok(1);
    awe_expect e;
    uint64_t ob, os;
    uint32_t old;
    awe_model_protect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN + 0x1000, 1,
                      AWE_PAGE_NOACCESS, &ok, &e, &ob, &os, &old);
    CHECK_EQ_U64(e.status, AWE_STATUS_WAS_UNLOCKED);
    CHECK_EQ_U64(e.win32_ok, 1);
    CHECK(!awe_model_page_locked(m, FX_PLAIN + 0x1000));
    CHECK(awe_model_page_locked(m, FX_PLAIN + 0x2000));
    CHECK_INVARIANTS(m);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_PLAIN, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK(!awe_model_page_locked(m, FX_PLAIN + 0x2000));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}
