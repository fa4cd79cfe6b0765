/* codec_binary.c: the fuzzing encoding of programs. Decoding is total: every byte string is a
 * valid program. Each op is its one-byte id followed by its fields in table order; every field
 * reads a fixed number of bytes (zero past the end) and folds them into range, biased toward
 * the common case so random bytes still build deep states. A note (the "->" outcome of the text
 * form) travels as a record of its own after its op. */
#include <string.h>

#include "optable.h"

#define NOTE_ID 0x00 /* not a valid op id: checked by tests */

typedef struct {
    const uint8_t *p;
    size_t n, at;
} reader;

static uint8_t rd(reader *r)
{
    return r->at < r->n ? r->p[r->at++] : 0;
}

static uint64_t rd_le(reader *r, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)rd(r) << (8 * i);
    return v;
}

/* Kinds of a pointer operand: mostly a good pointer. */
static uint8_t dec_bufkind_low(uint8_t b)
{
    return b < 0xC0 ? AWE_BUF_OK : (uint8_t)((b - 0xC0) % 4);
}

static void dec_count(uint8_t b, int has_list, awe_count *c)
{
    if (b >= 0xFD) {
        c->kind = b == 0xFD ? AWE_COUNT_HUGE : b == 0xFE ? AWE_COUNT_EDGE : AWE_COUNT_MAX;
        c->value = 0;
    } else if (has_list && b < 0x80) {
        c->kind = AWE_COUNT_AUTO;
        c->value = 0;
    } else {
        c->kind = AWE_COUNT_LITERAL;
        c->value = (uint8_t)((has_list ? b - 0x80 : b) % (AWE_MAX_COUNT_LITERAL + 1));
    }
}

static void dec_addr(reader *r, awe_addr *a)
{
    uint8_t k = rd(r), page = rd(r), off = rd(r);
    memset(a, 0, sizeof *a);
    static const uint8_t specials[] = {AWE_ADDR_NULL, AWE_ADDR_ORDINARY, AWE_ADDR_KERNEL};
    if (k < 0xE0) {
        a->kind = AWE_ADDR_REGION;
        a->region = k % AWE_MAX_REGIONS;
        /* mostly the first 16 pages, where regions of every size have pages */
        a->page = (uint8_t)(page < 0xC0 ? page % 16 : page % AWE_REGION_MAX_PAGES);
        a->offset = (uint16_t)(off * 16u);
    } else {
        a->kind = specials[(k - 0xE0) % 3];
    }
}

static void dec_pfn(uint8_t b, awe_pfn_ref *ref)
{
    if (b < 0x80) {
        ref->kind = AWE_PFN_LIVE, ref->index = b & 0x3F;
    } else if (b < 0xC0) {
        ref->kind = AWE_PFN_STALE, ref->index = b & 0x3F;
    } else if (b < 0xFF) {
        ref->kind = AWE_PFN_GARBAGE, ref->index = (uint8_t)((b - 0xC0) % AWE_GARBAGE_COUNT);
    } else {
        ref->kind = AWE_PFN_ZERO, ref->index = 0;
    }
}

static const uint8_t list_kind_of_code[8] = {
    AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK,
    AWE_BUF_READONLY, AWE_BUF_NULL, AWE_BUF_NOACCESS,
};

static void dec_list_header(reader *r, uint8_t *kind, uint8_t *len)
{
    uint8_t b = rd(r);
    *kind = list_kind_of_code[b >> 5];
    *len = (uint8_t)((b & 0x1F) % (AWE_MAX_LIST + 1));
}

static void dec_pfns(reader *r, awe_pfn_list *l)
{
    dec_list_header(r, &l->kind, &l->len);
    for (int i = 0; i < l->len; i++)
        dec_pfn(rd(r), &l->pfn[i]);
}

static void dec_addrs(reader *r, awe_addr_list *l)
{
    dec_list_header(r, &l->kind, &l->len);
    for (int i = 0; i < l->len; i++)
        dec_addr(r, &l->addr[i]);
}

