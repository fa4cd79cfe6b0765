/* SPDX-License-Identifier: Apache-2.0 */
/* test_faults.c: every system call of Map, Scatter, Free, VirtualFree and VirtualAlloc made
 * to fail in turn. Each faulted call must either complete as if nothing failed or return
 * STATUS_INSUFFICIENT_RESOURCES with every page of the regions, the owned count and the
 * statistics exactly as before (M7, S7; F's and V's no-change decision); and the library
 * must go on exactly as if the faulted call had not been made. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tu.h"

typedef struct {
    uint8_t *r1, *r2;
    AWL_ULONG_PTR p[16];
} scene;

/* Two regions of 16 pages, 16 owned pages, some mapped and tagged:
 * r1[0..3] = p0..p3, r1[6] = p4, r2[2..3] = p5..p6. */
static void build(scene *s)
{
    tu_fresh(64, 0, 1);
    s->r1 = tu_region(16);
    s->r2 = tu_region(16);
    tu_alloc(s->p, 16);
    tu_map_tagged(s->r1, s->p, 4, 0x100);
    tu_map_tagged(s->r1 + 6 * PG, s->p + 4, 1, 0x104);
    tu_map_tagged(s->r2 + 2 * PG, s->p + 5, 2, 0x105);
    for (int i = 7; i < 16; i++) { /* give the unmapped pages content too */
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(s->r2 + 15 * PG, 1, s->p + i), AWE_STATUS_SUCCESS);
        CHECK(tu_poke(s->r2 + 15 * PG, 0x100 + (uint64_t)i));
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(s->r2 + 15 * PG, 1, NULL), AWE_STATUS_SUCCESS);
    }
}

static void snap(const scene *s, tu_snapshot *out)
{
    uint8_t *bases[] = {s->r1, s->r2};
    size_t pages[] = {16, 16};
    tu_snap(out, bases, pages, 2);
}

/* ---- the operations ---- */

static awe_ntstatus op_map(scene *s)
{
    /* pages 2..7 of r1: runs (p10 p11 p12) (p7 p8) (p13); displaces p2, p3 and p4 */
    AWL_ULONG_PTR a[] = {s->p[10], s->p[11], s->p[12], s->p[7], s->p[8], s->p[13]};
    return AwlNtMapUserPhysicalPages(s->r1 + 2 * PG, 6, a);
}

static awe_ntstatus op_unmap(scene *s)
{
    return AwlNtMapUserPhysicalPages(s->r1, 16, NULL);
}

static awe_ntstatus op_scatter(scene *s)
{
    AWL_PVOID vas[] = {s->r2, s->r1 + PG, s->r2 + 2 * PG + 8, s->r1 + 5 * PG, s->r2 + PG, s->r1 + PG + 1,
                       s->r1 + 15 * PG};
    AWL_ULONG_PTR a[] = {s->p[9], s->p[10], 0, s->p[11], s->p[12], s->p[14], s->p[15]};
    return AwlNtMapUserPhysicalPagesScatter(vas, 7, a);
}

static awe_ntstatus op_free(scene *s)
{
    /* unmaps (r1[1..3]) and (r2[2]); punches (p1..p3) (p5) (p9) (p15) */
    AWL_ULONG_PTR a[] = {s->p[1], s->p[2], s->p[9], s->p[5], s->p[3], s->p[15]};
    AWL_ULONG_PTR n = 6;
    awe_ntstatus st = AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, a);
    CHECK_EQ_U64(n, st == AWE_STATUS_SUCCESS ? 6 : 0);
    return st;
}

static awe_ntstatus op_free_partial(scene *s)
{
    AWL_ULONG_PTR a[] = {s->p[0], s->p[6], 0x9999, s->p[1]};
    AWL_ULONG_PTR n = 4;
    awe_ntstatus st = AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, a);
    CHECK_EQ_U64(n, st == AWE_STATUS_CONFLICTING_ADDRESSES ? 2 : 0);
    return st;
}

static awe_ntstatus op_virtual_free(scene *s)
{
    return AwlVirtualFree(s->r1, 0, AWE_MEM_RELEASE) ? AWE_STATUS_SUCCESS : AWE_STATUS_INSUFFICIENT_RESOURCES;
}

static awe_ntstatus op_virtual_free_nt(scene *s)
{
    AWL_PVOID base = s->r2;
    AWL_SIZE_T size = 0;
    return AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_MEM_RELEASE);
}

static awe_ntstatus op_virtual_alloc(scene *s)
{
    (void)s;
    AWL_PVOID base = NULL;
    AWL_SIZE_T size = 5 * PG;
    return AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 0, &size,
                                      AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
}

/* ---- the loop ---- */

typedef struct {
    unsigned calls;        /* system calls of an unfaulted run */
    unsigned insufficient; /* positions where the call failed cleanly */
    unsigned completed;    /* positions where it completed as normal */
} fault_result;

