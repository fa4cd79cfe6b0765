/* SPDX-License-Identifier: Apache-2.0 */
/* test_mutate.c: the mutator and the crossover build only programs the binary codec expresses
 * exactly (encode(decode(x)) is stable), stay inside the mask, grow gradually up to the soft
 * cap, turn an empty input into a program, and are deterministic for a seed. */
#include "check.h"
#include "generate.h"
#include "mutate.h"
#include "optable.h"

static void check_round_trip(const awe_program *p)
{
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES], again[AWE_PROGRAM_MAX_BYTES];
    static awe_program q;
    size_t len = awe_program_encode(p, bytes, sizeof bytes);
    CHECK(len > 0 || p->n == 0);
    awe_program_decode(bytes, len, &q);
    if (!awe_program_equal(p, &q)) {
        for (size_t i = 0; i < p->n && i < q.n; i++)
            if (memcmp(&p->op[i], &q.op[i], sizeof p->op[i]) != 0) {
                char line[512];
                awe_op_format(&p->op[i], NULL, line, sizeof line);
                fprintf(stderr, "op %zu does not round-trip: %s\n", i, line);
                break;
            }
        CHECK(0);
    }
    CHECK(awe_program_encode(&q, again, sizeof again) == len);
    CHECK(memcmp(bytes, again, len) == 0);
}

static void check_mask(const awe_program *p, awe_op_mask mask)
{
    for (size_t i = 0; i < p->n; i++)
        CHECK(mask & (1u << p->op[i].kind));
}

TEST(mutation_chains_round_trip_and_stay_in_the_mask)
{
    static const char *targets[] = {"sequence", "map", "free", "args"};
    static awe_program p;
    for (size_t t = 0; t < 4; t++) {
        awe_op_mask mask = awe_target_mask(targets[t]);
        for (uint32_t seed = 1; seed <= 150; seed++) {
            p.n = 0;
            for (uint32_t k = 0; k < 30; k++) {
                awe_program_mutate(&p, seed * 131u + k, mask);
                check_round_trip(&p);
                check_mask(&p, mask);
                CHECK(p.n <= AWE_MUTATE_SOFT_CAP);
            }
        }
    }
}

TEST(an_empty_input_becomes_a_generated_program)
{
    static awe_program p;
    for (uint32_t seed = 1; seed <= 100; seed++) {
        p.n = 0;
        awe_program_mutate(&p, seed, awe_target_mask("map"));
        CHECK(p.n >= 2 && p.n <= 8);
    }
}

TEST(growth_is_gradual)
{
    static awe_program p;
    for (uint32_t seed = 1; seed <= 300; seed++) {
        CHECK(gen_program(seed, AWE_OPS_ALL, NULL, 6, &p) == 0);
        size_t before = p.n;
        awe_program_mutate(&p, seed, AWE_OPS_ALL);
        CHECK(p.n <= before + 9); /* at most 3 rounds of at most 3 ops */
    }
}

TEST(a_longer_input_is_not_cut_to_the_cap)
{
    static awe_program p;
    CHECK(gen_program(5, AWE_OPS_ALL, NULL, 40, &p) == 0);
    CHECK(p.n == 40);
    for (uint32_t seed = 1; seed <= 50; seed++) {
        static awe_program q;
        q = p;
        awe_program_mutate(&q, seed, AWE_OPS_ALL);
        CHECK(q.n <= 40); /* its own length is the cap */
        CHECK(q.n >= 40 - 3);
    }
}

TEST(crossover_round_trips_and_respects_the_cap)
{
    static awe_program a, b, c;
    for (uint32_t seed = 1; seed <= 300; seed++) {
        CHECK(gen_program(seed, awe_target_mask("map"), NULL, 1 + seed % 12, &a) == 0);
        CHECK(gen_program(seed + 7, awe_target_mask("map"), NULL, 1 + seed % 15, &b) == 0);
        awe_program_crossover(&a, &b, seed, awe_target_mask("map"), AWE_MUTATE_SOFT_CAP, &c);
        check_round_trip(&c);
        check_mask(&c, awe_target_mask("map"));
        CHECK(c.n >= 1 && c.n <= AWE_MUTATE_SOFT_CAP);
        CHECK(memcmp(&c.op[0], &a.op[0], sizeof a.op[0]) == 0); /* a prefix of a */
    }
}

TEST(mutation_is_deterministic_for_a_seed)
{
    static awe_program a, b;
    for (uint32_t seed = 1; seed <= 200; seed++) {
        CHECK(gen_program(seed, AWE_OPS_ALL, NULL, 8, &a) == 0);
        b = a;
        awe_program_mutate(&a, seed * 7u, AWE_OPS_ALL);
        awe_program_mutate(&b, seed * 7u, AWE_OPS_ALL);
        CHECK(awe_program_equal(&a, &b));
    }
}
