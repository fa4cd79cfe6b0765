/* SPDX-License-Identifier: Apache-2.0 */
/* conformance_report.c: writes a conformance run (conformance.h) as text and as one
 * self-contained HTML page: a table per rule id and backend, then per backend the failures,
 * the known differences with their hits, the skip reasons and the programs. */
#include <string.h>

#include "conformance.h"

static const char *const kind_names[CONF_N] = {"pass", "fail", "known", "skipped", "not run"};
static const char *const kind_classes[CONF_N] = {"pass", "fail", "known", "skipped", "notrun"};
#define CONF_PATHS_LISTED 4 /* more paths are counted, not listed */

unsigned conf_total(const conf_report *r, int kind)
{
    unsigned n = 0;
    for (int b = 0; b < r->n_be; b++)
        n += r->be[b].total[kind];
    return n;
}

/* 1 when entry k applies to a backend that ran and none of those matched it. */
static int entry_stale(const conf_report *r, size_t k)
{
    int applies = 0;
    for (int b = 0; b < r->n_be; b++) {
        const conf_backend *cb = &r->be[b];
        if (cb->skipped[0] || !awe_known_admits(r->known->e[k].backend, cb->ops->name))
            continue;
        applies = 1;
        if (cb->entry_hits[k])
            return 0;
    }
    return applies;
}

unsigned conf_stale_entries(const conf_report *r)
{
    unsigned n = 0;
    for (size_t k = 0; r->known && k < r->known->n; k++)
        n += (unsigned)entry_stale(r, k);
    return n;
}

static int rule_used(const conf_report *r, int rule)
{
    for (int b = 0; b < r->n_be; b++)
        for (int k = 0; k < CONF_N; k++)
            if (r->be[b].count[rule][k])
                return 1;
    return 0;
}

static const char *rule_label(int rule)
{
    return rule == AWE_RULE_NONE ? "-" : awe_rule_name((awe_rule)rule);
}

static const char *rule_evidence(int rule)
{
    return rule == AWE_RULE_NONE ? "" : awe_evidence_name(awe_rule_evidence((awe_rule)rule));
}

static void entry_pattern(const awe_known_entry *e, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s %s %s %s %s", e->backend, e->op, e->field, e->expected, e->actual);
}

/* ---- text ---- */

static void text_header(FILE *out, const conf_report *r)
{
    fprintf(out, "awefuzz conformance report\npaths:");
    for (int i = 0; i < r->n_paths && i < CONF_PATHS_LISTED; i++)
        fprintf(out, " %s", r->paths[i]);
    if (r->n_paths > CONF_PATHS_LISTED)
        fprintf(out, " and %d more", r->n_paths - CONF_PATHS_LISTED);
    fprintf(out, "\nknown differences: %s\n", r->known_path ? r->known_path : "(none)");
    fprintf(out, "SeLockMemoryPrivilege: %s\n",
            r->unprivileged ? "not used (--unprivileged: allocations are held to A5)" : "required");
    fprintf(out, "comparison: %s\n\n", r->strict ? "strict (NT52/INF differences fail)" :
                                                   "NT52/INF differences fail as soft");
    for (int b = 0; b < r->n_be; b++) {
        const conf_backend *cb = &r->be[b];
        fprintf(out, "backend %-6s", cb->ops->name);
        if (cb->skipped[0]) {
            fprintf(out, " %s\n", cb->skipped);
            continue;
        }
        for (int k = 0; k < CONF_N; k++)
            fprintf(out, "%s %u %s", k ? "," : "", cb->total[k], kind_names[k]);
        fprintf(out, " (%u programs)\n", cb->n_programs);
    }
}

static void text_rules(FILE *out, const conf_report *r)
{
    fprintf(out, "\n%-5s %-5s", "rule", "ev");
    for (int b = 0; b < r->n_be; b++)
        fprintf(out, " | %-6s %5s %5s %5s %5s %5s", r->be[b].ops->name, "pass", "fail", "known",
                "skip", "notrun");
    fprintf(out, "\n");
    for (int rule = 0; rule < AWE_RULE_COUNT; rule++) {
        if (!rule_used(r, rule))
            continue;
        fprintf(out, "%-5s %-5s", rule_label(rule), rule_evidence(rule));
        for (int b = 0; b < r->n_be; b++) {
            fprintf(out, " | %-6s", "");
            for (int k = 0; k < CONF_N; k++)
                fprintf(out, " %5u", r->be[b].count[rule][k]);
        }
        fprintf(out, "\n");
    }
    fprintf(out, "(ops the oracle did not judge, skipped or not run, count under their op's main "
                 "rule; '-': state checks and controls)\n");
}

