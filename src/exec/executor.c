/* SPDX-License-Identifier: Apache-2.0 */
/* executor.c: the run loop (see executor.h). */
#include <stdlib.h>
#include <string.h>

#include "exec_internal.h"
#include "exec_ops.h"
#include "optable.h"

awe_executor *awe_executor_new(const awe_exec_config *cfg, char *err, size_t err_len)
{
    struct awe_exec *x = calloc(1, sizeof *x);
    if (!x) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    x->cfg = *cfg;
    x->be = cfg->backend;
    x->strict = cfg->strict || (x->be->caps & AWE_CAP_STRICT);
    x->arena = awe_arena_new();
    if (!x->arena) {
        snprintf(err, err_len, "cannot map the argument arena");
        free(x);
        return NULL;
    }
    x->b = x->be->open(&cfg->backend_cfg, err, err_len);
    if (!x->b) {
        awe_arena_destroy(x->arena);
        free(x);
        return NULL;
    }
    return (awe_executor *)x;
}

void awe_executor_destroy(awe_executor *ex)
{
    struct awe_exec *x = (struct awe_exec *)ex;
    if (!x)
        return;
    awe_model_destroy(x->model);
    awe_model_destroy(x->backup);
    awe_model_destroy(x->before);
    x->be->close(x->b);
    awe_arena_destroy(x->arena);
    exec_observer_free(&x->obs);
    free(x);
}

static int start_run(struct awe_exec *x, const awe_program *p, awe_run_result *res)
{
    memset(res, 0, sizeof *res);
    x->res = res;
    x->prog = p;
    x->stop = 0;
    x->halt = 0;
    x->off_script = 0;
    for (size_t i = 0; i < AWE_MAX_OPS; i++)
        res->known_entry[i] = -1;
    x->fault_pending = 0;
    exec_observer_reset(&x->obs);
    awe_model_destroy(x->model);
    x->model = NULL;
    if (x->be->reset(x->b) != 0) {
        res->status = AWE_RUN_ERROR;
        snprintf(res->detail, sizeof res->detail, "the %s backend could not be reset", x->be->name);
        return -1;
    }
    if (!x->cfg.no_oracle) {
        awe_model_config mc = {x->cfg.backend_cfg.page_limit, x->cfg.backend_cfg.privilege, 0, 0};
        /* A backend that reports its pool makes grants exact (A7, A8); else they stay open. */
        mc.pool_known = x->be->query_pool && x->be->query_pool(x->b, &mc.pool_free) == 0;
        x->model = awe_model_new(&mc);
        if (!x->model) {
            res->status = AWE_RUN_ERROR;
            snprintf(res->detail, sizeof res->detail, "out of memory for the oracle");
            return -1;
        }
    }
    awe_symbols_reset(&x->sym, (uint64_t)(uintptr_t)awe_arena_ordinary(x->arena));
    return 0;
}

static void log_op(struct awe_exec *x, const awe_op *op)
{
    char line[1024];
    awe_op_format(op, &x->res->actual[x->cur], line, sizeof line);
    fprintf(x->cfg.log, "%3zu  %s\n", x->cur, line);
}

static void run_op(struct awe_exec *x, const awe_op *op)
{
    x->fault_armed = x->fault_pending != 0;
    if (x->fault_armed) {
        if (x->model) {
            awe_model_destroy(x->backup);
            x->backup = awe_model_clone(x->model);
        }
        x->be->inject_fault(x->b, x->fault_pending);
    }
    x->fault_pending = 0;
    exec_known_begin(x);
    awe_exec_op(x, op);
    if (x->fault_armed && x->be->inject_fault)
        x->be->inject_fault(x->b, 0); /* an unused fault must not leak into the next op */
    exec_known_settle(x);
    /* Most ops are checked where the oracle says they changed something; now and then, and
     * after the program's last op, every page is (exec_internal.h). */
    int full = x->cur + 1 == x->prog->n || ++x->obs.since_full >= AWE_FULL_CHECK_EVERY;
    exec_compare_state(x, full ? AWE_CHECK_ALL : AWE_CHECK_CHANGED);
    exec_known_after_state(x);
    unsigned char *outcome = &x->res->outcome[x->cur];
    if (x->stop)
        *outcome = AWE_OP_DIVERGED;
    else if (*outcome == AWE_OP_NOT_RUN)
        *outcome = AWE_OP_PASSED;
    if (x->cfg.log)
        log_op(x, op);
}

awe_run_status awe_executor_run(awe_executor *ex, const awe_program *p, awe_run_result *res)
{
    struct awe_exec *x = (struct awe_exec *)ex;
    if (start_run(x, p, res) != 0)
        return res->status;
    for (x->cur = 0; x->cur < p->n && !x->stop && !x->halt; x->cur++) {
        run_op(x, &p->op[x->cur]);
        res->executed = x->cur + 1;
    }
    if (!x->stop)
        res->status = AWE_RUN_OK;
    return res->status;
}
