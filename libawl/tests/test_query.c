/* SPDX-License-Identifier: Apache-2.0 */
/* test_query.c: NtQueryVirtualMemory / VirtualQuery (Q1..Q9) on AWE and plain regions, the
 * answers held against /proc/self/maps. */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "tu_vm.h"

static awe_ntstatus query(const void *va, void *buf, AWL_SIZE_T len, AWL_SIZE_T *ret)
{
    return AwlNtQueryVirtualMemory(AWL_CURRENT_PROCESS, va, 0, buf, len, ret);
}

TEST(Q1_short_buffer_is_info_length_mismatch)
{
    tu_default();
    uint8_t *r = tu_region(4);
    awe_mbi m;
    AWL_SIZE_T ret = 7;
    /* first check of all: even a NULL buffer and an address above user space */
    CHECK_EQ_U64(query((void *)UINT64_MAX, NULL, sizeof m - 1, &ret), AWE_STATUS_INFO_LENGTH_MISMATCH);
    CHECK_EQ_U64(ret, 7);
    AwlSetLastError(0);
    CHECK_EQ_U64(AwlVirtualQuery(r, &m, sizeof m - 1), 0);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_BAD_LENGTH);
}

TEST(Q1_misaligned_buffer_is_datatype_misalignment)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t room[8];
    CHECK_EQ_U64(query(r, (uint8_t *)room + 4, sizeof(awe_mbi), NULL), AWE_STATUS_DATATYPE_MISALIGNMENT);
    AwlSetLastError(0);
    CHECK_EQ_U64(AwlVirtualQuery(r, (uint8_t *)room + 1, sizeof(awe_mbi)), 0);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
    /* before the address check */
    CHECK_EQ_U64(query((void *)UINT64_MAX, (uint8_t *)room + 4, sizeof(awe_mbi), NULL),
                 AWE_STATUS_DATATYPE_MISALIGNMENT);
}

TEST(Q1_bad_buffers_and_return_lengths_are_access_violations)
{
    tu_default();
    uint8_t *r = tu_region(4);
    awe_mbi zero;
    memset(&zero, 0, sizeof zero);
    void *bad[] = {NULL, tu_page(PROT_NONE), tu_readonly_copy(&zero, sizeof zero),
                   tu_guarded(sizeof zero - 8)};
    awe_mbi good;
    AWL_SIZE_T ret;
    for (int k = 0; k < 4; k++) {
        CHECK_EQ_U64(query(r, bad[k], sizeof zero, &ret), AWE_STATUS_ACCESS_VIOLATION);
        /* the length given is probed, not just the 48 bytes written */
        if (k == 3)
            CHECK_EQ_U64(query(r, tu_guarded(sizeof zero), sizeof zero + 8, &ret),
                         AWE_STATUS_ACCESS_VIOLATION);
        if (k > 0) { /* a NULL ReturnLength is allowed */
            memset(&good, 0x5A, sizeof good);
            void *ret_bad = k == 3 ? tu_guarded(4) : bad[k];
            CHECK_EQ_U64(query(r, &good, sizeof good, ret_bad), AWE_STATUS_ACCESS_VIOLATION);
            CHECK_EQ_U64(good.state, 0x5A5A5A5Au); /* nothing written */
        }
        /* before the address check */
        CHECK_EQ_U64(query((void *)UINT64_MAX, bad[k], sizeof zero, &ret), AWE_STATUS_ACCESS_VIOLATION);
    }
    CHECK_EQ_U64(query(r, &good, sizeof good, NULL), AWE_STATUS_SUCCESS);
    AwlSetLastError(0);
    CHECK_EQ_U64(AwlVirtualQuery(r, NULL, sizeof good), 0);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
}

