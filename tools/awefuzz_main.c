/* SPDX-License-Identifier: Apache-2.0 */
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
