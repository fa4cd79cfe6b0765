/* SPDX-License-Identifier: Apache-2.0 */
/* test_map.c: MapUserPhysicalPages on the Linux backend, rule by rule (M1..M10). */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "tu.h"

static awe_ntstatus map(void *va, AWL_ULONG_PTR n, AWL_ULONG_PTR *pfns)
{
    return AwlNtMapUserPhysicalPages(va, n, pfns);
}

/* A region of 16 pages and 8 owned pages. */
static uint8_t *setup(AWL_ULONG_PTR *pfns)
{
    tu_default();
    uint8_t *r = tu_region(16);
    tu_alloc(pfns, 8);
    return r;
}

TEST(M1_huge_count_is_param2)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r, AWE_MAXULONG_PTR / AWE_PAGE_SIZE + 1, pfns), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(map(r, AWE_MAXULONG_PTR, NULL), AWE_STATUS_INVALID_PARAMETER_2);
}

TEST(M2_zero_count_with_nonzero_address_is_param2)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r, 0, pfns), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(map(r, 0, NULL), AWE_STATUS_INVALID_PARAMETER_2);
}

TEST(M2_zero_count_at_address_zero_with_array_succeeds)
{
    tu_default();
    /* Before anything else: not even the bitmap (M4) or the array (M3) is looked at. */
    CHECK_EQ_U64(map(NULL, 0, tu_page(PROT_NONE)), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(map((void *)(uintptr_t)0xfff, 0, tu_page(PROT_NONE)), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(map(NULL, 0, NULL), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(M2_range_wrapping_the_address_space_is_param2)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    uintptr_t high = UINTPTR_MAX & ~(uintptr_t)(PG - 1);
    /* the very last page ends at the top without wrapping: M2 passes, M5 refuses */
    CHECK_EQ_U64(map((void *)high, 1, pfns), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map((void *)high, 2, pfns), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(map((void *)high, 2, NULL), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(map(r, AWE_MAXULONG_PTR / AWE_PAGE_SIZE, NULL), AWE_STATUS_INVALID_PARAMETER_2);
}

TEST(M2_address_rounded_down_to_its_page)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r + 2 * PG + 123, 1, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_poke(r + 2 * PG, 42));
    CHECK(tu_faults(r + 3 * PG));
    CHECK(tu_faults(r + PG));
    /* the last page of the region, given by its last byte */
    CHECK_EQ_U64(map(r + 16 * PG - 1, 1, pfns + 1), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r + 15 * PG, 0));
}

TEST(M3_unreadable_array_is_access_violation)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r, 1, tu_page(PROT_NONE)), AWE_STATUS_ACCESS_VIOLATION);
    AWL_ULONG_PTR *short_arr = tu_guarded(2 * sizeof *short_arr);
    short_arr[0] = pfns[0];
    short_arr[1] = pfns[1];
    CHECK_EQ_U64(map(r, 3, short_arr), AWE_STATUS_ACCESS_VIOLATION);
    CHECK(tu_faults(r));
    CHECK_EQ_U64(map(r, 2, short_arr), AWE_STATUS_SUCCESS);
}

TEST(M3_array_probe_precedes_bitmap_and_region)
{
    tu_default();
    CHECK_EQ_U64(map(NULL, 1, tu_page(PROT_NONE)), AWE_STATUS_ACCESS_VIOLATION);
    CHECK_EQ_U64(map((void *)(uintptr_t)0x10000, 4, tu_guarded(8)), AWE_STATUS_ACCESS_VIOLATION);
}

