/* SPDX-License-Identifier: Apache-2.0 */
/* test_observe.c: the state check sees which frame sits behind a page, also one nobody wrote,
 * and it still sees a change to a page no op should have touched although most ops are only
 * checked where they changed something. Each liar wraps the Linux backend and lies one way;
 * every liar runs with the kernel's layout (the frame behind each page is known; the check
 * reads and stamps pool pages directly), with the layout but every page reached through the
 * backend's probes, and without a layout, as on Windows, where only the frame stamps tell
 * frames apart. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <sys/mman.h>

#include "awl.h"
#include "check.h"
#include "exec_internal.h"
#include "run_text.h"

extern const awe_backend_ops awe_backend_linux;

static awe_backend_ops liar;
static unsigned map_calls, alloc_calls;
static uintptr_t first_map_va;

/* The kernel's layout, but no page may be loaded or stored directly. */
static long layout_without_direct(awe_backend *b, const awe_span *spans, size_t n_spans,
                                  awe_layout_run *runs, size_t max)
{
    long n = awe_backend_linux.layout(b, spans, n_spans, runs, max);
    for (long i = 0; i < n && (size_t)i < max; i++)
        runs[i].direct = 0;
    return n;
}

/* How the liar shows its pages: does the layout tell frames? */
enum {
    NO_LAYOUT,     /* no: only the stamps do, as on Windows */
    LAYOUT,        /* yes, and pool pages are loaded and stored directly */
    LAYOUT_PROBED, /* yes, but every page is read and written through the backend */
    LAYOUT_MODES
};

static void make_liar(int mode)
{
    liar = awe_backend_linux;
    liar.name = "liar";
    if (mode == NO_LAYOUT)
        liar.layout = NULL;
    if (mode == LAYOUT_PROBED)
        liar.layout = layout_without_direct;
    map_calls = alloc_calls = 0;
    first_map_va = 0;
}

static awe_run_status run(const char *text, awe_run_result *res)
{
    awe_exec_config cfg = run_config(&liar);
    return run_text_with(&cfg, text, res);
}

/* The run stopped because field a or b differed. */
static int field_is(const awe_run_result *res, const char *a, const char *b)
{
    return strcmp(res->field, a) == 0 || strcmp(res->field, b) == 0;
}

/* Two unwritten frames change places: map [L0 L1] puts L1 first. */
static void map_swapping_pairs(awe_backend *b, awe_api api, void *va, uintptr_t n,
                               uintptr_t *pfns, awe_call_result *r)
{
    if (n == 2 && pfns && pfns[0] && pfns[1]) {
        uintptr_t swapped[2] = {pfns[1], pfns[0]};
        awe_backend_linux.map(b, api, va, n, swapped, r);
        return;
    }
    awe_backend_linux.map(b, api, va, n, pfns, r);
}

/* The second map call does nothing and claims success: the VA keeps its old frame. */
static void map_second_call_stale(awe_backend *b, awe_api api, void *va, uintptr_t n,
                                  uintptr_t *pfns, awe_call_result *r)
{
    if (++map_calls == 2) {
        r->has_status = 1;
        r->status = AWE_STATUS_SUCCESS;
        return;
    }
    awe_backend_linux.map(b, api, va, n, pfns, r);
}

/* The first map call maps the frame after the one asked for. */
static void map_first_call_shifted(awe_backend *b, awe_api api, void *va, uintptr_t n,
                                   uintptr_t *pfns, awe_call_result *r)
{
    if (++map_calls == 1 && n == 1 && pfns) {
        uintptr_t next = pfns[0] + 1;
        awe_backend_linux.map(b, api, va, 1, &next, r);
        return;
    }
    awe_backend_linux.map(b, api, va, n, pfns, r);
}

static void map_remembering_va(awe_backend *b, awe_api api, void *va, uintptr_t n,
                               uintptr_t *pfns, awe_call_result *r)
{
    if (!first_map_va)
        first_map_va = (uintptr_t)va;
    awe_backend_linux.map(b, api, va, n, pfns, r);
}

/* The second Allocate also flips the first word of the page the first map filled. */
static void alloc_flipping_mapped_page(awe_backend *b, awe_api api, void *process,
                                       uintptr_t *count, uintptr_t *pfns, int numa,
                                       uint32_t node, awe_call_result *r)
{
    awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
    uint64_t word;
    if (++alloc_calls == 2 && first_map_va &&
        awl_probe_read((void *)first_map_va, &word, sizeof word) == 0) {
        word ^= 1u << 20;
        awl_probe_write((void *)first_map_va, &word, sizeof word);
    }
}

