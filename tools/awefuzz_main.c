/* awefuzz_main.c: the awefuzz command: decode, encode, replay, shrink, export, conformance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "tool.h"

static const char usage[] =
    "usage: awefuzz COMMAND [OPTIONS] PATH...\n"
    "  decode  FILE...            binary program -> text trace on stdout (-o FILE to write one)\n"
    "  encode  FILE.trace... -o OUT  text trace -> binary (OUT is a file, or a directory for many)\n"
    "  replay  FILE|DIR...        run programs on a backend against the oracle, one line per file\n"
    "          [--backend NAME] [--target NAME] [--strict] [--log] [--no-oracle] [--no-notes]\n"
    "          [--quiet] [--repeat N]\n"
    "  shrink  FILE [-o OUT]      smallest program that still gives the same divergence key\n"
    "          [--backend NAME] [--target NAME] [--strict]\n"
    "  export  FILE [-o OUT.c]    standalone C reproducer for Windows (windows.h only); for many\n"
    "          inputs -o names a directory [--backend NAME] [--target NAME] [--no-notes]\n"
    "          [--layer nt|win32: every call on that layer, as the nt / win32 backend runs it]\n"
    "  conformance PATH... [-o OUT]  per rule and backend: pass / fail / known / skipped, to\n"
    "          OUT.txt and OUT.html [--backend A,B] [--known FILE] [--unprivileged] [--strict]\n"
    "          exit 0 clean, 1 failures or stale --known entries, 77 backend skipped\n"
    "  dict    [-o FILE]          the fuzzing dictionary: every op's examples, encoded\n"
    "files: *.trace and *.txt are text traces, anything else is a binary program.\n"
    "backends: see 'awefuzz replay --backend help'.\n";

struct option_row {
    const char *name;
    int takes_value;
};

static const struct option_row option_rows[] = {
    {"backend", 1}, {"target", 1}, {"out", 1}, {"repeat", 1}, {"strict", 0},
    {"log", 0}, {"no-oracle", 0}, {"no-notes", 0}, {"quiet", 0},
    {"known", 1}, {"unprivileged", 0}, {"layer", 1},
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
        const char *name = strcmp(a, "-o") == 0 ? "out" : a + (a[1] == '-' ? 2 : 1);
        const struct option_row *row = NULL;
        for (size_t k = 0; k < sizeof option_rows / sizeof option_rows[0]; k++)
            if (strcmp(option_rows[k].name, name) == 0)
                row = &option_rows[k];
        if (!row || !allowed_option(allowed, name)) {
            fprintf(stderr, "awefuzz %s: unknown option '%s' (it takes: %s; see 'awefuzz help')\n", o->cmd, a, allowed);
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
    if (awe_load_program(path, p) != 0)
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

int main(int argc, char **argv)
{
    static const struct {
        const char *name, *options;
        int (*run)(const tool_opts *);
    } cmds[] = {
        {"decode", "out", cmd_decode},
        {"encode", "out", cmd_encode},
        {"replay", "backend target strict log no-oracle no-notes quiet repeat", cmd_replay},
        {"shrink", "backend target strict out", cmd_shrink},
        {"export", "backend target out no-notes layer", cmd_export},
        {"conformance", "backend known unprivileged strict out", cmd_conformance},
        {"dict", "out", cmd_dict},
    };
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fputs(usage, out);
        fprintf(out, "targets: %s\n", awe_target_names());
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(argv[1], cmds[i].name) != 0)
            continue;
        static tool_opts o;
        o.cmd = cmds[i].name;
        if (tool_parse_opts(argc - 2, argv + 2, cmds[i].options, &o) != 0)
            return 2;
        if (o.n_paths == 0 && cmds[i].run != cmd_dict) { /* dict reads the op list only */
            fprintf(stderr, "awefuzz %s: no input given (see 'awefuzz help')\n", o.cmd);
            return 2;
        }
        return cmds[i].run(&o);
    }
    fprintf(stderr, "awefuzz: unknown command '%s' (commands: decode encode replay shrink export conformance dict; see 'awefuzz help')\n", argv[1]);
    return 2;
}