TEST(M4_no_bitmap_is_param1_also_for_unmap)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfn = 0x1000;
    CHECK_EQ_U64(map(r, 1, &pfn), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map(r, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(M5_range_must_lie_in_one_awe_region)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    uint8_t *plain = AwlVirtualAlloc(NULL, 16 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    CHECK(plain != NULL);
    CHECK_EQ_U64(map(plain, 1, pfns), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map(plain, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map(r + 15 * PG, 2, pfns), AWE_STATUS_INVALID_PARAMETER_1); /* past the end */
    CHECK_EQ_U64(map(r - PG, 2, pfns), AWE_STATUS_INVALID_PARAMETER_1);      /* before the start */
    uint64_t stack_word = 0;
    CHECK_EQ_U64(map(&stack_word, 1, pfns), AWE_STATUS_INVALID_PARAMETER_1); /* ordinary memory */
    CHECK(tu_faults(r + 15 * PG));
    /* M5 precedes M6: a bad PFN outside any region still gives _1 */
    AWL_ULONG_PTR bad = 3;
    CHECK_EQ_U64(map(plain, 1, &bad), AWE_STATUS_INVALID_PARAMETER_1);
}

TEST(M5_range_spanning_two_adjacent_regions_is_param1)
{
    AWL_ULONG_PTR pfns[8];
    setup(pfns);
    /* Two adjacent regions: take two granules of address space, give them back, and reserve
     * one AWE region in each (nothing in between can take them: this test is alone). */
    uint8_t *span = AwlVirtualAlloc(NULL, 32 * PG, AWE_MEM_RESERVE, AWE_PAGE_READWRITE);
    CHECK(span != NULL);
    CHECK(AwlVirtualFree(span, 0, AWE_MEM_RELEASE));
    uint8_t *lo = AwlVirtualAlloc(span, 16 * PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    uint8_t *hi = AwlVirtualAlloc(span + 16 * PG, 16 * PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL,
                                  AWE_PAGE_READWRITE);
    CHECK(lo == span && hi == span + 16 * PG);
    CHECK_EQ_U64(map(lo + 15 * PG, 2, pfns), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map(lo + 15 * PG, 2, NULL), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(map(lo + 15 * PG, 1, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(map(lo + 16 * PG, 1, pfns + 1), AWE_STATUS_SUCCESS);
}

TEST(M6_unowned_pfn_is_conflicting_addresses)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    AWL_ULONG_PTR bad[] = {pfns[0], 0};
    CHECK_EQ_U64(map(r, 2, bad), AWE_STATUS_CONFLICTING_ADDRESSES); /* zero */
    bad[1] = 0x1000 + 200;                                          /* in the pool, never given */
    CHECK_EQ_U64(map(r, 2, bad), AWE_STATUS_CONFLICTING_ADDRESSES);
    bad[1] = 0xdeadbeefcafeull;                                     /* garbage */
    CHECK_EQ_U64(map(r, 2, bad), AWE_STATUS_CONFLICTING_ADDRESSES);
    AWL_ULONG_PTR one = 1, freed = pfns[7];
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &one, &freed), AWE_STATUS_SUCCESS);
    bad[1] = freed;                                                 /* freed */
    CHECK_EQ_U64(map(r, 2, bad), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK(tu_faults(r));
}

TEST(M6_pfn_mapped_elsewhere_is_param3)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r, 1, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(map(r + 5 * PG, 1, pfns), AWE_STATUS_INVALID_PARAMETER_3);
    uint8_t *r2 = tu_region(16);
    CHECK_EQ_U64(map(r2, 1, pfns), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_faults(r + 5 * PG));
    CHECK(tu_faults(r2));
}

TEST(M6_pfn_already_at_its_target_va_is_param3)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 2, 10);
    CHECK_EQ_U64(map(r, 2, pfns), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_reads(r, 10));
    CHECK(tu_reads(r + PG, 11));
}

TEST(M6_duplicate_in_array_is_param3)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    AWL_ULONG_PTR dup[] = {pfns[2], pfns[3], pfns[2]};
    CHECK_EQ_U64(map(r, 3, dup), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_faults(r));
    /* the marks of a failed check do not leak into the next call */
    CHECK_EQ_U64(map(r, 2, dup), AWE_STATUS_SUCCESS);
}

/* The ascending part of a list is checked without marks (awl_nt_map.c check_pfns): a repeat
 * of one of its entries later in the list is still found, and a consecutive list over mapped
 * pages moves the tables in one go (awl_mapping_place_run). */
TEST(M6_repeat_after_ascending_part_and_run_form)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    AWL_ULONG_PTR rep[] = {pfns[0], pfns[1], pfns[2], pfns[3], pfns[4], pfns[5], pfns[6],
                           pfns[7], pfns[1]};
    CHECK_EQ_U64(map(r, 9, rep), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_faults(r));
    tu_map_tagged(r, (AWL_ULONG_PTR[]){pfns[0], pfns[2], pfns[4]}, 3, 20); /* ascending, gaps */
    CHECK_EQ_U64(map(r, 3, pfns + 5), AWE_STATUS_SUCCESS); /* displaces 0, 2, 4 */
    CHECK_EQ_U64(map(r + 8 * PG, 3, pfns), AWE_STATUS_SUCCESS); /* 0 and 2 are free again */
    CHECK(tu_reads(r + 8 * PG, 20));
    CHECK(tu_reads(r + 10 * PG, 21));
    CHECK_EQ_U64(map(r + 12 * PG, 2, pfns + 4), AWE_STATUS_INVALID_PARAMETER_3); /* 5 at r */
    CHECK_EQ_U64(map(r + 12 * PG, 2, pfns + 3), AWE_STATUS_SUCCESS);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_mapped, 8);
    CHECK(tu_reads(r + 13 * PG, 22));
}

