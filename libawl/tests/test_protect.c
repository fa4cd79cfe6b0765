/* SPDX-License-Identifier: Apache-2.0 */
/* test_protect.c: NtProtectVirtualMemory / VirtualProtect (P1..P13) on AWE and plain
 * regions: real protections (accesses through the fault-safe probe, /proc/self/maps), all or
 * nothing under fault injection. */
#include <string.h>
#include <sys/mman.h>

#include "tu_vm.h"

static awe_ntstatus protect(void *va, AWL_SIZE_T size, uint32_t prot, AWL_ULONG *old)
{
    AWL_PVOID base = va;
    return AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, prot, old);
}

/* An 8-page AWE region with pages 0..3 mapped and tagged 0x50 + i. */
static uint8_t *awe_scene(uint64_t *p)
{
    tu_default();
    uint8_t *r = tu_region(8);
    tu_alloc(p, 4);
    tu_map_tagged(r, p, 4, 0x50);
    return r;
}

TEST(P1_malformed_protections_fail_before_everything)
{
    tu_default();
    const uint32_t bad[] = {0, AWE_PAGE_READONLY | AWE_PAGE_READWRITE, AWE_PAGE_NOACCESS | AWE_PAGE_GUARD,
                            AWE_PAGE_READWRITE | AWE_PAGE_GUARD | AWE_PAGE_NOCACHE, 0x800 | AWE_PAGE_READWRITE,
                            AWE_PAGE_GUARD};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        /* NULL pointers and a garbage handle: P1 still decides */
        CHECK_EQ_U64(AwlNtProtectVirtualMemory((AWL_HANDLE)(uintptr_t)0x77, NULL, NULL, bad[i], NULL),
                     AWE_STATUS_INVALID_PAGE_PROTECTION);
    }
    AWL_DWORD old;
    AwlSetLastError(0);
    CHECK(!AwlVirtualProtect(NULL, 1, 0x1000, &old));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
}

TEST(P2_bad_base_size_and_old_protection_pointers)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    uint64_t zero = 0;
    AWL_ULONG old = 0xAAAA;
    for (int k = 0; k < 4; k++) {
        void *bad = k == 0 ? NULL : k == 1 ? tu_page(PROT_NONE) : k == 2 ? tu_readonly_copy(&zero, 8) : tu_guarded(4);
        AWL_PVOID base = r;
        AWL_SIZE_T size = PG;
        CHECK_EQ_U64(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, bad, &size, AWE_PAGE_READONLY, &old),
                     AWE_STATUS_ACCESS_VIOLATION);
        CHECK_EQ_U64(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, bad, AWE_PAGE_READONLY, &old),
                     AWE_STATUS_ACCESS_VIOLATION);
        void *bad_old = k == 3 ? tu_guarded(2) : bad;
        CHECK_EQ_U64(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_PAGE_READONLY, bad_old),
                     AWE_STATUS_ACCESS_VIOLATION);
    }
    CHECK_EQ_U64(old, 0xAAAA);
    CHECK_EQ_U64(tu_query(r).protect, AWE_PAGE_READWRITE); /* nothing changed */
    AwlSetLastError(0);
    CHECK(!AwlVirtualProtect(r, PG, AWE_PAGE_READONLY, NULL));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOACCESS);
}

