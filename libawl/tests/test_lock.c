/* SPDX-License-Identifier: Apache-2.0 */
/* test_lock.c: NtLockVirtualMemory / NtUnlockVirtualMemory and VirtualLock / VirtualUnlock
 * (L1..L8) on AWE and plain regions; real locks seen in VmLck; fault injection; reset. */
#include <string.h>
#include <sys/mman.h>

#include "tu_vm.h"

static awe_ntstatus lock(void *va, AWL_SIZE_T size, uint32_t type)
{
    AWL_PVOID base = va;
    return AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, type);
}

static awe_ntstatus unlock(void *va, AWL_SIZE_T size, uint32_t type)
{
    AWL_PVOID base = va;
    return AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, type);
}

static uint8_t *plain(size_t pages)
{
    uint8_t *c = AwlVirtualAlloc(NULL, pages * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    CHECK(c != NULL);
    return c;
}

TEST(L1_map_type_must_be_process_and_or_system)
{
    tu_default();
    uint8_t *c = plain(2);
    CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, NULL, NULL, 0), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, NULL, NULL, 4), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, NULL, NULL, 5), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(lock(c, PG, AWE_MAP_PROCESS | AWE_MAP_SYSTEM), AWE_STATUS_SUCCESS);
}

TEST(L2_bad_pointers_and_ranges)
{
    tu_default();
    uint8_t *c = plain(2);
    uint64_t zero = 0;
    for (int k = 0; k < 4; k++) {
        void *bad = k == 0 ? NULL : k == 1 ? tu_page(PROT_NONE) : k == 2 ? tu_readonly_copy(&zero, 8) : tu_guarded(4);
        AWL_PVOID base = c;
        AWL_SIZE_T size = PG;
        CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, bad, &size, 1), AWE_STATUS_ACCESS_VIOLATION);
        CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, &base, bad, 1), AWE_STATUS_ACCESS_VIOLATION);
        CHECK_EQ_U64(AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, bad, &size, 1), AWE_STATUS_ACCESS_VIOLATION);
        CHECK_EQ_U64(AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, &base, bad, 1), AWE_STATUS_ACCESS_VIOLATION);
    }
    CHECK_EQ_U64(lock(c, 0, 1), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(lock((void *)(uintptr_t)(AWE_HIGHEST_USER_ADDRESS + 1), 1, 1), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(lock(c, AWE_HIGHEST_USER_ADDRESS, 1), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(unlock(c, 0, 1), AWE_STATUS_INVALID_PARAMETER);
    CHECK_EQ_U64(unlock(c, PG, 1), AWE_STATUS_NOT_LOCKED); /* nothing locked by the above */
}

TEST(L3_handle_and_privilege_for_map_system)
{
    tu_default();
    uint8_t *c = plain(2);
    AWL_PVOID base = c;
    AWL_SIZE_T size = PG;
    CHECK_EQ_U64(AwlNtLockVirtualMemory(NULL, &base, &size, 1), AWE_STATUS_INVALID_HANDLE);
    AWL_HANDLE h = awl_open_process(AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    CHECK_EQ_U64(AwlNtLockVirtualMemory(h, &base, &size, 1), AWE_STATUS_ACCESS_DENIED);
    CHECK_EQ_U64(AwlNtUnlockVirtualMemory(h, &base, &size, 1), AWE_STATUS_ACCESS_DENIED); /* L7 */
    awl_set_lock_privilege(0);
    CHECK_EQ_U64(lock(c, PG, AWE_MAP_SYSTEM), AWE_STATUS_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(unlock(c, PG, AWE_MAP_SYSTEM), AWE_STATUS_PRIVILEGE_NOT_HELD);
    CHECK_EQ_U64(lock(c, PG, AWE_MAP_PROCESS), AWE_STATUS_SUCCESS);
}

TEST(L4_more_than_13_pages_exceed_the_working_set_quota)
{
    tu_default();
    uint8_t *c = plain(16);
    CHECK_EQ_U64(lock(c, 14 * PG, 1), AWE_STATUS_WORKING_SET_QUOTA);
    uint8_t *r = tu_region(16); /* before the region is examined */
    CHECK_EQ_U64(lock(r, 14 * PG, 1), AWE_STATUS_WORKING_SET_QUOTA);
    AwlSetLastError(0);
    CHECK(!AwlVirtualLock(c, 14 * PG));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_WORKING_SET_QUOTA);
    CHECK_EQ_U64(lock(c, 13 * PG, 1), AWE_STATUS_SUCCESS);
}

TEST(L5_awe_pages_are_incompatible_and_unallocated_ones_access_violations)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint64_t p;
    tu_alloc(&p, 1);
    tu_map_tagged(r, &p, 1, 1);
    CHECK_EQ_U64(lock(r, PG, 1), AWE_STATUS_INCOMPATIBLE_FILE_MAP);          /* mapped */
    CHECK_EQ_U64(lock(r + 2 * PG, PG, 1), AWE_STATUS_INCOMPATIBLE_FILE_MAP); /* not mapped */
    AwlSetLastError(0);
    CHECK(!AwlVirtualLock(r, PG));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_INVALID_PARAMETER);
    /* ordinary memory running into R */
    uint8_t *c = AwlVirtualAlloc(r - 0x10000, 0x10000, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    if (c != NULL)
        CHECK_EQ_U64(lock(r - 2 * PG, 3 * PG, 1), AWE_STATUS_INCOMPATIBLE_FILE_MAP);
    CHECK_EQ_U64(lock(r + 0x10000, PG, 1), AWE_STATUS_ACCESS_VIOLATION); /* no allocation */
    /* plain pages NT cannot touch: not committed, NOACCESS */
    uint8_t *v = AwlVirtualAlloc(NULL, 2 * PG, AWE_MEM_RESERVE, AWE_PAGE_READWRITE);
    CHECK_EQ_U64(lock(v, PG, 1), AWE_STATUS_ACCESS_VIOLATION);
    uint8_t *n = plain(2);
    AWL_DWORD old;
    CHECK(AwlVirtualProtect(n + PG, PG, AWE_PAGE_NOACCESS, &old));
    CHECK_EQ_U64(lock(n, 2 * PG, 1), AWE_STATUS_ACCESS_VIOLATION);
}

/* Found by seedless fuzzing: the lock's touch of a guard page raises its one-shot exception,
 * so the lock fails with GUARD_PAGE_VIOLATION and the guard is gone for the next one. */
TEST(L5_a_guard_page_fails_the_lock_once)
{
    tu_default();
    uint8_t *g = AwlVirtualAlloc(NULL, PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT,
                                 AWE_PAGE_READWRITE | AWE_PAGE_GUARD);
    CHECK(g != NULL);
    CHECK_EQ_U64(lock(g, PG, AWE_MAP_PROCESS), AWE_STATUS_GUARD_PAGE_VIOLATION);
    CHECK_EQ_U64(lock(g, PG, AWE_MAP_PROCESS), AWE_STATUS_SUCCESS);
}

/* Found by seedless fuzzing: a locked page protected NOACCESS leaves the working set, so the
 * protect says WAS_UNLOCKED and an unlock after it finds nothing locked. */
TEST(L8_a_locked_page_protected_noaccess_is_unlocked)
{
    tu_default();
    uint8_t *c = plain(1);
    AWL_PVOID base = c;
    AWL_SIZE_T size = PG;
    AWL_ULONG old;
    CHECK_EQ_U64(lock(c, PG, AWE_MAP_PROCESS), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_PAGE_NOACCESS, &old),
                 AWE_STATUS_WAS_UNLOCKED);
    CHECK_EQ_U64(old, AWE_PAGE_READWRITE);
    CHECK_EQ_U64(unlock(c, PG, AWE_MAP_PROCESS), AWE_STATUS_NOT_LOCKED);
}

TEST(L6_a_failed_lock_locks_nothing_and_writes_nothing)
{
    tu_default();
    uint8_t *c = plain(2);
    uint64_t kb = tu_locked_kb();
    AWL_PVOID base = c + 5;
    AWL_SIZE_T size = 3 * PG; /* runs past c into no allocation */
    CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, 1), AWE_STATUS_ACCESS_VIOLATION);
    CHECK(base == c + 5);
    CHECK_EQ_U64(size, 3 * PG);
    CHECK_EQ_U64(tu_locked_kb(), kb);
    CHECK_EQ_U64(unlock(c, PG, 1), AWE_STATUS_NOT_LOCKED);
}

