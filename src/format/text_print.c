/* text_print.c: programs as text, one op per line: "map at=R0+2 pfns=[L0 L1] -> SUCCESS".
 * A field is printed only when it differs from its default (awe_op_init), so a line shows
 * what is special about the op. */
#include <stdarg.h>
#include <string.h>

#include "optable.h"
#include "text_names.h"

typedef struct {
    char *p;
    size_t cap, at;
} sbuf;

static void put(sbuf *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->p + s->at, s->at < s->cap ? s->cap - s->at : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->at += (size_t)n;
    if (s->at >= s->cap)
        s->at = s->cap ? s->cap - 1 : 0;
}

static void put_count(sbuf *s, const awe_count *c)
{
    static const char *const words[] = {"auto", NULL, "huge", "edge", "max"};
    if (c->kind == AWE_COUNT_LITERAL)
        put(s, "%u", c->value);
    else
        put(s, "%s", words[c->kind]);
}

static void put_addr(sbuf *s, const awe_addr *a)
{
    static const char *const words[] = {"null", NULL, "ordinary", "kernel"};
    if (a->kind != AWE_ADDR_REGION) {
        put(s, "%s", words[a->kind]);
        return;
    }
    put(s, "R%u+%u", a->region, a->page);
    if (a->offset)
        put(s, ".%u", a->offset);
}

static void put_pfn(sbuf *s, const awe_pfn_ref *r)
{
    static const char letters[] = "LSG";
    if (r->kind == AWE_PFN_ZERO)
        put(s, "0");
    else
        put(s, "%c%u", letters[r->kind], r->index);
}

/* "[...]", "ro[...]", "null", "noaccess" */
static int put_list_open(sbuf *s, uint8_t kind)
{
    if (kind == AWE_BUF_NULL || kind == AWE_BUF_NOACCESS) {
        put(s, "%s", awe_bufkind_words[kind]);
        return 0;
    }
    put(s, "%s[", kind == AWE_BUF_READONLY ? "ro" : "");
    return 1;
}

static void put_pfns(sbuf *s, const awe_pfn_list *l)
{
    if (!put_list_open(s, l->kind))
        return;
    for (int i = 0; i < l->len; i++) {
        put(s, i ? " " : "");
        put_pfn(s, &l->pfn[i]);
    }
    put(s, "]");
}

static void put_addrs(sbuf *s, const awe_addr_list *l)
{
    if (!put_list_open(s, l->kind))
        return;
    for (int i = 0; i < l->len; i++) {
        put(s, i ? " " : "");
        put_addr(s, &l->addr[i]);
    }
    put(s, "]");
}

static void put_flags(sbuf *s, uint32_t v, int mem)
{
    char tmp[128];
    awe_flags_format(v, mem, tmp, sizeof tmp);
    put(s, "%s", tmp);
}

/* 1 when the field of op differs from its default, so it must be printed. */
static int differs(awe_field f, const awe_op *op, const awe_op *def)
{
    switch (f) {
    case AWE_F_END: case AWE_F_API: return 0;
    case AWE_F_HANDLE: return op->handle != def->handle;
    case AWE_F_CNTPTR: return op->cntptr != def->cntptr;
    case AWE_F_N: case AWE_F_COUNT: return memcmp(&op->count, &def->count, sizeof op->count) != 0;
    case AWE_F_CAP: return op->cap != def->cap;
    case AWE_F_ARRKIND: return op->pfns.kind != def->pfns.kind;
    case AWE_F_ADDR: return memcmp(&op->addr, &def->addr, sizeof op->addr) != 0;
    case AWE_F_PFNS: return op->pfns.kind != def->pfns.kind || op->pfns.len != 0;
    case AWE_F_ADDRS: return op->addrs.kind != def->addrs.kind || op->addrs.len != 0;
    case AWE_F_PAGES: return op->pages != def->pages;
    case AWE_F_ATYPE: return op->atype != def->atype;
    case AWE_F_PROT: return op->prot != def->prot;
    case AWE_F_FTYPE: return op->ftype != def->ftype;
    case AWE_F_TAG: return op->tag != def->tag;
    case AWE_F_FLAG: return op->flag != def->flag;
    case AWE_F_NUM: return op->num != def->num;
    }
    return 0;
}

