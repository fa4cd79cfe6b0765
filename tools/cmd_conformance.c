/* SPDX-License-Identifier: Apache-2.0 */
/* cmd_conformance.c: awefuzz conformance: runs every program under the paths on each backend
 * asked for (default: all of this build) against the oracle and counts every op as pass,
 * fail, known (a difference the --known table describes) or skipped, per rule id. Writes
 * OUT.txt and OUT.html with -o OUT, else the text to stdout.
 *
 * Exit status: 0 when nothing failed and, with --known, every entry that applies to a
 * backend of the run matched at least once (so a change of the implementation in either
 * direction is noticed); 1 otherwise; 77 when a backend could not run at all (for example
 * "skipped: SeLockMemoryPrivilege not held": never a pass); 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance.h"
#include "files.h"
#include "optable.h"
#include "tool.h"

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#endif

#define CONF_SKIPPED_EXIT 77

/* What runs now, for the message when the implementation crashes the process. */
static const char *running_program, *running_backend;

#ifdef _WIN32
/* A crash inside the implementation under test ends the whole run: say where, so that the
 * op can be found (awefuzz export of that program prints each op before it runs) and a crash
 * entry written (known.h), or the implementation fixed. */
static LONG WINAPI report_crash(EXCEPTION_POINTERS *info)
{
    fprintf(stderr, "awefuzz conformance: exception 0x%08lX on the %s backend while running %s\n",
            (unsigned long)info->ExceptionRecord->ExceptionCode,
            running_backend ? running_backend : "?", running_program ? running_program : "?");
    fflush(stderr);
    return EXCEPTION_CONTINUE_SEARCH;
}
#endif

typedef struct {
    const tool_opts *o;
    conf_report *r;
    conf_backend *cb;
    awe_executor *x;
} conf_ctx;

/* The rule an op is counted under when the oracle did not name one (skipped, not run): the
 * main rule of its kind. */
static awe_rule default_rule(awe_op_kind kind)
{
    return kind < AWE_OP_KIND_COUNT ? awe_rule_parse(awe_op_spec_of(kind)->rule) : AWE_RULE_NONE;
}

static void op_where(char *buf, size_t cap, const char *path, const awe_program *p, size_t i)
{
    char line[400];
    awe_note none;
    memset(&none, 0, sizeof none);
    awe_op_format(&p->op[i], &none, line, sizeof line);
    snprintf(buf, cap, "%s op %zu: %s", path, i, line);
}

static void count_skip(conf_backend *cb, const char *why, const char *where)
{
    for (unsigned i = 0; i < cb->n_skips; i++)
        if (strcmp(cb->skips[i].why, why) == 0) {
            cb->skips[i].count++;
            return;
        }
    if (cb->n_skips == CONF_MAX_REASONS)
        return;
    conf_reason *s = &cb->skips[cb->n_skips++];
    s->why = why;
    s->count = 1;
    snprintf(s->example, sizeof s->example, "%s", where);
}

static void add_failure(conf_backend *cb, const awe_run_result *res, const char *where)
{
    if (cb->n_failures == CONF_MAX_FAILURES) {
        cb->more_failures++;
        return;
    }
    conf_failure *f = &cb->failures[cb->n_failures++];
    snprintf(f->where, sizeof f->where, "%s", where);
    snprintf(f->key, sizeof f->key, "%s", res->key);
    snprintf(f->detail, sizeof f->detail, "%s", res->detail);
    f->soft = res->status == AWE_RUN_SOFT;
}

static int classify(const awe_run_result *res, size_t i)
{
    switch (res->outcome[i]) {
    case AWE_OP_PASSED: return CONF_PASS;
    case AWE_OP_DIVERGED: return CONF_FAIL;
    case AWE_OP_KNOWN: return CONF_KNOWN;
    case AWE_OP_SKIPPED: return CONF_SKIP;
    default: return CONF_NOT_RUN;
    }
}

