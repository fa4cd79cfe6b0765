/* SPDX-License-Identifier: Apache-2.0 */
/* text_parse.c: reads the text form of programs (see text_print.c). Strict: every word must be
 * understood, every value in range, so a typo in a corpus file is an error with its line
 * number, never a silently different program. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "optable.h"
#include "text_names.h"

typedef struct {
    char *err;
    size_t err_len;
    int line;
} parser;

static int fail(parser *ps, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(ps->err, ps->err_len, "line %d: ", ps->line);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < ps->err_len)
        vsnprintf(ps->err + n, ps->err_len - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return -1;
    unsigned long v = strtoul(s, &end, 0);
    if (*end || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Splits a line into words; brackets keep their spaces. Returns the word count or -1. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            break;
        if (n == max)
            return -1;
        words[n++] = p;
        int depth = 0;
        while (*p && (depth || (*p != ' ' && *p != '\t'))) {
            depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
            p++;
        }
    }
    return n;
}

/* What may follow the status: n=COUNT, and for a query the fields of the
 * MEMORY_BASIC_INFORMATION it returns. */
static int parse_note_field(parser *ps, const awe_op *op, const char *w, awe_note *note)
{
    static const struct {
        const char *key;
        unsigned bit;
    } mbi_keys[] = {{"state=", AWE_NOTE_MBI_STATE}, {"protect=", AWE_NOTE_MBI_PROTECT},
                    {"type=", AWE_NOTE_MBI_TYPE}, {"size=", AWE_NOTE_MBI_SIZE}};
    char *end;
    if (strncmp(w, "n=", 2) == 0 && isdigit((unsigned char)w[2])) {
        errno = 0;
        note->count = strtoull(w + 2, &end, 0);
        if (*end || errno == ERANGE)
            return fail(ps, "bad count '%s'", w);
        note->has_count = 1;
        return 0;
    }
    for (size_t k = 0; op->kind == AWE_OP_QUERY && k < sizeof mbi_keys / sizeof mbi_keys[0]; k++) {
        size_t len = strlen(mbi_keys[k].key);
        if (strncmp(w, mbi_keys[k].key, len) != 0)
            continue;
        const char *v = w + len;
        int bad;
        if (mbi_keys[k].bit == AWE_NOTE_MBI_SIZE) {
            errno = 0;
            note->pages = strtoull(v, &end, 0);
            bad = !isdigit((unsigned char)*v) || *end || errno == ERANGE;
        } else {
            uint32_t *field = mbi_keys[k].bit == AWE_NOTE_MBI_STATE     ? &note->state
                              : mbi_keys[k].bit == AWE_NOTE_MBI_PROTECT ? &note->protect
                                                                        : &note->type;
            bad = !*v || awe_flags_parse(v, mbi_keys[k].bit != AWE_NOTE_MBI_PROTECT, field);
        }
        if (bad || (note->mbi & mbi_keys[k].bit))
            return fail(ps, "bad or repeated '%s' (state=COMMIT|RESERVE|FREE, protect=READWRITE, "
                            "type=PRIVATE, size=<pages>)",
                        w);
        note->mbi |= (uint8_t)mbi_keys[k].bit;
        return 0;
    }
    return fail(ps, "unexpected '%s' after the status (n=COUNT may follow%s)", w,
                op->kind == AWE_OP_QUERY ? "; a query's state=, protect=, type=, size=" : "");
}

static int parse_note(parser *ps, const awe_op *op, char **words, int n, awe_note *note)
{
    memset(note, 0, sizeof *note);
    note->present = 1;
    if (awe_op_note_kind((awe_op_kind)op->kind) == AWE_NOTE_NONE)
        return fail(ps, "%s has no outcome to note after '->'", awe_op_spec_of((awe_op_kind)op->kind)->name);
    if (n < 1)
        return fail(ps, "'->' needs an outcome after it");
    if (op->kind == AWE_OP_READ || op->kind == AWE_OP_WRITE) {
        unsigned long v;
        if (n == 1 && strcmp(words[0], "fault") == 0)
            return note->fault = 1, 0;
        if (n == 1 && strcmp(words[0], "ok") == 0 && op->kind == AWE_OP_WRITE)
            return 0;
        if (n == 1 && op->kind == AWE_OP_READ && strncmp(words[0], "tag=", 4) == 0 &&
            parse_uint(words[0] + 4, 255, &v) == 0)
            return note->has_tag = 1, note->tag = v, 0;
        return fail(ps, "a %s outcome is 'fault'%s", op->kind == AWE_OP_READ ? "read" : "write",
                    op->kind == AWE_OP_READ ? " or 'tag=N'" : " or 'ok'");
    }
    int first = 1;
    if (strcmp(words[0], "TRUE") == 0 || strcmp(words[0], "FALSE") == 0) {
        if (op->api != AWE_API_WIN32)
            return fail(ps, "'%s' states a Win32 result: the call needs @win32 (or note a status)",
                        words[0]);
        note->win32 = words[0][0] == 'T' ? AWE_NOTE_TRUE : AWE_NOTE_FALSE;
        if (note->win32 == AWE_NOTE_FALSE) {
            unsigned long err;
            if (n < 2 || strncmp(words[1], "error=", 6) != 0 ||
                parse_uint(words[1] + 6, 0xFFFFFFFFul, &err))
                return fail(ps, "FALSE needs the last error after it: FALSE error=87");
            note->error = (uint32_t)err;
            first = 2;
        }
    } else if (awe_status_parse(words[0], &note->status)) {
        return fail(ps, "unknown status '%s' (use a name like CONFLICTING_ADDRESSES or 0xC0000018, "
                        "or TRUE / FALSE error=N for an @win32 call)",
                    words[0]);
    }
    for (int i = first; i < n; i++)
        if (parse_note_field(ps, op, words[i], note))
            return -1;
    return 0;
}

