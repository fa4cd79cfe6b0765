/* SPDX-License-Identifier: Apache-2.0 */
/* test_executor.c: the executor finds what it must find. Backends that lie in one way each
 * (built by wrapping the Linux backend) must give the matching canonical key; the honest
 * backend must pass; soft differences stay soft unless the run is strict. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "check.h"
#include "run_text.h"
#include "executor.h"

extern const awe_backend_ops awe_backend_linux;

static awe_backend_ops liar;

/* The Linux backend under another name, ready to have one entry point replaced. */
static void make_liar(void)
{
    liar = awe_backend_linux;
    liar.name = "liar";

}

/* Map that always claims success. */
static void map_always_ok(awe_backend *b, awe_api api, void *va, uintptr_t n, uintptr_t *pfns,
                          awe_call_result *r)
{
    awe_backend_linux.map(b, api, va, n, pfns, r);
    r->status = AWE_STATUS_SUCCESS;
}

/* Free that reports one page more than it freed. */
static void free_count_plus_one(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                                uintptr_t *pfns, awe_call_result *r)
{
    awe_backend_linux.free_pages(b, api, process, count, pfns, r);
    if (count)
        (*count)++;
}

/* Writes of program data that never reach the page (the harness's frame stamps, tag 0 in the
 * top bits, still do: the lost write is the program's). */
static int write_nothing(awe_backend *b, void *va, const void *buf, size_t len)
{
    uint64_t first;
    memcpy(&first, buf, sizeof first);
    if (first >> 48 == 0)
        return awe_backend_linux.write(b, va, buf, len);
    return 0;
}

/* Map that reports INVALID_PARAMETER_2 where NT says INVALID_PARAMETER_3. */
static void map_param2_for_param3(awe_backend *b, awe_api api, void *va, uintptr_t n,
                                  uintptr_t *pfns, awe_call_result *r)
{
    awe_backend_linux.map(b, api, va, n, pfns, r);
    if (r->status == AWE_STATUS_INVALID_PARAMETER_3)
        r->status = AWE_STATUS_INVALID_PARAMETER_2;
}

/* Allocate that refuses partial grants: all or nothing. A partial grant from the pool is
 * given back and reported as INSUFFICIENT_RESOURCES with the count and array as they were
 * (A9 kept, so only the refusal itself differs). */
static void alloc_refuses_partial(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                                  uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    uintptr_t want = count ? *count : 0, saved[64], granted[64];
    size_t keep = want < 64 ? (size_t)want : 64;
    if (pfns)
        memcpy(saved, pfns, keep * sizeof *pfns);
    awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
    int ok = r->has_status ? r->status == AWE_STATUS_SUCCESS : r->win32_ok;
    if (!ok || !count || *count >= want || *count > 64)
        return;
    uintptr_t n = *count;
    memcpy(granted, pfns, (size_t)n * sizeof *pfns);
    awe_call_result fr = {0};
    awe_backend_linux.free_pages(b, AWE_API_NT, process, &n, granted, &fr);
    *count = want;
    memcpy(pfns, saved, keep * sizeof *pfns);
    r->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
    r->win32_ok = 0;
    r->win32_error = AWE_ERROR_NO_SYSTEM_RESOURCES;
}

/* Allocate that fails every request over 16 pages, touching nothing. */
static void alloc_fails_over_16(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                                uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    if (!count || *count <= 16) {
        awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
        return;
    }
    if (api == AWE_API_NT) {
        r->has_status = 1;
        r->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
    } else {
        r->has_win32 = 1;
        r->win32_ok = 0;
        r->win32_error = AWE_ERROR_NO_SYSTEM_RESOURCES;
    }
}

/* A fault that always takes effect in Allocate: the armed call fails with
 * INSUFFICIENT_RESOURCES and changes nothing (the fault contract, backend.h). */
static int fault_armed_now;

static int inject_fault_flag(awe_backend *b, unsigned k)
{
    fault_armed_now = k != 0;
    return awe_backend_linux.inject_fault(b, k);
}

static void alloc_fails_under_fault(awe_backend *b, awe_api api, void *process,
                                    uintptr_t *count, uintptr_t *pfns, int numa, uint32_t node,
                                    awe_call_result *r)
{
    if (!fault_armed_now) {
        awe_backend_linux.allocate(b, api, process, count, pfns, numa, node, r);
        return;
    }
    r->has_status = 1;
    r->status = AWE_STATUS_INSUFFICIENT_RESOURCES;
}

static awe_run_status run_text(const awe_backend_ops *ops, int strict, int notes, const char *text,
                               awe_run_result *res)
{
    awe_exec_config cfg = run_config(ops);
    cfg.strict = strict;
    cfg.check_notes = notes;
    return run_text_with(&cfg, text, res);
}