TEST(Q1_address_above_user_space_is_invalid_parameter)
{
    tu_default();
    awe_mbi m;
    CHECK_EQ_U64(query((void *)(uintptr_t)(AWE_HIGHEST_USER_ADDRESS + 1), &m, sizeof m, NULL),
                 AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(query((void *)(uintptr_t)AWE_HIGHEST_USER_ADDRESS, &m, sizeof m, NULL), AWE_STATUS_SUCCESS);
    AwlSetLastError(0);
    CHECK_EQ_U64(AwlVirtualQuery((void *)UINT64_MAX, &m, sizeof m), 0);
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    /* before the handle */
    CHECK_EQ_U64(AwlNtQueryVirtualMemory((AWL_HANDLE)(uintptr_t)0x1234, (void *)UINT64_MAX, 0, &m,
                                         sizeof m, NULL),
                 AWE_STATUS_INVALID_PARAMETER);
}

TEST(Q1_handle_needs_query_access)
{
    tu_default();
    uint8_t *r = tu_region(2);
    awe_mbi m;
    AWL_HANDLE none = awl_open_process(AWE_PROCESS_VM_OPERATION);
    AWL_HANDLE limited = awl_open_process(AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    AWL_HANDLE full = awl_open_process(0x0400u);
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(NULL, r, 0, &m, sizeof m, NULL), AWE_STATUS_INVALID_HANDLE);
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(none, r, 0, &m, sizeof m, NULL), AWE_STATUS_ACCESS_DENIED);
    /* NT52 predates PROCESS_QUERY_LIMITED_INFORMATION: it does not do for a query */
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(limited, r, 0, &m, sizeof m, NULL), AWE_STATUS_ACCESS_DENIED);
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(full, r, 0, &m, sizeof m, NULL), AWE_STATUS_SUCCESS);
}

TEST(Q1_other_information_classes_are_invalid_parameter)
{
    tu_default();
    awe_mbi m;
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(AWL_CURRENT_PROCESS, NULL, 2, &m, sizeof m, NULL),
                 AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(AWL_CURRENT_PROCESS, NULL, 0, &m, sizeof m, NULL),
                 AWE_STATUS_SUCCESS);
}

TEST(Q2_success_reports_the_size_and_changes_nothing)
{
    tu_default();
    uint8_t *r = tu_region(8);
    uint64_t p[2];
    tu_alloc(p, 2);
    tu_map_tagged(r + PG, p, 2, 0x70);
    uint8_t *bases[] = {r};
    size_t pages[] = {8};
    char *before = tu_picture(bases, pages, 1);
    uint64_t big[16];
    AWL_SIZE_T ret = 0;
    CHECK_EQ_U64(query(r + PG, big, sizeof big, &ret), AWE_STATUS_SUCCESS); /* longer is fine */
    CHECK_EQ_U64(ret, AWE_MBI_SIZE);
    awe_mbi m;
    CHECK_EQ_U64(AwlVirtualQuery(r, &m, sizeof m), AWE_MBI_SIZE);
    char *after = tu_picture(bases, pages, 1);
    CHECK(strcmp(before, after) == 0);
    free(before);
    free(after);
}

TEST(Q3_base_address_is_the_page_of_the_address)
{
    tu_default();
    uint8_t *r = tu_region(8);
    CHECK_EQ_U64(tu_query(r + 0x1234).base_address, (uintptr_t)r + 0x1000);
    CHECK_EQ_U64(tu_query(r + 0x7FFF).base_address, (uintptr_t)r + 0x7000);
    CHECK_EQ_U64(tu_query((void *)0x1234).base_address, 0x1000);
}

TEST(Q4_allocation_fields_are_the_regions_for_every_page)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t p;
    tu_alloc(&p, 1);
    tu_map_tagged(r + 2 * PG, &p, 1, 1);
    AWL_DWORD old;
    CHECK(AwlVirtualProtect(r + 2 * PG, 1, AWE_PAGE_READONLY, &old));
    for (int i = 0; i < 4; i++) {
        awe_mbi m = tu_query(r + i * PG + 9);
        CHECK_EQ_U64(m.allocation_base, (uintptr_t)r);
        CHECK_EQ_U64(m.allocation_protect, AWE_PAGE_READWRITE);
        CHECK_EQ_U64(m.type, AWE_MEM_PRIVATE);
    }
}

TEST(Q5_unmapped_pages_are_reserved_with_protection_0)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t p[2];
    awe_mbi m = tu_query(r); /* never mapped */
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(m.protect, 0);
    tu_alloc(p, 2);
    tu_map_tagged(r, p, 2, 1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, NULL), AWE_STATUS_SUCCESS); /* unmapped */
    m = tu_query(r);
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(m.protect, 0);
    AWL_ULONG_PTR n = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, p + 1), AWE_STATUS_SUCCESS);
    m = tu_query(r + PG); /* its frame freed */
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(m.protect, 0);
    CHECK_EQ_U64(m.region_size, 3 * PG); /* pages 1..3 */
    CHECK(tu_maps_agree(r, 4, 1));
}

