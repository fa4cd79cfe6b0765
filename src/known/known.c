/* SPDX-License-Identifier: Apache-2.0 */
/* known.c: known-divergence tables (see known.h). */
#include "known.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"

#define KNOWN_MAX_ENTRIES 512

/* Copies the next word of *p into out (cap bytes); 0, or -1 when there is none or it is too long. */
static int next_word(const char **p, char *out, size_t cap)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strcspn(s, " \t");
    if (n == 0 || n >= cap)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    *p = s + n;
    return 0;
}

static int parse_line(const char *line, awe_known_entry *e)
{
    const char *p = line;
    if (next_word(&p, e->backend, sizeof e->backend) || next_word(&p, e->op, sizeof e->op) ||
        next_word(&p, e->field, sizeof e->field) ||
        next_word(&p, e->expected, sizeof e->expected) ||
        next_word(&p, e->actual, sizeof e->actual))
        return -1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return -1; /* every difference says why it is expected */
    snprintf(e->reason, sizeof e->reason, "%s", p);
    return 0;
}

/* One line (without its newline) into k; blank and comment lines are fine. */
static int add_line(awe_known *k, char *line, int number, const char *name, char *err, size_t err_len)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (strspn(line, " \t") == n)
        return 0;
    if (k->n == KNOWN_MAX_ENTRIES) {
        snprintf(err, err_len, "%s:%d: more than %d entries", name, number, KNOWN_MAX_ENTRIES);
        return -1;
    }
    awe_known_entry *e = &k->e[k->n];
    memset(e, 0, sizeof *e);
    e->line = number;
    if (parse_line(line, e) != 0) {
        snprintf(err, err_len,
                 "%s:%d: want 'backend op field expected actual reason' (words, '*' or comma lists)",
                 name, number);
        return -1;
    }
    k->n++;
    return 0;
}

int awe_known_parse(awe_known *k, const char *text, const char *name, char *err, size_t err_len)
{
    char line[1024];
    int number = 0;
    k->n = 0;
    k->e = calloc(KNOWN_MAX_ENTRIES, sizeof *k->e);
    if (!k->e) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        number++;
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        if (add_line(k, line, number, name, err, err_len) != 0) {
            awe_known_free(k);
            return -1;
        }
        p += len + (p[len] == '\n');
    }
    return 0;
}

int awe_known_load(awe_known *k, const char *path, char *err, size_t err_len)
{
    size_t len;
    uint8_t *text = awe_read_file(path, &len);
    if (!text) {
        snprintf(err, err_len, "cannot read %s", path);
        return -1;
    }
    int rc = awe_known_parse(k, (const char *)text, path, err, err_len);
    free(text);
    return rc;
}

void awe_known_free(awe_known *k)
{
    free(k->e);
    k->e = NULL;
    k->n = 0;
}

int awe_known_admits(const char *pattern, const char *value)
{
    size_t want = strlen(value);
    if (strcmp(pattern, "*") == 0)
        return 1;
    for (const char *p = pattern; *p;) {
        size_t n = strcspn(p, ",");
        if (n == want && strncmp(p, value, n) == 0)
            return 1;
        p += n + (p[n] == ',');
    }
    return 0;
}

int awe_known_find(const awe_known *k, const char *backend, const char *op, const char *field,
                   const char *expected, const char *actual)
{
    int crash = strcmp(field, "crash") == 0;
    for (size_t i = 0; k && i < k->n; i++) {
        const awe_known_entry *e = &k->e[i];
        if (awe_known_is_crash(e) != crash)
            continue; /* a "*" field never turns a difference into a skipped op, nor back */
        if (awe_known_admits(e->backend, backend) && awe_known_admits(e->op, op) &&
            awe_known_admits(e->field, field) && awe_known_admits(e->expected, expected) &&
            awe_known_admits(e->actual, actual))
            return (int)i;
    }
    return -1;
}

int awe_known_is_crash(const awe_known_entry *e)
{
    return strcmp(e->field, "crash") == 0;
}
