/* SPDX-License-Identifier: Apache-2.0 */
/* test_virtual.c: VirtualAlloc / VirtualFree and their Nt calls on the Linux backend
 * (V1..V9 and the plain-region cases around them). */
#include <sys/mman.h>

#include "tu.h"

#define RP (AWE_MEM_RESERVE | AWE_MEM_PHYSICAL)
#define RW AWE_PAGE_READWRITE

static awe_ntstatus nt_alloc(void **base, size_t *size, uint32_t type, uint32_t prot)
{
    return AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, base, 0, size, type, prot);
}

static awe_ntstatus nt_free(void *base, size_t size, uint32_t type)
{
    return AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, type);
}

static size_t regions(void)
{
    awl_stats st;
    awl_get_stats(&st);
    return st.regions;
}

TEST(V1_reserve_physical_region_aligned_and_page_rounded)
{
    tu_default();
    void *base = NULL;
    size_t size = 5 * PG + 1;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_SUCCESS);
    CHECK(base != NULL);
    CHECK_EQ_U64((uintptr_t)base % AWE_ALLOC_GRANULARITY, 0);
    CHECK_EQ_U64(size, 6 * PG);
    AWL_ULONG_PTR pfns[7];
    tu_alloc(pfns, 7);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(base, 6, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages((uint8_t *)base + 6 * PG, 1, pfns + 6), AWE_STATUS_INVALID_PARAMETER_1);
    /* The trimmed rest of the granule goes back to the system, which may hand it to anyone
     * (the sanitizer's allocator, another thread): whether it faults is not ours to say; that
     * the region ends there is what the refused Map above shows. */
}

TEST(V1_top_down_accepted)
{
    tu_default();
    void *p = AwlVirtualAlloc(NULL, 16 * PG, RP | AWE_MEM_TOP_DOWN, RW);
    CHECK(p != NULL);
    CHECK(tu_faults(p));
}

TEST(V1_explicit_address_rounded_down_to_64K)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 64 * PG, RP, RW);
    CHECK(p != NULL);
    CHECK(AwlVirtualFree(p, 0, AWE_MEM_RELEASE));
    void *base = p + 0x1234;
    size_t size = 2 * PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_SUCCESS);
    CHECK(base == p);
    /* from the 64K boundary to the page holding the last byte */
    CHECK_EQ_U64(size, 4 * PG);
    CHECK_EQ_U64(nt_free(p, 0, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
}

TEST(V2_physical_flag_combinations_are_param5)
{
    tu_default();
    const uint32_t bad[] = {
        AWE_MEM_PHYSICAL,
        AWE_MEM_PHYSICAL | AWE_MEM_COMMIT,
        RP | AWE_MEM_COMMIT,
        RP | AWE_MEM_RESET,
        AWE_MEM_PHYSICAL | AWE_MEM_RESET,
        RP | AWE_MEM_WRITE_WATCH,
        RP | AWE_MEM_LARGE_PAGES,
        RP | AWE_MEM_COMMIT | AWE_MEM_LARGE_PAGES,
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(AwlVirtualAlloc(NULL, 16 * PG, bad[i], RW) == NULL);
        CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
        /* before address, size and handle: everything else may be wrong too */
        CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, bad[i], 0x12345),
                     AWE_STATUS_INVALID_PARAMETER_5);
    }
    CHECK_EQ_U64(regions(), 0);
}

TEST(V2_unknown_or_missing_type_bits_are_param5)
{
    tu_default();
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, AWE_MEM_RESERVE | 0x80000000u, RW),
                 AWE_STATUS_INVALID_PARAMETER_5);
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, 0, RW), AWE_STATUS_INVALID_PARAMETER_5);
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, AWE_MEM_TOP_DOWN, RW),
                 AWE_STATUS_INVALID_PARAMETER_5);
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, AWE_MEM_RESET | AWE_MEM_COMMIT, RW),
                 AWE_STATUS_INVALID_PARAMETER_5);
}