TEST(M6_first_failure_wins_left_to_right)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK_EQ_U64(map(r + 8 * PG, 1, pfns + 5), AWE_STATUS_SUCCESS);
    AWL_ULONG_PTR a[] = {pfns[0], pfns[5], 0};       /* mapped before garbage */
    CHECK_EQ_U64(map(r, 3, a), AWE_STATUS_INVALID_PARAMETER_3);
    AWL_ULONG_PTR b[] = {pfns[0], 0, pfns[5]};       /* garbage before mapped */
    CHECK_EQ_U64(map(r, 3, b), AWE_STATUS_CONFLICTING_ADDRESSES);
    AWL_ULONG_PTR c[] = {pfns[1], pfns[1], 0};       /* duplicate before garbage */
    CHECK_EQ_U64(map(r, 3, c), AWE_STATUS_INVALID_PARAMETER_3);
}

TEST(M6_permutation_of_pages_mapped_in_range_fails)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 3, 100);
    AWL_ULONG_PTR perm[] = {pfns[2], pfns[0], pfns[1]};
    CHECK_EQ_U64(map(r, 3, perm), AWE_STATUS_INVALID_PARAMETER_3);
    for (int i = 0; i < 3; i++)
        CHECK(tu_reads(r + i * PG, 100 + i));
}

TEST(M7_failed_map_changes_nothing)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 4, 200);
    uint8_t *bases[] = {r};
    size_t pages[] = {16};
    tu_snapshot before, after;
    tu_snap(&before, bases, pages, 1);
    /* replaces pages 2..5, the last entry is bad */
    AWL_ULONG_PTR arr[] = {pfns[4], pfns[5], pfns[6], 0x99999};
    CHECK_EQ_U64(map(r + 2 * PG, 4, arr), AWE_STATUS_CONFLICTING_ADDRESSES);
    tu_snap(&after, bases, pages, 1);
    CHECK(tu_snap_equal(&before, &after));
    tu_snap_free(&before);
    tu_snap_free(&after);
}

TEST(M8_null_array_unmaps_range_pfns_stay_owned)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 2, 300);
    tu_map_tagged(r + 5 * PG, pfns + 2, 1, 302);
    tu_map_tagged(r + 9 * PG, pfns + 3, 1, 303);
    CHECK_EQ_U64(map(r, 8, NULL), AWE_STATUS_SUCCESS); /* unmapped slots in between are fine */
    for (int i = 0; i < 8; i++)
        CHECK(tu_faults(r + i * PG));
    CHECK(tu_reads(r + 9 * PG, 303));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 8);
    CHECK_EQ_U64(st.pages_mapped, 1);
    /* C1: the data stays with the PFN */
    CHECK_EQ_U64(map(r + 12 * PG, 3, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r + 12 * PG, 300));
    CHECK(tu_reads(r + 13 * PG, 301));
    CHECK(tu_reads(r + 14 * PG, 302));
    /* unmapping a range with nothing mapped is a success that changes nothing */
    CHECK_EQ_U64(map(r, 8, NULL), AWE_STATUS_SUCCESS);
}

