/* SPDX-License-Identifier: Apache-2.0 */
/* run_text.c: running text programs for the executor tests (see run_text.h). */
#include "run_text.h"

#include "check.h"

awe_exec_config run_config(const awe_backend_ops *ops)
{
    awe_exec_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.backend = ops;
    cfg.backend_cfg.privilege = 1;
    return cfg;
}

awe_run_status run_text_with(const awe_exec_config *cfg, const char *text, awe_run_result *res)
{
    static awe_program p;
    char err[200];
    int parsed = awe_program_parse(text, &p, err, sizeof err) == 0;
    CHECK(parsed);
    awe_executor *x = parsed ? awe_executor_new(cfg, err, sizeof err) : NULL;
    CHECK(x != NULL);
    if (!x)
        return AWE_RUN_ERROR;
    awe_run_status st = awe_executor_run(x, &p, res);
    awe_executor_destroy(x);
    return st;
}