static void put_value(sbuf *s, awe_field f, const awe_op *op, int positional)
{
    switch (f) {
    case AWE_F_END: case AWE_F_API: break;
    case AWE_F_HANDLE: put(s, "%s", awe_handle_words[op->handle]); break;
    case AWE_F_CNTPTR: put(s, "%s", awe_bufkind_words[op->cntptr]); break;
    case AWE_F_ARRKIND: put(s, "%s", awe_bufkind_words[op->pfns.kind]); break;
    case AWE_F_N: case AWE_F_COUNT: put_count(s, &op->count); break;
    case AWE_F_CAP: put(s, "%u", op->cap); break;
    case AWE_F_ADDR: put_addr(s, &op->addr); break;
    case AWE_F_PFNS: put_pfns(s, &op->pfns); break;
    case AWE_F_ADDRS: put_addrs(s, &op->addrs); break;
    case AWE_F_PAGES:
        if (op->pages == AWE_PAGES_HUGE)
            put(s, "huge");
        else
            put(s, "%u", op->pages);
        break;
    case AWE_F_ATYPE: put_flags(s, awe_atype_value(op->atype), 1); break;
    case AWE_F_PROT: put_flags(s, awe_prot_value(op->prot), 0); break;
    case AWE_F_FTYPE: put_flags(s, awe_ftype_value(op->ftype), 1); break;
    case AWE_F_TAG: put(s, "%u", op->tag); break;
    case AWE_F_FLAG:
        if (positional)
            put(s, "%s", op->flag ? "on" : "off");
        else
            put(s, "%u", op->flag);
        break;
    case AWE_F_NUM: put(s, "%u", op->num); break;
    }
}

static void put_note(sbuf *s, const awe_op *op, const awe_note *n)
{
    if (op->kind == AWE_OP_READ || op->kind == AWE_OP_WRITE) {
        if (n->fault)
            put(s, "fault");
        else if (n->has_tag)
            put(s, "tag=%u", (unsigned)n->tag);
        else
            put(s, "ok");
        return;
    }
    char status[40];
    put(s, "%s", awe_status_format(n->status, status, sizeof status));
    if (n->has_count)
        put(s, " n=%llu", (unsigned long long)n->count);
}

void awe_note_format(const awe_op *op, const awe_note *note, char *buf, size_t cap)
{
    sbuf s = {buf, cap, 0};
    buf[0] = '\0';
    put_note(&s, op, note);
}

void awe_op_format(const awe_op *op, const awe_note *note, char *buf, size_t cap)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    awe_op def;
    sbuf s = {buf, cap, 0};
    awe_op_init(&def, (awe_op_kind)op->kind);
    buf[0] = '\0';
    put(&s, "%s", spec->name);
    if (awe_op_uses(spec, AWE_F_API) && op->api != AWE_API_NT)
        put(&s, "@%s", awe_api_words[op->api]);
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
        const awe_field_spec *fs = &spec->fields[i];
        if (fs->field == AWE_F_API)
            continue;
        if (fs->key == NULL) {
            put(&s, " ");
            put_value(&s, fs->field, op, 1);
        } else if (differs(fs->field, op, &def)) {
            put(&s, " %s=", fs->key);
            put_value(&s, fs->field, op, 0);
        }
    }
    if (note && note->present && awe_op_note_kind((awe_op_kind)op->kind) != AWE_NOTE_NONE) {
        put(&s, " -> ");
        put_note(&s, op, note);
    }
}

void awe_program_print(const awe_program *p, FILE *out)
{
    char line[1024];
    for (size_t i = 0; i < p->n; i++) {
        awe_op_format(&p->op[i], &p->op[i].note, line, sizeof line);
        fprintf(out, "%s\n", line);
    }
}

int awe_program_equal(const awe_program *a, const awe_program *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (memcmp(&a->op[i], &b->op[i], sizeof a->op[i]) != 0)
            return 0;
    return 1;
}
