/* SPDX-License-Identifier: Apache-2.0 */
/* test_generate.c: generated programs replayed on the oracle and the Linux backend through the
 * executor. They must not diverge on the honest backend, and they must reach the deep states
 * random bytes rarely reach: most maps and scatters succeed, lists of 8 or more PFNs, writes on
 * mapped pages, two live regions at once. The model-only run must agree with the real run. */
#include "check.h"
#include "executor.h"
#include "gen_features.h"
#include "gen_state.h"
#include "generate.h"
#include "optable.h"

#define PROGRAMS 2000
#define OPS 16

typedef struct {
    unsigned runs, diverged, soft;
    unsigned maps, maps_ok, long_lists_ok, runs_ok, longest;
    unsigned writes, writes_mapped;
    unsigned two_regions;
    unsigned calls, calls_agreeing;
} tally;

static awe_executor *executor(void)
{
    static awe_executor *x;
    char err[256];
    if (!x) {
        awe_exec_config cfg = {0};
        cfg.backend = awe_backend_default();
        cfg.backend_cfg.privilege = 1;
        x = awe_executor_new(&cfg, err, sizeof err);
        if (!x)
            fprintf(stderr, "executor: %s\n", err);
    }
    return x;
}

static void run_one(uint64_t seed, awe_op_mask mask, tally *t)
{
    static awe_program p;
    static awe_run_result res;
    static gen_state st;
    CHECK(gen_program(seed, mask, NULL, OPS, &p) == 0);
    awe_run_status rs = awe_executor_run(executor(), &p, &res);
    t->runs++;
    t->diverged += rs == AWE_RUN_DIVERGED || rs == AWE_RUN_ERROR;
    t->soft += rs == AWE_RUN_SOFT;
    if (rs == AWE_RUN_DIVERGED)
        awe_run_report(stderr, &p, &res, "default");
    CHECK(gen_state_run(&st, &p, res.executed) == 0);
    int two = 0;
    for (size_t i = 0; i < res.executed; i++) {
        const awe_op *op = &p.op[i];
        const awe_note *got = &res.actual[i];
        if (res.outcome[i] != AWE_OP_PASSED)
            continue;
        two |= st.trace[i].regions >= 2;
        if (op->kind == AWE_OP_MAP || op->kind == AWE_OP_SCATTER) {
            t->maps++;
            if (got->status == AWE_STATUS_SUCCESS) {
                t->maps_ok++;
                size_t len = op->kind == AWE_OP_MAP ? awe_pfns_length(&op->pfns)
                                                    : awe_addrs_length(&op->addrs);
                t->long_lists_ok += len >= 8;
                t->runs_ok += len > AWE_MAX_LIST;
                t->longest = len > t->longest ? (unsigned)len : t->longest;
            }
        }
        if (op->kind == AWE_OP_WRITE && got->present) {
            t->writes++;
            t->writes_mapped += !got->fault;
        }
        if (awe_op_note_kind((awe_op_kind)op->kind) == AWE_NOTE_STATUS && st.trace[i].ran) {
            t->calls++;
            t->calls_agreeing += st.trace[i].status == got->status;
        }
    }
    t->two_regions += two;
    gen_state_free(&st);
}

static void report(const char *name, const tally *t)
{
    fprintf(stderr,
            "%s: %u runs, %u diverged, %u soft; map+scatter %u/%u ok, %u with >= 8 entries, "
            "%u past %u (longest %u); writes %u/%u mapped; %u with 2 regions; model-only run "
            "agrees on %u/%u calls\n",
            name, t->runs, t->diverged, t->soft, t->maps_ok, t->maps, t->long_lists_ok,
            t->runs_ok, AWE_MAX_LIST, t->longest, t->writes_mapped, t->writes, t->two_regions,
            t->calls_agreeing, t->calls);
}

static void check_target(const char *name)
{
    tally t = {0};
    awe_op_mask mask = awe_target_mask(name);
    if (!executor()) {
        CHECK(!"no executor");
        return;
    }
    for (uint64_t seed = 1; seed <= PROGRAMS; seed++)
        run_one(seed, mask, &t);
    report(name, &t);
    CHECK(t.diverged == 0);
    CHECK(t.maps > PROGRAMS / 2);
    CHECK(t.maps_ok * 2 > t.maps);
    CHECK(t.long_lists_ok > 0);
    CHECK(t.runs_ok > 0); /* one run item names more entries than lone items can */
    CHECK(t.writes > 0 && t.writes_mapped * 2 > t.writes);
    CHECK(t.two_regions > 0);
    /* the ideal backend differs from a real one only in PFN reuse and resource limits */
    CHECK(t.calls_agreeing * 100 >= t.calls * 95);
}