static fault_result fault_every_position(awe_ntstatus (*op)(scene *))
{
    fault_result res = {0, 0, 0};
    scene s;
    tu_snapshot normal_after, before, after, again;
    build(&s);
    awe_ntstatus normal = op(&s);
    res.calls = awl_last_syscall_count();
    snap(&s, &normal_after);
    for (unsigned k = 1; k <= res.calls; k++) {
        build(&s);
        snap(&s, &before);
        awl_fault_inject(k, ENOMEM);
        awe_ntstatus st = op(&s);
        snap(&s, &after);
        if (st == AWE_STATUS_INSUFFICIENT_RESOURCES && normal != st) {
            res.insufficient++;
            if (!tu_snap_equal(&before, &after))
                fprintf(stderr, "  fault at call %u of %u changed the state\n", k, res.calls);
            CHECK(tu_snap_equal(&before, &after));
            /* the library carries on as if the call had not been made */
            CHECK_EQ_U64(op(&s), normal);
            snap(&s, &again);
            CHECK(tu_snap_equal(&normal_after, &again));
            tu_snap_free(&again);
        } else {
            res.completed++;
            CHECK_EQ_U64(st, normal);
            if (!tu_snap_equal(&normal_after, &after))
                fprintf(stderr, "  fault at call %u of %u: not the normal result\n", k, res.calls);
            CHECK(tu_snap_equal(&normal_after, &after));
        }
        tu_snap_free(&before);
        tu_snap_free(&after);
    }
    tu_snap_free(&normal_after);
    awl_fault_inject(0, 0);
    return res;
}

TEST(M7_fault_at_every_syscall_of_map)
{
    fault_result r = fault_every_position(op_map);
    CHECK_EQ_U64(r.calls, 3);
    CHECK_EQ_U64(r.insufficient, 3);
}

TEST(M8_fault_at_every_syscall_of_unmap)
{
    fault_result r = fault_every_position(op_unmap);
    CHECK_EQ_U64(r.calls, 1); /* pages 0..3 and 6 in one PROT_NONE mapping */
    CHECK_EQ_U64(r.insufficient, 1);
}

TEST(S7_fault_at_every_syscall_of_scatter)
{
    fault_result r = fault_every_position(op_scatter);
    CHECK(r.calls >= 4);
    CHECK_EQ_U64(r.insufficient, r.calls);
}

TEST(F7_fault_at_every_syscall_of_free)
{
    fault_result r = fault_every_position(op_free);
    CHECK_EQ_U64(r.calls, 6);
    CHECK_EQ_U64(r.insufficient, 2); /* the unmaps; a failed hole punch is made good later */
    CHECK_EQ_U64(r.completed, 4);
}

TEST(F5_fault_at_every_syscall_of_partial_free)
{
    fault_result r = fault_every_position(op_free_partial);
    CHECK(r.calls >= 2);
    CHECK(r.insufficient >= 1);
}

TEST(V6_fault_at_every_syscall_of_virtual_free)
{
    fault_result r = fault_every_position(op_virtual_free);
    CHECK_EQ_U64(r.calls, 1);
    CHECK_EQ_U64(r.insufficient, 1);
    r = fault_every_position(op_virtual_free_nt);
    CHECK_EQ_U64(r.insufficient, r.calls);
}

TEST(V1_fault_at_every_syscall_of_virtual_alloc)
{
    fault_result r = fault_every_position(op_virtual_alloc);
    CHECK(r.calls >= 1);
    CHECK_EQ_U64(r.insufficient, 1); /* the reservation itself; a failed trim keeps the slack */
}

TEST(A11_failed_hole_punch_still_hands_out_zero_pages)
{
    scene s;
    build(&s);
    /* call 3 of op_free is the punch of p1..p3 (after the two unmaps) */
    awl_fault_inject(3, EIO);
    CHECK_EQ_U64(op_free(&s), AWE_STATUS_SUCCESS);
    /* the zeroing at allocation is a fault point of its own: failing it allocates nothing */
    AWL_ULONG_PTR got[3], n = 3;
    awl_fault_inject(1, ENOMEM);
    CHECK_EQ_U64(AwlNtAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, got), AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK_EQ_U64(n, 3);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 10);
    tu_alloc(got, 3);
    CHECK_EQ_U64(awl_last_syscall_count(), 1);
    CHECK_EQ_U64(got[0], s.p[1]);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(s.r1 + 8 * PG, 3, got), AWE_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++)
        CHECK(tu_reads(s.r1 + (8 + i) * PG, 0));
    /* zeroed once: the next allocation needs no system call */
    n = 1;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, got), AWE_STATUS_SUCCESS);
    tu_alloc(got, 1);
    CHECK_EQ_U64(awl_last_syscall_count(), 0);
}

TEST(P_fault_is_one_shot_and_disarmable)
{
    scene s;
    build(&s);
    awl_fault_inject(1, ENOMEM);
    awl_fault_inject(0, 0);
    CHECK_EQ_U64(op_unmap(&s), AWE_STATUS_SUCCESS);
    build(&s);
    awl_fault_inject(1, ENOMEM);
    CHECK_EQ_U64(op_unmap(&s), AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK_EQ_U64(op_unmap(&s), AWE_STATUS_SUCCESS);
    /* a fault armed past the last call of the next API call is used up by it */
    build(&s);
    awl_fault_inject(5, ENOMEM);
    AWL_ULONG_PTR pfn = s.p[7];
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(s.r2 + 9 * PG, 1, &pfn), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(op_unmap(&s), AWE_STATUS_SUCCESS);
}