TEST(Q6_mapped_pages_are_committed_with_their_protection)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t p[3];
    tu_alloc(p, 3);
    tu_map_tagged(r, p, 3, 1);
    AWL_DWORD old;
    CHECK(AwlVirtualProtect(r + PG, 1, AWE_PAGE_READONLY, &old));
    CHECK(AwlVirtualProtect(r + 2 * PG, 1, AWE_PAGE_NOACCESS, &old));
    const uint32_t want[] = {AWE_PAGE_READWRITE, AWE_PAGE_READONLY, AWE_PAGE_NOACCESS, 0};
    for (int i = 0; i < 4; i++) {
        awe_mbi m = tu_query(r + i * PG);
        CHECK_EQ_U64(m.state, i < 3 ? AWE_MEM_COMMIT : AWE_MEM_RESERVE);
        CHECK_EQ_U64(m.protect, want[i]);
    }
    CHECK(tu_maps_agree(r, 4, 1));
}

TEST(Q7_runs_follow_the_rules_example)
{
    tu_default();
    uint8_t *r = tu_region(8);
    uint64_t p[2];
    tu_alloc(p, 2);
    tu_map_tagged(r + 2 * PG, p, 2, 1);
    awe_mbi m = tu_query(r + 0x1234);
    CHECK_EQ_U64(m.base_address, (uintptr_t)r + 0x1000);
    CHECK_EQ_U64(m.region_size, 0x1000);
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    m = tu_query(r + 0x2000);
    CHECK_EQ_U64(m.region_size, 0x2000);
    CHECK_EQ_U64(m.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(m.protect, AWE_PAGE_READWRITE);
    m = tu_query(r + 0x4000);
    CHECK_EQ_U64(m.region_size, 0x4000);
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK(tu_maps_agree(r, 8, 1));
}

/* Found by seedless fuzzing: pages unmapped again leave the window of mapped pages as it was,
 * and an unmapped run starting below it must go on through them. */
TEST(Q7_unmapped_run_goes_through_pages_unmapped_again)
{
    tu_default();
    uint8_t *r = tu_region(48);
    uint64_t p[10];
    tu_alloc(p, 10);
    tu_map_tagged(r + 38 * PG, p, 10, 1);
    void *unmap[] = {r + 38 * PG, r + 39 * PG, r + 40 * PG, r + 41 * PG, r + 42 * PG};
    AWL_ULONG_PTR zeros[5] = {0};
    CHECK_EQ_U64(AwlNtMapUserPhysicalPagesScatter(unmap, 5, zeros), AWE_STATUS_SUCCESS);
    awe_mbi m = tu_query(r + 13 * PG);
    CHECK_EQ_U64(m.region_size, 30 * PG); /* pages 13..42, up to the first mapped one */
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK(tu_maps_agree(r, 48, 1));
}

TEST(Q7_different_frames_with_one_protection_are_one_run_that_stops_at_the_end)
{
    tu_default();
    uint8_t *r = tu_region(6);
    uint8_t *next = tu_region(6);
    uint64_t p[4];
    tu_alloc(p, 4);
    AWL_ULONG_PTR shuffled[] = {p[3], p[0], p[2], p[1]};
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 2 * PG, 4, shuffled), AWE_STATUS_SUCCESS);
    awe_mbi m = tu_query(r + 2 * PG);
    CHECK_EQ_U64(m.region_size, 4 * PG); /* to R.end, not into the next region */
    AWL_DWORD old;
    CHECK(AwlVirtualProtect(r + 4 * PG, 1, AWE_PAGE_READONLY, &old));
    CHECK_EQ_U64(tu_query(r + 2 * PG).region_size, 2 * PG);
    CHECK_EQ_U64(tu_query(r + 4 * PG).region_size, PG);
    CHECK_EQ_U64(tu_query(r + 5 * PG).region_size, PG);
    CHECK_EQ_U64(tu_query(next).region_size, 6 * PG);
}

