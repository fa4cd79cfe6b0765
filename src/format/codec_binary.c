/* SPDX-License-Identifier: Apache-2.0 */
/* codec_binary.c: the fuzzing encoding of programs. Decoding is total: every byte string is a
 * valid program. Each op is its frozen one-byte id followed by its operands in row order; each
 * operand (operands.h) reads a fixed number of bytes (zero past the end) and folds them into
 * range, biased toward the common case so random bytes still build deep states. A note (the
 * "->" outcome of the text form) travels as a record of its own after its op. */
#include <string.h>

#include "optable.h"

#define NOTE_ID 0x00 /* not a valid op id: checked by tests */

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

static void dec_note(awe_reader *r, awe_note *n)
{
    uint8_t flags = awe_rd(r);
    memset(n, 0, sizeof *n);
    n->present = 1;
    n->has_count = flags & 1;
    n->has_tag = (flags >> 1) & 1;
    n->fault = (flags >> 2) & 1;
    n->status = (awe_ntstatus)awe_rd_le(r, 4);
    if (n->has_count)
        n->count = awe_rd_le(r, 8);
    if (n->has_tag)
        n->tag = awe_rd(r);
}

void awe_program_decode(const uint8_t *data, size_t size, awe_program *out)
{
    awe_reader r = {data, size, 0};
    memset(out, 0, sizeof *out);
    while (r.at < r.n) {
        uint8_t id = awe_rd(&r);
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
            awe_operand_of(spec->fields[i].field)->decode(&r, op);
        awe_op_canonicalize(op);
    }
}

/* ---- encoding: the canonical bytes ---- */

static void enc_note(awe_writer *w, const awe_note *n)
{
    awe_wr(w, NOTE_ID);
    awe_wr(w, (uint8_t)(n->has_count | n->has_tag << 1 | n->fault << 2));
    awe_wr_le(w, n->status, 4);
    if (n->has_count)
        awe_wr_le(w, n->count, 8);
    if (n->has_tag)
        awe_wr(w, (uint8_t)n->tag);
}

size_t awe_program_encode(const awe_program *p, uint8_t *out, size_t cap)
{
    awe_writer w = {out, cap, 0, 0};
    for (size_t k = 0; k < p->n; k++) {
        const awe_op *op = &p->op[k];
        const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
        awe_wr(&w, awe_op_id((awe_op_kind)op->kind));
        for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
            awe_operand_of(spec->fields[i].field)->encode(&w, op);
        if (op->note.present)
            enc_note(&w, &op->note);
    }
    return w.overflow ? 0 : w.at;
}