TEST(V3_physical_protection_other_than_readwrite_is_param6)
{
    tu_default();
    const uint32_t prot[] = {AWE_PAGE_READONLY, AWE_PAGE_NOACCESS, AWE_PAGE_EXECUTE_READWRITE,
                             AWE_PAGE_READWRITE | AWE_PAGE_GUARD, 0};
    for (size_t i = 0; i < sizeof prot / sizeof prot[0]; i++)
        CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, RP, prot[i]),
                     AWE_STATUS_INVALID_PARAMETER_6);
    /* V2 first */
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(NULL, NULL, 0, NULL, AWE_MEM_PHYSICAL, AWE_PAGE_READONLY),
                 AWE_STATUS_INVALID_PARAMETER_5);
}

TEST(V4_reserving_needs_no_privilege)
{
    tu_fresh(16, 0, 0);
    CHECK(AwlVirtualAlloc(NULL, 16 * PG, RP, RW) != NULL);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V5_commit_or_reset_in_an_awe_region_is_conflicting)
{
    tu_default();
    uint8_t *r = tu_region(16);
    void *base = r + PG;
    size_t size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_COMMIT, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESET, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK(AwlVirtualAlloc(r, PG, AWE_MEM_COMMIT, RW) == NULL);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK(tu_faults(r));
    /* MEM_RESERVE on it overlaps: conflicting too */
    CHECK(AwlVirtualAlloc(r, PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, RW) == NULL);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
}

TEST(V6_release_removes_mappings_pfns_stay_owned_with_data)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[3];
    tu_alloc(pfns, 3);
    tu_map_tagged(r + 2 * PG, pfns, 3, 600);
    CHECK(AwlVirtualFree(r, 0, AWE_MEM_RELEASE));
    CHECK(tu_faults(r + 2 * PG));
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.regions, 0);
    CHECK_EQ_U64(st.pages_mapped, 0);
    CHECK_EQ_U64(st.pages_owned, 3);
    /* the released range is no region any more */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, NULL), AWE_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ_U64(nt_free(r, 0, AWE_MEM_RELEASE), AWE_STATUS_MEMORY_NOT_ALLOCATED);
    uint8_t *r2 = tu_region(16);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r2, 3, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r2, 600));
    CHECK(tu_reads(r2 + PG, 601));
    CHECK(tu_reads(r2 + 2 * PG, 602));
}