static void dec_field(reader *r, awe_field f, awe_op *op)
{
    uint8_t b;
    switch (f) {
    case AWE_F_END: break;
    case AWE_F_API: op->api = rd(r) & 1; break;
    case AWE_F_HANDLE:
        b = rd(r);
        op->handle = b < 0xC0 ? AWE_HANDLE_CURRENT : (uint8_t)((b - 0xC0) % AWE_HANDLE_KIND_COUNT);
        break;
    case AWE_F_CNTPTR: op->cntptr = dec_bufkind_low(rd(r)); break;
    case AWE_F_ARRKIND: op->pfns.kind = dec_bufkind_low(rd(r)); break;
    case AWE_F_N: dec_count(rd(r), 0, &op->count); break;
    case AWE_F_COUNT: dec_count(rd(r), 1, &op->count); break;
    case AWE_F_CAP:
        b = rd(r);
        op->cap = b < 0x80 ? AWE_CAP_AUTO : (uint8_t)((b - 0x80) % (AWE_MAX_COUNT_LITERAL + 1));
        break;
    case AWE_F_ADDR: dec_addr(r, &op->addr); break;
    case AWE_F_PFNS: dec_pfns(r, &op->pfns); break;
    case AWE_F_ADDRS: dec_addrs(r, &op->addrs); break;
    case AWE_F_PAGES:
        b = rd(r);
        op->pages = b == 0xFF ? AWE_PAGES_HUGE : (uint8_t)(b % (AWE_REGION_MAX_PAGES + 1));
        break;
    case AWE_F_ATYPE: b = rd(r); op->atype = b < 0x80 ? 0 : (uint8_t)((b - 0x80) % AWE_ATYPE_COUNT); break;
    case AWE_F_PROT: b = rd(r); op->prot = b < 0xC0 ? 0 : (uint8_t)((b - 0xC0) % AWE_PROT_COUNT); break;
    case AWE_F_FTYPE: b = rd(r); op->ftype = b < 0xC0 ? 0 : (uint8_t)((b - 0xC0) % AWE_FTYPE_COUNT); break;
    case AWE_F_TAG: b = rd(r); op->tag = b ? b : 1; break;
    case AWE_F_FLAG: op->flag = rd(r) & 1; break;
    case AWE_F_NUM: op->num = rd(r); break;
    }
}

static int unreadable(uint8_t kind)
{
    return kind == AWE_BUF_NULL || kind == AWE_BUF_NOACCESS;
}

/* A NULL or no-access list has no entries to name. When it is the list the op's count
 * counts (the addresses of a scatter, the PFNs otherwise), its count becomes the literal it
 * stood for. */
void awe_op_canonicalize(awe_op *op)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int counts_addrs = awe_op_uses(spec, AWE_F_ADDRS);
    if (awe_op_uses(spec, AWE_F_PFNS) && unreadable(op->pfns.kind)) {
        if (!counts_addrs && op->count.kind == AWE_COUNT_AUTO)
            op->count.kind = AWE_COUNT_LITERAL, op->count.value = op->pfns.len;
        op->pfns.len = 0;
        memset(op->pfns.pfn, 0, sizeof op->pfns.pfn);
    }
    if (counts_addrs && unreadable(op->addrs.kind)) {
        if (op->count.kind == AWE_COUNT_AUTO)
            op->count.kind = AWE_COUNT_LITERAL, op->count.value = op->addrs.len;
        op->addrs.len = 0;
        memset(op->addrs.addr, 0, sizeof op->addrs.addr);
    }
}

static void dec_note(reader *r, awe_note *n)
{
    uint8_t flags = rd(r);
    memset(n, 0, sizeof *n);
    n->present = 1;
    n->has_count = flags & 1;
    n->has_tag = (flags >> 1) & 1;
    n->fault = (flags >> 2) & 1;
    n->status = (awe_ntstatus)rd_le(r, 4);
    if (n->has_count)
        n->count = rd_le(r, 8);
    if (n->has_tag)
        n->tag = rd(r);
}

void awe_program_decode(const uint8_t *data, size_t size, awe_program *out)
{
    reader r = {data, size, 0};
    memset(out, 0, sizeof *out);
    while (r.at < r.n) {
        uint8_t id = rd(&r);
        if (id == NOTE_ID) {
            awe_note note;
            dec_note(&r, &note);
            if (out->n > 0) {
                out->op[out->n - 1].note = note;
                awe_note_canonicalize(&out->op[out->n - 1]);
            }
            continue;
        }
        int kind = awe_op_by_id(id);
        if (kind < 0)
            continue;
        if (out->n == AWE_MAX_OPS)
            break;
        awe_op *op = &out->op[out->n++];
        awe_op_init(op, (awe_op_kind)kind);
        const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)kind);
        for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
            dec_field(&r, spec->fields[i].field, op);
        awe_op_canonicalize(op);
    }
}

/* ---- encoding: the canonical bytes of each field ---- */

typedef struct {
    uint8_t *p;
    size_t cap, at;
    int overflow;
} writer;

static void wr(writer *w, uint8_t b)
{
    if (w->at < w->cap)
        w->p[w->at++] = b;
    else
        w->overflow = 1;
}

static void wr_le(writer *w, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        wr(w, (uint8_t)(v >> (8 * i)));
}

static uint8_t enc_bufkind_low(uint8_t kind)
{
    return kind == AWE_BUF_OK ? 0 : (uint8_t)(0xC0 + kind);
}

