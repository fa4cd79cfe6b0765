/* SPDX-License-Identifier: Apache-2.0 */
/* gen_features.h: state feedback. Code coverage does not reward "one more valid entry" or "two
 * regions at once", so a corpus never grows toward deep states by coverage alone. These
 * features name the model states a run reached, per op: its kind x its outcome class x
 * buckets of the list length, the mapped pages, the live regions, the live frames, plus events
 * (a free of mapped frames, a scatter with unmap entries, a range ending at its region's end,
 * a write to a mapped page, frames left holding data by a failed release, granted again, mapped
 * again). A fuzz target adds them to libFuzzer's extra counters, so an input
 * that reaches a new state is kept like one that reaches new code. */
#ifndef AWE_GEN_FEATURES_H
#define AWE_GEN_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "gen_state.h"

#define GEN_FEATURE_SLOTS 8192

/* Sets counters[feature % n] to 1 for every feature of ops [0, executed) of the
 * model-only run in st. Returns the number of features hit. */
size_t gen_features(const awe_program *p, const gen_state *st, size_t executed, uint8_t *counters,
                    size_t n);

#endif
