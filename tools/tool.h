/* SPDX-License-Identifier: Apache-2.0 */
/* tool.h: the awefuzz command-line tool's subcommands and the options they share. */
#ifndef AWE_TOOL_H
#define AWE_TOOL_H

#include "executor.h"
#include "mutate.h"

#define TOOL_MAX_PATHS 256

typedef struct {
    const char *cmd;
    const char *backend; /* --backend NAME */
    const char *target;  /* --target NAME: the fuzz target an input came from (its op mask) */
    const char *out;     /* -o PATH */
    int strict;          /* --strict */
    int log;             /* --log: every op with its outcome */
    int no_oracle;       /* --no-oracle: the backend alone */
    int no_notes;        /* --no-notes: ignore "->" outcomes in traces */
    int binary_notes;    /* --binary-notes: binary inputs keep their decoded notes (files.h) */
    int help;            /* --help, -h: the subcommand's usage */
    int quiet;           /* --quiet: only failures and the summary */
    int repeat;          /* --repeat N: run each program N times (timing) */
    const char *known;   /* --known FILE: expected differences of the implementation (known.h) */
    int unprivileged;    /* --unprivileged: run without SeLockMemoryPrivilege (A5 expected) */
    const char *layer;   /* --layer nt|win32: export every call on that layer */
    const char *paths[TOOL_MAX_PATHS];
    int n_paths;
} tool_opts;

/* Parses argv after the subcommand. `allowed` lists the options the subcommand takes, e.g.
 * "backend target out". Prints one line and returns -1 on an unknown or malformed option. */
int tool_parse_opts(int argc, char **argv, const char *allowed, tool_opts *o);
/* Builds the executor the options describe; NULL after printing one line. */
awe_executor *tool_executor(const tool_opts *o, const awe_backend_ops **backend);
/* Loads a program (a binary one without its notes unless --binary-notes, see files.h) and
 * applies --target's op mask; -1 after printing one line. */
int tool_program(const tool_opts *o, const char *path, awe_program *p);

/* Each returns the exit status: 0 clean, 1 a divergence was found (replay, shrink,
 * conformance), 2 a usage or input error; main turns any failure of the commands that find
 * no divergences (decode, encode, export) into 2. */
int cmd_decode(const tool_opts *o);
int cmd_encode(const tool_opts *o);
int cmd_replay(const tool_opts *o);
int cmd_shrink(const tool_opts *o);
int cmd_export(const tool_opts *o);
int cmd_conformance(const tool_opts *o);
int cmd_dict(const tool_opts *o);

#endif
