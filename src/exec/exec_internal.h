/* SPDX-License-Identifier: Apache-2.0 */
/* exec_internal.h: the executor's state and the helpers its op functions share. Private to
 * the executor (executor.c, exec_*.c). */
#ifndef AWE_EXEC_INTERNAL_H
#define AWE_EXEC_INTERNAL_H

#include "arena.h"
#include "executor.h"
#include "symbols.h"

/* What the state check keeps between ops (exec_observe.c). The oracle's mapped pages and
 * AWE regions as the previous check saw them tell which pages the current op can have changed;
 * the rest are the buffers one observation fills. */
typedef struct {
    uint64_t va, frame; /* frame: what the system says is behind the page, 0 = not told */
    uint64_t w0, w1;    /* the page's first and last word */
    unsigned direct;    /* AWE_DIRECT_* (backend.h): plain loads / stores reach the page */
} awe_seen_page;

typedef struct {
    awe_mapped_page *want, *prev; /* the oracle's mapped pages now / at the previous check */
    size_t n_want, n_prev, cap_want, cap_prev;
    awe_region_info *regions, *prev_regions; /* live AWE regions now / at the previous check */
    size_t n_regions, n_prev_regions, cap_regions, cap_prev_regions;
    awe_span *spans;
    size_t n_spans, cap_spans;
    awe_seen_page *seen;
    size_t n_seen, cap_seen;
    awe_layout_run *runs;
    size_t cap_runs;
    const void **addrs;
    uint64_t *words;
    unsigned char *ok;
    size_t cap_peek;
    uint16_t next_stamp; /* the stamp the next fresh frame gets */
    unsigned since_full; /* ops since the last check of every page */
} awe_observer;

/* What the state check after an op covers. */
typedef enum {
    AWE_CHECK_CHANGED, /* the pages the oracle says the op changed, and new regions */
    AWE_CHECK_ALL,     /* every page of every live AWE region */
    AWE_CHECK_CONTENT  /* ALL, and every word of every mapped page */
} awe_check_scope;

/* Every this many ops, and after the last op of a program, the check covers every page: a
 * backend that changes a page no op should have touched is caught there. */
#define AWE_FULL_CHECK_EVERY 8u

struct awe_exec {
    awe_exec_config cfg;
    int strict;
    const awe_backend_ops *be;
    awe_backend *b;
    awe_model *model;  /* NULL in backend-only runs */
    awe_model *backup; /* the oracle before a fault-armed op */
    awe_arena *arena;
    awe_symbols sym;
    awe_observer obs;
    awe_run_result *res;
    const awe_program *prog;
    size_t cur;
    int stop;
    int fault_armed;        /* a fault is armed for the current op */
    unsigned fault_pending; /* the previous op asked for one at this call position */
    /* Known differences (cfg.known, exec_known.c). */
    awe_model *before;      /* the oracle before the current op, to roll back to */
    int rollback;           /* the current op must leave the oracle as it was (crash skip) */
    int op_known;           /* the current op differed as known */
    int halt;               /* end the run after this op, without a difference */
    int off_script;         /* a skip or known difference left the program's path: its notes
                             * no longer describe this run and are not checked */
    char div_expected[40], div_actual[40]; /* the values the next difference compares */
};

/* Ends the run with a difference in `field`; soft when the evidence is not DOC and the run is
 * not strict. */
void exec_diverge(struct awe_exec *x, const char *field, awe_rule rule, awe_evidence ev,
                  const char *fmt, ...)