/* Counts one op of a finished run. */
static void count_op(conf_ctx *c, const char *path, const awe_program *p,
                     const awe_run_result *res, size_t i, conf_program *row)
{
    char where[600];
    conf_backend *cb = c->cb;
    int kind = classify(res, i);
    awe_rule rule = res->op_rule[i] != AWE_RULE_NONE ? res->op_rule[i]
                                                      : default_rule((awe_op_kind)p->op[i].kind);
    cb->count[rule][kind]++;
    cb->total[kind]++;
    row->count[kind]++;
    if (kind == CONF_NOT_RUN || kind == CONF_PASS)
        return;
    op_where(where, sizeof where, path, p, i);
    if (kind == CONF_FAIL)
        add_failure(cb, res, where);
    if (kind == CONF_SKIP)
        count_skip(cb, res->why[i] ? res->why[i] : "(no reason given)", where);
    int k = res->known_entry[i];
    if (k >= 0 && c->r->known) {
        if (cb->entry_hits[k]++ == 0)
            snprintf(cb->entry_example[k], sizeof cb->entry_example[0], "%s%s%s", where,
                     kind == CONF_KNOWN ? ": " : "", kind == CONF_KNOWN ? res->known_values[i] : "");
    }
}

/* In a directory only *.trace files are programs (a corpus holds other files too); a file
 * named on the command line is one whatever its name. */
static int is_program(const tool_opts *o, const char *path)
{
    size_t n = strlen(path);
    for (int i = 0; i < o->n_paths; i++)
        if (strcmp(o->paths[i], path) == 0)
            return 1;
    return n > 6 && strcmp(path + n - 6, ".trace") == 0;
}

static int run_one(const char *path, void *ctx)
{
    conf_ctx *c = ctx;
    static awe_program p;
    static awe_run_result res;
    if (!is_program(c->o, path))
        return 0;
    if (awe_load_program(path, &p) != 0)
        return -1;
    if (c->cb->n_programs == CONF_MAX_PROGRAMS) {
        fprintf(stderr, "awefuzz conformance: more than %d programs; give fewer paths\n", CONF_MAX_PROGRAMS);
        return -1;
    }
    conf_program *row = &c->cb->programs[c->cb->n_programs++];
    snprintf(row->path, sizeof row->path, "%s", path);
    running_program = path;
    awe_executor_run(c->x, &p, &res);
    running_program = NULL;
    if (res.status == AWE_RUN_ERROR) {
        fprintf(stderr, "awefuzz conformance: %s: %s\n", path, res.detail);
        return -1;
    }
    for (size_t i = 0; i < p.n; i++)
        count_op(c, path, &p, &res, i, row);
    return 0;
}

/* Runs every path on one backend; -1 when the harness itself failed. */
static int run_backend(conf_ctx *c)
{
    char err[256];
    awe_exec_config cfg = {0};
    cfg.backend = c->cb->ops;
    cfg.backend_cfg.privilege = !c->r->unprivileged;
    cfg.strict = c->r->strict;
    cfg.known = c->r->known;
    running_backend = c->cb->ops->name;
    c->x = awe_executor_new(&cfg, err, sizeof err);
    if (!c->x && strncmp(err, "skipped:", 8) == 0) {
        snprintf(c->cb->skipped, sizeof c->cb->skipped, "%s", err);
        return 0; /* the backend cannot run here (no privilege): reported, never a pass */
    }
    if (!c->x) {
        fprintf(stderr, "awefuzz conformance: backend %s: %s\n", c->cb->ops->name, err);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < c->o->n_paths && rc == 0; i++)
        rc = awe_walk(c->o->paths[i], run_one, c);
    awe_executor_destroy(c->x);
    return rc;
}

