/* SPDX-License-Identifier: Apache-2.0 */
/* test_alloc.c: AllocateUserPhysicalPages(Numa) on the Linux backend, rule by rule (A0..A12). */
#include <sys/mman.h>

#include "tu.h"

#define SENTINEL 0x5a5a5a5a5a5a5a5aull

static awe_ntstatus alloc_nt(AWL_HANDLE h, AWL_ULONG_PTR *count, AWL_ULONG_PTR *pfns)
{
    return AwlNtAllocateUserPhysicalPages(h, count, pfns);
}

TEST(A1_zero_count_succeeds_before_privilege_and_handle)
{
    tu_fresh(64, 0, 0);
    AWL_ULONG_PTR count = 0;
    CHECK_EQ_U64(alloc_nt(NULL, &count, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 0);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    /* A1 does not create the bitmap: Free still sees none (F4). */
    AWL_ULONG_PTR one = 1, pfn = 0x1000;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &one, &pfn), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(A2_huge_count_is_param2_before_array_probe)
{
    tu_default();
    AWL_ULONG_PTR count = AWE_MAXULONG_PTR / sizeof(AWL_ULONG_PTR) + 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, NULL), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(count, AWE_MAXULONG_PTR / sizeof(AWL_ULONG_PTR) + 1);
    count = AWE_MAXULONG_PTR;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, NULL), AWE_STATUS_INVALID_PARAMETER_2);
}

TEST(A2_largest_count_passes_to_array_probe)
{
    tu_default();
    AWL_ULONG_PTR pfns[4];
    AWL_ULONG_PTR count = AWE_MAXULONG_PTR / sizeof(AWL_ULONG_PTR);
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_ACCESS_VIOLATION);
}

TEST(A3_count_pointer_checked_first)
{
    tu_fresh(64, 0, 0);
    CHECK_EQ_U64(alloc_nt(NULL, NULL, NULL), AWE_STATUS_ACCESS_VIOLATION);
    AWL_ULONG_PTR *ro = tu_readonly_copy(&(AWL_ULONG_PTR){0}, sizeof(AWL_ULONG_PTR));
    CHECK_EQ_U64(alloc_nt(NULL, ro, NULL), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(alloc_nt(NULL, tu_page(PROT_NONE), NULL), AWE_STATUS_ACCESS_VIOLATION);
}

TEST(A3_array_must_be_writable_for_the_whole_count)
{
    tu_default();
    AWL_ULONG_PTR *arr = tu_guarded(3 * sizeof *arr);
    for (int i = 0; i < 3; i++)
        arr[i] = SENTINEL;
    AWL_ULONG_PTR count = 4;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(count, 4);
    for (int i = 0; i < 3; i++)
        CHECK_EQ_U64(arr[i], SENTINEL);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    count = 3;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 3);
}

TEST(A3_array_probe_precedes_handle_and_privilege)
{
    tu_fresh(64, 0, 0);
    AWL_ULONG_PTR count = 1;
    CHECK_EQ_U64(alloc_nt(NULL, &count, NULL), AWE_STATUS_ACCESS_VIOLATION);
}

TEST(A4_handles)
{
    tu_default();
    AWL_ULONG_PTR pfn, count = 1;
    CHECK_EQ_U64(alloc_nt(NULL, &count, &pfn), AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(alloc_nt((AWL_HANDLE)(uintptr_t)0x1234, &count, &pfn), AWE_STATUS_INVALID_HANDLE);
    AWL_HANDLE denied = awl_open_process(AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    CHECK(denied != NULL);
    CHECK_EQ_U64(alloc_nt(denied, &count, &pfn), AWE_STATUS_ACCESS_DENIED);
    AWL_HANDLE self = awl_open_process(AWE_PROCESS_VM_OPERATION);
    CHECK(self != NULL);
    CHECK_EQ_U64(alloc_nt(self, &count, &pfn), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 1);
    awl_close_handle(self);
    count = 1;
    CHECK_EQ_U64(alloc_nt(self, &count, &pfn), AWE_STATUS_INVALID_HANDLE);
    awl_close_handle(denied);
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_SUCCESS);
}

TEST(A4_reset_closes_handles)
{
    tu_default();
    AWL_HANDLE self = awl_open_process(AWE_PROCESS_VM_OPERATION);
    CHECK(awl_reset() == 0);
    AWL_ULONG_PTR pfn, count = 1;
    CHECK_EQ_U64(alloc_nt(self, &count, &pfn), AWE_STATUS_INVALID_HANDLE);
}

TEST(A5_privilege_not_held_after_handle)
{
    tu_fresh(64, 0, 0);
    AWL_ULONG_PTR pfn = SENTINEL, count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(alloc_nt(NULL, &count, &pfn), AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(count, 1);
    CHECK_EQ_U64(pfn, SENTINEL);
    awl_set_lock_privilege(1);
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_SUCCESS);
    awl_set_lock_privilege(0);
    count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_PRIVILEGE_NOT_HELD);
}

