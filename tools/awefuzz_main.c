/* awefuzz_main.c: the awefuzz command: decode, encode, replay, shrink, export, conformance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "tool.h"

/* Each command's usage, printed by `awefuzz COMMAND --help` and, all together, by `awefuzz help`. */
static const char usage_decode[] =
    "  decode  FILE|DIR... [-o OUT]  binary program -> text trace on stdout, or all into OUT\n"
    "          [--binary-notes: print the notes a binary input decodes to]\n";
static const char usage_encode[] =
    "  encode  FILE.trace|DIR... -o OUT  text trace -> binary (OUT is a file, or the directory,\n"
    "          created if missing, for a directory or several inputs)\n";
static const char usage_replay[] =
    "  replay  FILE|DIR...        run programs on a backend against the oracle, one line per file\n"
    "          [--backend NAME] [--target NAME] [--strict] [--log] [--no-oracle] [--no-notes]\n"
    "          [--binary-notes: hold binary inputs to their notes too] [--quiet] [--repeat N]\n";
static const char usage_shrink[] =
    "  shrink  FILE [-o OUT]      smallest program that still gives the same divergence key\n"
    "          [--backend NAME] [--target NAME] [--strict]\n";
static const char usage_export[] =
    "  export  FILE [-o OUT.c]    standalone C reproducer for Windows (windows.h only); for a\n"
    "          directory or many inputs -o names a directory (created if missing)\n"
    "          [--backend NAME] [--target NAME] [--no-notes] [--binary-notes]\n"
    "          [--layer nt|win32: every call on that layer, as the nt / win32 backend runs it]\n";
static const char usage_conformance[] =
    "  conformance PATH... [-o OUT]  per rule and backend: pass / fail / known / skipped, to\n"
    "          OUT.txt and OUT.html [--backend A,B] [--known FILE] [--unprivileged] [--strict]\n"
    "          exit 0 clean, 1 failures or stale --known entries, 77 backend skipped\n";
static const char usage_dict[] =
    "  dict    [-o FILE]          the fuzzing dictionary: every op's examples (ops.h), encoded\n";
static const char usage_footer[] =
    "files: named files: *.trace and *.txt are text traces, anything else a binary program. In a\n"
    "  directory: *.trace, *.bin, *.input and fuzzer-named files (no dot: <sha1>, crash-<sha1>,\n"
    "  ...; AFL++'s id:...); other files are left out, FIFOs and dangling links reported.\n"
    "notes: the \"->\" outcomes of text traces are checked against the oracle (--no-notes: not);\n"
    "  those a binary input decodes to are ignored (a fuzzer's are noise) unless --binary-notes.\n"
    "exit status: 0 clean; 1 a divergence was found (conformance: failures); 2 a usage or input\n"
    "  error: unknown option, target or backend, unreadable or malformed input, no inputs in a\n"
    "  directory, an output that would overwrite an input; 77 conformance: backend skipped.\n"
    "backends: 'awefuzz replay --backend help' lists them.\n";

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

static const struct command {
    const char *name, *options, *usage;
    int (*run)(const tool_opts *);
    int finds_divergences; /* may exit 1; for the others any failure is an input error (2) */
} cmds[] = {
    {"decode", "out binary-notes", usage_decode, cmd_decode, 0},
    {"encode", "out", usage_encode, cmd_encode, 0},
    {"replay", "backend target strict log no-oracle no-notes binary-notes quiet repeat", usage_replay, cmd_replay, 1},
    {"shrink", "backend target strict out", usage_shrink, cmd_shrink, 1},
    {"export", "backend target out no-notes binary-notes layer", usage_export, cmd_export, 0},
    {"conformance", "backend known unprivileged strict out", usage_conformance, cmd_conformance, 1},
    {"dict", "out", usage_dict, cmd_dict, 0},
};

static void print_usage(FILE *out)
{
    fputs("usage: awefuzz COMMAND [OPTIONS] PATH...   (awefuzz COMMAND --help: that command)\n", out);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        fputs(cmds[i].usage, out);
    fputs(usage_footer, out);
    fprintf(out, "targets: %s\n", awe_target_names());
}

/* What can be checked before any input is read: --backend (a comma list for conformance,
 * "help" lists them), --target, and outputs that would overwrite an input. Returns -1 to go
 * on, else the exit status. */
static int check_options(const struct command *c, const tool_opts *o)
{
    if (o->backend) {
        if (strcmp(o->backend, "help") == 0) {
            printf("backends in this build: %s (the first is the default)\n", awe_backend_list());
            return 0;
        }
        if (!*o->backend) {
            fprintf(stderr, "awefuzz %s: --backend needs a name (this build has: %s)\n", o->cmd, awe_backend_list());
            return 2;
        }
        /* conformance takes a list "a,b"; the others one name */
        const char *seps = strcmp(c->name, "conformance") == 0 ? ", " : "";
        for (const char *p = o->backend; *p;) {
            size_t len = *seps ? strcspn(p, seps) : strlen(p);
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), p);
            if (len > 0 && (len >= sizeof name || !awe_backend_find(name))) {
                fprintf(stderr, "awefuzz %s: unknown backend '%.*s' (this build has: %s)\n", o->cmd,
                        (int)len, p, awe_backend_list());
                return 2;
            }
            p += len;
            p += *p != '\0';
        }
    }
    if (o->target && !awe_target_mask(o->target)) {
        fprintf(stderr, "awefuzz %s: unknown target '%s' (targets: %s)\n", o->cmd, o->target, awe_target_names());
        return 2;
    }
    if (o->n_paths == 0 && c->run != cmd_dict) { /* dict reads the op list only */
        fprintf(stderr, "awefuzz %s: no input given (see 'awefuzz %s --help')\n", o->cmd, o->cmd);
        return 2;
    }
    for (int i = 0; o->out && i < o->n_paths; i++) {
        if (awe_same_file(o->out, o->paths[i])) {
            fprintf(stderr, "awefuzz %s: -o %s is the input %s: give another output, the input is kept\n",
                    o->cmd, o->out, o->paths[i]);
            return 2;
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(argv[1], cmds[i].name) != 0)
            continue;
        static tool_opts o;
        o.cmd = cmds[i].name;
        if (tool_parse_opts(argc - 2, argv + 2, cmds[i].options, &o) != 0)
            return 2;
        if (o.help) {
            printf("usage: awefuzz %s [OPTIONS] PATH...\n%s", o.cmd, cmds[i].usage);
            fputs(usage_footer, stdout);
            return 0;
        }
        int rc = check_options(&cmds[i], &o);
        if (rc >= 0)
            return rc;
        rc = cmds[i].run(&o);
        return rc == 0 || cmds[i].finds_divergences ? rc : 2;
    }
    fprintf(stderr, "awefuzz: unknown command '%s' (commands: decode encode replay shrink export conformance dict; see 'awefuzz help')\n", argv[1]);
    return 2;
}