TEST(V7_release_not_at_base_or_partial_is_free_vm_not_at_base)
{
    tu_default();
    uint8_t *r = tu_region(16);
    CHECK_EQ_U64(nt_free(r + PG, 0, AWE_MEM_RELEASE), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(nt_free(r, PG, AWE_MEM_RELEASE), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(nt_free(r + PG, PG, AWE_MEM_RELEASE), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(regions(), 1);
    /* the exact range releases it, as does size 0 from within its first page */
    CHECK_EQ_U64(nt_free(r, 16 * PG, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
    r = tu_region(16);
    CHECK_EQ_U64(nt_free(r + 5, 0, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(regions(), 0);
}

TEST(V7_win32_release_with_size_is_87_before_any_call)
{
    tu_default();
    uint8_t *r = tu_region(16);
    CHECK(!AwlVirtualFree(r, 16 * PG, AWE_MEM_RELEASE));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    CHECK(!AwlVirtualFree(r + PG, PG, AWE_MEM_RELEASE)); /* Nt would say FREE_VM_NOT_AT_BASE: 487 */
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    CHECK_EQ_U64(regions(), 1);
    CHECK(!AwlVirtualFree(r + PG, 0, AWE_MEM_RELEASE));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK(AwlVirtualFree(r, 0, AWE_MEM_RELEASE));
}

TEST(V8_decommit_on_awe_region_is_memory_not_allocated)
{
    tu_default();
    uint8_t *r = tu_region(16);
    CHECK_EQ_U64(nt_free(r, PG, AWE_MEM_DECOMMIT), AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK_EQ_U64(nt_free(r, 0, AWE_MEM_DECOMMIT), AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK(!AwlVirtualFree(r, 0, AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V9_release_with_decommit_or_neither_is_param4)
{
    tu_default();
    uint8_t *r = tu_region(16);
    /* before the pointers are probed */
    CHECK_EQ_U64(AwlNtFreeVirtualMemory(NULL, NULL, NULL, AWE_MEM_RELEASE | AWE_MEM_DECOMMIT),
                 AWE_STATUS_INVALID_PARAMETER_4);
    CHECK_EQ_U64(AwlNtFreeVirtualMemory(NULL, NULL, NULL, 0), AWE_STATUS_INVALID_PARAMETER_4);
    CHECK_EQ_U64(AwlNtFreeVirtualMemory(NULL, NULL, NULL, AWE_MEM_RELEASE | 1u), AWE_STATUS_INVALID_PARAMETER_4);
    CHECK(!AwlVirtualFree(r, 0, AWE_MEM_RELEASE | AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V_size_zero_and_beyond_user_space_are_param4)
{
    tu_default();
    void *base = NULL;
    size_t size = 0;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_INVALID_PARAMETER_4);
    size = (size_t)AWE_HIGHEST_USER_ADDRESS + 2;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_INVALID_PARAMETER_4);
    base = (void *)(uintptr_t)0x7fff00000000ull;
    size = 0x100000000ull;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_INVALID_PARAMETER_4);
    base = (void *)(uintptr_t)(AWE_HIGHEST_USER_ADDRESS + 1);
    size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(regions(), 0);
}

TEST(V_free_bounds_param2_and_param3)
{
    tu_default();
    CHECK_EQ_U64(nt_free((void *)(uintptr_t)(AWE_HIGHEST_USER_ADDRESS + 1), 0, AWE_MEM_RELEASE),
                 AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(nt_free((void *)(uintptr_t)0x10000, (size_t)AWE_HIGHEST_USER_ADDRESS, AWE_MEM_RELEASE),
                 AWE_STATUS_INVALID_PARAMETER_3);
}

TEST(V_zero_bits)
{
    tu_default();
    void *base = NULL;
    size_t size = 16 * PG;
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 22, &size, RP, RW),
                 AWE_STATUS_INVALID_PARAMETER_3); /* 22 + 32 > 53 */
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 0x00007fffffffffffull, &size, RP, RW),
                 AWE_STATUS_INVALID_PARAMETER_3); /* top above the highest user address */
    awe_ntstatus st = AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 1, &size, RP, RW);
    if (st == AWE_STATUS_SUCCESS) {
        CHECK((uintptr_t)base + size - 1 <= 0x7fffffffu);
        CHECK_EQ_U64(regions(), 1);
    } else {
        CHECK_EQ_U64(st, AWE_STATUS_NO_MEMORY);
        CHECK_EQ_U64(regions(), 0);
    }
}

TEST(V_reserve_overlapping_a_region_is_conflicting)
{
    tu_default();
    uint8_t *r = tu_region(32);
    void *base = r + 17 * PG;
    size_t size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESERVE, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
    base = r - 16 * PG;
    size = 17 * PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, RP, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V_reserve_in_the_first_64K_is_conflicting)
{
    tu_default();
    void *base = (void *)(uintptr_t)0x1234;
    size_t size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(regions(), 0);
}

TEST(V_reserve_over_a_foreign_mapping_is_conflicting)
{
    tu_default();
    uint8_t *p = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    uint8_t *aligned = (uint8_t *)(((uintptr_t)p + 0xffff) & ~(uintptr_t)0xffff);
    aligned[0] = 7;
    CHECK(AwlVirtualAlloc(aligned, PG, RP, RW) == NULL);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK_EQ_U64(aligned[0], 7); /* never clobbered */
    munmap(p, 32 * PG);
}

TEST(V_commit_inside_plain_region_succeeds)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 16 * PG, AWE_MEM_RESERVE, RW);
    CHECK(p != NULL);
    CHECK(tu_faults(p + 4 * PG));
    void *base = p + 4 * PG + 10;
    size_t size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_COMMIT, RW), AWE_STATUS_SUCCESS);
    CHECK(base == p + 4 * PG);
    CHECK_EQ_U64(size, 2 * PG); /* bytes 10 .. 4105 touch two pages */
    CHECK(tu_reads(p + 4 * PG, 0));
    CHECK(tu_poke(p + 5 * PG, 9));
    CHECK(tu_faults(p + 6 * PG));
    CHECK(AwlVirtualAlloc(p + 8 * PG, PG, AWE_MEM_COMMIT, AWE_PAGE_READONLY) == p + 8 * PG);
    CHECK(tu_reads(p + 8 * PG, 0));
    CHECK(!tu_poke(p + 8 * PG, 1));
    /* MEM_RESET keeps or drops data: it succeeds */
    base = p + 5 * PG;
    size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESET, RW), AWE_STATUS_SUCCESS);
}

