/* SPDX-License-Identifier: Apache-2.0 */
/* test_scatter.c: MapUserPhysicalPagesScatter on the Linux backend, rule by rule (S1..S9). */
#include <sys/mman.h>

#include "tu.h"

static awe_ntstatus scatter(AWL_PVOID *vas, AWL_ULONG_PTR n, AWL_ULONG_PTR *pfns)
{
    return AwlNtMapUserPhysicalPagesScatter(vas, n, pfns);
}

static uint8_t *setup(AWL_ULONG_PTR *pfns)
{
    tu_default();
    uint8_t *r = tu_region(16);
    tu_alloc(pfns, 8);
    return r;
}

TEST(S1_huge_count_is_param2_before_the_address_array)
{
    tu_default();
    CHECK_EQ_U64(scatter(NULL, AWE_MAXULONG_PTR / AWE_PAGE_SIZE + 1, NULL), AWE_STATUS_INVALID_PARAMETER_2);
}

TEST(S2_unreadable_address_array_is_access_violation)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(scatter(NULL, 1, pfns), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(scatter(tu_page(PROT_NONE), 1, pfns), AWE_STATUS_ACCESS_VIOLATION);
    AWL_PVOID *vas = tu_guarded(2 * sizeof *vas);
    vas[0] = r;
    vas[1] = r + PG;
    CHECK_EQ_U64(scatter(vas, 3, pfns), AWE_STATUS_ACCESS_VIOLATION);
    CHECK(tu_faults(r));
    CHECK_EQ_U64(scatter(vas, 2, pfns), AWE_STATUS_SUCCESS);
}

TEST(S2_zero_count_succeeds_after_the_address_probe)
{
    tu_default();
    /* zero bytes to probe: even NULL passes, then count 0 wins over the bitmap (S3) */
    CHECK_EQ_U64(scatter(NULL, 0, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(scatter(tu_page(PROT_NONE), 0, tu_page(PROT_NONE)), AWE_STATUS_SUCCESS);
}

TEST(S2_unreadable_pfn_array_is_access_violation_before_S3)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_PVOID vas[] = {r};
    CHECK_EQ_U64(scatter(vas, 1, tu_page(PROT_NONE)), AWE_STATUS_ACCESS_VIOLATION);
    AWL_ULONG_PTR pfn = 0x1000;
    CHECK_EQ_U64(scatter(vas, 1, &pfn), AWE_STATUS_INVALID_PARAMETER_1); /* S3 */
    CHECK_EQ_U64(scatter(vas, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(S3_no_bitmap_is_param1_before_addresses_and_pfns)
{
    tu_default();
    uint64_t word;
    AWL_PVOID vas[] = {&word}; /* no region either: S3 comes first */
    AWL_ULONG_PTR bad = 7;
    CHECK_EQ_U64(scatter(vas, 1, &bad), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(scatter(vas, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
    /* after the first allocation the same call fails later, at S4 (same code) then S5 */
    AWL_ULONG_PTR pfn;
    tu_alloc(&pfn, 1);
    uint8_t *r = tu_region(16);
    vas[0] = r;
    CHECK_EQ_U64(scatter(vas, 1, &bad), AWE_STATUS_CONFLICTING_ADDRESSES);
}

TEST(S4_every_address_checked_before_any_pfn)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    uint64_t word;
    AWL_PVOID vas[] = {r, &word};
    AWL_ULONG_PTR arr[] = {12345, pfns[1]};
    CHECK_EQ_U64(scatter(vas, 2, arr), AWE_STATUS_INVALID_PARAMETER_1);
    vas[1] = r + 16 * PG; /* one past the end */
    CHECK_EQ_U64(scatter(vas, 2, arr), AWE_STATUS_INVALID_PARAMETER_1);
    vas[1] = r + 16 * PG - 1; /* the last byte: inside */
    CHECK_EQ_U64(scatter(vas, 2, arr), AWE_STATUS_CONFLICTING_ADDRESSES);
    uint8_t *plain = AwlVirtualAlloc(NULL, 16 * PG, AWE_MEM_RESERVE, AWE_PAGE_READWRITE);
    vas[1] = plain;
    CHECK_EQ_U64(scatter(vas, 2, NULL), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(S4_entries_may_lie_in_different_regions)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    uint8_t *r2 = tu_region(32);
    AWL_PVOID vas[] = {r2 + 20 * PG + 7, r + 3 * PG};
    CHECK_EQ_U64(scatter(vas, 2, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_poke(r2 + 20 * PG, 1));
    CHECK(tu_poke(r + 3 * PG, 2));
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r2 + 20 * PG, 1, pfns + 2), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r2 + 20 * PG, 0));
}

TEST(S5_zero_entry_unmaps_and_is_not_checked)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 2, 50);
    AWL_PVOID vas[] = {r, r + 5 * PG, r + 6 * PG};
    AWL_ULONG_PTR arr[] = {0, 0, pfns[2]}; /* unmap a mapped slot and an empty one */
    CHECK_EQ_U64(scatter(vas, 3, arr), AWE_STATUS_SUCCESS);
    CHECK(tu_faults(r));
    CHECK(tu_faults(r + 5 * PG));
    CHECK(tu_reads(r + PG, 51));
    CHECK(tu_reads(r + 6 * PG, 0));
}

TEST(S5_codes_like_M6)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 1, 60);
    AWL_PVOID vas[] = {r + PG, r + 2 * PG};
    AWL_ULONG_PTR a[] = {pfns[1], 0x77777};
    CHECK_EQ_U64(scatter(vas, 2, a), AWE_STATUS_CONFLICTING_ADDRESSES);
    AWL_ULONG_PTR b[] = {pfns[0], pfns[1]};
    CHECK_EQ_U64(scatter(vas, 2, b), AWE_STATUS_INVALID_PARAMETER_3);
    AWL_ULONG_PTR c[] = {pfns[3], pfns[3]};
    CHECK_EQ_U64(scatter(vas, 2, c), AWE_STATUS_INVALID_PARAMETER_3);
    AWL_ULONG_PTR d[] = {0, pfns[1]};
    AWL_PVOID same[] = {r, r};
    /* a zero entry is no duplicate of anything; pfns[1] goes to r */
    CHECK_EQ_U64(scatter(same, 2, d), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r, 0));
    CHECK(tu_faults(r + PG));
}