TEST(M9_remap_displaces_the_old_pfn)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    tu_map_tagged(r, pfns, 1, 400);
    tu_map_tagged(r, pfns + 1, 1, 401);
    CHECK(tu_reads(r, 401));
    /* the displaced PFN is unmapped (M6 would refuse it otherwise) and owned */
    CHECK_EQ_U64(map(r + 7 * PG, 1, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r + 7 * PG, 400));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_mapped, 2);
}

struct reader {
    uint8_t *va;
    atomic_int step;   /* written by the main thread */
    atomic_int done;   /* the step the reader finished */
    uint64_t seen_plain, seen_probe;
    int probe_ok;
};

static void *reader_main(void *arg)
{
    struct reader *rd = arg;
    for (int want = 1; want <= 3; want++) {
        while (atomic_load(&rd->step) < want)
            ;
        rd->probe_ok = tu_peek(rd->va, &rd->seen_probe);
        if (want < 3) /* the page is mapped in steps 1 and 2: a plain load must work */
            rd->seen_plain = *(volatile uint64_t *)rd->va;
        atomic_store(&rd->done, want);
    }
    return NULL;
}

static void wait_done(struct reader *rd, int step)
{
    atomic_store(&rd->step, step);
    while (atomic_load(&rd->done) < step)
        ;
}

TEST(M10_other_threads_see_the_new_mapping_on_return)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    struct reader rd = {.va = r};
    pthread_t t;
    CHECK(pthread_create(&t, NULL, reader_main, &rd) == 0);
    tu_map_tagged(r, pfns, 1, 0x500);
    wait_done(&rd, 1);
    CHECK(rd.probe_ok);
    CHECK_EQ_U64(rd.seen_probe, 0x500);
    CHECK_EQ_U64(rd.seen_plain, 0x500);
    tu_map_tagged(r + PG, pfns + 1, 1, 0x501);
    CHECK_EQ_U64(map(r, 1, pfns + 1), AWE_STATUS_INVALID_PARAMETER_3);
    AWL_ULONG_PTR none = 0;
    AWL_PVOID va1 = r + PG, va0 = r;
    AWL_PVOID vas[] = {va1, va0};
    AWL_ULONG_PTR sc[] = {none, pfns[1]};
    CHECK_EQ_U64(AwlNtMapUserPhysicalPagesScatter(vas, 2, sc), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_EQ_U64(map(r + PG, 1, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(map(r, 1, pfns + 1), AWE_STATUS_SUCCESS);
    wait_done(&rd, 2);
    CHECK(rd.probe_ok);
    CHECK_EQ_U64(rd.seen_probe, 0x501);
    CHECK_EQ_U64(rd.seen_plain, 0x501);
    /* C3: after Free returns, no VA reaches the page */
    AWL_ULONG_PTR one = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &one, pfns + 1), AWE_STATUS_SUCCESS);
    wait_done(&rd, 3);
    CHECK(!rd.probe_ok);
    pthread_join(t, NULL);
}

TEST(M_win32_wrapper_passes_through)
{
    AWL_ULONG_PTR pfns[8];
    uint8_t *r = setup(pfns);
    CHECK(AwlMapUserPhysicalPages(r, 1, pfns));
    CHECK(!AwlMapUserPhysicalPages(r + PG, 1, pfns));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    AWL_ULONG_PTR bad = 1;
    CHECK(!AwlMapUserPhysicalPages(r + PG, 1, &bad));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK(!AwlMapUserPhysicalPages(r, 1, tu_page(PROT_NONE)));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
    CHECK(AwlMapUserPhysicalPages(r, 1, NULL));
}
