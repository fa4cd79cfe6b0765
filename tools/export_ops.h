/* SPDX-License-Identifier: Apache-2.0 */
/* export_ops.h: the C code `awefuzz export` writes for one op of a program: its expected
 * outcome and the call of the reproducer runtime's op_<name> function (repro_runtime.c). The
 * table from op kind to its writer is made from the op list (ops.h), like the executor's: an
 * op without its export_<name> function does not compile. */
#ifndef AWE_EXPORT_OPS_H
#define AWE_EXPORT_OPS_H

#include <stddef.h>
#include <stdio.h>

#include "awe_rules.h"
#include "program.h"

/* Writes op i as a block of run_program(): a comment with its text and the outcome expected
 * (from `source`; not present: none), then the call. */
void export_op(FILE *out, const awe_op *op, const awe_note *expected, const char *source,
               awe_rule rule, size_t i);

#endif
