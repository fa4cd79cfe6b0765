/* SPDX-License-Identifier: Apache-2.0 */
/* exec_compare.c: the comparisons the executor makes after each call and each op. */
#include <stdio.h>
#include <string.h>

#include "exec_internal.h"
#include "optable.h"

awe_ntstatus exec_effective_status(const awe_expect *e, const awe_call_result *r)
{
    if (r->has_status)
        return r->status;
    if (r->win32_ok)
        return AWE_STATUS_SUCCESS;
    if (!e->win32_ok && r->win32_error == e->win32_error)
        return e->status;
    if (r->win32_error == AWE_ERROR_NO_SYSTEM_RESOURCES)
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    return 0xE0000000u | r->win32_error; /* no NTSTATUS stands behind it */
}

/* 1 when the reported layer agrees with the expectation; else diverges. */
static int outcome_matches(struct awe_exec *x, const awe_expect *e, const awe_call_result *r)
{
    char a[40], b[40];
    /* The values a known-difference table compares are formatted only for a difference. */
    if (r->has_status && r->status != e->status) {
        int flip = AWE_NT_SUCCESS(r->status) != AWE_NT_SUCCESS(e->status);
        exec_status_values(x, e, r);
        exec_diverge(x, "status", e->rule, flip ? e->ev_outcome : e->ev_status,
                     "expected %s (%s), got %s", awe_status_format(e->status, a, sizeof a),
                     awe_rule_name(e->rule), awe_status_format(r->status, b, sizeof b));
        return 0;
    }
    if (r->has_win32 && !r->has_status && r->win32_ok != e->win32_ok) {
        exec_status_values(x, e, r);
        exec_diverge(x, "status", e->rule, e->ev_outcome,
                     "expected the Win32 call to %s (%s, %s), it %s (last error %u)",
                     e->win32_ok ? "succeed" : "fail", awe_status_format(e->status, a, sizeof a),
                     awe_rule_name(e->rule), r->win32_ok ? "succeeded" : "failed", r->win32_error);
        return 0;
    }
    if (r->has_win32 && !r->has_status && !r->win32_ok && r->win32_error != e->win32_error) {
        exec_status_values(x, e, r);
        exec_diverge(x, "error", e->rule, e->ev_status,
                     "expected last error %u (%s, %s), got %u", e->win32_error,
                     awe_status_format(e->status, a, sizeof a), awe_rule_name(e->rule), r->win32_error);
        return 0;
    }
    exec_values(x, "", "");
    return 1;
}

static int reported_resources_failure(const awe_call_result *r)
{
    return r->has_status ? r->status == AWE_STATUS_INSUFFICIENT_RESOURCES
                         : !r->win32_ok && r->win32_error == AWE_ERROR_NO_SYSTEM_RESOURCES;
}

int exec_settle(struct awe_exec *x, const awe_expect *e, const awe_call_result *r,
                awe_rule atomic_rule)
{
    char why[256];
    if (!x->model)
        return 0;
    exec_set_rule(x, e->rule);
    if (x->fault_armed && reported_resources_failure(r) &&
        e->status != AWE_STATUS_INSUFFICIENT_RESOURCES) {
        /* The injected fault took effect: all or nothing says nothing happened. */
        if (!exec_observation_unchanged(x, x->backup ? x->backup : x->model, why, sizeof why))
            exec_diverge(x, "atomicity", atomic_rule != AWE_RULE_NONE ? atomic_rule : e->rule,
                         AWE_EV_DOC, "a call failed by an injected fault changed the state: %s", why);
        awe_model_destroy(x->model);
        x->model = x->backup;
        x->backup = NULL;
        return 0;
    }
    if (!outcome_matches(x, e, r))
        return 0;
    if (atomic_rule != AWE_RULE_NONE && !AWE_NT_SUCCESS(e->status) &&
        !exec_observation_unchanged(x, x->model, why, sizeof why)) {
        exec_values(x, "unchanged", "changed");
        exec_diverge(x, "atomicity", atomic_rule, AWE_EV_DOC,
                     "the call failed as expected (%s) but changed the state: %s",
                     awe_rule_name(e->rule), why);
        return 0;
    }
    return 1;
}

void exec_check_note(struct awe_exec *x, const awe_op *op, const awe_expect *e)
{
    char a[256], b[40];
    const awe_note *n = &op->note;
    exec_set_expected(x, e->status, e->count_written, e->count);
    if (!x->cfg.check_notes || !n->present || x->stop || !x->model || x->off_script)
        return;
    /* A trace records what its run saw: under an armed fault, the call failing with
     * INSUFFICIENT_RESOURCES (and changing nothing, which exec_settle checks). */
    if (x->fault_armed && awe_note_says(n, AWE_STATUS_INSUFFICIENT_RESOURCES))
        return;
    int bad_count = n->has_count && e->count_written && n->count != e->count;
    if (!awe_note_says(n, e->status) || bad_count) {
        awe_note bare = *n;
        bare.mbi = 0; /* the query's fields are checked after the call (exec_vm.c) */
        bare.has_count = 1;
        awe_note_format(op, &bare, a, sizeof a);
        if (!n->win32)
            awe_status_format(e->status, b, sizeof b);
        else if (AWE_NT_SUCCESS(e->status))
            snprintf(b, sizeof b, "TRUE");
        else
            snprintf(b, sizeof b, "FALSE error=%u", awe_status_to_win32(e->status));
        exec_diverge(x, "note", e->rule, AWE_EV_DOC, "the program says %s, the oracle expects %s n=%llu (%s)",
                     a, b, (unsigned long long)e->count, awe_rule_name(e->rule));
        snprintf(x->res->key, sizeof x->res->key, "AWE-oracle-%s-note",
                 awe_op_spec_of((awe_op_kind)op->kind)->upper);
    }
}

