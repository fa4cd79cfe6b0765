/* SPDX-License-Identifier: Apache-2.0 */
/* exec_record.c: what the executor records about the current op: the outcome the backend
 * showed, the oracle's expectation, the rule behind it, skips, and the values the next
 * difference compares. Below both the comparisons (exec_compare.c) and the known-difference
 * matching (exec_known.c), which use it. */
#include <stdio.h>
#include <string.h>

#include "exec_internal.h"

static void set_status_note(awe_note *n, awe_ntstatus status, int has_count, uint64_t count)
{
    memset(n, 0, sizeof *n);
    n->present = 1;
    n->status = status;
    n->has_count = (uint8_t)has_count;
    n->count = count;
}

void exec_record(struct awe_exec *x, awe_ntstatus status, int has_count, uint64_t count)
{
    set_status_note(&x->res->actual[x->cur], status, has_count, count);
}

void exec_set_expected(struct awe_exec *x, awe_ntstatus status, int has_count, uint64_t count)
{
    set_status_note(&x->res->expected, status, has_count, count);
}

void *exec_handle(struct awe_exec *x, uint8_t kind)
{
    return x->be->handle(x->b, (awe_handle_kind)kind);
}

void exec_skip(struct awe_exec *x, const char *why)
{
    x->res->skipped++;
    x->res->outcome[x->cur] = AWE_OP_SKIPPED;
    x->res->why[x->cur] = why;
    if (x->cfg.log)
        fprintf(x->cfg.log, "  skipped: %s\n", why);
}

void exec_skip_off_script(struct awe_exec *x, const char *why)
{
    exec_skip(x, why);
    x->off_script = 1;
}

void exec_set_rule(struct awe_exec *x, awe_rule rule)
{
    x->res->op_rule[x->cur] = rule;
}

void exec_values(struct awe_exec *x, const char *expected, const char *actual)
{
    snprintf(x->div_expected, sizeof x->div_expected, "%s", expected);
    snprintf(x->div_actual, sizeof x->div_actual, "%s", actual);
}

void exec_status_values(struct awe_exec *x, const awe_expect *e, const awe_call_result *r)
{
    char expected[40], actual[40];
    awe_status_format(e->status, expected, sizeof expected);
    if (r->has_status)
        awe_status_format(r->status, actual, sizeof actual);
    else if (r->win32_ok)
        snprintf(actual, sizeof actual, "SUCCESS");
    else
        snprintf(actual, sizeof actual, "%u", r->win32_error);
    exec_values(x, expected, actual);
}