TEST(V_commit_outside_or_across_plain_region_is_conflicting)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 16 * PG, AWE_MEM_RESERVE, RW);
    CHECK(AwlVirtualAlloc(p + 15 * PG, 2 * PG, AWE_MEM_COMMIT, RW) == NULL);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    uint64_t word;
    CHECK(AwlVirtualAlloc(&word, PG, AWE_MEM_COMMIT, RW) == NULL);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    void *base = p + 100;
    size_t size = 10; /* MEM_RESET of less than a whole page: nothing to reset */
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESET, RW), AWE_STATUS_CONFLICTING_ADDRESSES);
}

TEST(V_reserve_commit_plain_region_is_usable)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 3 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, RW);
    CHECK(p != NULL);
    p[0] = 1;
    p[3 * PG - 1] = 2;
    CHECK(tu_reads(p + PG, 0));
    /* MEM_COMMIT with no address reserves and commits too */
    uint8_t *q = AwlVirtualAlloc(NULL, PG, AWE_MEM_COMMIT, RW);
    CHECK(q != NULL);
    q[5] = 3;
    CHECK(AwlVirtualFree(q, 0, AWE_MEM_RELEASE));
    CHECK(AwlVirtualFree(p, 0, AWE_MEM_RELEASE));
    CHECK_EQ_U64(regions(), 0);
}