/* The second Allocate also maps the page it granted next to the first map's page. */
static void alloc_mapping_extra_page(awe_backend *b, awe_api api, void *process,
                                     uintptr_t *count, uintptr_t *pfns, int numa, uint32_t node,
                                     awe_call_result *r)
{
    awe_call_result ignored = {0};
    awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
    if (++alloc_calls == 2 && first_map_va && pfns)
        awe_backend_linux.map(b, AWE_API_NT, (void *)(first_map_va + AWE_PAGE_SIZE), 1, pfns,
                              &ignored);
}

/* A map that fails also changes the first map's page: not all or nothing (M7). */
static void map_failing_with_a_trace(awe_backend *b, awe_api api, void *va, uintptr_t n,
                                     uintptr_t *pfns, awe_call_result *r)
{
    uint64_t word = 0x5EEDull;
    map_remembering_va(b, api, va, n, pfns, r);
    if (r->has_status && !AWE_NT_SUCCESS(r->status) && first_map_va)
        awl_probe_write((void *)first_map_va, &word, sizeof word);
}

static const char swap_program[] =
    "reserve pages=4\n"
    "alloc n=2\n"
    "map at=R0+0 pfns=[L0 L1]\n"
    "map at=R0+0 pfns=null n=2\n"
    "map at=R0+2 pfns=[L0]\n"
    "map at=R0+3 pfns=[L1]\n";

TEST(honest_backend_moving_unwritten_frames_runs_clean)
{
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        CHECK_EQ_U64(run(swap_program, &res), AWE_RUN_OK);
        CHECK_EQ_U64(res.executed, 6);
    }
}

TEST(C1_swapped_unwritten_frames_diverge)
{
    static awe_run_result res;
    /* The kernel names the frames: the map itself is caught. */
    for (int mode = LAYOUT; mode <= LAYOUT_PROBED; mode++) {
        make_liar(mode);
        liar.map = map_swapping_pairs;
        CHECK_EQ_U64(run(swap_program, &res), AWE_RUN_DIVERGED);
        CHECK(field_is(&res, "state", "state"));
        CHECK_EQ_U64(res.op_index, 2);
    }
    /* Stamps alone: the frames show the wrong stamps as soon as one is mapped elsewhere. */
    make_liar(NO_LAYOUT);
    liar.map = map_swapping_pairs;
    CHECK_EQ_U64(run(swap_program, &res), AWE_RUN_DIVERGED);
    CHECK(field_is(&res, "content", "content"));
    CHECK_EQ_U64(res.op_index, 4);
}

TEST(M9_stale_unwritten_frame_diverges)
{
    static const char program[] =
        "reserve pages=2\n"
        "alloc n=2\n"
        "map at=R0+0 pfns=[L0]\n"
        "map at=R0+0 pfns=[L1]\n";
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_second_call_stale;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
        CHECK(field_is(&res, "content", "state"));
        CHECK_EQ_U64(res.op_index, 3);
    }
}

TEST(C1_shifted_unwritten_frame_diverges)
{
    static const char program[] =
        "reserve pages=2\n"
        "alloc n=2\n"
        "map at=R0+0 pfns=[L0]\n"
        "map at=R0+0 pfns=null n=1\n"
        "map at=R0+1 pfns=[L1]\n";
    static awe_run_result res;
    for (int mode = LAYOUT; mode <= LAYOUT_PROBED; mode++) {
        make_liar(mode);
        liar.map = map_first_call_shifted;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
        CHECK(field_is(&res, "state", "state"));
        CHECK_EQ_U64(res.op_index, 2);
    }
    make_liar(NO_LAYOUT);
    liar.map = map_first_call_shifted;
    CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
    CHECK(field_is(&res, "content", "content"));
    CHECK_EQ_U64(res.op_index, 4);
}

/* Ops after the lie touch other pages only: the periodic full check must find it, long
 * before the program ends. */
