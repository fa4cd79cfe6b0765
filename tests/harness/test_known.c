/* SPDX-License-Identifier: Apache-2.0 */
/* test_known.c: known-difference tables (known.h) and what the executor does with them: a
 * described difference is counted as known and the run goes on with the oracle rolled back,
 * a crash entry skips the op, an unexpected success ends the run, the notes stop counting
 * once the run left the script; and the real-memory safety skips and the layer a one-layer
 * backend is compared on. Backends that behave like Wine are built by wrapping the Linux one. */
#include "check.h"
#include "run_text.h"
#include "executor.h"

extern const awe_backend_ops awe_backend_linux;

static awe_backend_ops stub;

/* The Linux backend under another name, ready to have entry points replaced. */
static void make_stub(void)
{
    stub = awe_backend_linux;
    stub.name = "stub";
}

/* AllocateUserPhysicalPages as Wine 8 has it: always ERROR_CALL_NOT_IMPLEMENTED. */
static void alloc_not_implemented(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                                  uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    (void)b, (void)api, (void)process, (void)count, (void)pfns, (void)numa, (void)node;
    r->has_win32 = 1;
    r->win32_ok = 0;
    r->win32_error = 120;
}

/* A map that claims success and does nothing. */
static void map_claims_success(awe_backend *b, awe_api api, void *va, uintptr_t n,
                               uintptr_t *pfns, awe_call_result *r)
{
    (void)b, (void)api, (void)va, (void)n, (void)pfns;
    r->has_status = 1;
    r->status = AWE_STATUS_SUCCESS;
}

static awe_run_status run(const awe_backend_ops *ops, const awe_known *known, int notes,
                          const char *text, awe_run_result *res)
{
    awe_exec_config cfg = run_config(ops);
    cfg.check_notes = notes;
    cfg.known = known;
    return run_text_with(&cfg, text, res);
}

static void parse(awe_known *k, const char *text)
{
    char err[200];
    CHECK(awe_known_parse(k, text, "test", err, sizeof err) == 0);
}

TEST(known_file_parses_words_lists_and_comments)
{
    awe_known k = {0};
    parse(&k, "# comment\n\n"
              "win32 alloc,free status,error * 120   stubs, see the spec  # trailing\n"
              "nt map crash pfns=null crash it writes PageArray[0]\n");
    CHECK_EQ_U64(k.n, 2);
    CHECK(strcmp(k.e[0].reason, "stubs, see the spec") == 0);
    CHECK_EQ_U64(k.e[1].line, 4);
    CHECK_EQ_U64(awe_known_find(&k, "win32", "free", "error", "INVALID_PARAMETER_2", "120"), 0);
    CHECK_EQ_U64(awe_known_find(&k, "win32", "map", "status", "SUCCESS", "120"), (uint64_t)-1);
    CHECK_EQ_U64(awe_known_find(&k, "win32", "alloc", "status", "SUCCESS", "87"), (uint64_t)-1);
    CHECK_EQ_U64(awe_known_find(&k, "nt", "map", "crash", "pfns=null", "crash"), 1);
    awe_known_free(&k);
}

TEST(known_file_rejects_an_entry_without_a_reason)
{
    awe_known k = {0};
    char err[200];
    CHECK(awe_known_parse(&k, "win32 alloc status * 120\n", "f.txt", err, sizeof err) != 0);
    CHECK(strstr(err, "f.txt:1:") != NULL);
}

TEST(crash_entries_and_difference_entries_never_stand_for_each_other)
{
    awe_known k = {0};
    parse(&k, "* * * * * anything differs\n");
    CHECK_EQ_U64(awe_known_find(&k, "win32", "map", "status", "SUCCESS", "120"), 0);
    CHECK_EQ_U64(awe_known_find(&k, "win32", "map", "crash", "pfns=null", "crash"), (uint64_t)-1);
    awe_known_free(&k);
}

static const char wine_like_program[] =
    "reserve pages=4 -> SUCCESS\n"
    "alloc n=2 -> SUCCESS n=2\n"
    "map at=R0+0 pfns=[L0] -> SUCCESS\n"
    "write at=R0+0 tag=3 -> ok\n"
    "read at=R0+0 -> tag=3\n";

