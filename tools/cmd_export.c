/* SPDX-License-Identifier: Apache-2.0 */
/* cmd_export.c: awefuzz export: a program as a standalone C reproducer for Windows, Wine and
 * ReactOS developers (windows.h and the C library only, no awefuzz). The reproducer is the
 * runtime embedded at build time (the harness's own Windows sources plus repro_runtime.c,
 * listed in tools/CMakeLists.txt) followed by one call per op, which names the program's
 * enum values by the names program.h and awe_defs.h give them (embedded too). Symbolic
 * operands stay symbolic in it and are resolved as it runs, against the PFNs and region bases
 * that run was given. Each op carries the outcome to check: its "->" note, else the outcome
 * a replay on this build's backend showed (the oracle's expectation where the replay
 * diverged); an op with neither is performed and its outcome printed. */
#include <stdio.h>
#include <string.h>

#include "export_ops.h"
#include "files.h"
#include "optable.h"
#include "symbols.h"
#include "text_names.h"
#include "tool.h"

static const char *const runtime[] = {
#include "repro_runtime.inc"
};

static int forced_layer = -1; /* --layer: every call on that layer (awe_api), -1: the op's own */

/* --layer: the calls on the other layer move to this one. The Win32 layer passes statuses
 * through (spec section 1), so their notes still hold, except for releases: V7 fails some
 * before any call there. Those take the replay's outcome instead. */
static void force_layer(awe_program *p)
{
    for (size_t i = 0; forced_layer >= 0 && i < p->n; i++) {
        awe_op *op = &p->op[i];
        if (!awe_op_uses(awe_op_spec_of((awe_op_kind)op->kind), AWE_F_API) || op->api == forced_layer)
            continue;
        op->api = (uint8_t)forced_layer;
        if (op->kind == AWE_OP_RELEASE)
            memset(&op->note, 0, sizeof op->note);
    }
}
/* The outcome each op is to be checked against (present = 0: none). */
typedef struct {
    awe_note note[AWE_MAX_OPS];
    const char *source[AWE_MAX_OPS];
    awe_rule rule[AWE_MAX_OPS]; /* from the replay */
} expectations;

/* The replay's executor, made at the first program: NULL when this build has no backend whose
 * outcomes are the oracle's (a strict one: Linux), so that exporting never runs a program
 * on a real Windows API; ops without a note then go unchecked. */
static awe_executor *replayer;
static int replayer_tried;

static awe_executor *get_replayer(const tool_opts *o)
{
    const awe_backend_ops *backend = o->backend ? awe_backend_find(o->backend) : awe_backend_default();
    tool_opts quiet = *o;
    quiet.no_notes = 1;
    quiet.log = 0;
    if (replayer_tried)
        return replayer;
    replayer_tried = 1;
    if (backend && !(backend->caps & AWE_CAP_STRICT)) {
        fprintf(stderr, "awefuzz export: backend %s is no model of the rules: ops without a note "
                        "are not checked (export on Linux to have them)\n", backend->name);
        return NULL;
    }
    replayer = tool_executor(&quiet, &backend);
    if (!replayer)
        fprintf(stderr, "awefuzz export: no replay, so ops without a note are not checked\n");
    return replayer;
}

static void expect_from_replay(const tool_opts *o, const awe_program *p, expectations *ex)
{
    static awe_run_result res;
    awe_executor *x = get_replayer(o);
    if (!x)
        return;
    awe_executor_run(x, p, &res);
    for (size_t i = 0; i < res.executed && i < p->n; i++) {
        ex->rule[i] = res.op_rule[i];
        if (ex->note[i].present)
            continue;
        if (res.outcome[i] == AWE_OP_DIVERGED && i == res.op_index) {
            ex->note[i] = res.expected;
            ex->source[i] = "the oracle (the replay diverged here)";
        } else if (res.outcome[i] == AWE_OP_PASSED && res.actual[i].present) {
            ex->note[i] = res.actual[i];
            ex->source[i] = "a replay";
        }
    }
}

