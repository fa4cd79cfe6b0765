/* SPDX-License-Identifier: Apache-2.0 */
/* conformance.h: awefuzz conformance: every program of a corpus on one or more backends,
 * each op classified as pass / fail / known / skipped (or not run, after the end of a run),
 * counted per rule id and per backend, and written as a text and an HTML report. Collecting
 * is cmd_conformance.c, writing is conformance_report.c. */
#ifndef AWE_CONFORMANCE_H
#define AWE_CONFORMANCE_H

#include <stdio.h>

#include "executor.h"

enum { CONF_PASS = 0, CONF_FAIL, CONF_KNOWN, CONF_SKIP, CONF_NOT_RUN, CONF_N };

#define CONF_MAX_BACKENDS 4
#define CONF_MAX_FAILURES 64
#define CONF_MAX_REASONS 64
#define CONF_MAX_PROGRAMS 1024

typedef struct {
    char where[600]; /* path, op index and op text */
    char key[96];
    char detail[512];
    int soft;
} conf_failure;

typedef struct {
    const char *why; /* static string or a known entry's reason */
    unsigned count;
    char example[600];
} conf_reason;

typedef struct {
    char path[512];
    unsigned count[CONF_N];
} conf_program;

typedef struct {
    const awe_backend_ops *ops;
    char skipped[256]; /* set when the backend could not run at all: why */
    unsigned count[AWE_RULE_COUNT][CONF_N];
    unsigned total[CONF_N];
    unsigned *entry_hits;  /* per known entry */
    char (*entry_example)[720];
    conf_failure failures[CONF_MAX_FAILURES];
    unsigned n_failures, more_failures;
    conf_reason skips[CONF_MAX_REASONS];
    unsigned n_skips;
    conf_program programs[CONF_MAX_PROGRAMS];
    unsigned n_programs;
} conf_backend;

typedef struct {
    const char *known_path;   /* NULL: no known-difference table */
    const awe_known *known;
    int unprivileged;
    int strict;
    const char *const *paths;
    int n_paths;
    conf_backend be[CONF_MAX_BACKENDS];
    int n_be;
} conf_report;

/* Entries of the known table that apply to some backend of the report and matched nothing. */
unsigned conf_stale_entries(const conf_report *r);
unsigned conf_total(const conf_report *r, int kind);

void conf_write_text(FILE *out, const conf_report *r);
void conf_write_html(FILE *out, const conf_report *r);

#endif