static uint8_t enc_count(const awe_count *c, int has_list)
{
    switch (c->kind) {
    case AWE_COUNT_HUGE: return 0xFD;
    case AWE_COUNT_EDGE: return 0xFE;
    case AWE_COUNT_MAX: return 0xFF;
    case AWE_COUNT_AUTO: return 0;
    default: return (uint8_t)(has_list ? 0x80 + c->value : c->value);
    }
}

static void enc_addr(writer *w, const awe_addr *a)
{
    if (a->kind == AWE_ADDR_REGION) {
        wr(w, a->region);
        wr(w, a->page < 16 ? a->page : (uint8_t)(0xC0 + a->page));
        wr(w, (uint8_t)(a->offset / 16));
    } else {
        wr(w, a->kind == AWE_ADDR_NULL ? 0xE0 : a->kind == AWE_ADDR_ORDINARY ? 0xE1 : 0xE2);
        wr(w, 0);
        wr(w, 0);
    }
}

static uint8_t enc_pfn(const awe_pfn_ref *ref)
{
    switch (ref->kind) {
    case AWE_PFN_LIVE: return ref->index;
    case AWE_PFN_STALE: return (uint8_t)(0x80 + ref->index);
    case AWE_PFN_GARBAGE: return (uint8_t)(0xC0 + ref->index);
    default: return 0xFF;
    }
}

static void enc_list_header(writer *w, uint8_t kind, uint8_t len)
{
    uint8_t code = kind == AWE_BUF_READONLY ? 5 : kind == AWE_BUF_NULL ? 6
                 : kind == AWE_BUF_NOACCESS ? 7 : 0;
    wr(w, (uint8_t)(code << 5 | len));
}

static void enc_field(writer *w, awe_field f, const awe_op *op)
{
    switch (f) {
    case AWE_F_END: break;
    case AWE_F_API: wr(w, op->api); break;
    case AWE_F_HANDLE: wr(w, op->handle == AWE_HANDLE_CURRENT ? 0 : (uint8_t)(0xC0 + op->handle)); break;
    case AWE_F_CNTPTR: wr(w, enc_bufkind_low(op->cntptr)); break;
    case AWE_F_ARRKIND: wr(w, enc_bufkind_low(op->pfns.kind)); break;
    case AWE_F_N: wr(w, enc_count(&op->count, 0)); break;
    case AWE_F_COUNT: wr(w, enc_count(&op->count, 1)); break;
    case AWE_F_CAP: wr(w, op->cap == AWE_CAP_AUTO ? 0 : (uint8_t)(0x80 + op->cap)); break;
    case AWE_F_ADDR: enc_addr(w, &op->addr); break;
    case AWE_F_PFNS:
        enc_list_header(w, op->pfns.kind, op->pfns.len);
        for (int i = 0; i < op->pfns.len; i++)
            wr(w, enc_pfn(&op->pfns.pfn[i]));
        break;
    case AWE_F_ADDRS:
        enc_list_header(w, op->addrs.kind, op->addrs.len);
        for (int i = 0; i < op->addrs.len; i++)
            enc_addr(w, &op->addrs.addr[i]);
        break;
    case AWE_F_PAGES: wr(w, op->pages); break;
    case AWE_F_ATYPE: wr(w, op->atype == 0 ? 0 : (uint8_t)(0x80 + op->atype)); break;
    case AWE_F_PROT: wr(w, op->prot == 0 ? 0 : (uint8_t)(0xC0 + op->prot)); break;
    case AWE_F_FTYPE: wr(w, op->ftype == 0 ? 0 : (uint8_t)(0xC0 + op->ftype)); break;
    case AWE_F_TAG: wr(w, op->tag); break;
    case AWE_F_FLAG: wr(w, op->flag); break;
    case AWE_F_NUM: wr(w, op->num); break;
    }
}

static void enc_note(writer *w, const awe_note *n)
{
    wr(w, NOTE_ID);
    wr(w, (uint8_t)(n->has_count | n->has_tag << 1 | n->fault << 2));
    wr_le(w, n->status, 4);
    if (n->has_count)
        wr_le(w, n->count, 8);
    if (n->has_tag)
        wr(w, (uint8_t)n->tag);
}

size_t awe_program_encode(const awe_program *p, uint8_t *out, size_t cap)
{
    writer w = {out, cap, 0, 0};
    for (size_t k = 0; k < p->n; k++) {
        const awe_op *op = &p->op[k];
        const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
        wr(&w, awe_op_id((awe_op_kind)op->kind));
        for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
            enc_field(&w, spec->fields[i].field, op);
        if (op->note.present)
            enc_note(&w, &op->note);
    }
    return w.overflow ? 0 : w.at;
}
