/* SPDX-License-Identifier: Apache-2.0 */
/* mutate.h: op-level mutation of programs, so fuzzing mutates meaning instead of bytes that
 * mostly decode to skipped ops. New ops come from the model state at the point where they go
 * (generate.h): insert generated ops, replace an op by a generated one, move one operand to a
 * valid or boundary value or break it, delete, swap, duplicate, splice two programs. Programs
 * grow a few ops at a time up to a soft cap, so short programs that reach a state stay cheap
 * to run. Used by the libFuzzer custom mutator; deterministic for a given seed. */
#ifndef AWE_MUTATE_H
#define AWE_MUTATE_H

#include <stddef.h>
#include <stdint.h>

#include "optable.h"

/* Drops the ops the mask excludes. */
void awe_program_filter(awe_program *p, awe_op_mask mask);
/* Ops a mutation grows a program to, unless it already is longer. */
#define AWE_MUTATE_SOFT_CAP 20

/* Applies one to a few random mutations; only op kinds in the mask are created. An empty
 * program becomes a freshly generated one of a few ops. */
void awe_program_mutate(awe_program *p, uint32_t seed, awe_op_mask mask);
/* The same, growing programs to at most max(cap, p->n) ops. */
void awe_program_mutate_capped(awe_program *p, uint32_t seed, awe_op_mask mask, size_t cap);
/* Crossover: a prefix of a followed by a suffix of b, or by ops generated from the state the
 * prefix leaves; at most max(cap, a->n) ops, only kinds in the mask. */
void awe_program_crossover(const awe_program *a, const awe_program *b, uint32_t seed,
                           awe_op_mask mask, size_t cap, awe_program *out);

#endif
