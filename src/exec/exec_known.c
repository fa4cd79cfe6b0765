/* SPDX-License-Identifier: Apache-2.0 */
/* exec_known.c: the executor's side of known-difference tables (known.h, cfg.known). A
 * difference an entry describes is recorded as known and the run goes on; an op whose
 * argument a crash entry names is skipped. Either way the run has left the program's script,
 * so the program's later notes are no longer checked, and the oracle is kept in step with the
 * implementation: rolled back when the call failed (a failed call changes nothing: the state
 * comparison after the op holds the implementation to that), or the run ends after an
 * unexpected success, which the oracle cannot follow. */
#include <stdio.h>
#include <string.h>

#include "exec_internal.h"
#include "optable.h"

int exec_known_difference(struct awe_exec *x, const char *field, awe_rule rule)
{
    awe_run_result *res = x->res;
    int k = -1;
    /* notes and invariants are the oracle's own business, never an implementation's */
    if (x->cfg.known && strcmp(field, "note") != 0 && strcmp(field, "invariant") != 0) {
        const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)x->prog->op[x->cur].kind);
        k = awe_known_find(x->cfg.known, x->be->name, spec->name, field, x->div_expected,
                           x->div_actual);
    }
    if (k >= 0) {
        res->outcome[x->cur] = AWE_OP_KNOWN;
        res->known_entry[x->cur] = k;
        res->why[x->cur] = x->cfg.known->e[k].reason;
        res->op_rule[x->cur] = rule;
        snprintf(res->known_values[x->cur], sizeof res->known_values[0], "%s -> %s",
                 x->div_expected, x->div_actual);
        res->known++;
        x->op_known = 1;
        x->off_script = 1;
    }
    x->div_expected[0] = x->div_actual[0] = '\0';
    return k >= 0;
}

/* "pfns=null", "cnt=ro", "at=empty": how a crash entry names a pointer argument, as each
 * pointer operand of the op's row describes itself (operands.h). */
static int arg_words(const awe_op *op, char words[][AWE_ARG_WORD_LEN], int max)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int n = 0;
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
        const awe_operand *operand = awe_operand_of(spec->fields[i].field);
        if (operand->arg_words && spec->fields[i].key && n + 2 <= max)
            n += operand->arg_words(op, spec->fields[i].key, words + n);
    }
    return n;
}

int exec_crash_skip(struct awe_exec *x, const awe_op *op, awe_rule rule)
{
    char words[AWE_MAX_FIELDS * 2][AWE_ARG_WORD_LEN];
    if (!x->cfg.known)
        return 0;
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int n = arg_words(op, words, AWE_MAX_FIELDS * 2);
    for (int i = 0; i < n; i++) {
        int k = awe_known_find(x->cfg.known, x->be->name, spec->name, "crash", words[i], "crash");
        if (k < 0)
            continue;
        exec_skip_off_script(x, x->cfg.known->e[k].reason);
        x->res->known_entry[x->cur] = k;
        x->res->op_rule[x->cur] = rule;
        x->rollback = 1;
        return 1;
    }
    return 0;
}

void exec_known_begin(struct awe_exec *x)
{
    x->op_known = x->rollback = 0;
    x->div_expected[0] = x->div_actual[0] = '\0';
    if (!x->cfg.known || !x->model)
        return;
    awe_model_destroy(x->before);
    x->before = awe_model_clone(x->model);
}

static int call_failed(const struct awe_exec *x)
{
    const awe_note *n = &x->res->actual[x->cur];
    awe_op_kind kind = (awe_op_kind)x->prog->op[x->cur].kind;
    return awe_op_note_kind(kind) == AWE_NOTE_STATUS && n->present && !AWE_NT_SUCCESS(n->status);
}

void exec_known_settle(struct awe_exec *x)
{
    int roll = x->rollback || (x->op_known && call_failed(x));
    if (x->op_known && !roll)
        x->halt = 1; /* the implementation did something the oracle cannot follow */
    if (roll && x->model) {
        if (x->before) {
            awe_model_destroy(x->model);
            x->model = x->before;
            x->before = NULL;
        } else {
            x->halt = 1; /* no copy to roll back to (out of memory): stop here */
        }
    }
    x->op_known = x->rollback = 0;
}

void exec_known_after_state(struct awe_exec *x)
{
    if (x->op_known)
        x->halt = 1; /* a known state difference: the oracle no longer matches the pages */
    x->op_known = 0;
}