TEST(Q8_released_regions_and_the_rest_of_the_granule_are_free)
{
    tu_default();
    uint8_t *r = tu_region(3);
    awe_mbi m = tu_query(r + 3 * PG + 5); /* after R.end, inside its 64K granule */
    CHECK_EQ_U64(m.state, AWE_MEM_FREE);
    CHECK_EQ_U64(m.base_address, (uintptr_t)r + 3 * PG);
    uint8_t *after = AwlVirtualAlloc(r + 0x10000, PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    if (after != NULL) /* the next granule may be taken by a foreign mapping */
        CHECK_EQ_U64(tu_query(r + 3 * PG).region_size, 13 * PG);
    CHECK(AwlVirtualFree(r, 0, AWE_MEM_RELEASE));
    m = tu_query(r + PG);
    CHECK_EQ_U64(m.state, AWE_MEM_FREE);
    CHECK_EQ_U64(m.base_address, (uintptr_t)r + PG);
    if (after != NULL)
        CHECK_EQ_U64(m.region_size, 15 * PG);
    CHECK(m.region_size > 0);
}

/* A mapper thread maps and unmaps page 0 while the main thread queries it. */
static void *flip(void *arg)
{
    uint8_t *r = arg;
    AWL_ULONG_PTR p = 0x1000;
    for (int i = 0; i < 2000; i++) {
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, &p), AWE_STATUS_SUCCESS);
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, NULL), AWE_STATUS_SUCCESS);
    }
    return NULL;
}

TEST(Q9_a_query_during_a_map_sees_a_state_before_or_after_it)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t p;
    tu_alloc(&p, 1);
    CHECK_EQ_U64(p, 0x1000);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, flip, r) == 0);
    for (int i = 0; i < 2000; i++) {
        awe_mbi m = tu_query(r);
        int mapped = m.state == AWE_MEM_COMMIT && m.protect == AWE_PAGE_READWRITE && m.region_size == PG;
        int unmapped = m.state == AWE_MEM_RESERVE && m.protect == 0 && m.region_size == 4 * PG;
        CHECK(mapped || unmapped);
    }
    pthread_join(t, NULL);
}

TEST(Q6_plain_regions_report_commit_reserve_and_their_allocation)
{
    tu_default();
    uint8_t *c = AwlVirtualAlloc(NULL, 4 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    uint8_t *v = AwlVirtualAlloc(NULL, 4 * PG, AWE_MEM_RESERVE, AWE_PAGE_READONLY);
    CHECK(c != NULL && v != NULL);
    awe_mbi m = tu_query(c + PG);
    CHECK_EQ_U64(m.state, AWE_MEM_COMMIT);
    CHECK_EQ_U64(m.protect, AWE_PAGE_READWRITE);
    CHECK_EQ_U64(m.region_size, 3 * PG);
    CHECK_EQ_U64(m.allocation_base, (uintptr_t)c);
    CHECK_EQ_U64(m.type, AWE_MEM_PRIVATE);
    m = tu_query(v);
    CHECK_EQ_U64(m.state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(m.protect, 0);
    CHECK_EQ_U64(m.allocation_protect, AWE_PAGE_READONLY);
    CHECK(AwlVirtualAlloc(v + PG, PG, AWE_MEM_COMMIT, AWE_PAGE_READWRITE) == v + PG);
    CHECK(AwlVirtualFree(c + 2 * PG, PG, AWE_MEM_DECOMMIT));
    const uint32_t cs[] = {AWE_MEM_COMMIT, AWE_MEM_COMMIT, AWE_MEM_RESERVE, AWE_MEM_COMMIT};
    const uint32_t vs[] = {AWE_MEM_RESERVE, AWE_MEM_COMMIT, AWE_MEM_RESERVE, AWE_MEM_RESERVE};
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_U64(tu_query(c + i * PG).state, cs[i]);
        CHECK_EQ_U64(tu_query(v + i * PG).state, vs[i]);
    }
    CHECK_EQ_U64(tu_query(v + 2 * PG).region_size, 2 * PG);
    CHECK(tu_maps_agree(c, 4, 0));
    CHECK(tu_maps_agree(v, 4, 0));
}