static const char program[] =
    "reserve pages=4\n"
    "alloc n=3\n"
    "map at=R0+0 pfns=[L0 L1]\n"
    "write at=R0+0 tag=4\n"
    "map at=R0+2 pfns=[L0]\n"
    "free pfns=[L2 G0]\n"
    "read at=R0+0\n";

TEST(honest_backend_runs_clean)
{
    static awe_run_result res;
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1, program, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.executed, 7);
}

TEST(M6_map_claiming_success_is_caught_by_status)
{
    static awe_run_result res;
    make_liar();
    liar.map = map_always_ok;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-MAP-M6");
    CHECK_EQ_U64(res.op_index, 4);
}

TEST(F5_wrong_free_count_is_caught)
{
    static awe_run_result res;
    make_liar();
    liar.free_pages = free_count_plus_one;
    liar.caps |= AWE_CAP_STRICT;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-FREE-F5");
}

TEST(C1_lost_write_is_caught_by_content)
{
    static awe_run_result res;
    make_liar();
    liar.write = write_nothing;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-ACCESS-C1");
    CHECK_EQ_U64(res.op_index, 3);
}

TEST(M6_nt52_code_difference_is_soft_unless_strict)
{
    static awe_run_result res;
    make_liar();
    liar.caps &= ~(unsigned)AWE_CAP_STRICT;
    liar.map = map_param2_for_param3;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_SOFT);
    CHECK_EQ_STR(res.key, "AWE-liar-MAP-M6");
    CHECK_EQ_U64(res.ev, AWE_EV_NT52);
    CHECK_EQ_U64(run_text(&liar, 1, 0, program, &res), AWE_RUN_DIVERGED);
}

/* A partial grant out of a sized pool (A8), then the pages in use; no "->" notes. */
static const char partial_program[] =
    "reserve pages=4\n"
    "pool 3\n"
    "alloc n=5\n"
    "map at=R0+0 pfns=[L0 L1 L2]\n"
    "free pfns=[L0 L1 L2]\n"
    "alloc@win32 n=4\n";

/* Requests on both sides of 16 pages from the default pool; no notes. */
static const char large_program[] =
    "reserve pages=4\n"
    "alloc n=16\n"
    "alloc n=17\n"
    "map at=R0+0 pfns=[L0 L16]\n"
    "alloc@win32 n=20\n";

TEST(A8_honest_backend_passes_the_pool_programs_with_and_without_notes)
{
    static awe_run_result res;
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 0, partial_program, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.executed, 6);
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 0, large_program, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.executed, 5);
    /* the notes the grants of the run give, and the pool's own arithmetic */
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1,
                          "pool 3\nalloc n=5 -> SUCCESS n=3\nalloc n=1 -> INSUFFICIENT_RESOURCES n=1\n"
                          "free pfns=[L1] -> SUCCESS n=1\nalloc n=9 -> SUCCESS n=1\n",
                          &res),
                 AWE_RUN_OK);
}

