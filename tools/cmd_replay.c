/* cmd_replay.c: awefuzz replay: programs on a backend against the oracle, one line per file,
 * the report of every divergence, and a closing "N passed, M failed" line. */
#include <stdio.h>

#include "files.h"
#include "platform.h"
#include "tool.h"

typedef struct {
    const tool_opts *o;
    awe_executor *x;
    const awe_backend_ops *backend;
    size_t passed, failed, soft, programs, ops;
    uint64_t ns;
} replay_ctx;

static int replay_one(const char *path, void *ctx)
{
    replay_ctx *c = ctx;
    static awe_program p;
    static awe_run_result res;
    if (tool_program(c->o, path, &p) != 0) {
        c->failed++;
        return 0;
    }
    if (c->o->log)
        printf("# %s\n", path);
    uint64_t t0 = awe_plat_now_ns();
    for (int i = 0; i < c->o->repeat; i++)
        awe_executor_run(c->x, &p, &res);
    c->ns += awe_plat_now_ns() - t0;
    c->programs += (size_t)c->o->repeat;
    c->ops += (size_t)c->o->repeat * res.executed;
    if (res.status == AWE_RUN_OK) {
        c->passed++;
        if (!c->o->quiet)
            printf("ok    %s (%zu ops%s)\n", path, res.executed, res.skipped ? ", some skipped" : "");
        return 0;
    }
    if (res.status == AWE_RUN_SOFT)
        c->soft++, c->passed++;
    else
        c->failed++;
    printf("%s %s\n", res.status == AWE_RUN_SOFT ? "soft " : "FAIL ", path);
    awe_run_report(stdout, &p, &res, c->backend->name);
    fflush(stdout); /* a later program that crashes the process must not take this report along */
    return 0;
}

int cmd_replay(const tool_opts *o)
{
    replay_ctx c = {0};
    c.o = o;
    c.x = tool_executor(o, &c.backend);
    if (!c.x)
        return 2;
    int rc = 0;
    for (int i = 0; i < o->n_paths; i++)
        rc |= awe_walk(o->paths[i], replay_one, &c) != 0;
    awe_executor_destroy(c.x);
    double secs = (double)c.ns / 1e9;
    printf("backend %s%s: %zu programs, %zu ops in %.3f s (%.0f programs/s)\n", c.backend->name,
           o->no_oracle ? " alone" : " vs oracle", c.programs, c.ops, secs,
           secs > 0 ? (double)c.programs / secs : 0.0);
    if (c.soft)
        printf("%zu soft divergences (NT52/INF fields; --strict makes them failures)\n", c.soft);
    printf("%zu passed, %zu failed\n", c.passed, c.failed);
    return rc || c.failed ? 1 : 0;
}