static void text_known(FILE *out, const conf_report *r, const conf_backend *cb)
{
    char pattern[400];
    if (!r->known)
        return;
    fprintf(out, "known differences (%s):\n", r->known_path);
    for (size_t k = 0; k < r->known->n; k++) {
        const awe_known_entry *e = &r->known->e[k];
        if (!awe_known_admits(e->backend, cb->ops->name))
            continue;
        entry_pattern(e, pattern, sizeof pattern);
        fprintf(out, "  line %-3d %5u x  %s\n           %s\n", e->line, cb->entry_hits[k], pattern,
                e->reason);
        if (cb->entry_hits[k])
            fprintf(out, "           e.g. %s\n", cb->entry_example[k]);
        else if (entry_stale(r, k))
            fprintf(out, "           STALE: matched nothing (the implementation changed?)\n");
    }
}

static void text_backend(FILE *out, const conf_report *r, const conf_backend *cb)
{
    fprintf(out, "\n== backend %s\n", cb->ops->name);
    if (cb->skipped[0]) {
        fprintf(out, "%s\n", cb->skipped);
        return;
    }
    fprintf(out, "failures: %u\n", cb->n_failures + cb->more_failures);
    for (unsigned i = 0; i < cb->n_failures; i++)
        fprintf(out, "  %s%s\n    key: %s\n    %s\n", cb->failures[i].soft ? "(soft) " : "",
                cb->failures[i].where, cb->failures[i].key, cb->failures[i].detail);
    if (cb->more_failures)
        fprintf(out, "  ... and %u more\n", cb->more_failures);
    text_known(out, r, cb);
    fprintf(out, "skipped ops by reason:\n");
    for (unsigned i = 0; i < cb->n_skips; i++)
        fprintf(out, "  %5u x  %s\n           e.g. %s\n", cb->skips[i].count, cb->skips[i].why,
                cb->skips[i].example);
    fprintf(out, "programs (pass fail known skipped notrun):\n");
    for (unsigned i = 0; i < cb->n_programs; i++) {
        const unsigned *c = cb->programs[i].count;
        fprintf(out, "  %3u %3u %3u %3u %3u  %s\n", c[0], c[1], c[2], c[3], c[4],
                cb->programs[i].path);
    }
}

void conf_write_text(FILE *out, const conf_report *r)
{
    text_header(out, r);
    text_rules(out, r);
    for (int b = 0; b < r->n_be; b++)
        text_backend(out, r, &r->be[b]);
}

/* ---- HTML ---- */

static void esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char html_style[] =
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
    "td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}td.l,th.l{text-align:left}"
    "td.pass{background:#dfd}td.fail{background:#fbb}td.known{background:#ffd}"
    "td.skipped{background:#eee}code{font-size:90%}\n";

static void html_header(FILE *out, const conf_report *r)
{
    fprintf(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>awefuzz conformance"
                 "</title><style>%s</style></head><body>\n<h1>awefuzz conformance</h1>\n<p>paths:",
            html_style);
    for (int i = 0; i < r->n_paths && i < CONF_PATHS_LISTED; i++) {
        fputs(" <code>", out);
        esc(out, r->paths[i]);
        fputs("</code>", out);
    }
    if (r->n_paths > CONF_PATHS_LISTED)
        fprintf(out, " and %d more", r->n_paths - CONF_PATHS_LISTED);
    fputs("<br>known differences: ", out);
    esc(out, r->known_path ? r->known_path : "(none)");
    fprintf(out, "<br>SeLockMemoryPrivilege: %s<br>comparison: %s</p>\n",
            r->unprivileged ? "not used (--unprivileged: allocations are held to A5)" : "required",
            r->strict ? "strict" : "NT52/INF differences fail as soft");
}

static void html_cell(FILE *out, unsigned n, int kind)
{
    if (n)
        fprintf(out, "<td class=\"%s\">%u</td>", kind_classes[kind], n);
    else
        fputs("<td></td>", out);
}