TEST(A8_refused_partial_grant_diverges_without_notes)
{
    static awe_run_result res;
    make_liar();
    liar.allocate = alloc_refuses_partial;
    CHECK_EQ_U64(run_text(&liar, 0, 0, partial_program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-ALLOC-A8");
    CHECK_EQ_U64(res.op_index, 2);
    CHECK_EQ_U64(res.rule, AWE_RULE_A8);
    CHECK_EQ_U64(res.ev, AWE_EV_DOC); /* fatal even where NT52 differences are soft */
}

TEST(A8_failing_every_request_over_16_diverges_without_notes)
{
    static awe_run_result res;
    make_liar();
    liar.allocate = alloc_fails_over_16;
    CHECK_EQ_U64(run_text(&liar, 0, 0, large_program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-ALLOC-A8");
    CHECK_EQ_U64(res.op_index, 2);
    CHECK_EQ_U64(res.rule, AWE_RULE_A8);
    /* the Win32 layer as well */
    CHECK_EQ_U64(run_text(&liar, 0, 0, "alloc@win32 n=40\n", &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-ALLOC-A8");
}

TEST(A7_unknown_pool_keeps_the_allowance)
{
    /* A backend that cannot tell its pool (a real Windows) gets today's allowance: the same
     * lie passes, and only a note recording another run's grant would catch it. */
    static awe_run_result res;
    make_liar();
    liar.allocate = alloc_fails_over_16;
    liar.query_pool = NULL;
    CHECK_EQ_U64(run_text(&liar, 1, 0, "reserve pages=4\nalloc n=17\nalloc n=2\n", &res),
                 AWE_RUN_OK);
    CHECK_EQ_U64(run_text(&liar, 1, 1, "alloc n=17 -> SUCCESS n=17\n", &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-liar-ALLOC-note");
}

TEST(A7_injected_fault_allows_insufficient_resources_for_its_op_only)
{
    static awe_run_result res;
    make_liar();
    liar.allocate = alloc_fails_under_fault;
    liar.inject_fault = inject_fault_flag;
    CHECK_EQ_U64(run_text(&liar, 1, 0, "fault 1\nalloc n=2\nalloc n=2\n", &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.executed, 3);
    /* the same failure without a fault is a refused grant */
    liar.allocate = alloc_fails_over_16;
    CHECK_EQ_U64(run_text(&liar, 1, 0, "fault 1\nalloc n=2\nalloc n=20\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK_EQ_U64(res.op_index, 2);
}

TEST(A7_pool_note_disagreeing_with_the_known_pool_is_an_oracle_note)
{
    /* With the pool known the oracle has the exact grant: a note saying otherwise is wrong
     * before the call is even compared. */
    static awe_run_result res;
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1, "pool 3\nalloc n=5 -> SUCCESS n=5\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-oracle-ALLOC-note");
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1,
                          "pool 3\nalloc n=5 -> INSUFFICIENT_RESOURCES n=5\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-oracle-ALLOC-note");
}

TEST(wrong_note_is_reported_against_the_oracle)
{
    static awe_run_result res;
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1,
                          "reserve pages=4\nalloc n=1\nmap at=R0+0 pfns=[G0] -> SUCCESS\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-oracle-MAP-note");
}

/* A Win32 note is compared at the Win32 level: the last error the status maps to, not the
 * status; a query's note also by the fields it states. */
TEST(V7_win32_and_query_notes_are_compared_at_their_level)
{
    static awe_run_result res;
    static const char prefix[] = "reserve pages=4\nalloc n=2\nmap at=R0+1 pfns=[L0 L1]\n";
    static const struct {
        const char *line;
        int diverges;
        const char *key;
    } cases[] = {
        {"map@win32 at=R0+4 pfns=[L0] -> FALSE error=87\n", 0, ""},
        {"map@win32 at=R0+4 pfns=[L0] -> FALSE error=487\n", 1, "AWE-oracle-MAP-note"},
        {"map@win32 at=R0+4 pfns=[L0] -> TRUE\n", 1, "AWE-oracle-MAP-note"},
        {"free@win32 pfns=[L0 G1] -> FALSE error=487 n=1\n", 0, ""},
        {"free@win32 pfns=[L0 G1] -> FALSE error=487 n=2\n", 1, "AWE-oracle-FREE-note"},
        {"query@win32 at=R0+1 -> TRUE state=COMMIT protect=READWRITE type=PRIVATE size=2\n", 0, ""},
        {"query at=R0+0 -> SUCCESS state=RESERVE size=1\n", 0, ""},
        {"query at=R0+1 -> SUCCESS size=3\n", 1, "AWE-oracle-QUERY-note"},
        {"query at=R0+1 -> SUCCESS protect=READONLY\n", 1, "AWE-oracle-QUERY-note"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s%s", prefix, cases[i].line);
        CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1, text, &res),
                     cases[i].diverges ? AWE_RUN_DIVERGED : AWE_RUN_OK);
        if (cases[i].diverges)
            CHECK_EQ_STR(res.key, cases[i].key);
    }
}

TEST(report_is_a_runnable_trace_with_the_key)
{
    static awe_run_result res;
    static awe_program p;
    static char out[8192];
    char err[200];
    make_liar();
    liar.map = map_always_ok;
    run_text(&liar, 0, 0, program, &res);
    CHECK(awe_program_parse(program, &p, err, sizeof err) == 0);
    FILE *f = fmemopen(out, sizeof out, "w");
    awe_run_report(f, &p, &res, "liar");
    fclose(f);
    CHECK(strstr(out, "map at=R0+2 pfns=[L0] -> INVALID_PARAMETER_3\n") != NULL);
    CHECK(strstr(out, "alloc n=3 -> SUCCESS n=3\n") != NULL);
    CHECK(strstr(out, "key: AWE-liar-MAP-M6\n") != NULL);
    /* the reproducer part parses back as a program */
    char *start = strstr(out, "---\n") + 4, *end = strstr(start, "--- what happened");
    *end = '\0';
    CHECK(awe_program_parse(start, &p, err, sizeof err) == 0);
    CHECK_EQ_U64(p.n, 5);
}

/* A page of a released region stays nobody's until the program ends, wherever the system
 * would place the next region: the map into it fails the same way on every run (without the
 * Linux backend's placement guard, the next reservation mostly lands there and the map
 * succeeds). */
TEST(V6_released_region_page_replays_the_same_every_time)
{
    static awe_run_result res;
    static const char reuse[] = "reserve pages=4\nalloc n=1\nrelease at=R0+0\n"
                                "reserve pages=4\nmap at=R0+0 pfns=[L0]\n";
    for (int i = 0; i < 8; i++) {
        CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1, reuse, &res), AWE_RUN_OK);
        CHECK_EQ_U64(res.actual[4].status, AWE_STATUS_INVALID_PARAMETER_1);
    }
}
