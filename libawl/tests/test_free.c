/* SPDX-License-Identifier: Apache-2.0 */
/* test_free.c: FreeUserPhysicalPages on the Linux backend, rule by rule (F1..F8). */
#include <sys/mman.h>

#include "tu.h"

#define SENTINEL 0x6b6b6b6b6b6b6b6bull

static awe_ntstatus free_nt(AWL_HANDLE h, AWL_ULONG_PTR *count, AWL_ULONG_PTR *pfns)
{
    return AwlNtFreeUserPhysicalPages(h, count, pfns);
}

static size_t owned(void)
{
    awl_stats st;
    awl_get_stats(&st);
    return st.pages_owned;
}

TEST(F1_unwritable_count_pointer_is_access_violation)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, NULL, pfns), AWE_STATUS_ACCESS_VIOLATION);
    AWL_ULONG_PTR *ro = tu_readonly_copy(&(AWL_ULONG_PTR){2}, sizeof(AWL_ULONG_PTR));
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, ro, pfns), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(*ro, 2);
    CHECK_EQ_U64(owned(), 2);
}

TEST(F1_count_is_zero_on_failures_after_the_probe)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    AWL_ULONG_PTR count = 2;
    CHECK_EQ_U64(free_nt(NULL, &count, pfns), AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(count, 0);
    count = 2;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, NULL), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(count, 0);
    CHECK_EQ_U64(owned(), 2);
}

TEST(F2_zero_count_is_param2)
{
    tu_default();
    AWL_ULONG_PTR count = 0;
    CHECK_EQ_U64(free_nt(NULL, &count, NULL), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(count, 0);
}

TEST(F6_array_captured_before_anything_is_freed)
{
    tu_default();
    AWL_ULONG_PTR pfns[4];
    tu_alloc(pfns, 4);
    AWL_ULONG_PTR *arr = tu_guarded(3 * sizeof *arr);
    arr[0] = pfns[0];
    arr[1] = pfns[1];
    arr[2] = pfns[2];
    AWL_ULONG_PTR count = 4;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(count, 0);
    CHECK_EQ_U64(owned(), 4);
    /* F6 precedes the handle (F3) */
    count = 4;
    CHECK_EQ_U64(free_nt(NULL, &count, arr), AWE_STATUS_ACCESS_VIOLATION);
    /* a read-only array is fine: it is only read */
    AWL_ULONG_PTR *ro = tu_readonly_copy(pfns, 2 * sizeof *pfns);
    count = 2;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, ro), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 2);
}

TEST(F3_handle_checked_after_capture_without_privilege)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    AWL_ULONG_PTR count = 1;
    AWL_HANDLE denied = awl_open_process(0);
    CHECK_EQ_U64(free_nt(denied, &count, pfns), AWE_STATUS_ACCESS_DENIED);
    count = 1;
    CHECK_EQ_U64(free_nt((AWL_HANDLE)(uintptr_t)4, &count, pfns), AWE_STATUS_INVALID_HANDLE);
    awl_set_lock_privilege(0); /* Free takes no privilege */
    AWL_HANDLE self = awl_open_process(AWE_PROCESS_VM_OPERATION | AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    count = 1;
    CHECK_EQ_U64(free_nt(self, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 1);
    count = 1;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, pfns + 1), AWE_STATUS_SUCCESS);
}

TEST(F4_never_allocated_is_param1)
{
    tu_default();
    AWL_ULONG_PTR pfn = 0x1000, count = 1;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, &pfn), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(count, 0);
    count = 1;
    CHECK_EQ_U64(free_nt(NULL, &count, &pfn), AWE_STATUS_INVALID_HANDLE); /* F3 first */
}

TEST(F5_partial_free_count_is_prefix)
{
    tu_default();
    AWL_ULONG_PTR pfns[6];
    tu_alloc(pfns, 6);
    AWL_ULONG_PTR arr[] = {pfns[3], pfns[0], 0x4242, pfns[1]};
    AWL_ULONG_PTR count = 4;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(count, 2);
    CHECK_EQ_U64(owned(), 4);
    /* pfns[1], after the bad entry, is still owned; pfns[0] and [3] are not */
    count = 1;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, pfns + 1), AWE_STATUS_SUCCESS);
    count = 1;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, pfns + 3), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(count, 0);
}

TEST(F5_pfn_listed_twice_stops_at_the_second)
{
    tu_default();
    AWL_ULONG_PTR pfns[4];
    tu_alloc(pfns, 4);
    AWL_ULONG_PTR arr[] = {pfns[0], pfns[1], pfns[0], pfns[2]};
    AWL_ULONG_PTR count = 4;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(count, 2);
    CHECK_EQ_U64(owned(), 2);
    count = 2;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, pfns + 2), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(owned(), 0);
}

TEST(F5_first_entry_bad_frees_nothing)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    AWL_ULONG_PTR arr[] = {0, pfns[0]};
    AWL_ULONG_PTR count = 2;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(count, 0);
    CHECK_EQ_U64(owned(), 2);
}

TEST(F7_mapped_page_is_unmapped_first_others_untouched)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[4];
    tu_alloc(pfns, 4);
    tu_map_tagged(r, pfns, 4, 500);
    AWL_ULONG_PTR arr[] = {pfns[2], pfns[0]};
    AWL_ULONG_PTR count = 2;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_SUCCESS);
    CHECK(tu_faults(r));
    CHECK(tu_reads(r + PG, 501));
    CHECK(tu_faults(r + 2 * PG));
    CHECK(tu_reads(r + 3 * PG, 503));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_mapped, 2);
    CHECK_EQ_U64(st.regions, 1);
    /* the freed slots can take other pages */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, pfns + 1), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, NULL), AWE_STATUS_SUCCESS);
}

TEST(F8_success_count_equals_input)
{
    tu_fresh(32, 0, 1);
    AWL_ULONG_PTR pfns[32];
    tu_alloc(pfns, 32);
    AWL_ULONG_PTR count = 32;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, 32);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    CHECK_EQ_U64(st.pool_free, 32);
}

TEST(F_huge_count_with_short_array_is_access_violation)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    AWL_ULONG_PTR *arr = tu_guarded(2 * sizeof *arr);
    arr[0] = pfns[0];
    arr[1] = pfns[1];
    AWL_ULONG_PTR count = AWE_MAXULONG_PTR;
    CHECK_EQ_U64(free_nt(AWL_CURRENT_PROCESS, &count, arr), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(count, 0);
    CHECK_EQ_U64(owned(), 2);
}

TEST(F_win32_wrapper_passes_through)
{
    tu_default();
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    AWL_ULONG_PTR count = 0;
    CHECK(!AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    AWL_ULONG_PTR arr[] = {pfns[0], 99};
    count = 2;
    CHECK(!AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, arr));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK_EQ_U64(count, 1);
    count = 1;
    CHECK(AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns + 1));
}
