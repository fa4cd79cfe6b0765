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

#include "program.h"

/* Which op kinds a target lets programs contain (bit k = awe_op_kind k). */
typedef uint32_t awe_op_mask;
#define AWE_OPS_ALL ((awe_op_mask)((1u << AWE_OP_KIND_COUNT) - 1))

#define AWE_OP_BIT(k) (1u << (k))
/* The fuzz targets' masks. Map and Scatter with just what they need around them: */
#define AWE_OPS_MAP (AWE_OP_BIT(AWE_OP_RESERVE) | AWE_OP_BIT(AWE_OP_ALLOC) | AWE_OP_BIT(AWE_OP_MAP) | \
                     AWE_OP_BIT(AWE_OP_SCATTER) | AWE_OP_BIT(AWE_OP_WRITE) | AWE_OP_BIT(AWE_OP_READ) | \
                     AWE_OP_BIT(AWE_OP_CHECK) | AWE_OP_BIT(AWE_OP_FAULT))
/* Allocation and Free: partial grants, partial frees, the counts: */
#define AWE_OPS_FREE (AWE_OP_BIT(AWE_OP_RESERVE) | AWE_OP_BIT(AWE_OP_ALLOC) | AWE_OP_BIT(AWE_OP_FREE) | \
                      AWE_OP_BIT(AWE_OP_MAP) | AWE_OP_BIT(AWE_OP_WRITE) | AWE_OP_BIT(AWE_OP_READ) | \
                      AWE_OP_BIT(AWE_OP_LIMIT) | AWE_OP_BIT(AWE_OP_POOL) | AWE_OP_BIT(AWE_OP_FAULT) | \
                      AWE_OP_BIT(AWE_OP_PRIV))
/* Every call with its bad-argument forms, no content traffic: */
#define AWE_OPS_ARGS (AWE_OP_BIT(AWE_OP_RESERVE) | AWE_OP_BIT(AWE_OP_RELEASE) | AWE_OP_BIT(AWE_OP_ALLOC) | \
                      AWE_OP_BIT(AWE_OP_FREE) | AWE_OP_BIT(AWE_OP_MAP) | AWE_OP_BIT(AWE_OP_SCATTER) | \
                      AWE_OP_BIT(AWE_OP_PRIV) | AWE_OP_BIT(AWE_OP_LIMIT))

/* The mask of a fuzz target by name (sequence, map, free, args); 0 when unknown. */
awe_op_mask awe_target_mask(const char *target);
#define AWE_TARGET_NAMES "sequence, map, free, args"

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
