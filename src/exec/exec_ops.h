/* SPDX-License-Identifier: Apache-2.0 */
/* exec_ops.h: one function per operation, awe_exec_<name>, and the dispatch over them. Each
 * resolves the op's symbolic operands, asks the oracle, performs the call on the backend and
 * compares. The dispatch table is built from the op list (ops.h), so an op without its
 * function does not compile. */
#ifndef AWE_EXEC_OPS_H
#define AWE_EXEC_OPS_H

#include "program.h"

struct awe_exec;

#define AWE_EXEC_DECLARE(e, name, id, targets, rule, examples, operands) \
    void awe_exec_##name(struct awe_exec *x, const awe_op *op);
AWE_OP_LIST(AWE_EXEC_DECLARE)
#undef AWE_EXEC_DECLARE

/* Runs op through its kind's function. */
void awe_exec_op(struct awe_exec *x, const awe_op *op);

#endif
