/* text_parse.c: reads the text form of programs (see text_print.c). Strict: every word must be
 * understood, every value in range, so a typo in a corpus file is an error with its line
 * number, never a silently different program. */
#include <ctype.h>
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

static int parse_count(const char *s, int literal_only_auto_ok, awe_count *c)
{
    static const char *const words[] = {"auto", "", "huge", "edge", "max"};
    unsigned long v;
    memset(c, 0, sizeof *c);
    int w = awe_word_index(words, 5, s);
    if (w >= 0 && w != AWE_COUNT_LITERAL) {
        if (w == AWE_COUNT_AUTO && !literal_only_auto_ok)
            return -1;
        c->kind = (uint8_t)w;
        return 0;
    }
    if (parse_uint(s, AWE_MAX_COUNT_LITERAL, &v))
        return -1;
    c->kind = AWE_COUNT_LITERAL;
    c->value = (uint8_t)v;
    return 0;
}

/* R<j>+<page>[.<offset>] | R<j> | null | ordinary | kernel */
static int parse_addr(const char *s, awe_addr *a)
{
    static const char *const words[] = {"null", "", "ordinary", "kernel"};
    memset(a, 0, sizeof *a);
    int w = awe_word_index(words, AWE_ADDR_KIND_COUNT, s);
    if (w >= 0 && w != AWE_ADDR_REGION) {
        a->kind = (uint8_t)w;
        return 0;
    }
    char *end;
    if (s[0] != 'R' || !isdigit((unsigned char)s[1]))
        return -1;
    unsigned long r = strtoul(s + 1, &end, 10), page = 0, off = 0;
    if (*end == '+') {
        if (!isdigit((unsigned char)end[1]))
            return -1;
        page = strtoul(end + 1, &end, 10);
    }
    if (*end == '.') {
        if (!isdigit((unsigned char)end[1]))
            return -1;
        off = strtoul(end + 1, &end, 10);
    }
    if (*end || r >= AWE_MAX_REGIONS || page >= AWE_REGION_MAX_PAGES || off >= AWE_PAGE_SIZE ||
        off % 16)
        return -1;
    a->kind = AWE_ADDR_REGION;
    a->region = (uint8_t)r;
    a->page = (uint8_t)page;
    a->offset = (uint16_t)off;
    return 0;
}

static int parse_pfn(const char *s, awe_pfn_ref *r)
{
    static const char letters[] = "LSG";
    unsigned long v;
    if (strcmp(s, "0") == 0) {
        r->kind = AWE_PFN_ZERO, r->index = 0;
        return 0;
    }
    const char *k = s[0] ? strchr(letters, s[0]) : NULL;
    unsigned long max = k && *k == 'G' ? AWE_GARBAGE_COUNT - 1 : 63;
    if (!k || parse_uint(s + 1, max, &v))
        return -1;
    r->kind = (uint8_t)(k - letters);
    r->index = (uint8_t)v;
    return 0;
}

/* Splits "[a b c]" or "ro[a b]" into its kind and items; items are written into `copy`. */
static int parse_list(const char *s, uint8_t *kind, char *copy, size_t cap, char **items,
                      int *n)
{
    int w = awe_word_index(awe_bufkind_words, 4, s);
    *n = 0;
    if (w == AWE_BUF_NULL || w == AWE_BUF_NOACCESS) {
        *kind = (uint8_t)w;
        return 0;
    }
    *kind = AWE_BUF_OK;
    if (strncmp(s, "ro[", 3) == 0)
        *kind = AWE_BUF_READONLY, s += 2;
    size_t len = strlen(s);
    if (s[0] != '[' || len < 2 || s[len - 1] != ']' || len - 1 > cap)
        return -1;
    memcpy(copy, s + 1, len - 2);
    copy[len - 2] = '\0';
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
        if (*n == AWE_MAX_LIST)
            return -1;
        items[(*n)++] = tok;
    }
    return 0;
}

static int parse_pfns(const char *s, awe_pfn_list *l)
{
    char copy[512], *items[AWE_MAX_LIST + 1];
    int n;
    if (parse_list(s, &l->kind, copy, sizeof copy, items, &n))
        return -1;
    for (int i = 0; i < n; i++)
        if (parse_pfn(items[i], &l->pfn[i]))
            return -1;
    l->len = (uint8_t)n;
    return 0;
}

static int parse_addrs(const char *s, awe_addr_list *l)
{
    char copy[1024], *items[AWE_MAX_LIST + 1];
    int n;
    if (parse_list(s, &l->kind, copy, sizeof copy, items, &n))
        return -1;
    for (int i = 0; i < n; i++)
        if (parse_addr(items[i], &l->addr[i]))
            return -1;
    l->len = (uint8_t)n;
    return 0;
}

static int parse_table_flags(const char *s, int mem, int (*index_of)(uint32_t), uint8_t *out)
{
    uint32_t v;
    if (awe_flags_parse(s, mem, &v))
        return -1;
    int i = index_of(v);
    if (i < 0)
        return -1;
    *out = (uint8_t)i;
    return 0;
}

