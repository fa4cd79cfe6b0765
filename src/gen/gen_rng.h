/* SPDX-License-Identifier: Apache-2.0 */
/* gen_rng.h: the generators' random source. A seeded xorshift so that the same seed gives the
 * same programs on every platform (libc rand() differs between them). */
#ifndef AWE_GEN_RNG_H
#define AWE_GEN_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s;
} gen_rng;

static inline void gen_rng_seed(gen_rng *r, uint64_t seed)
{
    /* never 0 (xorshift's fixed point); mixing spreads small consecutive seeds apart */
    r->s = (seed * 0x9E3779B97F4A7C15ull) ^ 0xD1B54A32D192ED03ull;
    if (r->s == 0)
        r->s = 1;
}

static inline uint32_t gen_next(gen_rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 16);
}

/* 0..n-1; 0 when n is 0. */
static inline uint32_t gen_below(gen_rng *r, uint32_t n)
{
    return n ? gen_next(r) % n : 0;
}

/* 1 with probability num/den. */
static inline int gen_chance(gen_rng *r, uint32_t num, uint32_t den)
{
    return gen_below(r, den) < num;
}

#endif
