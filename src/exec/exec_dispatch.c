/* exec_dispatch.c: the executor's own table from op kind to its function (exec_ops.h). */
#include "exec_ops.h"

typedef void (*exec_fn)(struct awe_exec *x, const awe_op *op);

static const exec_fn table[AWE_OP_KIND_COUNT] = {
    [AWE_OP_RESERVE] = awe_exec_reserve, [AWE_OP_RELEASE] = awe_exec_release,
    [AWE_OP_ALLOC] = awe_exec_alloc,     [AWE_OP_FREE] = awe_exec_free,
    [AWE_OP_MAP] = awe_exec_map,         [AWE_OP_SCATTER] = awe_exec_scatter,
    [AWE_OP_WRITE] = awe_exec_write,     [AWE_OP_READ] = awe_exec_read,
    [AWE_OP_CHECK] = awe_exec_check,     [AWE_OP_PRIV] = awe_exec_priv,
    [AWE_OP_FAULT] = awe_exec_fault,     [AWE_OP_LIMIT] = awe_exec_limit,
    [AWE_OP_POOL] = awe_exec_pool,
};

void awe_exec_op(struct awe_exec *x, const awe_op *op)
{
    table[op->kind < AWE_OP_KIND_COUNT ? op->kind : 0](x, op);
}
