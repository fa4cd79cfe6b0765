/* fuzz_target.h: what every fuzz target shares. A target is one line,
 *     AWE_FUZZ_TARGET(AWE_OPS_MAP)
 * which defines LLVMFuzzerTestOneInput and, in libFuzzer builds, an op-level
 * LLVMFuzzerCustomMutator for the ops in the mask. The input is decoded as a program, ops outside the target's mask are dropped, and the
 * program runs on the backend and the oracle. A divergence prints the reproducer and its key
 * and aborts, so libFuzzer keeps the input (and -minimize_crash keeps the key); a soft one is
 * printed once per key and the run goes on.
 * Environment: AWEFUZZ_BACKEND (default: the platform's first), AWEFUZZ_STRICT=1. */
#ifndef AWE_FUZZ_TARGET_H
#define AWE_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "mutate.h"

int awe_fuzz_one(const uint8_t *data, size_t size, awe_op_mask mask);
/* The custom mutator's work: decode, mutate at op level, re-encode (see fuzz_mutator.c). */
size_t awe_fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, awe_op_mask mask);

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
    }
#else
#define AWE_FUZZ_MUTATOR(mask)
#endif

#define AWE_FUZZ_TARGET(mask)                                                               \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                          \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                           \
    {                                                                                     \
        return awe_fuzz_one(data, size, mask);                                              \
    }                                                                                     \
    AWE_FUZZ_MUTATOR(mask)

#endif
