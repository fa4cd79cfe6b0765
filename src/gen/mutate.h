/* mutate.h: op-level mutation of programs, so fuzzing mutates meaning (insert, delete, swap,
 * duplicate, tweak one operand) instead of bytes that mostly decode to skipped ops. Used by the
 * libFuzzer custom mutator; deterministic for a given seed. */
#ifndef AWE_MUTATE_H
#define AWE_MUTATE_H

#include <stdint.h>

#include "optable.h"

/* Drops the ops the mask excludes. */
void awe_program_filter(awe_program *p, awe_op_mask mask);
/* Applies one to a few random mutations; only op kinds in the mask are created. */
void awe_program_mutate(awe_program *p, uint32_t seed, awe_op_mask mask);

#endif