TEST(generated_map_programs_are_valid_and_deep_on_the_honest_backend)
{
    check_target("map");
}

TEST(generated_sequence_programs_are_valid_and_deep_on_the_honest_backend)
{
    check_target("sequence");
}

TEST(generated_free_programs_are_valid_and_deep_on_the_honest_backend)
{
    check_target("free");
}

TEST(generation_is_deterministic_for_a_seed)
{
    static awe_program a, b;
    unsigned differ = 0;
    for (uint64_t seed = 1; seed <= 200; seed++) {
        CHECK(gen_program(seed, AWE_OPS_ALL, NULL, 24, &a) == 0);
        CHECK(gen_program(seed, AWE_OPS_ALL, NULL, 24, &b) == 0);
        CHECK(awe_program_equal(&a, &b));
        CHECK(gen_program(seed + 1000, AWE_OPS_ALL, NULL, 24, &b) == 0);
        differ += !awe_program_equal(&a, &b);
    }
    CHECK(differ > 190); /* the seed matters */
}

/* Every kind gets operands by field kind, valid or with one operand broken, and each op is
 * something the binary codec expresses exactly. */
TEST(every_op_kind_is_generated_by_its_fields_and_round_trips)
{
    static awe_program base, one, back;
    static gen_state st;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    gen_rng r;
    gen_rng_seed(&r, 7);
    CHECK(gen_program(3, awe_target_mask("map"), NULL, 10, &base) == 0);
    CHECK(gen_state_run(&st, &base, base.n) == 0);
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++) {
        for (int i = 0; i < 200; i++) {
            one.n = 1;
            gen_op_of_kind(&st, &r, (awe_op_kind)k, i & 1, &one.op[0]);
            CHECK(one.op[0].kind == k);
            size_t len = awe_program_encode(&one, bytes, sizeof bytes);
            awe_program_decode(bytes, len, &back);
            if (!awe_program_equal(&one, &back)) {
                char line[512];
                awe_op_format(&one.op[0], NULL, line, sizeof line);
                fprintf(stderr, "does not round-trip: %s\n", line);
                CHECK(0);
            }
        }
    }
    gen_state_free(&st);
}

/* With every op broken once, the checks fire: most maps fail. */
TEST(broken_operands_make_calls_fail)
{
    static awe_program p;
    static gen_state st;
    gen_config all_broken = {256};
    unsigned maps = 0, failed = 0;
    for (uint64_t seed = 1; seed <= 300; seed++) {
        CHECK(gen_program(seed, awe_target_mask("map"), &all_broken, OPS, &p) == 0);
        CHECK(gen_state_run(&st, &p, p.n) == 0);
        for (size_t i = 0; i < p.n; i++)
            if (p.op[i].kind == AWE_OP_MAP || p.op[i].kind == AWE_OP_SCATTER) {
                maps++;
                failed += !AWE_NT_SUCCESS(st.trace[i].status);
            }
        gen_state_free(&st);
    }
    CHECK(maps > 0 && failed * 2 > maps);
}

/* Features tell a successful map from a failed one, and more mapped pages from fewer. */
TEST(features_distinguish_model_states)
{
    static awe_program p;
    static gen_state st;
    static uint8_t a[GEN_FEATURE_SLOTS], b[GEN_FEATURE_SLOTS];
    char err[128];
    CHECK(awe_program_parse("reserve pages=8\nalloc n=4\nmap at=R0+0 pfns=[L0 L1]\n", &p, err,
                            sizeof err) == 0);
    CHECK(gen_state_run(&st, &p, p.n) == 0);
    CHECK(gen_features(&p, &st, p.n, a, sizeof a) > 0);
    gen_state_free(&st);
    CHECK(awe_program_parse("reserve pages=8\nalloc n=4\nmap at=R0+0 pfns=[L0 G1]\n", &p, err,
                            sizeof err) == 0);
    CHECK(gen_state_run(&st, &p, p.n) == 0);
    CHECK(gen_features(&p, &st, p.n, b, sizeof b) > 0);
    gen_state_free(&st);
    CHECK(memcmp(a, b, sizeof a) != 0);
}

/* The model-only run of a program, and its real run on the honest backend. */
static void run_both(const char *text, awe_program *p, gen_state *st, awe_run_result *res)
{
    char err[128];
    CHECK(awe_program_parse(text, p, err, sizeof err) == 0);
    CHECK(executor() && awe_executor_run(executor(), p, res) == AWE_RUN_OK);
    CHECK(gen_state_run(st, p, p->n) == 0);
}