TEST(S6_null_array_unmaps_every_listed_address)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 4, 70);
    AWL_PVOID vas[] = {r + 3 * PG, r, r + 9 * PG};
    CHECK_EQ_U64(scatter(vas, 3, NULL), AWE_STATUS_SUCCESS);
    CHECK(tu_faults(r));
    CHECK(tu_reads(r + PG, 71));
    CHECK(tu_reads(r + 2 * PG, 72));
    CHECK(tu_faults(r + 3 * PG));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 8);
    CHECK_EQ_U64(st.pages_mapped, 2);
}

TEST(S7_failed_scatter_changes_nothing)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 3, 80);
    uint8_t *bases[] = {r};
    size_t pages[] = {16};
    tu_snapshot before, after;
    tu_snap(&before, bases, pages, 1);
    AWL_PVOID vas[] = {r, r + 4 * PG, r + PG, r + 8 * PG};
    AWL_ULONG_PTR arr[] = {0, pfns[4], pfns[5], pfns[2]}; /* the last one is mapped */
    CHECK_EQ_U64(scatter(vas, 4, arr), AWE_STATUS_INVALID_PARAMETER_3);
    tu_snap(&after, bases, pages, 1);
    CHECK(tu_snap_equal(&before, &after));
    tu_snap_free(&before);
    tu_snap_free(&after);
}

TEST(S8_address_listed_twice_ends_with_the_last_entry)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r + 8 * PG, pfns + 2, 2, 90); /* tags 90, 91 in pfns[2], pfns[3] */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 8 * PG, 2, NULL), AWE_STATUS_SUCCESS);
    AWL_PVOID vas[] = {r, r + PG, r + 100};
    AWL_ULONG_PTR arr[] = {pfns[2], pfns[0], pfns[3]};
    CHECK_EQ_U64(scatter(vas, 3, arr), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r, 91));
    CHECK(tu_reads(r + PG, 0));
    /* the PFN the earlier entry placed ends unmapped: it can go elsewhere */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 5 * PG, 1, pfns + 2), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r + 5 * PG, 90));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_mapped, 3);
}

TEST(S9_moving_a_mapped_pfn_in_one_call_is_param3)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 1, 99);
    AWL_PVOID vas[] = {r, r + PG};
    AWL_ULONG_PTR arr[] = {0, pfns[0]};
    CHECK_EQ_U64(scatter(vas, 2, arr), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_reads(r, 99));
    CHECK(tu_faults(r + PG));
}

TEST(S_win32_wrapper_passes_through)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    AWL_PVOID vas[] = {r};
    CHECK(AwlMapUserPhysicalPagesScatter(vas, 1, pfns));
    CHECK(!AwlMapUserPhysicalPagesScatter(NULL, 1, pfns));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
    CHECK(AwlMapUserPhysicalPagesScatter(NULL, 0, NULL));
}