static int parse_op_name(parser *ps, const char *word, awe_op *op)
{
    char name[32];
    const char *at = strchr(word, '@');
    size_t len = at ? (size_t)(at - word) : strlen(word);
    if (len >= sizeof name)
        return fail(ps, "unknown op '%s'", word);
    memcpy(name, word, len);
    name[len] = '\0';
    int kind = awe_op_by_name(name);
    if (kind < 0)
        return fail(ps, "unknown op '%s' (ops: %s)", name, awe_op_names());
    awe_op_init(op, (awe_op_kind)kind);
    if (at) {
        if (!awe_op_uses(awe_op_spec_of((awe_op_kind)kind), AWE_F_API) ||
            awe_operand_api.parse(at + 1, 0, op))
            return fail(ps, "'%s': the layer suffix is @nt or @win32, on calls only", word);
    }
    return 0;
}

static int parse_fields(parser *ps, awe_op *op, char **words, int n)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int positional = 0, seen[AWE_MAX_FIELDS] = {0};
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(words[i], '=');
        const char *value = eq ? eq + 1 : words[i];
        int at = -1;
        if (!eq) {
            /* the next positional field (key NULL, not the api) */
            for (int k = 0, p = 0; k < AWE_MAX_FIELDS && spec->fields[k].field != AWE_F_END; k++)
                if (!spec->fields[k].key && spec->fields[k].field != AWE_F_API && p++ == positional)
                    at = k;
            if (at < 0)
                return fail(ps, "unexpected '%s' (%s takes key=value fields)", words[i], spec->name);
            positional++;
        } else {
            size_t len = (size_t)(eq - words[i]);
            for (int k = 0; k < AWE_MAX_FIELDS && spec->fields[k].field != AWE_F_END; k++) {
                const char *key = spec->fields[k].key;
                if (key && strlen(key) == len && strncmp(key, words[i], len) == 0)
                    at = k;
            }
            if (at < 0)
                return fail(ps, "%s has no field '%.*s'", spec->name, (int)len, words[i]);
            if (seen[at])
                return fail(ps, "%s: field '%s' given twice", spec->name, spec->fields[at].key);
        }
        seen[at] = 1;
        const awe_operand *operand = awe_operand_of(spec->fields[at].field);
        if (operand->parse(value, !eq, op)) {
            if (eq)
                return fail(ps, "bad value for %s: '%s' (%s)", spec->fields[at].key, value,
                            operand->syntax);
            return fail(ps, "bad value '%s' for %s (%s)", value, spec->name, operand->syntax);
        }
    }
    return 0;
}

static int parse_line(parser *ps, char *line, awe_program *out)
{
    char *words[64];
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    int n = split_words(line, words, 64);
    if (n < 0)
        return fail(ps, "too many words");
    if (n == 0)
        return 0;
    if (out->n == AWE_MAX_OPS)
        return fail(ps, "more than %d ops in one program", AWE_MAX_OPS);
    awe_op *op = &out->op[out->n];
    if (parse_op_name(ps, words[0], op))
        return -1;
    int arrow = n;
    for (int i = 1; i < n; i++)
        if (strcmp(words[i], "->") == 0 && arrow == n)
            arrow = i;
    if (parse_fields(ps, op, words + 1, arrow - 1))
        return -1;
    awe_op_canonicalize(op);
    if (arrow < n && parse_note(ps, op, words + arrow + 1, n - arrow - 1, &op->note))
        return -1;
    out->n++;
    return 0;
}

int awe_program_parse(const char *text, awe_program *out, char *err, size_t err_len)
{
    parser ps = {err, err_len, 0};
    memset(out, 0, sizeof *out);
    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3; /* a UTF-8 byte order mark, as some editors save: not part of the first op */
    while (*text) {
        char line[2048];
        size_t len = strcspn(text, "\n");
        ps.line++;
        if (len >= sizeof line)
            return fail(&ps, "line longer than %zu characters", sizeof line - 1);
        memcpy(line, text, len);
        line[len] = '\0';
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        if (parse_line(&ps, line, out))
            return -1;
        text += len;
        if (*text == '\n')
            text++;
    }
    return 0;
}
