/* SPDX-License-Identifier: Apache-2.0 */
/* exec_controls.c: operations that steer the process rather than call the API: the lock-memory
 * privilege (A5), fault injection, the page limit (A6) and the physical pool (A7, A8). A
 * backend that cannot do one skips it, and the run says so; the program's later notes then
 * describe another run and are not checked. */
#include "exec_internal.h"
#include "exec_ops.h"

void awe_exec_priv(struct awe_exec *x, const awe_op *op)
{
    if (!x->be->set_privilege || x->be->set_privilege(x->b, op->flag) != 0) {
        exec_skip_off_script(x, "this backend cannot switch SeLockMemoryPrivilege");
        return;
    }
    if (x->model)
        awe_model_set_privilege(x->model, op->flag);
}

/* The fault is armed right before the next op's call (run_op), so that the state checks
 * made in between cannot consume it. */
void awe_exec_fault(struct awe_exec *x, const awe_op *op)
{
    if (!x->be->inject_fault || !(x->be->caps & AWE_CAP_FAULTS)) {
        exec_skip_off_script(x, "this backend has no fault injection");
        return;
    }
    x->fault_pending = op->num;
}

void awe_exec_limit(struct awe_exec *x, const awe_op *op)
{
    if (!x->be->set_page_limit || x->be->set_page_limit(x->b, op->num) != 0) {
        exec_skip_off_script(x, "this backend cannot set a page limit");
        return;
    }
    if (x->model)
        awe_model_set_page_limit(x->model, op->num);
}

/* A sized pool grants exactly op->num more pages (backend.h): the oracle knows it from now
 * on and expects every grant exactly (A7, A8). A refused size leaves the pool as it was. */
void awe_exec_pool(struct awe_exec *x, const awe_op *op)
{
    if (!x->be->set_pool || x->be->set_pool(x->b, op->num) != 0) {
        exec_skip_off_script(x, "this backend cannot size its physical pool");
        return;
    }
    if (x->model)
        awe_model_set_pool_free(x->model, op->num);
}
