/* SPDX-License-Identifier: Apache-2.0 */
/* cmd_replay.c: awefuzz replay: programs on a backend against the oracle, one line per file,
 * the report of every divergence, and a closing "N passed, M failed" line. Exit status 1 when
 * a program diverged; else 2 when an input could not be read or parsed (or a directory held
 * none); else 0. */
#include <stdio.h>

#include "files.h"
#include "platform.h"
#include "tool.h"

typedef struct {
    const tool_opts *o;
    awe_executor *x;
    const awe_backend_ops *backend;
    size_t passed, failed, soft, bad_inputs, programs, ops;
    uint64_t ns;
} replay_ctx;

static int replay_one(const char *path, void *ctx)
{
    replay_ctx *c = ctx;
    static awe_program p;
    static awe_run_result res;
    if (tool_program(c->o, path, &p) != 0) {
        c->bad_inputs++; /* tool_program said why; the walk goes on to the next input */
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
    awe_walk_stats st = {0};
    int walk_failed = 0;
    c.o = o;
    c.x = tool_executor(o, &c.backend);
    if (!c.x)
        return 2;
    for (int i = 0; i < o->n_paths; i++)
        walk_failed |= awe_walk_counted(o->paths[i], replay_one, &c, &st) != 0;
    awe_executor_destroy(c.x);
    if (st.inputs == 0)
        return 2; /* nothing was tested: the walk said why, a summary of nothing would only add noise */
    double secs = (double)c.ns / 1e9;
    printf("backend %s%s: %zu programs, %zu ops in %.3f s (%.0f programs/s)\n", c.backend->name,
           o->no_oracle ? " alone" : " vs oracle", c.programs, c.ops, secs,
           secs > 0 ? (double)c.programs / secs : 0.0);
    if (c.soft)
        printf("%zu soft divergences (NT52/INF fields; --strict makes them failures)\n", c.soft);
    c.bad_inputs += st.unreadable;
    if (c.bad_inputs)
        printf("%zu passed, %zu failed, %zu could not be read (see the lines above)\n", c.passed,
               c.failed, c.bad_inputs);
    else
        printf("%zu passed, %zu failed\n", c.passed, c.failed);
    return c.failed ? 1 : c.bad_inputs || walk_failed ? 2 : 0;
}