TEST(A8_known_difference_is_counted_and_the_run_goes_on)
{
    static awe_run_result res;
    awe_known k = {0};
    make_stub();
    stub.allocate = alloc_not_implemented;
    CHECK_EQ_U64(run(&stub, NULL, 1, wine_like_program, &res), AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-stub-ALLOC-A8");

    parse(&k, "stub alloc status SUCCESS 120 Wine's stub\n");
    CHECK_EQ_U64(run(&stub, &k, 1, wine_like_program, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.executed, 5);
    CHECK_EQ_U64(res.known, 1);
    CHECK_EQ_U64(res.outcome[1], AWE_OP_KNOWN);
    CHECK_EQ_U64(res.known_entry[1], 0);
    CHECK_EQ_U64(res.op_rule[1], AWE_RULE_A8);
    CHECK(strcmp(res.known_values[1], "SUCCESS -> 120") == 0);
    CHECK(strcmp(res.why[1], "Wine's stub") == 0);
    /* the oracle followed the failed call: no pages, so M4 refuses the map (notes no longer apply) */
    CHECK_EQ_U64(res.outcome[2], AWE_OP_PASSED);
    CHECK_EQ_U64(res.op_rule[2], AWE_RULE_M4);
    CHECK_EQ_U64(res.outcome[0], AWE_OP_PASSED);
    awe_known_free(&k);
}

TEST(M8_crash_entry_skips_the_op_and_keeps_the_oracle)
{
    static awe_run_result res;
    awe_known k = {0};
    parse(&k, "linux map crash pfns=null crash writes through PageArray\n");
    CHECK_EQ_U64(run(&awe_backend_linux, &k, 1,
                     "reserve pages=4\nalloc n=1\nmap at=R0+0 pfns=[L0]\n"
                     "map at=R0+0 pfns=null n=1\nread at=R0+0 -> tag=0\n",
                     &res),
                 AWE_RUN_OK);
    CHECK_EQ_U64(res.outcome[3], AWE_OP_SKIPPED);
    CHECK_EQ_U64(res.known_entry[3], 0);
    CHECK(strcmp(res.why[3], "writes through PageArray") == 0);
    /* the unmap did not happen, on the backend nor in the oracle: the page still reads */
    CHECK_EQ_U64(res.outcome[4], AWE_OP_PASSED);
    CHECK_EQ_U64(res.skipped, 1);
    awe_known_free(&k);
}

TEST(M6_known_unexpected_success_ends_the_run_without_a_difference)
{
    static awe_run_result res;
    awe_known k = {0};
    make_stub();
    stub.map = map_claims_success;
    parse(&k, "stub map status * SUCCESS claims success\n");
    CHECK_EQ_U64(run(&stub, &k, 0,
                     "reserve pages=4\nalloc n=1\nmap at=R0+0 pfns=[G0]\nread at=R0+0\n", &res),
                 AWE_RUN_OK);
    CHECK_EQ_U64(res.outcome[2], AWE_OP_KNOWN);
    CHECK_EQ_U64(res.outcome[3], AWE_OP_NOT_RUN);
    CHECK_EQ_U64(res.executed, 3);
    awe_known_free(&k);
}

TEST(notes_still_hold_when_nothing_left_the_script)
{
    static awe_run_result res;
    awe_known k = {0};
    parse(&k, "stub alloc status SUCCESS 120 Wine's stub\n");
    /* the known table matches nothing here: a wrong note is still a difference */
    CHECK_EQ_U64(run(&awe_backend_linux, &k, 1, "reserve pages=4\nalloc n=1 -> INVALID_HANDLE\n", &res),
                 AWE_RUN_DIVERGED);
    CHECK_EQ_STR(res.key, "AWE-oracle-ALLOC-note");
    awe_known_free(&k);
}

TEST(V6_real_memory_backend_never_frees_what_the_program_did_not_create)
{
    static awe_run_result res;
    make_stub();
    stub.caps |= AWE_CAP_REAL_MEMORY;
    CHECK_EQ_U64(run(&stub, NULL, 1,
                     "release at=ordinary\nreserve pages=2 -> SUCCESS\nrelease at=R0+0 -> SUCCESS\n"
                     "release at=R0+0\nreserve at=ordinary type=COMMIT\n",
                     &res),
                 AWE_RUN_OK);
    CHECK_EQ_U64(res.outcome[0], AWE_OP_SKIPPED);
    CHECK(strstr(res.why[0], "did not create") != NULL);
    CHECK_EQ_U64(res.outcome[2], AWE_OP_PASSED);
    CHECK_EQ_U64(res.outcome[3], AWE_OP_SKIPPED); /* released already: no longer the program's */
    CHECK_EQ_U64(res.outcome[4], AWE_OP_SKIPPED);
}

TEST(V7_one_layer_backend_is_compared_on_its_own_layer)
{
    static awe_run_result res;
    static const char text[] = "reserve pages=4\nrelease at=R0+0 size=2\n";
    make_stub();
    /* Nt op, Win32-only backend: compared as VirtualFree, which refuses a size (V7, 87) */
    stub.caps &= ~(unsigned)AWE_CAP_NT;
    CHECK_EQ_U64(run(&stub, NULL, 0, text, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.op_rule[1], AWE_RULE_V7);
    CHECK_EQ_U64(res.actual[1].status, AWE_STATUS_INVALID_PARAMETER);
    /* on the Nt layer the same op is FREE_VM_NOT_AT_BASE */
    CHECK_EQ_U64(run(&awe_backend_linux, NULL, 0, text, &res), AWE_RUN_OK);
    CHECK_EQ_U64(res.actual[1].status, AWE_STATUS_FREE_VM_NOT_AT_BASE);
}