TEST(A6_limit_reached_is_commitment_limit)
{
    tu_fresh(64, 4, 1);
    AWL_ULONG_PTR pfns[8];
    AWL_ULONG_PTR count = 4;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 4);
    count = 1;
    pfns[4] = SENTINEL;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns + 4), AWE_STATUS_COMMITMENT_LIMIT);
    CHECK_EQ_U64(count, 1);
    CHECK_EQ_U64(pfns[4], SENTINEL);
    awl_set_page_limit(0);
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns + 4), AWE_STATUS_SUCCESS);
}

TEST(A6_request_clamped_to_what_the_limit_leaves)
{
    tu_fresh(64, 0, 1);
    awl_set_page_limit(5);
    AWL_ULONG_PTR pfns[8], count = 3;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    for (int i = 3; i < 8; i++)
        pfns[i] = SENTINEL;
    count = 5;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns + 3), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 2);
    CHECK_EQ_U64(pfns[5], SENTINEL);
    CHECK(awl_reset() == 0);
    count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS); /* limit back to 0 */
}

TEST(A7_empty_pool_is_insufficient_resources_and_creates_the_bitmap)
{
    tu_fresh(4, 0, 1);
    AWL_ULONG_PTR pfns[4], count = 4;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK(awl_reset() == 0);
    /* fresh state, empty pool */
    count = 4;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    AWL_ULONG_PTR more = 1, pfn = SENTINEL;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &more, &pfn), AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK_EQ_U64(more, 1);
    CHECK_EQ_U64(pfn, SENTINEL);
}

TEST(A0_bitmap_outlives_the_last_free)
{
    tu_fresh(4, 0, 1);
    AWL_ULONG_PTR pfn, count = 1;
    tu_alloc(&pfn, 1);
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_SUCCESS);
    /* Nothing owned, but the bitmap stays: a garbage PFN is F5's CONFLICTING, not F4. */
    AWL_ULONG_PTR garbage = 77;
    count = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &garbage), AWE_STATUS_CONFLICTING_ADDRESSES);
    /* awl_reset removes it. */
    CHECK(awl_reset() == 0);
    count = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &garbage), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(A5_failure_does_not_create_the_bitmap)
{
    tu_fresh(8, 0, 0);
    AWL_ULONG_PTR pfn, count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_PRIVILEGE_NOT_HELD);
    AWL_ULONG_PTR garbage = 5;
    count = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &garbage), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(NULL, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(A8_partial_grant_fills_prefix_only)
{
    tu_fresh(8, 0, 1);
    AWL_ULONG_PTR pfns[12];
    for (int i = 0; i < 12; i++)
        pfns[i] = SENTINEL;
    AWL_ULONG_PTR count = 12;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 8);
    for (int i = 0; i < 8; i++)
        CHECK(pfns[i] != SENTINEL);
    for (int i = 8; i < 12; i++)
        CHECK_EQ_U64(pfns[i], SENTINEL);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 8);
    CHECK_EQ_U64(st.pool_free, 0);
}

TEST(A9_failure_writes_nothing_and_allocates_nothing)
{
    tu_fresh(8, 0, 0);
    AWL_ULONG_PTR pfns[2] = {SENTINEL, SENTINEL}, count = 2;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(count, 2);
    CHECK_EQ_U64(pfns[0], SENTINEL);
    CHECK_EQ_U64(pfns[1], SENTINEL);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    CHECK_EQ_U64(st.pool_free, 8);
}

