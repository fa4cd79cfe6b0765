/* fuzz_target.c: the shared body of every fuzz target (see fuzz_target.h). */
#include "fuzz_target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor.h"

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

int awe_fuzz_one(const uint8_t *data, size_t size, awe_op_mask mask)
{
    static awe_program prog;
    static awe_run_result res;
    if (!executor)
        setup();
    awe_program_decode(data, size, &prog);
    awe_program_filter(&prog, mask);
    switch (awe_executor_run(executor, &prog, &res)) {
    case AWE_RUN_OK:
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

size_t awe_fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, awe_op_mask mask)
{
    static awe_program prog;
    static uint8_t out[AWE_PROGRAM_MAX_BYTES];
    awe_program_decode(data, size, &prog);
    awe_program_filter(&prog, mask);
    awe_program_mutate(&prog, seed, mask);
    size_t len = awe_program_encode(&prog, out, sizeof out);
    if (len == 0 || len > max_size)
        return 0;
    memcpy(data, out, len);
    return len;
}