TEST(V_protection_checks)
{
    tu_default();
    CHECK(AwlVirtualAlloc(NULL, PG, AWE_MEM_RESERVE, 0x3) == NULL); /* two base protections */
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    void *base = NULL;
    size_t size = PG;
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESERVE, 0), 0xC0000045u);
    CHECK_EQ_U64(nt_alloc(&base, &size, AWE_MEM_RESERVE, AWE_PAGE_WRITECOPY), 0xC0000045u);
    CHECK(AwlVirtualAlloc(NULL, PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_NOACCESS) != NULL);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V_free_of_an_unknown_address_is_memory_not_allocated)
{
    tu_default();
    uint64_t word;
    CHECK_EQ_U64(nt_free(&word, 0, AWE_MEM_RELEASE), AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK_EQ_U64(nt_free(NULL, 0, AWE_MEM_RELEASE), AWE_STATUS_MEMORY_NOT_ALLOCATED);
    CHECK(!AwlVirtualFree(&word, 0, AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
}

TEST(V_decommit_plain_drops_data_and_faults)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 4 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, RW);
    CHECK(p != NULL);
    p[PG] = 5;
    p[2 * PG] = 6;
    CHECK(AwlVirtualFree(p + PG, PG, AWE_MEM_DECOMMIT));
    CHECK(tu_faults(p + PG));
    CHECK_EQ_U64(p[2 * PG], 6);
    CHECK(AwlVirtualAlloc(p + PG, PG, AWE_MEM_COMMIT, RW) == p + PG);
    CHECK_EQ_U64(p[PG], 0);
    CHECK_EQ_U64(nt_free(p + PG, 0, AWE_MEM_DECOMMIT), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(nt_free(p, 0, AWE_MEM_DECOMMIT), AWE_STATUS_SUCCESS); /* the whole region */
    CHECK(tu_faults(p + 2 * PG));
    CHECK_EQ_U64(regions(), 1);
}

TEST(V_release_plain_region_only_whole)
{
    tu_default();
    uint8_t *p = AwlVirtualAlloc(NULL, 4 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, RW);
    CHECK_EQ_U64(nt_free(p + PG, 0, AWE_MEM_RELEASE), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(nt_free(p, PG, AWE_MEM_RELEASE), AWE_STATUS_FREE_VM_NOT_AT_BASE);
    CHECK_EQ_U64(nt_free(p, 4 * PG, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(regions(), 0);
}

TEST(V_range_leaving_the_region_is_unable_to_free_vm)
{
    tu_default();
    uint8_t *r = tu_region(16);
    CHECK_EQ_U64(nt_free(r + PG, 16 * PG, AWE_MEM_RELEASE), 0xC000001Au);
    CHECK(!AwlVirtualFree(r + 15 * PG, 2 * PG, AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    CHECK_EQ_U64(regions(), 1);
}

TEST(V_outputs_written_back)
{
    tu_default();
    uint8_t *r = tu_region(16);
    void *base = r + 7;
    size_t size = 0;
    CHECK_EQ_U64(AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
    CHECK(base == r);
    CHECK_EQ_U64(size, 16 * PG);
}

/* With a placement guard, pages past a region's end and the range of a released region are
 * never another region's until the reset, and stay inaccessible; an explicit reservation may
 * still take a released range, as on Windows. */
TEST(V1_placement_guard_keeps_neighbours_and_released_ranges_out_of_new_regions)
{
    tu_default();
    CHECK_EQ_U64(awl_set_placement_guard(64), 0);
    void *a = NULL, *plain = NULL;
    size_t size = 4 * PG, psize = 4 * PG;
    CHECK_EQ_U64(nt_alloc(&a, &size, RP, RW), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(nt_alloc(&plain, &psize, AWE_MEM_RESERVE | AWE_MEM_COMMIT, RW), AWE_STATUS_SUCCESS);
    uint64_t word;
    /* the page after a committed plain region is guard: it faults */
    CHECK(awl_probe_read((uint8_t *)plain + psize, &word, sizeof word) != 0);
    CHECK_EQ_U64(nt_free(a, 0, AWE_MEM_RELEASE), AWE_STATUS_SUCCESS);
    for (int i = 0; i < 8; i++) {
        void *b = NULL;
        size_t bsize = 4 * PG;
        CHECK_EQ_U64(nt_alloc(&b, &bsize, RP, RW), AWE_STATUS_SUCCESS);
        uintptr_t lo = (uintptr_t)b, hi = lo + bsize + 64 * PG;
        /* neither the released range nor the guards of the other regions */
        CHECK(hi <= (uintptr_t)a || lo >= (uintptr_t)a + 4 * PG + 64 * PG);
        CHECK(hi <= (uintptr_t)plain || lo >= (uintptr_t)plain + psize + 64 * PG);
    }
    /* an explicit reservation takes the released range back */
    void *again = a;
    size = 4 * PG;
    CHECK_EQ_U64(nt_alloc(&again, &size, RP, RW), AWE_STATUS_SUCCESS);
    CHECK(again == a);
    CHECK_EQ_U64(awl_reset(), 0);
    CHECK_EQ_U64(awl_set_placement_guard(0), 0);
}
