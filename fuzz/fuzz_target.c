/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_target.c: the shared body of every fuzz target (see fuzz_target.h). */
#include "fuzz_target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor.h"
#include "gen_features.h"
#include "gen_state.h"

static awe_executor *executor;
static const awe_backend_ops *backend;

#define MAX_SOFT_KEYS 64
static char soft_keys[MAX_SOFT_KEYS][96];
static int n_soft_keys;

static void setup(void)
{
    char err[256];
    const char *name = getenv("AWEFUZZ_BACKEND");
    backend = name && *name ? awe_backend_find(name) : awe_backend_default();
    if (!backend) {
        fprintf(stderr, "awefuzz: unknown backend '%s' (this build has: %s)\n", name,
                awe_backend_list());
        exit(2);
    }
    const char *strict = getenv("AWEFUZZ_STRICT");
    awe_exec_config cfg = {0};
    cfg.backend = backend;
    cfg.backend_cfg.privilege = 1;
    cfg.strict = strict && strcmp(strict, "1") == 0;
    /* The "->" notes that fuzzed bytes decode to are whatever the mutations made of them: only
     * a person's text trace says what the oracle must expect (src/input/files.h). */
    cfg.check_notes = 0;
    executor = awe_executor_new(&cfg, err, sizeof err);
    if (!executor) {
        fprintf(stderr, "awefuzz: %s\n", err);
        exit(2);
    }
}

static int soft_key_is_new(const char *key)
{
    for (int i = 0; i < n_soft_keys; i++)
        if (strcmp(soft_keys[i], key) == 0)
            return 0;
    if (n_soft_keys < MAX_SOFT_KEYS)
        snprintf(soft_keys[n_soft_keys++], sizeof soft_keys[0], "%s", key);
    return 1;
}

/* Features come from a model-only replay of the ops that ran: on an honest run the oracle
 * agreed with the backend at every one of them, so the replay sees the states the run reached. */
static void add_features(const awe_program *p, size_t executed, uint8_t *counters, size_t n)
{
    static gen_state st;
    if (gen_state_run(&st, p, executed) == 0)
        gen_features(p, &st, executed, counters, n);
    gen_state_free(&st);
}

int awe_fuzz_one_fed(const uint8_t *data, size_t size, awe_op_mask mask, uint8_t *counters,
                     size_t n)
{
    static awe_program prog;
    static awe_run_result res;
    if (!executor)
        setup();
    awe_program_decode(data, size, &prog);
    awe_program_filter(&prog, mask);
    switch (awe_executor_run(executor, &prog, &res)) {
    case AWE_RUN_OK:
        if (counters)
            add_features(&prog, res.executed, counters, n);
        return 0;
    case AWE_RUN_SOFT:
        if (soft_key_is_new(res.key))
            awe_run_report(stderr, &prog, &res, backend->name);
        return 0;
    case AWE_RUN_DIVERGED:
        awe_run_report(stderr, &prog, &res, backend->name);
        abort();
    default:
        fprintf(stderr, "awefuzz: %s\n", res.detail);
        abort();
    }
}

int awe_fuzz_one(const uint8_t *data, size_t size, awe_op_mask mask)
{
    return awe_fuzz_one_fed(data, size, mask, NULL, 0);
}

/* Encodes p into data; drops ops from the end until it fits max_size. 0 when nothing fits. */
static size_t encode_within(awe_program *p, uint8_t *data, size_t max_size)
{
    static uint8_t out[AWE_PROGRAM_MAX_BYTES];
    for (;;) {
        size_t len = awe_program_encode(p, out, sizeof out);
        if (len && len <= max_size) {
            memcpy(data, out, len);
            return len;
        }
        if (p->n <= 1)
            return 0;
        p->n--;
    }
}

size_t awe_fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, awe_op_mask mask)
{
    static awe_program prog;
    awe_program_decode(data, size, &prog);
    awe_program_mutate(&prog, seed, mask);
    return encode_within(&prog, data, max_size);
}

size_t awe_fuzz_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2, size_t size2,
                          uint8_t *out, size_t max_out, unsigned seed, awe_op_mask mask)
{
    static awe_program a, b, c;
    awe_program_decode(data1, size1, &a);
    awe_program_decode(data2, size2, &b);
    awe_program_filter(&a, mask);
    awe_program_filter(&b, mask);
    awe_program_crossover(&a, &b, seed, mask, AWE_MUTATE_SOFT_CAP, &c);
    return encode_within(&c, out, max_out);
}