static const char unrelated_program[] =
    "reserve pages=8\n"
    "alloc n=2\n"
    "map at=R0+0 pfns=[L0]\n"
    "alloc n=1\n"
    "map at=R0+4 pfns=[L1]\n"
    "map at=R0+4 pfns=null n=1\n"
    "map at=R0+5 pfns=[L1]\n"
    "map at=R0+5 pfns=null n=1\n"
    "map at=R0+6 pfns=[L1]\n"
    "map at=R0+6 pfns=null n=1\n"
    "map at=R0+7 pfns=[L1]\n"
    "map at=R0+7 pfns=null n=1\n"
    "map at=R0+6 pfns=[L1]\n"
    "map at=R0+6 pfns=null n=1\n"
    "map at=R0+5 pfns=[L1]\n"
    "map at=R0+5 pfns=null n=1\n"
    "map at=R0+4 pfns=[L1]\n"
    "map at=R0+4 pfns=null n=1\n";
#define UNRELATED_LAST_OP 17

TEST(unrelated_page_flipped_during_another_call_diverges)
{
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_remembering_va;
        liar.allocate = alloc_flipping_mapped_page;
        CHECK_EQ_U64(run(unrelated_program, &res), AWE_RUN_DIVERGED);
        CHECK_EQ_STR(res.field, "content");
        CHECK(res.op_index >= 3 && res.op_index < 3 + AWE_FULL_CHECK_EVERY);
        CHECK(res.op_index < UNRELATED_LAST_OP); /* not left to the closing check */
    }
}

TEST(unrelated_page_mapped_during_another_call_diverges)
{
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_remembering_va;
        liar.allocate = alloc_mapping_extra_page;
        CHECK_EQ_U64(run(unrelated_program, &res), AWE_RUN_DIVERGED);
        CHECK_EQ_STR(res.field, "state");
        CHECK(res.op_index >= 3 && res.op_index < 3 + AWE_FULL_CHECK_EVERY);
        CHECK(res.op_index < UNRELATED_LAST_OP); /* not left to the closing check */
    }
}

TEST(lie_at_the_last_op_is_caught_by_the_closing_check)
{
    static const char program[] =
        "reserve pages=4\n"
        "alloc n=2\n"
        "map at=R0+0 pfns=[L0]\n"
        "alloc n=1\n";
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_remembering_va;
        liar.allocate = alloc_flipping_mapped_page;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
        CHECK_EQ_STR(res.key, "AWE-liar-ALLOC-A11");
        CHECK_EQ_U64(res.op_index, 3);
    }
}

TEST(M7_failed_map_that_changes_another_page_diverges)
{
    static const char program[] =
        "reserve pages=4\n"
        "alloc n=1\n"
        "map at=R0+0 pfns=[L0]\n"
        "map at=R0+2 pfns=[G0]\n";
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_failing_with_a_trace;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
        CHECK_EQ_STR(res.key, "AWE-liar-MAP-M7");
        CHECK_EQ_U64(res.op_index, 3);
    }
}

/* libawl on its own: a region of `pages` pages and three PFNs, none mapped yet. */
static void *layout_setup(size_t pages, uintptr_t pfns[3])
{
    awl_config ac = {64, 0, 1};
    CHECK(awl_init(&ac) == 0);
    void *base = NULL;
    size_t size = pages * AWE_PAGE_SIZE;
    CHECK_EQ_U64(AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 0, &size,
                                            AWE_MEM_RESERVE | AWE_MEM_PHYSICAL,
                                            AWE_PAGE_READWRITE),
                 AWE_STATUS_SUCCESS);
    uintptr_t n = 3;
    CHECK_EQ_U64(AwlNtAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns), AWE_STATUS_SUCCESS);
    return base;
}

/* The kernel's layout names the pool page behind each VA, whatever libawl's tables say. */
TEST(layout_names_the_frames_the_kernel_maps)
{
    uintptr_t pfns[3];
    void *base = layout_setup(4, pfns);
    uintptr_t order[2] = {pfns[2], pfns[0]};
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages((char *)base + AWE_PAGE_SIZE, 2, order),
                 AWE_STATUS_SUCCESS);
    awl_layout_run runs[8];
    uintptr_t lo = (uintptr_t)base, hi = lo + 4 * AWE_PAGE_SIZE;
    long got = awl_probe_layout(lo, hi, runs, 8);
    CHECK_EQ_U64(got, 2);
    if (got == 2) {
        CHECK_EQ_U64(runs[0].start, lo + AWE_PAGE_SIZE);
        CHECK_EQ_U64(runs[0].end, lo + 2 * AWE_PAGE_SIZE);
        CHECK_EQ_U64(runs[0].pfn, pfns[2]);
        CHECK_EQ_U64(runs[0].flags, AWL_RUN_IN_POOL | AWL_RUN_WRITABLE);
        CHECK_EQ_U64(runs[1].start, lo + 2 * AWE_PAGE_SIZE);
        CHECK_EQ_U64(runs[1].pfn, pfns[0]);
    }
    /* Read-only: still inside the pool, no longer writable. */
    AWL_DWORD old = 0;
    CHECK(AwlVirtualProtect((char *)base + AWE_PAGE_SIZE, AWE_PAGE_SIZE, AWE_PAGE_READONLY, &old));
    got = awl_probe_layout(lo + AWE_PAGE_SIZE, lo + 2 * AWE_PAGE_SIZE, runs, 8);
    CHECK_EQ_U64(got, 1);
    if (got == 1)
        CHECK_EQ_U64(runs[0].flags, AWL_RUN_IN_POOL);
    CHECK_EQ_U64(awl_probe_layout(lo, lo + AWE_PAGE_SIZE, runs, 8), 0);
    awl_shutdown();
}