static void emit_program(FILE *out, const char *path, const awe_program *p, const expectations *ex)
{
    fprintf(out,
            "/* Reproducer exported by awefuzz from %s (%zu ops).\n"
            " * It runs the program's AWE calls with real arguments against this system's API and\n"
            " * checks each outcome with the one given per op (its note in the program, or a replay\n"
            " * of it against awefuzz's reference model). Symbolic operands (R0+2: page 2 of the\n"
            " * first region this run reserved; L0 / S0: the first live / freed page this run was\n"
            " * granted; G0..G7: values never granted) are resolved as it runs.\n"
            " * Build: x86_64-w64-mingw32-gcc -O1 -o repro.exe repro.c   (or: cl repro.c)\n"
            " * Run as a user holding SeLockMemoryPrivilege (\"Lock pages in memory\").\n"
            " * Exit status: 0 every outcome as expected, 1 some differed, 77 all as expected but\n"
            " * the privilege was not held. A crash is a finding too. */\n",
            path, p->n);
    for (size_t i = 0; i < sizeof runtime / sizeof runtime[0]; i++)
        fputs(runtime[i], out);
    fprintf(out, "\nvoid run_program(void)\n{\n");
    for (size_t i = 0; i < p->n; i++)
        export_op(out, &p->op[i], &ex->note[i], ex->source[i], ex->rule[i], i);
    fprintf(out, "}\n");
}

static int export_one(const tool_opts *o, const char *path, const char *out_path)
{
    static awe_program p;
    static expectations ex;
    memset(&ex, 0, sizeof ex);
    if (tool_program(o, path, &p) != 0)
        return -1;
    force_layer(&p);
    /* a Win32 result says nothing of the status an Nt call (--layer nt) returns */
    for (size_t i = 0; i < p.n && !o->no_notes; i++)
        if (p.op[i].note.present && !(p.op[i].note.win32 && p.op[i].api == AWE_API_NT)) {
            ex.note[i] = p.op[i].note;
            ex.source[i] = "the program's note";
        }
    expect_from_replay(o, &p, &ex);
    if (out_path && awe_same_file(path, out_path)) {
        fprintf(stderr, "awefuzz export: the output %s is the input %s: give another -o, the input is kept\n",
                out_path, path);
        return -1;
    }
    FILE *out = out_path ? fopen(out_path, "w") : stdout;
    if (!out) {
        fprintf(stderr, "awefuzz export: cannot write %s\n", out_path);
        return -1;
    }
    emit_program(out, path, &p, &ex);
    if (out != stdout && fclose(out) != 0)
        return -1;
    return 0;
}

typedef struct {
    const tool_opts *o;
    int rc;
} export_ctx;

/* Every trace under a directory to OUT/<name>.c. */
static int export_into_dir(const char *path, void *ctx)
{
    export_ctx *c = ctx;
    char out[4096];
    size_t n = strlen(path);
    int named = 0;
    for (int i = 0; i < c->o->n_paths; i++)
        named |= strcmp(c->o->paths[i], path) == 0;
    if (!named && (n < 6 || strcmp(path + n - 6, ".trace") != 0))
        return 0; /* a corpus directory holds other files too */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t len = strcspn(base, ".");
    snprintf(out, sizeof out, "%s/%.*s.c", c->o->out, (int)len, base);
    c->rc |= export_one(c->o, path, out) != 0;
    return 0;
}

int cmd_export(const tool_opts *o)
{
    export_ctx c = {o, 0};
    int rc;
    forced_layer = -1;
    if (o->layer) {
        forced_layer = awe_word_index(awe_api_words, 2, o->layer);
        if (forced_layer < 0) {
            fprintf(stderr, "awefuzz export: --layer takes nt or win32, not '%s'\n", o->layer);
            return 2;
        }
    }
    int many = o->n_paths > 1 || awe_is_dir(o->paths[0]);
    if (many && !o->out) {
        fprintf(stderr, "awefuzz export: several inputs need -o to name a directory\n");
        return 2;
    }
    if (many && awe_make_dirs(o->out) != 0) /* mkdir -p */
        return 2;
    if (!many) {
        rc = export_one(o, o->paths[0], o->out) != 0;
    } else {
        for (int i = 0; i < o->n_paths; i++)
            c.rc |= awe_walk(o->paths[i], export_into_dir, &c) != 0;
        rc = c.rc;
    }
    awe_executor_destroy(replayer);
    replayer = NULL;
    replayer_tried = 0;
    return rc;
}