TEST(A10_pfns_nonzero_distinct_and_lowest_first)
{
    tu_fresh(16, 0, 1);
    AWL_ULONG_PTR a[6], b[6];
    tu_alloc(a, 6);
    tu_alloc(b, 6);
    for (int i = 0; i < 6; i++) {
        CHECK(a[i] != 0 && b[i] != 0);
        CHECK_EQ_U64(a[i], 0x1000 + i);
        CHECK_EQ_U64(b[i], 0x1006 + i);
    }
    /* Freed ones come back first, lowest first. */
    AWL_ULONG_PTR f[2] = {a[4], a[1]}, n = 2;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, f), AWE_STATUS_SUCCESS);
    AWL_ULONG_PTR c[3];
    tu_alloc(c, 3);
    CHECK_EQ_U64(c[0], a[1]);
    CHECK_EQ_U64(c[1], a[4]);
    CHECK_EQ_U64(c[2], 0x100c);
}

TEST(A11_reallocated_page_reads_zero)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfn;
    tu_alloc(&pfn, 1);
    tu_map_tagged(r, &pfn, 1, 0xabcdef);
    CHECK(tu_poke(r + PG - 8, 0x77));
    AWL_ULONG_PTR n = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, &pfn), AWE_STATUS_SUCCESS);
    AWL_ULONG_PTR again;
    tu_alloc(&again, 1);
    CHECK_EQ_U64(again, pfn);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 3 * PG, 1, &again), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r + 3 * PG, 0));
    CHECK(tu_reads(r + 4 * PG - 8, 0));
}

TEST(A12_numa_same_contract)
{
    tu_fresh(4, 0, 1);
    AWL_ULONG_PTR pfns[6] = {0}, count = 6;
    CHECK(AwlAllocateUserPhysicalPagesNuma(AWL_CURRENT_PROCESS, &count, pfns, 3));
    CHECK_EQ_U64(count, 4);
    CHECK_EQ_U64(pfns[0], 0x1000);
    count = 1;
    CHECK(!AwlAllocateUserPhysicalPagesNuma(AWL_CURRENT_PROCESS, &count, pfns, 0));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NO_SYSTEM_RESOURCES);
    awl_set_lock_privilege(0);
    CHECK(!AwlAllocateUserPhysicalPagesNuma(AWL_CURRENT_PROCESS, &count, pfns, 1));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_PRIVILEGE_NOT_HELD);
}

TEST(A_win32_errors_pass_through)
{
    tu_fresh(8, 0, 1);
    AWL_ULONG_PTR pfn, count = 1;
    AwlSetLastError(0);
    CHECK(AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &pfn));
    CHECK_EQ_U64(AwlGetLastError(), 0);
    CHECK(!AwlAllocateUserPhysicalPages(NULL, &count, &pfn));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_HANDLE);
    CHECK(!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, NULL, &pfn));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
    count = AWE_MAXULONG_PTR;
    CHECK(!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &count, &pfn));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
}

TEST(A7_A8_pool_sized_on_demand)
{
    tu_default();
    AWL_ULONG_PTR pfns[8];
    tu_alloc(pfns, 4);
    CHECK(awl_set_pool_free(3) == 0);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pool_free, 3);
    AWL_ULONG_PTR more[5], count = 5;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, more), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 3); /* A8 */
    count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, more + 3), AWE_STATUS_INSUFFICIENT_RESOURCES); /* A7 */
    count = 2;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    count = 5;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, more), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 2); /* freed pages went back to the pool */
    CHECK(awl_set_pool_free(0) == 0);
    count = 1;
    CHECK_EQ_U64(alloc_nt(AWL_CURRENT_PROCESS, &count, more), AWE_STATUS_INSUFFICIENT_RESOURCES);
}

TEST(A7_pool_grows_beyond_its_configured_size_until_reset)
{
    tu_fresh(16, 0, 1);
    AWL_ULONG_PTR first[10];
    tu_alloc(first, 10);
    CHECK(awl_set_pool_free(100) == 0);
    AWL_ULONG_PTR *pfns = malloc(100 * sizeof *pfns);
    tu_alloc(pfns, 100);
    for (int i = 0; i < 100; i++) {
        CHECK(pfns[i] >= 0x1000 + 10);
        if (i > 0)
            CHECK(pfns[i] > pfns[i - 1]);
    }
    CHECK_EQ_U64(pfns[99], 0x1000 + 109);
    /* the grown pages work like the others */
    uint8_t *r = tu_region(16);
    tu_map_tagged(r, pfns + 99, 1, 0x99);
    tu_map_tagged(r + PG, first, 1, 0x11);
    CHECK(tu_reads(r, 0x99));
    free(pfns);
    CHECK(awl_set_pool_free((size_t)1 << 40) == -1);
    CHECK(awl_reset() == 0);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pool_free, 16);
}