static int parse_value(awe_field f, const char *s, int positional, awe_op *op)
{
    unsigned long v;
    int w;
    switch (f) {
    case AWE_F_END: case AWE_F_API: return -1;
    case AWE_F_HANDLE:
        w = awe_word_index(awe_handle_words, AWE_HANDLE_KIND_COUNT, s);
        return w < 0 ? -1 : (op->handle = (uint8_t)w, 0);
    case AWE_F_CNTPTR:
        w = awe_word_index(awe_bufkind_words, 4, s);
        return w < 0 ? -1 : (op->cntptr = (uint8_t)w, 0);
    case AWE_F_ARRKIND:
        w = awe_word_index(awe_bufkind_words, 4, s);
        return w < 0 ? -1 : (op->pfns.kind = (uint8_t)w, 0);
    case AWE_F_N: return parse_count(s, 0, &op->count);
    case AWE_F_COUNT: return parse_count(s, 1, &op->count);
    case AWE_F_CAP:
        if (strcmp(s, "auto") == 0)
            return op->cap = AWE_CAP_AUTO, 0;
        return parse_uint(s, AWE_MAX_COUNT_LITERAL, &v) ? -1 : (op->cap = (uint8_t)v, 0);
    case AWE_F_ADDR: return parse_addr(s, &op->addr);
    case AWE_F_PFNS: return parse_pfns(s, &op->pfns);
    case AWE_F_ADDRS: return parse_addrs(s, &op->addrs);
    case AWE_F_PAGES:
        if (strcmp(s, "huge") == 0)
            return op->pages = AWE_PAGES_HUGE, 0;
        return parse_uint(s, AWE_REGION_MAX_PAGES, &v) ? -1 : (op->pages = (uint8_t)v, 0);
    case AWE_F_ATYPE: return parse_table_flags(s, 1, awe_atype_index, &op->atype);
    case AWE_F_PROT: return parse_table_flags(s, 0, awe_prot_index, &op->prot);
    case AWE_F_FTYPE: return parse_table_flags(s, 1, awe_ftype_index, &op->ftype);
    case AWE_F_TAG: return parse_uint(s, 255, &v) || v == 0 ? -1 : (op->tag = (uint8_t)v, 0);
    case AWE_F_FLAG:
        if (positional) {
            w = strcmp(s, "on") == 0 ? 1 : strcmp(s, "off") == 0 ? 0 : -1;
            return w < 0 ? -1 : (op->flag = (uint8_t)w, 0);
        }
        return parse_uint(s, 1, &v) ? -1 : (op->flag = (uint8_t)v, 0);
    case AWE_F_NUM: return parse_uint(s, 255, &v) ? -1 : (op->num = (uint8_t)v, 0);
    }
    return -1;
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
    if (awe_status_parse(words[0], &note->status))
        return fail(ps, "unknown status '%s' (use a name like CONFLICTING_ADDRESSES or 0xC0000018)",
                    words[0]);
    for (int i = 1; i < n; i++) {
        char *end;
        if (strncmp(words[i], "n=", 2) != 0 || !isdigit((unsigned char)words[i][2]))
            return fail(ps, "unexpected '%s' after the status (only n=COUNT may follow)", words[i]);
        note->count = strtoull(words[i] + 2, &end, 0);
        if (*end)
            return fail(ps, "bad count '%s'", words[i]);
        note->has_count = 1;
    }
    return 0;
}

static const awe_field_spec *find_key(const awe_op_spec *spec, const char *key, size_t len)
{
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
        const char *k = spec->fields[i].key;
        if (k && strlen(k) == len && strncmp(k, key, len) == 0)
            return &spec->fields[i];
    }
    return NULL;
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
        return fail(ps, "unknown op '%s' (ops: reserve release alloc free map scatter write read "
                        "check priv fault limit pool)", name);
    awe_op_init(op, (awe_op_kind)kind);
    if (at) {
        int api = awe_word_index(awe_api_words, 2, at + 1);
        if (api < 0 || !awe_op_uses(awe_op_spec_of((awe_op_kind)kind), AWE_F_API))
            return fail(ps, "'%s': the layer suffix is @nt or @win32, on calls only", word);
        op->api = (uint8_t)api;
    }
    return 0;
}

static int parse_fields(parser *ps, awe_op *op, char **words, int n)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int positional = 0;
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(words[i], '=');
        const awe_field_spec *fs = eq ? find_key(spec, words[i], (size_t)(eq - words[i])) : NULL;
        if (!eq) {
            /* the next positional field (key NULL, not the api) */
            int seen = 0;
            for (int k = 0; k < AWE_MAX_FIELDS && spec->fields[k].field != AWE_F_END; k++)
                if (!spec->fields[k].key && spec->fields[k].field != AWE_F_API && seen++ == positional)
                    fs = &spec->fields[k];
            if (!fs)
                return fail(ps, "unexpected '%s' (%s takes key=value fields)", words[i], spec->name);
            positional++;
            if (parse_value(fs->field, words[i], 1, op))
                return fail(ps, "bad value '%s' for %s", words[i], spec->name);
            continue;
        }
        if (!fs)
            return fail(ps, "%s has no field '%.*s'", spec->name, (int)(eq - words[i]), words[i]);
        if (parse_value(fs->field, eq + 1, 0, op))
            return fail(ps, "bad value for %s: '%s'", fs->key, eq + 1);
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
