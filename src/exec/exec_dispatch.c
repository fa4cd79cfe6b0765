/* SPDX-License-Identifier: Apache-2.0 */
/* exec_dispatch.c: the executor's own table from op kind to its function, made from the op
 * list (ops.h): a row without its awe_exec_<name> function does not compile. */
#include "exec_ops.h"

typedef void (*exec_fn)(struct awe_exec *x, const awe_op *op);

static const exec_fn table[AWE_OP_KIND_COUNT] = {
#define AWE_EXEC_ROW(e, name, id, targets, rule, examples, operands) [AWE_OP_##e] = awe_exec_##name,
    AWE_OP_LIST(AWE_EXEC_ROW)
#undef AWE_EXEC_ROW
};

void awe_exec_op(struct awe_exec *x, const awe_op *op)
{
    table[op->kind < AWE_OP_KIND_COUNT ? op->kind : 0](x, op);
}
