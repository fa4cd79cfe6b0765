/* exec_internal.h: the executor's state and the helpers its op functions share. Private to
 * the executor (executor.c, exec_*.c). */
#ifndef AWE_EXEC_INTERNAL_H
#define AWE_EXEC_INTERNAL_H

#include "arena.h"
#include "executor.h"
#include "symbols.h"

/* Pages observed after the previous op: the baseline that a call expected to fail must leave
 * exactly as it was (M7, S7). */
#define AWE_OBS_MAX_PAGES 1024

typedef struct {
    size_t n;
    uint64_t va[AWE_OBS_MAX_PAGES];
    uint64_t word[2 * AWE_OBS_MAX_PAGES];
    unsigned char ok[2 * AWE_OBS_MAX_PAGES];
} awe_observation;

struct awe_exec {
    awe_exec_config cfg;
    int strict;
    const awe_backend_ops *be;
    awe_backend *b;
    awe_model *model;  /* NULL in backend-only runs */
    awe_model *backup; /* the oracle before a fault-armed op */
    awe_arena *arena;
    awe_symbols sym;
    awe_observation last;
    awe_observation scratch;
    awe_run_result *res;
    const awe_program *prog;
    size_t cur;
    int stop;
    int fault_armed;        /* a fault is armed for the current op */
    unsigned fault_pending; /* the previous op asked for one at this call position */
};

/* Ends the run with a difference in `field`; soft when the evidence is not DOC and the run is
 * not strict. */
void exec_diverge(struct awe_exec *x, const char *field, awe_rule rule, awe_evidence ev,
                  const char *fmt, ...)
#if defined(__GNUC__)
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

/* Compares every page of every live AWE region with the oracle (full: the whole content of
 * every mapped page, else its first and last word) and remembers what it saw. */
void exec_compare_state(struct awe_exec *x, int full);
/* 1 when the pages seen last are still exactly as they were. */
int exec_observation_unchanged(struct awe_exec *x, char *why, size_t why_len);

/* Remembers the oracle's expectation for the current op (the diverging op of a trace carries
 * it) and checks it against the op's "->" note when the run asks for it. */
void exec_check_note(struct awe_exec *x, const awe_op *op, const awe_expect *e);
void exec_set_expected(struct awe_exec *x, awe_ntstatus status, int has_count, uint64_t count);

void *exec_handle(struct awe_exec *x, uint8_t kind);
void exec_skip(struct awe_exec *x, const char *why);

#endif