/* --backend a,b or every backend of this build. */
static int pick_backends(const tool_opts *o, conf_report *r)
{
    char list[128];
    snprintf(list, sizeof list, "%s", o->backend ? o->backend : awe_backend_list());
    for (char *name = strtok(list, ", "); name; name = strtok(NULL, ", ")) {
        const awe_backend_ops *ops = awe_backend_find(name);
        if (!ops || r->n_be == CONF_MAX_BACKENDS) {
            fprintf(stderr, "awefuzz conformance: unknown backend '%s' (this build has: %s)\n", name,
                    awe_backend_list());
            return -1;
        }
        r->be[r->n_be++].ops = ops;
    }
    return 0;
}

static int write_reports(const tool_opts *o, const conf_report *r)
{
    char path[4096];
    if (!o->out) {
        conf_write_text(stdout, r);
        return 0;
    }
    for (int html = 0; html < 2; html++) {
        snprintf(path, sizeof path, "%s.%s", o->out, html ? "html" : "txt");
        FILE *f = fopen(path, "w");
        if (!f) {
            fprintf(stderr, "awefuzz conformance: cannot write %s\n", path);
            return -1;
        }
        (html ? conf_write_html : conf_write_text)(f, r);
        if (fclose(f) != 0)
            return -1;
    }
    return 0;
}

static int finish(const tool_opts *o, const conf_report *r)
{
    int skipped = 0;
    for (int b = 0; b < r->n_be; b++)
        skipped |= r->be[b].skipped[0] != '\0';
    if (write_reports(o, r) != 0)
        return 2;
    unsigned fails = conf_total(r, CONF_FAIL), stale = r->known ? conf_stale_entries(r) : 0;
    printf("conformance: %u pass, %u fail, %u known, %u skipped, %u not run\n",
           conf_total(r, CONF_PASS), fails, conf_total(r, CONF_KNOWN), conf_total(r, CONF_SKIP),
           conf_total(r, CONF_NOT_RUN));
    if (r->known)
        printf("known differences: %s, %u entr%s matched nothing\n", r->known_path, stale,
               stale == 1 ? "y" : "ies");
    for (int b = 0; b < r->n_be; b++)
        if (r->be[b].skipped[0])
            printf("backend %s: %s\n", r->be[b].ops->name, r->be[b].skipped);
    if (o->out)
        printf("report: %s.txt, %s.html\n", o->out, o->out);
    return fails || stale ? 1 : skipped ? CONF_SKIPPED_EXIT : 0;
}

int cmd_conformance(const tool_opts *o)
{
    static awe_known known;
    char err[300];
    int rc = 2;
    conf_report *r = calloc(1, sizeof *r);
    if (!r)
        return 2;
#ifdef _WIN32
    SetUnhandledExceptionFilter(report_crash);
#endif
    r->unprivileged = o->unprivileged;
    r->strict = o->strict;
    r->paths = o->paths;
    r->n_paths = o->n_paths;
    if (o->known) {
        if (awe_known_load(&known, o->known, err, sizeof err) != 0) {
            fprintf(stderr, "awefuzz conformance: %s\n", err);
            free(r);
            return 2;
        }
        r->known = &known;
        r->known_path = o->known;
    }
    if (pick_backends(o, r) == 0) {
        rc = 0;
        for (int b = 0; b < r->n_be && rc == 0; b++) {
            conf_ctx c = {o, r, &r->be[b], NULL};
            r->be[b].entry_hits = calloc(known.n + 1, sizeof *r->be[b].entry_hits);
            r->be[b].entry_example = calloc(known.n + 1, sizeof *r->be[b].entry_example);
            if (!r->be[b].entry_hits || !r->be[b].entry_example || run_backend(&c) != 0)
                rc = 2;
        }
        if (rc == 0)
            rc = finish(o, r);
    }
    for (int b = 0; b < r->n_be; b++) {
        free(r->be[b].entry_hits);
        free(r->be[b].entry_example);
    }
    awe_known_free(&known);
    free(r);
    return rc;
}
