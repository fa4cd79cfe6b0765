/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_target.h: what every fuzz target shares. A target is one line,
 *     AWE_FUZZ_TARGET(awe_target_mask("map"))
 * which defines LLVMFuzzerTestOneInput and, in libFuzzer builds, an op-level
 * LLVMFuzzerCustomMutator and LLVMFuzzerCustomCrossOver for the ops in the mask, and the extra
 * counters that carry the model-state features (gen_features.h). The input is decoded as a
 * program, ops outside the target's mask are dropped, and the program runs on the backend and
 * the oracle. A divergence prints the reproducer and its key and aborts, so libFuzzer keeps the
 * input (and -minimize_crash keeps the key); a soft one is printed once per key and the run
 * goes on.
 * Environment: AWEFUZZ_BACKEND (default: the platform's first), AWEFUZZ_STRICT=1. */
#ifndef AWE_FUZZ_TARGET_H
#define AWE_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "gen_features.h"
#include "mutate.h"

int awe_fuzz_one(const uint8_t *data, size_t size, awe_op_mask mask);
/* The same, then the model-state features of the ops that ran are added to counters[0, n). */
int awe_fuzz_one_fed(const uint8_t *data, size_t size, awe_op_mask mask, uint8_t *counters,
                     size_t n);
/* The custom mutator's work: decode, mutate at op level from the model state (an empty input
 * becomes a generated program), re-encode within max_size. 0 when it cannot. */
size_t awe_fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, awe_op_mask mask);
/* The custom crossover's work: a prefix of one program, a suffix of the other or a generated
 * continuation. */
size_t awe_fuzz_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                          uint8_t *out, size_t max_out, unsigned seed, awe_op_mask mask);

/* libFuzzer reads counters from this ELF section as extra coverage; elsewhere (and with engines
 * that do not read it) the features are not computed. */
#if defined(AWEFUZZ_LIBFUZZER) && defined(__ELF__)
#define AWE_FUZZ_COUNTERS                                                                   \
    __attribute__((used, section("__libfuzzer_extra_counters")))                          \
    static uint8_t awe_fuzz_counters[GEN_FEATURE_SLOTS];
#define AWE_FUZZ_RUN(data, size, mask)                                                      \
    awe_fuzz_one_fed(data, size, mask, awe_fuzz_counters, sizeof awe_fuzz_counters)
#else
#define AWE_FUZZ_COUNTERS
#define AWE_FUZZ_RUN(data, size, mask) awe_fuzz_one(data, size, mask)
#endif

#ifdef AWEFUZZ_LIBFUZZER
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
/* Mostly op-level mutations; one in eight is libFuzzer's own byte mutation, which reaches
 * decoder corners the op mutator never builds. */
#define AWE_FUZZ_MUTATOR(mask)                                                              \
    size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,           \
                                   unsigned int seed);                                    \
    size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,           \
                                   unsigned int seed)                                     \
    {                                                                                     \
        size_t len = seed % 8 ? awe_fuzz_mutate(data, size, max_size, seed, mask) : 0;      \
        return len ? len : LLVMFuzzerMutate(data, size, max_size);                          \
    }                                                                                     \
    size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,                  \
                                     const uint8_t *data2, size_t size2, uint8_t *out,    \
                                     size_t max_out, unsigned int seed);                  \
    size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,                  \
                                     const uint8_t *data2, size_t size2, uint8_t *out,    \
                                     size_t max_out, unsigned int seed)                   \
    {                                                                                     \
        return awe_fuzz_crossover(data1, size1, data2, size2, out, max_out, seed, mask);    \
    }
#else
#define AWE_FUZZ_MUTATOR(mask)
#endif

#define AWE_FUZZ_TARGET(mask)                                                               \
    AWE_FUZZ_COUNTERS                                                                     \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                          \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                           \
    {                                                                                     \
        return AWE_FUZZ_RUN(data, size, mask);                                              \
    }                                                                                     \
    AWE_FUZZ_MUTATOR(mask)

#endif