/* Several ranges in one call: each gets the runs that meet it, clipped to it, also from one
 * mapping that spans two ranges, and a mapping between two ranges shows in neither. */
TEST(layout_of_several_ranges_clips_each)
{
    uintptr_t pfns[3];
    void *base = layout_setup(8, pfns);
    /* pages 1-2: two PFNs in a row (one mapping); page 4: the third; the rest unmapped */
    uintptr_t lo = (uintptr_t)base, P = AWE_PAGE_SIZE;
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages((void *)(lo + P), 2, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages((void *)(lo + 4 * P), 1, &pfns[2]), AWE_STATUS_SUCCESS);
    awl_range ranges[4] = {{lo, lo + 2 * P}, {lo + 2 * P, lo + 3 * P}, {lo + 5 * P, lo + 6 * P},
                           {lo + 7 * P, lo + 8 * P}};
    awl_layout_run runs[8];
    long got = awl_probe_layout_ranges(ranges, 4, runs, 8);
    CHECK_EQ_U64(got, 2);
    if (got == 2) {
        CHECK_EQ_U64(runs[0].start, lo + P);
        CHECK_EQ_U64(runs[0].end, lo + 2 * P);
        CHECK_EQ_U64(runs[0].pfn, pfns[0]);
        CHECK_EQ_U64(runs[1].start, lo + 2 * P);
        CHECK_EQ_U64(runs[1].end, lo + 3 * P);
        CHECK_EQ_U64(runs[1].pfn, pfns[1]);
    }
    /* too little room: the count tells how many there are */
    CHECK_EQ_U64(awl_probe_layout_ranges(ranges, 4, runs, 1), 2);
    CHECK_EQ_U64(awl_probe_layout_ranges(ranges, 0, runs, 8), 0);
    awl_range last = {lo + 3 * P, lo + 8 * P};
    got = awl_probe_layout_ranges(&last, 1, runs, 8);
    CHECK_EQ_U64(got, 1);
    if (got == 1)
        CHECK_EQ_U64(runs[0].pfn, pfns[2]);
    awl_shutdown();
}

/* The second Allocate makes the first map's page writable again behind the oracle's back: the
 * page is still READONLY to the oracle (P13), so a write must fault. Reads see nothing wrong;
 * the check's write probe does, at the latest at the closing check. */
static void alloc_unprotecting_mapped_page(awe_backend *b, awe_api api, void *process,
                                           uintptr_t *count, uintptr_t *pfns, int numa,
                                           uint32_t node, awe_call_result *r)
{
    awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
    if (++alloc_calls == 2 && first_map_va)
        mprotect((void *)first_map_va, AWE_PAGE_SIZE, PROT_READ | PROT_WRITE);
}

TEST(P13_readonly_page_made_writable_during_another_call_diverges)
{
    static const char program[] =
        "reserve pages=4\n"
        "alloc n=2\n"
        "map at=R0+0 pfns=[L0]\n"
        "protect at=R0+0 prot=READONLY\n"
        "alloc n=1\n";
    static awe_run_result res;
    for (int mode = 0; mode < LAYOUT_MODES; mode++) {
        make_liar(mode);
        liar.map = map_remembering_va;
        liar.allocate = alloc_unprotecting_mapped_page;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_DIVERGED);
        CHECK_EQ_STR(res.field, "access");
        CHECK_EQ_STR(res.key, "AWE-liar-PROTECT-P13");
        CHECK_EQ_U64(res.op_index, 4);
        /* the honest backend passes the same program */
        make_liar(mode);
        liar.map = map_remembering_va;
        CHECK_EQ_U64(run(program, &res), AWE_RUN_OK);
    }
}
