/* SPDX-License-Identifier: Apache-2.0 */
/* executor.h: runs a program on a backend and on the oracle side by side and compares, op by
 * op, everything observable: NTSTATUS, Win32 result and last error, out-parameters, and the
 * state of the pages (mapped or faulting, the frame behind each, its content): after every op
 * the pages the op changed, and every page of every region every few ops, after the last op
 * and after every call the oracle expects to fail, which must have changed nothing (M7, S7). The first difference ends the run with a canonical
 * key such as AWE-linux-MAP-M6 (the call the broken rule governs, and the rule), unless a
 * known-difference table (known.h) describes it.
 * Fields whose rule is NT52 or INF differ "softly" (reported, not fatal) unless strict mode is
 * on or the backend implements NT52 exactly. */
#ifndef AWE_EXECUTOR_H
#define AWE_EXECUTOR_H

#include <stdio.h>

#include "awe_model.h"
#include "backend.h"
#include "known.h"
#include "program.h"

typedef enum {
    AWE_RUN_OK = 0,       /* no difference */
    AWE_RUN_SOFT,         /* a difference in an NT52 / INF field: reported, not fatal */
    AWE_RUN_DIVERGED,     /* a difference in a DOC field (or any field in strict mode) */
    AWE_RUN_ERROR         /* the harness could not run the program (backend reset failed) */
} awe_run_status;

typedef struct {
    const awe_backend_ops *backend;
    awe_backend_config backend_cfg;
    int strict;       /* NT52 and INF differences are fatal too */
    int no_oracle;    /* run on the backend alone: no oracle, no checks (for speed baselines) */
    int check_notes;  /* the oracle must agree with the program's "->" notes */
    FILE *log;        /* when set, each op and its outcome is printed as it runs */
    /* Expected differences of this implementation (known.h), NULL = none: a difference an
     * entry describes is counted as known and the run goes on (after a failed call the
     * oracle is rolled back, as the call changed nothing; after an unexpected success the
     * run ends there, still OK); an op with an argument a crash entry names is skipped. */
    const awe_known *known;
} awe_exec_config;

/* What became of one op of a run. */
typedef enum {
    AWE_OP_NOT_RUN = 0, /* the run ended before it */
    AWE_OP_PASSED,      /* the backend did what the oracle expected */
    AWE_OP_DIVERGED,    /* the op the run stopped at (status SOFT or DIVERGED) */
    AWE_OP_KNOWN,       /* differed as an entry of cfg.known says */
    AWE_OP_SKIPPED      /* not run on this backend; why[] says why */
} awe_op_outcome;

typedef struct {
    awe_run_status status;
    size_t executed;           /* ops run, including the one that diverged */
    size_t op_index;           /* the op that diverged */
    char key[96];              /* canonical key: AWE-<backend>-<CALL>-<rule> (the call the
                                * broken rule governs), or AWE-<backend>-<OP>-<field> when no
                                * rule stands behind the difference (notes, invariants) */
    char field[16];            /* what differed: status, error, count, state, content, ... */
    char detail[512];          /* expected against actual, with the rule and its evidence */
    awe_rule rule;
    awe_evidence ev;
    awe_note actual[AWE_MAX_OPS];   /* what the backend did, per op run */
    awe_note expected;              /* what the oracle expected at the diverging op */
    unsigned skipped;               /* ops not run: controls the backend lacks, ops unsafe
                                     * on a real API or known to crash the implementation */
    unsigned known;                 /* ops that differed as cfg.known says */
    /* Per op: its outcome (awe_op_outcome), the rule behind the oracle's expectation (NONE
     * when it was not asked), the reason of a skip or known difference, the cfg.known entry
     * behind a known difference or crash skip (-1: none), and for a known difference the
     * values compared ("SUCCESS -> 120"). */
    unsigned char outcome[AWE_MAX_OPS];
    awe_rule op_rule[AWE_MAX_OPS];
    const char *why[AWE_MAX_OPS];
    int known_entry[AWE_MAX_OPS];
    char known_values[AWE_MAX_OPS][88];
} awe_run_result;

typedef struct awe_executor awe_executor;

/* NULL with a one-line reason in err (backend could not be opened, out of memory). */
awe_executor *awe_executor_new(const awe_exec_config *cfg, char *err, size_t err_len);
void awe_executor_destroy(awe_executor *x);
/* Resets the backend to an empty process, runs the program, fills res. Returns res->status. */
awe_run_status awe_executor_run(awe_executor *x, const awe_program *p, awe_run_result *res);

/* The report of a run that did not end OK: the program up to the diverging op as a runnable
 * trace (each op with the outcome the backend showed), the diverging op with the oracle's
 * expectation, the difference, and the key on its own line as "key: AWE-...". */
void awe_run_report(FILE *out, const awe_program *p, const awe_run_result *res,
                    const char *backend_name);
/* The program up to and including op `upto`, each op carrying the note the run observed (the
 * diverging op carries the oracle's expectation): a regression test for that run. */
void awe_run_trace(FILE *out, const awe_program *p, const awe_run_result *res, size_t upto);

#endif
