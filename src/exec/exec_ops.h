/* exec_ops.h: one function per operation, awe_exec_<name>, and the dispatch over them. Each
 * resolves the op's symbolic operands, asks the oracle, performs the call on the backend and
 * compares. The dispatch table is built from the op list (ops.h), so an op without its
 * function does not compile. */
#ifndef AWE_EXEC_OPS_H
#define AWE_EXEC_OPS_H

#include "program.h"

struct awe_exec;

void awe_exec_reserve(struct awe_exec *x, const awe_op *op);
void awe_exec_release(struct awe_exec *x, const awe_op *op);
void awe_exec_alloc(struct awe_exec *x, const awe_op *op);
void awe_exec_free(struct awe_exec *x, const awe_op *op);
void awe_exec_map(struct awe_exec *x, const awe_op *op);
void awe_exec_scatter(struct awe_exec *x, const awe_op *op);
void awe_exec_write(struct awe_exec *x, const awe_op *op);
void awe_exec_read(struct awe_exec *x, const awe_op *op);
void awe_exec_check(struct awe_exec *x, const awe_op *op);
void awe_exec_priv(struct awe_exec *x, const awe_op *op);
void awe_exec_fault(struct awe_exec *x, const awe_op *op);
void awe_exec_limit(struct awe_exec *x, const awe_op *op);
void awe_exec_pool(struct awe_exec *x, const awe_op *op);

/* Runs op through its kind's function. */
void awe_exec_op(struct awe_exec *x, const awe_op *op);

#endif
