/* SPDX-License-Identifier: Apache-2.0 */
/* model_expect.c: filling expectations and mismatches, and the argument predicates every
 * call shares (handles, caller buffers). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model_internal.h"

void expect_begin(awe_expect *e)
{
    memset(e, 0, sizeof *e);
    e->rule = e->count_rule = e->state_rule = AWE_RULE_NONE;
}

void expect_fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status)
{
    e->rule = rule;
    e->status = status;
    e->ev_outcome = ev_outcome;
    e->ev_status = ev_status;
    e->win32_ok = 0;
    e->win32_error = awe_status_to_win32(status);
}

void expect_success(awe_expect *e, awe_rule rule, awe_evidence ev_outcome,
                    awe_evidence ev_status)
{
    e->rule = rule;
    e->status = AWE_STATUS_SUCCESS;
    e->ev_outcome = ev_outcome;
    e->ev_status = ev_status;
    e->win32_ok = 1;
    e->win32_error = AWE_ERROR_SUCCESS;
}

void expect_state(awe_expect *e, awe_rule rule, awe_evidence ev)
{
    e->state_rule = rule;
    e->ev_state = ev;
}

void expect_count(awe_expect *e, uint64_t count, awe_rule rule, awe_evidence ev)
{
    e->count_written = 1;
    e->count = count;
    e->count_rule = rule;
    e->ev_count = ev;
}

awe_ntstatus model_handle_status(awe_handle_kind handle)
{
    switch (handle) {
    case AWE_HANDLE_CURRENT:
    case AWE_HANDLE_SELF:
        return AWE_STATUS_SUCCESS;
    case AWE_HANDLE_NO_VM_OPERATION:
        return AWE_STATUS_ACCESS_DENIED;
    default:
        return AWE_STATUS_INVALID_HANDLE;
    }
}

int buf_writable(const awe_buf *b, uint64_t n)
{
    if (n == 0)
        return 1;
    return b && b->kind == AWE_BUF_OK && b->valid >= n;
}

int buf_readable(const awe_buf *b, uint64_t n)
{
    if (n == 0)
        return 1;
    return b && (b->kind == AWE_BUF_OK || b->kind == AWE_BUF_READONLY) && b->valid >= n;
}

void mismatch_set(awe_mismatch *mm, awe_rule rule, awe_evidence ev, const char *field,
                  const char *fmt, ...)
{
    if (!mm)
        return;
    mm->rule = rule;
    mm->ev = ev;
    mm->field = field;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(mm->detail, sizeof mm->detail, fmt, ap);
    va_end(ap);
}