static void html_rules(FILE *out, const conf_report *r)
{
    fputs("<table><tr><th class=\"l\" rowspan=\"2\">rule</th><th class=\"l\" rowspan=\"2\">evidence</th>", out);
    for (int b = 0; b < r->n_be; b++) {
        fprintf(out, "<th colspan=\"%d\">%s", CONF_N, r->be[b].ops->name);
        if (r->be[b].skipped[0]) {
            fputs(": ", out);
            esc(out, r->be[b].skipped);
        }
        fputs("</th>", out);
    }
    fputs("</tr>\n<tr>", out);
    for (int b = 0; b < r->n_be; b++)
        for (int k = 0; k < CONF_N; k++)
            fprintf(out, "<th>%s</th>", kind_names[k]);
    fputs("</tr>\n", out);
    for (int rule = 0; rule < AWE_RULE_COUNT; rule++) {
        if (!rule_used(r, rule))
            continue;
        fprintf(out, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td>", rule_label(rule),
                rule_evidence(rule));
        for (int b = 0; b < r->n_be; b++)
            for (int k = 0; k < CONF_N; k++)
                html_cell(out, r->be[b].count[rule][k], k);
        fputs("</tr>\n", out);
    }
    fputs("<tr><th class=\"l\" colspan=\"2\">total</th>", out);
    for (int b = 0; b < r->n_be; b++)
        for (int k = 0; k < CONF_N; k++)
            html_cell(out, r->be[b].total[k], k);
    fputs("</tr></table>\n<p>Ops the oracle did not judge (skipped, not run) count under their "
          "op's main rule; '-' holds state checks and controls.</p>\n", out);
}

static void html_known(FILE *out, const conf_report *r, const conf_backend *cb)
{
    char pattern[400];
    if (!r->known)
        return;
    fputs("<h3>known differences</h3>\n<table><tr><th>line</th><th>hits</th><th class=\"l\">"
          "backend op field expected actual</th><th class=\"l\">reason and first hit</th></tr>\n", out);
    for (size_t k = 0; k < r->known->n; k++) {
        const awe_known_entry *e = &r->known->e[k];
        if (!awe_known_admits(e->backend, cb->ops->name))
            continue;
        entry_pattern(e, pattern, sizeof pattern);
        fprintf(out, "<tr><td>%d</td>", e->line);
        html_cell(out, cb->entry_hits[k], entry_stale(r, k) ? CONF_FAIL : CONF_KNOWN);
        fputs("<td class=\"l\"><code>", out);
        esc(out, pattern);
        fputs("</code></td><td class=\"l\">", out);
        esc(out, e->reason);
        fputs("<br><code>", out);
        esc(out, cb->entry_hits[k] ? cb->entry_example[k] : "STALE: matched nothing");
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void html_backend(FILE *out, const conf_report *r, const conf_backend *cb)
{
    fprintf(out, "<h2>backend %s</h2>\n", cb->ops->name);
    if (cb->skipped[0]) {
        fputs("<p>", out);
        esc(out, cb->skipped);
        fputs("</p>\n", out);
        return;
    }
    fprintf(out, "<h3>failures: %u</h3>\n<ul>\n", cb->n_failures + cb->more_failures);
    for (unsigned i = 0; i < cb->n_failures; i++) {
        fputs("<li><code>", out);
        esc(out, cb->failures[i].where);
        fprintf(out, "</code>%s<br>key <code>", cb->failures[i].soft ? " (soft)" : "");
        esc(out, cb->failures[i].key);
        fputs("</code>: ", out);
        esc(out, cb->failures[i].detail);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
    html_known(out, r, cb);
    fputs("<h3>skipped ops</h3>\n<table><tr><th>ops</th><th class=\"l\">reason and first op</th></tr>\n", out);
    for (unsigned i = 0; i < cb->n_skips; i++) {
        fprintf(out, "<tr><td>%u</td><td class=\"l\">", cb->skips[i].count);
        esc(out, cb->skips[i].why);
        fputs("<br><code>", out);
        esc(out, cb->skips[i].example);
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n<h3>programs</h3>\n<table><tr>", out);
    for (int k = 0; k < CONF_N; k++)
        fprintf(out, "<th>%s</th>", kind_names[k]);
    fputs("<th class=\"l\">program</th></tr>\n", out);
    for (unsigned i = 0; i < cb->n_programs; i++) {
        fputs("<tr>", out);
        for (int k = 0; k < CONF_N; k++)
            html_cell(out, cb->programs[i].count[k], k);
        fputs("<td class=\"l\"><code>", out);
        esc(out, cb->programs[i].path);
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

void conf_write_html(FILE *out, const conf_report *r)
{
    html_header(out, r);
    html_rules(out, r);
    for (int b = 0; b < r->n_be; b++)
        html_backend(out, r, &r->be[b]);
    fputs("</body></html>\n", out);
}