#if defined(__MINGW32__) && !defined(__clang__) /* gcc: plain "printf" is msvcrt's there, no %zu */
    __attribute__((format(gnu_printf, 5, 6)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The NTSTATUS behind what the backend reported (for a Win32-only result: the expected status
 * when the error matches it). */
awe_ntstatus exec_effective_status(const awe_expect *e, const awe_call_result *r);

/* Compares the call's outcome with the expectation: status (Nt layer) or BOOL and last error
 * (Win32 layer). Handles an injected fault that took effect: then the call must have failed
 * with INSUFFICIENT_RESOURCES and changed nothing, and the oracle is rolled back. For a call
 * expected to fail, checks the observable state did not change (rule `atomic_rule`; pass
 * AWE_RULE_NONE for calls whose failures have effects). Returns 1 when the op's own checks
 * should go on. */
int exec_settle(struct awe_exec *x, const awe_expect *e, const awe_call_result *r,
                awe_rule atomic_rule);

/* Records the outcome the backend showed for the current op (for traces and notes). */
void exec_record(struct awe_exec *x, awe_ntstatus status, int has_count, uint64_t count);

/* ---- the state check (exec_observe.c) ---- */

/* Before a run: no pages seen, stamps from 1 again. */
void exec_observer_reset(awe_observer *o);
void exec_observer_free(awe_observer *o);
/* Stamps the frames mapped for the first time (after checking they read zero, A11/C4), then
 * compares the pages `scope` covers with the oracle: mapped or faulting, the frame behind each
 * where the backend's system tells it, the first and last word (tag and stamp), and that
 * READONLY pages refuse writes. */
void exec_compare_state(struct awe_exec *x, awe_check_scope scope);
/* 1 when every page of every live AWE region is as `m` says (which a call that failed left as
 * it was: M7, S7), else 0 with a sentence in why. */
int exec_observation_unchanged(struct awe_exec *x, const awe_model *m, char *why, size_t why_len);
/* After the comparison of exec_compare_state: every READONLY page it covered refuses a write
 * (P13, exec_rights.c). 1 after a divergence, else 0. */
int exec_check_rights(struct awe_exec *x);

/* Remembers the oracle's expectation for the current op (the diverging op of a trace carries
 * it) and checks it against the op's "->" note when the run asks for it. */
void exec_check_note(struct awe_exec *x, const awe_op *op, const awe_expect *e);
void exec_set_expected(struct awe_exec *x, awe_ntstatus status, int has_count, uint64_t count);

void *exec_handle(struct awe_exec *x, uint8_t kind);
void exec_skip(struct awe_exec *x, const char *why);
/* A skip after which the program's notes no longer apply (a control or call not run). */
void exec_skip_off_script(struct awe_exec *x, const char *why);
/* The rule behind the current op's expectation, for per-rule reports. */
void exec_set_rule(struct awe_exec *x, awe_rule rule);

/* The layer a call goes through: the op's, or the one the backend has when it lacks the
 * op's (backend.h); the oracle is asked about that layer. */
awe_api exec_layer(const struct awe_exec *x, const awe_op *op);
/* On a real Windows API the calls act on the harness's own address space: VirtualAlloc at a
 * fixed address (commit, reset), VirtualFree, VirtualProtect or VirtualLock of memory the
 * program did not create would change the harness itself (its "ordinary" page is the
 * harness's own memory). Such ops are skipped there (off script, with why; returns 1); 0 and
 * the kernel address reach no memory and stay. */
int exec_skip_foreign_memory(struct awe_exec *x, uint64_t address, const char *why);
/* 1 when the address lies in a live region the program created (any kind). */
int exec_program_memory(struct awe_exec *x, uint64_t va);

/* ---- known differences (exec_known.c) ---- */

/* The values the next exec_diverge compares, named as known tables name them (known.h). */
void exec_values(struct awe_exec *x, const char *expected, const char *actual);
/* The same for a status difference: the expected status and what the call reported. */
void exec_status_values(struct awe_exec *x, const awe_expect *e, const awe_call_result *r);
/* Called by exec_diverge: 1 when cfg.known describes the difference (then recorded as known). */
int exec_known_difference(struct awe_exec *x, const char *field, awe_rule rule);
/* Skips the op when cfg.known says one of its arguments crashes the implementation; the
 * oracle, already asked (rule), is rolled back. 1 when skipped. */
int exec_crash_skip(struct awe_exec *x, const awe_op *op, awe_rule rule);
/* Around each op (run_op): remember the oracle; afterwards roll it back or end the run as a
 * known difference requires; after the state comparison, a known state difference ends it. */
void exec_known_begin(struct awe_exec *x);
void exec_known_settle(struct awe_exec *x);
void exec_known_after_state(struct awe_exec *x);

#endif
