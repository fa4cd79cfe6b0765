/* SPDX-License-Identifier: Apache-2.0 */
/* tool_opts.c: what the awefuzz subcommands share (tool.h): option parsing, the executor the
 * options describe, and loading a program with --target's op mask. Below every cmd_*.c and
 * the command table (awefuzz_main.c), so the commands never call back into main's file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "tool.h"

struct option_row {
    const char *name;
    int takes_value;
};

static const struct option_row option_rows[] = {
    {"backend", 1}, {"target", 1}, {"out", 1}, {"repeat", 1}, {"strict", 0},
    {"log", 0}, {"no-oracle", 0}, {"no-notes", 0}, {"quiet", 0},
    {"known", 1}, {"unprivileged", 0}, {"layer", 1}, {"binary-notes", 0}, {"help", 0},
};

static int set_option(tool_opts *o, const char *name, const char *value)
{
    if (strcmp(name, "backend") == 0) o->backend = value;
    else if (strcmp(name, "target") == 0) o->target = value;
    else if (strcmp(name, "out") == 0) o->out = value;
    else if (strcmp(name, "repeat") == 0) {
        char *end;
        long n = strtol(value, &end, 10);
        if (*end || n < 1 || n > 1000000) {
            fprintf(stderr, "awefuzz %s: --repeat takes a count from 1 to 1000000, not '%s'\n", o->cmd, value);
            return -1;
        }
        o->repeat = (int)n;
    } else if (strcmp(name, "strict") == 0) o->strict = 1;
    else if (strcmp(name, "log") == 0) o->log = 1;
    else if (strcmp(name, "no-oracle") == 0) o->no_oracle = 1;
    else if (strcmp(name, "no-notes") == 0) o->no_notes = 1;
    else if (strcmp(name, "quiet") == 0) o->quiet = 1;
    else if (strcmp(name, "known") == 0) o->known = value;
    else if (strcmp(name, "unprivileged") == 0) o->unprivileged = 1;
    else if (strcmp(name, "layer") == 0) o->layer = value;
    else if (strcmp(name, "binary-notes") == 0) o->binary_notes = 1;
    else if (strcmp(name, "help") == 0) o->help = 1;
    return 0;
}

static int allowed_option(const char *allowed, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = allowed; (p = strstr(p, name)); p += n)
        if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

int tool_parse_opts(int argc, char **argv, const char *allowed, tool_opts *o)
{
    o->repeat = 1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (o->n_paths == TOOL_MAX_PATHS) {
                fprintf(stderr, "awefuzz %s: more than %d paths; pass a directory instead\n", o->cmd, TOOL_MAX_PATHS);
                return -1;
            }
            o->paths[o->n_paths++] = a;
            continue;
        }
        const char *name = strcmp(a, "-o") == 0 ? "out" : strcmp(a, "-h") == 0 ? "help" : a + (a[1] == '-' ? 2 : 1);
        const struct option_row *row = NULL;
        for (size_t k = 0; k < sizeof option_rows / sizeof option_rows[0]; k++)
            if (strcmp(option_rows[k].name, name) == 0)
                row = &option_rows[k];
        if (!row || (!allowed_option(allowed, name) && strcmp(name, "help") != 0)) {
            fprintf(stderr, "awefuzz %s: unknown option '%s' (it takes: %s; see 'awefuzz %s --help')\n", o->cmd, a, allowed, o->cmd);
            return -1;
        }
        if (row->takes_value && i + 1 == argc) {
            fprintf(stderr, "awefuzz %s: option '%s' needs a value\n", o->cmd, a);
            return -1;
        }
        if (set_option(o, name, row->takes_value ? argv[++i] : NULL) != 0)
            return -1;
    }
    return 0;
}

awe_executor *tool_executor(const tool_opts *o, const awe_backend_ops **backend)
{
    char err[256];
    *backend = o->backend ? awe_backend_find(o->backend) : awe_backend_default();
    if (!*backend) {
        fprintf(stderr, "awefuzz %s: unknown backend '%s' (this build has: %s)\n", o->cmd, o->backend,
                awe_backend_list());
        return NULL;
    }
    awe_exec_config cfg = {0};
    cfg.backend = *backend;
    cfg.backend_cfg.privilege = 1;
    cfg.strict = o->strict;
    cfg.no_oracle = o->no_oracle;
    cfg.check_notes = !o->no_notes;
    cfg.log = o->log ? stdout : NULL;
    awe_executor *x = awe_executor_new(&cfg, err, sizeof err);
    if (!x)
        fprintf(stderr, "awefuzz %s: %s\n", o->cmd, err);
    return x;
}

int tool_program(const tool_opts *o, const char *path, awe_program *p)
{
    if (awe_load_program_flags(path, p, o->binary_notes ? AWE_LOAD_BINARY_NOTES : 0) != 0)
        return -1;
    if (o->target) {
        awe_op_mask mask = awe_target_mask(o->target);
        if (!mask) {
            fprintf(stderr, "awefuzz %s: unknown target '%s' (targets: %s)\n", o->cmd, o->target, awe_target_names());
            return -1;
        }
        awe_program_filter(p, mask);
    }
    return 0;
}

