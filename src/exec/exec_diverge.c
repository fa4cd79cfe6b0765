/* SPDX-License-Identifier: Apache-2.0 */
/* exec_diverge.c: ending a run with a difference (exec_internal.h), unless a known-difference
 * table describes it. Below every comparison: the calls' (exec_compare.c), the state
 * check's (exec_observe.c) and the accesses' (exec_access.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exec_internal.h"
#include "optable.h"

void exec_diverge(struct awe_exec *x, const char *field, awe_rule rule, awe_evidence ev,
                  const char *fmt, ...)
{
    awe_run_result *res = x->res;
    va_list ap;
    if (x->stop || x->op_known) /* after a known difference, the op's other checks follow from it */
        return;
    if (exec_known_difference(x, field, rule))
        return;
    x->stop = 1;
    res->status = (ev != AWE_EV_DOC && !x->strict) ? AWE_RUN_SOFT : AWE_RUN_DIVERGED;
    res->op_index = x->cur;
    if (rule != AWE_RULE_NONE)
        res->op_rule[x->cur] = rule;
    res->rule = rule;
    res->ev = ev;
    snprintf(res->field, sizeof res->field, "%s", field);
    /* One bug, one key: a broken rule is named with the call it governs, whichever op and
     * field showed it (a wrong count and a wrong status of one Free, a state left wrong by a
     * Scatter and seen after the next Map). Without a rule: the op and the field. */
    const char *call = awe_rule_call(rule);
    if (call && strcmp(field, "note") != 0) /* a note is the program's word, not a rule broken */
        snprintf(res->key, sizeof res->key, "AWE-%s-%s-%s", x->be->name, call, awe_rule_name(rule));
    else
        snprintf(res->key, sizeof res->key, "AWE-%s-%s-%s", x->be->name,
                 awe_op_spec_of((awe_op_kind)x->prog->op[x->cur].kind)->upper, field);
    va_start(ap, fmt);
    vsnprintf(res->detail, sizeof res->detail, fmt, ap);
    va_end(ap);
}
