/* SPDX-License-Identifier: Apache-2.0 */
/* generate.h: whole ops and programs generated from the model state, the way syzkaller builds
 * calls from live resources: the kind is drawn by what the state makes worthwhile (reserve when
 * no region is usable, allocate when few frames are free, map and scatter when both exist,
 * accesses when pages are mapped, frees once frames are mapped, ...), the operands by field
 * kind (gen_operand.h). A tunable share of ops has exactly one operand broken, so every check
 * still fires while the rest of the program stays deep. Deterministic for a given seed. */
#ifndef AWE_GENERATE_H
#define AWE_GENERATE_H

#include <stddef.h>
#include <stdint.h>

#include "gen_rng.h"
#include "gen_state.h"
#include "mutate.h"

typedef struct {
    unsigned invalid_per_256; /* ops with one operand deliberately broken, out of 256 */
} gen_config;

#define GEN_INVALID_DEFAULT 28 /* about 1 op in 9 */

/* An op of the given kind built from st; `broken`: one operand made invalid. */
void gen_op_of_kind(const gen_state *st, gen_rng *r, awe_op_kind kind, int broken, awe_op *out);
/* An op of a kind the mask allows, drawn by the state. 0 when the mask allows none. */
int gen_op(const gen_state *st, gen_rng *r, awe_op_mask mask, const gen_config *cfg, awe_op *out);
/* Re-aims `fault`, the op just run in st (its fault pending), when `next` is a Free: mostly
 * at one of the Free's releases of frames holding data (gen_state.h), so that the frames keep
 * it until their next grant, preferably one that grant returns after a clean frame;
 * otherwise the fault stays where it was drawn. */
void gen_aim_fault(gen_state *st, gen_rng *r, awe_op *fault, const awe_op *next);
/* Appends up to n generated ops to p (stopping at AWE_MAX_OPS), st being the state after p;
 * st follows them. Returns the number appended. */
size_t gen_append(gen_state *st, gen_rng *r, awe_op_mask mask, const gen_config *cfg, size_t n,
                  awe_program *p);
/* One more op after p's last when that left frames that may keep data (given back under a
 * fault, or granted again: gen_state.h), so that the grant or the map that shows them comes
 * with the op that set them up instead of waiting for a later mutation to put it right
 * there. st is the state after p. Returns 1 when it appended one. */
int gen_follow_up(gen_state *st, gen_rng *r, awe_op_mask mask, awe_program *p);
/* A fresh program of n ops (at most AWE_MAX_OPS). Returns 0, or -1 when out of memory. */
int gen_program(uint64_t seed, awe_op_mask mask, const gen_config *cfg, size_t n, awe_program *out);

#endif