TEST(P3_base_and_size_limits)
{
    tu_default();
    AWL_ULONG old;
    CHECK_EQ_U64(protect((void *)(uintptr_t)(AWE_HIGHEST_USER_ADDRESS + 1), 1, AWE_PAGE_READONLY, &old),
                 AWE_STATUS_INVALID_PARAMETER_2);
    CHECK_EQ_U64(protect((void *)0x10000, 0, AWE_PAGE_READONLY, &old), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_EQ_U64(protect((void *)0x10000, AWE_HIGHEST_USER_ADDRESS, AWE_PAGE_READONLY, &old),
                 AWE_STATUS_INVALID_PARAMETER_3);
}

TEST(P4_handle_needs_vm_operation)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_PVOID base = r;
    AWL_SIZE_T size = PG;
    AWL_ULONG old;
    CHECK_EQ_U64(AwlNtProtectVirtualMemory(NULL, &base, &size, AWE_PAGE_READONLY, &old), AWE_STATUS_INVALID_HANDLE);
    AWL_HANDLE h = awl_open_process(AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    CHECK_EQ_U64(AwlNtProtectVirtualMemory(h, &base, &size, AWE_PAGE_READONLY, &old), AWE_STATUS_ACCESS_DENIED);
    h = awl_open_process(AWE_PROCESS_VM_OPERATION);
    CHECK_EQ_U64(AwlNtProtectVirtualMemory(h, &base, &size, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
}

TEST(P5_the_range_must_lie_in_one_allocation)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    uint8_t *r2 = AwlVirtualAlloc(r + 8 * PG, PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r - PG, 2 * PG, AWE_PAGE_READONLY, &old), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(protect(r + 7 * PG, 2 * PG, AWE_PAGE_READONLY, &old), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(protect(r + 9 * PG + 0x10000, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_CONFLICTING_ADDRESSES);
    (void)r2; /* r + 8 pages lies in r's granule: never a region; the past-end case covers it */
    CHECK_EQ_U64(tu_query(r).protect, AWE_PAGE_READWRITE);
}

TEST(P6_awe_regions_take_readwrite_readonly_and_noaccess_only)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_ULONG old = 0;
    const uint32_t refused[] = {AWE_PAGE_WRITECOPY, AWE_PAGE_EXECUTE, AWE_PAGE_EXECUTE_READ,
                                AWE_PAGE_EXECUTE_READWRITE, AWE_PAGE_READWRITE | AWE_PAGE_GUARD,
                                AWE_PAGE_READONLY | AWE_PAGE_NOCACHE, AWE_PAGE_READWRITE | AWE_PAGE_WRITECOMBINE};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        CHECK_EQ_U64(protect(r, PG, refused[i], &old), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(protect(r, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(protect(r + PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(protect(r, PG, AWE_PAGE_READWRITE, &old), AWE_STATUS_SUCCESS);
}

TEST(P7_a_failed_call_changes_nothing)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r + PG, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    uint8_t *bases[] = {r, r};
    size_t pages[] = {8, 0};
    char *before = tu_picture(bases, pages, 2);
    AWL_ULONG untouched = 0x5151;
    CHECK_EQ_U64(protect(r, 9 * PG, AWE_PAGE_NOACCESS, &untouched), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(protect(r, 2 * PG, AWE_PAGE_EXECUTE, &untouched), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(untouched, 0x5151);
    char *after = tu_picture(bases, pages, 2);
    CHECK(strcmp(before, after) == 0);
    free(before);
    free(after);
}

TEST(P8_base_and_size_come_back_page_rounded)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_PVOID base = r + PG - 1;
    AWL_SIZE_T size = 2; /* two bytes across a page boundary: two pages */
    AWL_ULONG old;
    CHECK_EQ_U64(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_PAGE_READONLY, &old),
                 AWE_STATUS_SUCCESS);
    CHECK(base == r);
    CHECK_EQ_U64(size, 2 * PG);
}

TEST(P9_mapped_pages_take_the_protection_and_keep_frame_and_data)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r + 2 * PG, 4 * PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(tu_query(r + 2 * PG).protect, AWE_PAGE_READONLY);
    CHECK_EQ_U64(tu_query(r + 2 * PG).region_size, 2 * PG);
    CHECK_EQ_U64(tu_query(r + 4 * PG).state, AWE_MEM_RESERVE); /* unmapped: passed over */
    CHECK(tu_reads(r + 2 * PG, 0x52) && tu_reads(r + 3 * PG, 0x53));
    /* still mapped for M6: mapping its frame elsewhere fails */
    AWL_ULONG_PTR again = p[2];
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 6 * PG, 1, &again), AWE_STATUS_INVALID_PARAMETER_3);
    CHECK(tu_maps_agree(r, 8, 1));
    /* a range without a mapped page: no effect, even before any allocation */
    tu_default();
    uint8_t *fresh = tu_region(4);
    CHECK_EQ_U64(protect(fresh, 4 * PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_NOACCESS);
    CHECK_EQ_U64(tu_query(fresh).region_size, 4 * PG);
    CHECK(tu_maps_agree(fresh, 4, 1));
}

TEST(P10_old_protection_is_the_first_pages_only)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_ULONG old = 0;
    CHECK_EQ_U64(protect(r + PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_READWRITE);
    CHECK_EQ_U64(protect(r, 3 * PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_READWRITE); /* page 1's NOACCESS is not consulted */
    CHECK_EQ_U64(protect(r + PG, PG, AWE_PAGE_READWRITE, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_READONLY);
    CHECK_EQ_U64(protect(r + 5 * PG, 2 * PG, AWE_PAGE_READWRITE, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_NOACCESS); /* unmapped */
    CHECK_EQ_U64(protect(r + 3 * PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(protect(r + 3 * PG, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(old, AWE_PAGE_NOACCESS); /* mapped no-access */
}

TEST(P11_map_unmap_remap_and_free_end_a_protection)
{
    uint64_t p[6];
    uint8_t *r = awe_scene(p);
    tu_alloc(p + 4, 2);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r, 4 * PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, NULL), AWE_STATUS_SUCCESS);           /* unmap */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, (AWL_ULONG_PTR *)p), AWE_STATUS_SUCCESS); /* and back */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + PG, 1, (AWL_ULONG_PTR *)p + 4), AWE_STATUS_SUCCESS); /* remap */
    AWL_PVOID va = r + 2 * PG;
    AWL_ULONG_PTR f = p[5];
    CHECK_EQ_U64(AwlNtMapUserPhysicalPagesScatter(&va, 1, &f), AWE_STATUS_SUCCESS);    /* scatter */
    AWL_ULONG_PTR n = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, (AWL_ULONG_PTR *)p + 3), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 3 * PG, 1, (AWL_ULONG_PTR *)p + 2), AWE_STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_U64(tu_query(r + i * PG).protect, AWE_PAGE_READWRITE);
        CHECK(tu_poke(r + i * PG, 0x99));
    }
    CHECK(tu_maps_agree(r, 8, 1));
}

TEST(P12_unmapped_pages_in_the_range_are_no_error)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + PG, 1, NULL), AWE_STATUS_SUCCESS);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r, 8 * PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(tu_query(r + PG).state, AWE_MEM_RESERVE);
    CHECK_EQ_U64(tu_query(r + PG).protect, 0);
    CHECK_EQ_U64(tu_query(r + 2 * PG).protect, AWE_PAGE_NOACCESS);
    CHECK(tu_maps_agree(r, 8, 1));
}

