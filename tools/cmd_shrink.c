/* SPDX-License-Identifier: Apache-2.0 */
/* cmd_shrink.c: awefuzz shrink: the smallest program that still diverges with the same key.
 * Greedy: delete ops, then simplify operands (shorter lists, smaller numbers, defaults, as
 * each operand's description offers them), keeping
 * every change after which the run still ends with the same canonical key, until nothing more
 * can go. Prints the result as a runnable trace. */
#include <stdio.h>
#include <string.h>

#include "optable.h"
#include "tool.h"

typedef struct {
    awe_executor *x;
    char key[96];
    awe_run_result res;
    size_t runs;
} shrinker;

static int same_key(shrinker *s, const awe_program *p)
{
    s->runs++;
    awe_run_status st = awe_executor_run(s->x, p, &s->res);
    return (st == AWE_RUN_DIVERGED || st == AWE_RUN_SOFT) && strcmp(s->res.key, s->key) == 0;
}

static int try_delete_ops(shrinker *s, awe_program *p)
{
    int changed = 0;
    for (size_t i = p->n; i-- > 0;) {
        awe_program cand = *p;
        memmove(&cand.op[i], &cand.op[i + 1], (cand.n - i - 1) * sizeof cand.op[0]);
        cand.n--;
        if (same_key(s, &cand))
            *p = cand, changed = 1;
    }
    return changed;
}

/* The k-th simplification of an op: the operands of its row in order, each with the steps
 * its description offers (operands.h); 0 when there is no k-th. */
static int simplify(awe_op *op, int k)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
        const awe_operand *operand = awe_operand_of(spec->fields[i].field);
        if (!operand->simplify)
            continue;
        for (unsigned step = 0;; step++) {
            awe_op probe = *op;
            if (!operand->simplify(&probe, step))
                break;
            if (k-- == 0) {
                *op = probe;
                return 1;
            }
        }
    }
    return 0;
}

static int try_simplify_ops(shrinker *s, awe_program *p)
{
    int changed = 0;
    for (size_t i = 0; i < p->n; i++) {
        for (int k = 0;; k++) {
            awe_program cand = *p;
            if (!simplify(&cand.op[i], k))
                break;
            awe_op_canonicalize(&cand.op[i]);
            if (memcmp(&cand.op[i], &p->op[i], sizeof p->op[i]) == 0)
                continue;
            if (same_key(s, &cand))
                *p = cand, changed = 1, k = -1; /* the op changed: its simplifications start over */
        }
    }
    return changed;
}

int cmd_shrink(const tool_opts *o)
{
    static shrinker s;
    static awe_program p;
    const awe_backend_ops *backend;
    tool_opts quiet = *o;
    quiet.no_notes = 1;
    if (o->n_paths != 1) {
        fprintf(stderr, "awefuzz shrink: give exactly one input file\n");
        return 2;
    }
    if (tool_program(o, o->paths[0], &p) != 0)
        return 2;
    for (size_t i = 0; i < p.n; i++)
        memset(&p.op[i].note, 0, sizeof p.op[i].note);
    s.x = tool_executor(&quiet, &backend);
    if (!s.x)
        return 2;
    awe_run_status st = awe_executor_run(s.x, &p, &s.res);
    if (st != AWE_RUN_DIVERGED && st != AWE_RUN_SOFT) {
        fprintf(stderr, "awefuzz shrink: %s does not diverge on backend %s: nothing to shrink "
                "(give an input that diverges: a crash file, or the trace a report printed)\n",
                o->paths[0], backend->name);
        awe_executor_destroy(s.x);
        return 2; /* a wrong input, not a finding */
    }
    snprintf(s.key, sizeof s.key, "%s", s.res.key);
    size_t before = p.n;
    while (try_delete_ops(&s, &p) | try_simplify_ops(&s, &p))
        ;
    same_key(&s, &p);
    FILE *out = o->out ? fopen(o->out, "w") : stdout;
    if (!out) {
        fprintf(stderr, "awefuzz shrink: cannot write %s\n", o->out);
        awe_executor_destroy(s.x);
        return 2;
    }
    fprintf(out, "# shrunk from %s: %zu ops -> %zu, %zu runs\n# key: %s\n# %s\n", o->paths[0], before,
            p.n, s.runs, s.key, s.res.detail);
    awe_run_trace(out, &p, &s.res, s.res.op_index);
    if (out != stdout)
        fclose(out);
    awe_executor_destroy(s.x);
    return 0;
}
