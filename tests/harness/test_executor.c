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
    CHECK(strcmp(res.key, "AWE-liar-MAP-status") == 0);
    CHECK_EQ_U64(res.op_index, 4);
}

TEST(F5_wrong_free_count_is_caught)
{
    static awe_run_result res;
    make_liar();
    liar.free_pages = free_count_plus_one;
    liar.caps |= AWE_CAP_STRICT;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_DIVERGED);
    CHECK(strcmp(res.key, "AWE-liar-FREE-count") == 0);
}

TEST(C1_lost_write_is_caught_by_content)
{
    static awe_run_result res;
    make_liar();
    liar.write = write_nothing;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_DIVERGED);
    CHECK(strcmp(res.key, "AWE-liar-WRITE-content") == 0);
    CHECK_EQ_U64(res.op_index, 3);
}

TEST(M6_nt52_code_difference_is_soft_unless_strict)
{
    static awe_run_result res;
    make_liar();
    liar.caps &= ~(unsigned)AWE_CAP_STRICT;
    liar.map = map_param2_for_param3;
    CHECK_EQ_U64(run_text(&liar, 0, 0, program, &res), AWE_RUN_SOFT);
    CHECK(strcmp(res.key, "AWE-liar-MAP-status") == 0);
    CHECK_EQ_U64(res.ev, AWE_EV_NT52);
    CHECK_EQ_U64(run_text(&liar, 1, 0, program, &res), AWE_RUN_DIVERGED);
}

TEST(wrong_note_is_reported_against_the_oracle)
{
    static awe_run_result res;
    CHECK_EQ_U64(run_text(&awe_backend_linux, 1, 1,
                          "reserve pages=4\nalloc n=1\nmap at=R0+0 pfns=[G0] -> SUCCESS\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK(strcmp(res.key, "AWE-oracle-MAP-note") == 0);
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
    CHECK(strstr(out, "key: AWE-liar-MAP-status\n") != NULL);
    /* the reproducer part parses back as a program */
    char *start = strstr(out, "---\n") + 4, *end = strstr(start, "--- what happened");
    *end = '\0';
    CHECK(awe_program_parse(start, &p, err, sizeof err) == 0);
    CHECK_EQ_U64(p.n, 5);
}
