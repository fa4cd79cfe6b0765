/* SPDX-License-Identifier: Apache-2.0 */
/* report.c: what a run that found a difference prints: a trace that reproduces it and the
 * canonical key that names it. */
#include <string.h>

#include "executor.h"
#include "optable.h"

static const char *run_status_word(awe_run_status s)
{
    switch (s) {
    case AWE_RUN_OK: return "no difference";
    case AWE_RUN_SOFT: return "soft divergence (NT52/INF field; fatal with --strict)";
    case AWE_RUN_DIVERGED: return "DIVERGENCE";
    default: return "harness error";
    }
}

static int diverged(const awe_run_result *res)
{
    return res->status == AWE_RUN_SOFT || res->status == AWE_RUN_DIVERGED;
}

void awe_run_trace(FILE *out, const awe_program *p, const awe_run_result *res, size_t upto)
{
    char line[1200];
    for (size_t i = 0; i <= upto && i < p->n; i++) {
        int at_divergence = diverged(res) && i == res->op_index;
        const awe_note *note = at_divergence ? &res->expected : &res->actual[i];
        awe_op_format(&p->op[i], note, line, sizeof line);
        fprintf(out, "%s\n", line);
    }
}

void awe_run_report(FILE *out, const awe_program *p, const awe_run_result *res,
                    const char *backend_name)
{
    char line[1200];
    if (res->status == AWE_RUN_OK) {
        fprintf(out, "awefuzz: %s: no difference in %zu ops\n", backend_name, res->executed);
        return;
    }
    if (!diverged(res)) {
        fprintf(out, "awefuzz: %s: %s\n", backend_name, res->detail);
        return;
    }
    const awe_op *bad = &p->op[res->op_index];
    fprintf(out, "awefuzz: %s on backend %s at op %zu (%s)\n", run_status_word(res->status),
            backend_name, res->op_index, awe_op_spec_of((awe_op_kind)bad->kind)->name);
    fprintf(out, "--- reproducer (outcomes as the oracle expects them) ---\n");
    awe_run_trace(out, p, res, res->op_index);
    fprintf(out, "--- what happened ---\n");
    if (res->actual[res->op_index].present) {
        awe_note_format(bad, &res->actual[res->op_index], line, sizeof line);
        fprintf(out, "the backend: %s\n", line);
    }
    fprintf(out, "difference: %s\n", res->detail);
    fprintf(out, "rule: %s (%s)\n", awe_rule_name(res->rule), awe_evidence_name(res->ev));
    fprintf(out, "key: %s\n", res->key);
}