/* Every call's status in the model-only run is the real one. */
static void check_agrees(const awe_program *p, const gen_state *st, const awe_run_result *res)
{
    for (size_t i = 0; i < p->n; i++)
        if (awe_op_note_kind((awe_op_kind)p->op[i].kind) == AWE_NOTE_STATUS && st->trace[i].ran)
            CHECK_EQ_U64(st->trace[i].status, res->actual[i].status);
}

/* Where an injected fault lands in Allocate and Free (gen_state.h): a Free undoes mappings
 * first (here two stretches: page 3 stays mapped between pages 2 and 4) and fails at those
 * calls; past them a release fails, the frame keeps its data, and the grant that takes it
 * back zeroes it first, failing at a fault armed for that. */
TEST(the_model_only_run_follows_faults_in_allocate_and_free)
{
    static awe_program p;
    static gen_state st;
    static awe_run_result res;
    static const char *const unmap_fails =
        "reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
        "fault 2\nfree pfns=[L2 L4]\n";
    run_both(unmap_fails, &p, &st, &res);
    check_agrees(&p, &st, &res);
    CHECK_EQ_U64(st.trace[4].status, AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK(gen_live_count(&st) == 6);
    gen_state_free(&st);

    static const char *const release_fails =
        "reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
        "fault 3\nfree pfns=[L2 L4]\n"          /* ops 3, 4: the release of L2 fails */
        "fault 1\nalloc n=2\n"                  /* 5, 6: its zeroing fails */
        "fault 2\nalloc n=2\n"                  /* 7, 8: one zeroing call: the fault is unused */
        "map at=R0+6 pfns=[L4 L5]\n";           /* 9 */
    run_both(release_fails, &p, &st, &res);
    check_agrees(&p, &st, &res);
    CHECK_EQ_U64(st.trace[4].status, AWE_STATUS_SUCCESS);
    CHECK(st.trace[4].keeps == 1);
    CHECK_EQ_U64(st.trace[6].status, AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK_EQ_U64(st.trace[8].status, AWE_STATUS_SUCCESS);
    CHECK(st.trace[8].keeps == GEN_REGRANT_FIRST);
    CHECK(st.trace[9].keeps == 1 && gen_live_keeping(&st) == 0);
    gen_state_free(&st);

    static const char *const behind_clean =
        "reserve pages=8\nalloc n=4\nmap at=R0+0 pfns=[L0 L1 L2 L3]\nmap at=R0+0 pfns=null n=4\n"
        "fault 2\nfree pfns=[L2 L0]\n"          /* 4, 5: the second release (L2) fails */
        "alloc n=2\n";                          /* 6: L0's frame, clean, then L2's */
    run_both(behind_clean, &p, &st, &res);
    check_agrees(&p, &st, &res);
    CHECK(st.trace[5].keeps == 1);
    CHECK(st.trace[6].keeps == GEN_REGRANT_BEHIND);
    CHECK(gen_live_keeping(&st) == 1);
    gen_state_free(&st);
}

/* A fault before a Free is aimed past its unmaps at a release of frames holding data, one
 * that a later grant returns after a clean frame. */
TEST(a_fault_before_a_free_is_aimed_at_a_release_of_data)
{
    static awe_program p;
    static gen_state st;
    static awe_run_result res;
    awe_op fault, free_op;
    gen_free_calls calls;
    gen_rng r;
    unsigned hits[8] = {0};
    char err[128];
    run_both("reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
             "map at=R0+0 pfns=null n=2\nalloc n=2\nfault 1\n", &p, &st, &res);
    CHECK(awe_program_parse("free pfns=[L0 L2 L4 L6]", &p, err, sizeof err) == 0);
    free_op = p.op[0];
    /* L0 unmapped; L2, L4 mapped with page 3 between them mapped: 2 unmaps. PFNs 0, 2, 4
     * and 6 (never mapped): 4 releases, the first three dropping data, the last three after
     * the first (clean when one of the others fails). */
    CHECK(gen_free_calls_of(&st, &free_op, &calls));
    CHECK(calls.unmaps == 2 && calls.releases == 4 && calls.with_data == 7);
    CHECK(calls.after_clean == 0xE);
    gen_rng_seed(&r, 5);
    for (int i = 0; i < 400; i++) {
        awe_op_init(&fault, AWE_OP_FAULT);
        fault.num = 7; /* past every call: left there, it would change nothing */
        st.fault_pending = 7;
        gen_aim_fault(&st, &r, &fault, &free_op);
        CHECK(st.fault_pending == fault.num);
        hits[fault.num < 8 ? fault.num : 0]++;
    }
    CHECK(hits[1] + hits[2] + hits[3] + hits[6] + hits[0] == 0);
    CHECK(hits[4] > 100 && hits[5] > 100 && hits[7] > 50);
    gen_state_free(&st);
}

/* Frames left holding data draw a grant that reaches them, then maps that name them. */
TEST(frames_left_holding_data_are_granted_and_mapped_again)
{
    static awe_program p;
    static gen_state st;
    static awe_run_result res;
    awe_op op;
    gen_rng r;
    uint64_t kept;
    unsigned allocs = 0, reaching = 0, maps = 0, naming = 0;
    run_both("reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
             "map at=R0+0 pfns=null n=6\nfree pfns=[L0 L1]\nfault 1\nfree pfns=[L3]\n",
             &p, &st, &res);
    CHECK(gen_free_keeping(&st, &kept, 1) == 1);
    CHECK(gen_grant_reach(&st, kept) == 3);
    gen_rng_seed(&r, 9);
    for (int i = 0; i < 400; i++) {
        CHECK(gen_op(&st, &r, awe_target_mask("free"), &(gen_config){0}, &op));
        if (op.kind != AWE_OP_ALLOC)
            continue;
        allocs++;
        reaching += op.count.kind == AWE_COUNT_LITERAL && op.count.value >= 3;
    }
    CHECK(allocs > 100 && reaching * 4 > allocs * 3);
    gen_state_free(&st);

    run_both("reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
             "map at=R0+0 pfns=null n=6\nfree pfns=[L0 L1]\nfault 1\nfree pfns=[L3]\nalloc n=3\n",
             &p, &st, &res);
    CHECK(gen_live_keeping(&st) == 1);
    int keeps = gen_live_index_of(&st, kept);
    CHECK(keeps >= 0);
    for (int i = 0; i < 400; i++) {
        CHECK(gen_op(&st, &r, awe_target_mask("free"), &(gen_config){0}, &op));
        if (op.kind != AWE_OP_MAP || op.pfns.kind != AWE_BUF_OK)
            continue;
        maps++;
        for (int k = 0; k < op.pfns.len; k++)
            if (op.pfns.pfn[k].kind == AWE_PFN_LIVE && op.pfns.pfn[k].index == keeps) {
                naming++;
                break;
            }
    }
    CHECK(maps > 50 && naming * 3 > maps * 2);
    gen_state_free(&st);
}

/* A release that left data, and the grant that takes such frames back, bring the next op
 * along; any other op does not. */
TEST(an_op_that_leaves_frames_holding_data_brings_the_next_along)
{
    static awe_program p;
    static gen_state st;
    static awe_run_result res;
    gen_rng r;
    gen_rng_seed(&r, 3);
    static const char *const base =
        "reserve pages=8\nalloc n=6\nmap at=R0+0 pfns=[L0 L1 L2 L3 L4 L5]\n"
        "map at=R0+0 pfns=null n=6\nfree pfns=[L0 L1]\n";
    run_both(base, &p, &st, &res);
    CHECK(gen_follow_up(&st, &r, awe_target_mask("free"), &p) == 0 && p.n == 5);
    gen_state_free(&st);
    static char text[512];
    snprintf(text, sizeof text, "%sfault 1\nfree pfns=[L3]\n", base);
    run_both(text, &p, &st, &res);
    CHECK(gen_follow_up(&st, &r, awe_target_mask("free"), &p) == 1 && p.n == 8);
    CHECK(st.ran == 8);
    gen_state_free(&st);
    snprintf(text, sizeof text, "%sfault 1\nfree pfns=[L3]\nalloc n=3\n", base);
    run_both(text, &p, &st, &res);
    CHECK(gen_follow_up(&st, &r, awe_target_mask("free"), &p) == 1 && p.n == 9);
    gen_state_free(&st);
}

/* Under an armed fault a Free names some frames but not all, so that they fall in several
 * runs and the fault can land midway. */
TEST(a_free_under_a_fault_names_some_frames_but_not_all)
{
    static awe_program p;
    static gen_state st;
    static awe_run_result res;
    awe_op op;
    gen_rng r;
    unsigned lens[AWE_MAX_LIST + 1] = {0};
    run_both("reserve pages=8\nalloc n=6\nfault 2\n", &p, &st, &res);
    gen_rng_seed(&r, 11);
    for (int i = 0; i < 300; i++) {
        gen_op_of_kind(&st, &r, AWE_OP_FREE, 0, &op);
        lens[op.pfns.len]++;
    }
    CHECK(lens[0] + lens[1] + lens[6] == 0);
    CHECK(lens[2] && lens[3] && lens[4] && lens[5]);
    gen_state_free(&st);
}