TEST(L8_plain_pages_lock_for_real_and_unlock)
{
    tu_default();
    uint8_t *c = plain(4);
    uint64_t kb = tu_locked_kb();
    AWL_PVOID base = c + 5;
    AWL_SIZE_T size = PG; /* two pages */
    CHECK_EQ_U64(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, 1), AWE_STATUS_SUCCESS);
    CHECK(base == c);
    CHECK_EQ_U64(size, 2 * PG);
    CHECK_EQ_U64(tu_locked_kb(), kb + 8);
    CHECK_EQ_U64(lock(c, PG, 1), 0x19u);          /* STATUS_WAS_LOCKED, a success */
    CHECK(AwlVirtualLock(c, PG));
    CHECK_EQ_U64(lock(c, PG, AWE_MAP_SYSTEM), AWE_STATUS_SUCCESS); /* the other kind */
    CHECK_EQ_U64(unlock(c, 3 * PG, 1), AWE_STATUS_NOT_LOCKED);     /* page 2 is not */
    CHECK_EQ_U64(tu_locked_kb(), kb + 8);
    CHECK(AwlVirtualUnlock(c, 2 * PG));
    CHECK_EQ_U64(tu_locked_kb(), kb + 4); /* page 0 still locked for MAP_SYSTEM */
    AwlSetLastError(0);
    CHECK(!AwlVirtualUnlock(c + PG, PG));
    CHECK_EQ_U64(AwlGetLastError(), AWE_ERROR_NOT_LOCKED);
    CHECK_EQ_U64(unlock(c, PG, AWE_MAP_SYSTEM), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(tu_locked_kb(), kb);
    /* a decommit takes the lock with the pages */
    CHECK(AwlVirtualLock(c + 3 * PG, PG));
    CHECK(AwlVirtualFree(c + 3 * PG, PG, AWE_MEM_DECOMMIT));
    CHECK_EQ_U64(tu_locked_kb(), kb);
    CHECK_EQ_U64(unlock(c + 3 * PG, PG, 1), AWE_STATUS_NOT_LOCKED);
}