TEST(P13_readonly_pages_read_noaccess_pages_fault_data_survives)
{
    uint64_t p[4];
    uint8_t *r = awe_scene(p);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(r, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(protect(r + PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r, 0x50));
    CHECK(!tu_poke(r, 1));
    CHECK(tu_faults(r + PG));
    CHECK(!tu_poke(r + PG, 1));
    CHECK(tu_poke(r + 2 * PG, 0x77) && tu_reads(r + 2 * PG, 0x77));
    CHECK_EQ_U64(protect(r, 2 * PG, AWE_PAGE_READWRITE, &old), AWE_STATUS_SUCCESS);
    CHECK(tu_reads(r, 0x50) && tu_reads(r + PG, 0x51)); /* C1 */
    CHECK(tu_poke(r + PG, 2));
}

TEST(P9_plain_committed_pages_take_any_protection_but_writecopy)
{
    tu_default();
    uint8_t *c = AwlVirtualAlloc(NULL, 4 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    CHECK(c != NULL && tu_poke(c, 0x31));
    AWL_DWORD old = 0;
    CHECK(AwlVirtualProtect(c, PG, AWE_PAGE_READONLY, &old));
    CHECK_EQ_U64(old, AWE_PAGE_READWRITE);
    CHECK(tu_reads(c, 0x31) && !tu_poke(c, 1));
    CHECK(AwlVirtualProtect(c, 2 * PG, AWE_PAGE_NOACCESS, &old));
    CHECK_EQ_U64(old, AWE_PAGE_READONLY);
    CHECK(tu_faults(c));
    CHECK(AwlVirtualProtect(c + 2 * PG, PG, AWE_PAGE_READWRITE | AWE_PAGE_GUARD, &old)); /* accepted */
    CHECK_EQ_U64(tu_query(c + 2 * PG).protect, AWE_PAGE_READWRITE | AWE_PAGE_GUARD);
    CHECK_EQ_U64(protect(c, PG, AWE_PAGE_WRITECOPY, &old), AWE_STATUS_INVALID_PARAMETER_4);
    CHECK(tu_maps_agree(c, 4, 0));
    CHECK(AwlVirtualFree(c + 3 * PG, PG, AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(protect(c + 2 * PG, 2 * PG, AWE_PAGE_READONLY, &old), 0xC000002Du);
    AwlSetLastError(0);
    CHECK(!AwlVirtualProtect(c + 3 * PG, 1, AWE_PAGE_READONLY, &old));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_ADDRESS);
    CHECK_EQ_U64(tu_query(c + 2 * PG).protect, AWE_PAGE_READWRITE | AWE_PAGE_GUARD);
}

/* ---- fault injection ---- */

/* Two AWE regions: r1 pages 0..5 mapped with page 2 READONLY (three runs to protect around
 * it), r2 a plain region of 6 committed pages with page 3 NOACCESS. */
static void build(tu_scene *s)
{
    tu_default();
    uint64_t p[8];
    s->bases[0] = tu_region(8);
    s->pages[0] = 8;
    tu_alloc(p, 8); /* p6 and p7 stay unmapped, for op_map_over_protected */
    tu_map_tagged(s->bases[0], p, 6, 0x40);
    AWL_ULONG old;
    CHECK_EQ_U64(protect(s->bases[0] + 2 * PG, PG, AWE_PAGE_READONLY, &old), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(protect(s->bases[0] + 4 * PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
    s->bases[1] = AwlVirtualAlloc(NULL, 6 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    s->pages[1] = 6;
    CHECK_EQ_U64(protect(s->bases[1] + 3 * PG, PG, AWE_PAGE_NOACCESS, &old), AWE_STATUS_SUCCESS);
}

static awe_ntstatus op_protect_awe(tu_scene *s)
{
    AWL_ULONG old;
    return protect(s->bases[0], 8 * PG, AWE_PAGE_READONLY, &old); /* runs 0-1, 3-5 (4 differs) */
}

static awe_ntstatus op_protect_plain(tu_scene *s)
{
    AWL_ULONG old;
    return protect(s->bases[1], 6 * PG, AWE_PAGE_READONLY, &old);
}

static awe_ntstatus op_map_over_protected(tu_scene *s)
{
    /* displaces READONLY page 2 and NOACCESS page 4 in two runs; a rollback must give them
     * their protections back */
    AWL_ULONG_PTR a[] = {0x1006, 0, 0x1007}; /* build's p6 and p7 */
    awe_ntstatus st = AwlNtMapUserPhysicalPagesScatter(
        (AWL_PVOID[]){s->bases[0] + 2 * PG, s->bases[0] + 4 * PG, s->bases[0] + 7 * PG}, 3, a);
    return st;
}

TEST(P7_fault_at_every_syscall_of_protect_changes_nothing)
{
    CHECK(tu_fault_every_position(build, op_protect_awe) >= 2);
    CHECK(tu_fault_every_position(build, op_protect_plain) >= 1);
}

TEST(P9_fault_at_every_syscall_of_a_map_keeps_protections)
{
    CHECK(tu_fault_every_position(build, op_map_over_protected) >= 2);
}