TEST(L8_an_unlock_reaching_an_awe_region_stops_there)
{
    tu_default();
    uint8_t *r = tu_region(4);
    uint8_t *c = AwlVirtualAlloc(r - 0x10000, 0x10000, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE);
    if (c == NULL)
        return; /* the granule before R belongs to someone else */
    uint64_t kb = tu_locked_kb();
    CHECK_EQ_U64(lock(r - 2 * PG, 2 * PG, 1), AWE_STATUS_SUCCESS);
    AWL_PVOID base = r - 2 * PG;
    AWL_SIZE_T size = 2 * PG + 0x10000 + 5; /* through R and past it into nothing */
    CHECK_EQ_U64(AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, 1), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(size, 2 * PG + 0x11000); /* the request rounded out */
    CHECK_EQ_U64(tu_locked_kb(), kb);
    CHECK_EQ_U64(unlock(r, 4 * PG, 1), AWE_STATUS_SUCCESS); /* R alone: nothing to do */
    CHECK_EQ_U64(unlock(r - PG, 2 * PG, 1), AWE_STATUS_NOT_LOCKED); /* page before R unlocked */
}

/* ---- fault injection and reset ---- */

static void build(tu_scene *s)
{
    tu_default();
    s->bases[0] = plain(8);
    s->pages[0] = 8;
    s->bases[1] = plain(4);
    s->pages[1] = 4;
    CHECK(AwlVirtualLock(s->bases[0] + 2 * PG, PG));
    CHECK(AwlVirtualLock(s->bases[0] + 5 * PG, PG));
}

static awe_ntstatus op_lock(tu_scene *s)
{
    return lock(s->bases[0], 8 * PG, 1); /* mlocks the runs 0-1, 3-4, 6-7 */
}

static void build_locked(tu_scene *s)
{
    build(s);
    CHECK(AwlVirtualLock(s->bases[0] + 3 * PG, PG));
    CHECK(AwlVirtualLock(s->bases[0] + 4 * PG, PG));
}

static awe_ntstatus op_unlock(tu_scene *s)
{
    return unlock(s->bases[0] + 2 * PG, 4 * PG, 1); /* munlocks 2-5 */
}

TEST(L6_fault_at_every_syscall_of_lock_and_unlock_changes_nothing)
{
    CHECK_EQ_U64(tu_fault_every_position(build, op_lock), 3);
    CHECK_EQ_U64(tu_fault_every_position(build_locked, op_unlock), 1);
}

static uint8_t *lock_and_protect(void)
{
    uint8_t *c = plain(4);
    uint8_t *r = tu_region(4);
    uint64_t p[2];
    tu_alloc(p, 2);
    tu_map_tagged(r, p, 2, 1);
    AWL_DWORD old;
    CHECK(AwlVirtualProtect(r, PG, AWE_PAGE_READONLY, &old));
    CHECK(AwlVirtualProtect(c + PG, PG, AWE_PAGE_NOACCESS, &old));
    CHECK(AwlVirtualLock(c, PG));
    return r;
}

TEST(L8_reset_leaves_no_lock_protection_or_mapping_behind)
{
    tu_default();
    lock_and_protect(); /* once first, so the allocators' own mappings exist */
    CHECK(awl_reset() == 0);
    size_t maps = tu_count_maps();
    uint64_t kb = tu_locked_kb();
    uint8_t *r = lock_and_protect();
    CHECK(tu_locked_kb() > kb);
    CHECK(awl_reset() == 0);
    CHECK_EQ_U64(tu_locked_kb(), kb);
    CHECK_EQ_U64(tu_count_maps(), maps);
    CHECK_EQ_U64(tu_query(r).state, AWE_MEM_FREE);
}
