/* SPDX-License-Identifier: Apache-2.0 */
/* codec_binary.c: the fuzzing encoding of programs. Decoding is total: every byte string is a
 * valid program. Each op is its frozen one-byte id followed by its operands in row order; each
 * operand (operands.h) reads a fixed number of bytes (zero past the end) and folds them into
 * range, biased toward the common case so random bytes still build deep states. A note (the
 * "->" outcome of the text form) travels as a record of its own after its op.
 *
 * Those bytes hold small values only (program.h: AWE_BIN_*): the ranges where random bytes
 * find bugs. An op with a value past them (a 1,024-page run, a count of 2^61, a byte offset of
 * 0x123, a flag word outside the tables) travels as a text record, its own text line, so every
 * program the text form can state also has a binary form, and stored corpora keep their
 * meaning. */
#include <string.h>

#include "optable.h"

#define NOTE_ID 0x00 /* not valid op ids: checked by tests */
#define TEXT_ID 0x01

/* A note record: flags (count, tag, fault, Win32 form, query fields), the status (or the
 * last error of a FALSE), then what the flags announce. */
static void dec_note(awe_reader *r, awe_note *n)
{
    uint8_t flags = awe_rd(r);
    memset(n, 0, sizeof *n);
    n->present = 1;
    n->has_count = flags & 1;
    n->has_tag = (flags >> 1) & 1;
    n->fault = (flags >> 2) & 1;
    n->win32 = (flags >> 3) & 3;
    uint32_t word = (uint32_t)awe_rd_le(r, 4);
    if (n->win32 == AWE_NOTE_FALSE)
        n->error = word;
    else if (!n->win32)
        n->status = (awe_ntstatus)word;
    if (n->has_count)
        n->count = awe_rd_le(r, 8);
    if (n->has_tag)
        n->tag = awe_rd(r);
    if (flags & 0x20) {
        n->mbi = awe_rd(r) & 15;
        n->state = (uint32_t)awe_rd_le(r, 4);
        n->protect = (uint32_t)awe_rd_le(r, 4);
        n->type = (uint32_t)awe_rd_le(r, 4);
        n->pages = awe_rd_le(r, 8);
    }
}

static void dec_fields(awe_reader *r, awe_op_kind kind, awe_op *op)
{
    const awe_op_spec *spec = awe_op_spec_of(kind);
    awe_op_init(op, kind);
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
        awe_operand_of(spec->fields[i].field)->decode(r, op);
    awe_op_canonicalize(op);
}

/* A text record: a 16-bit length and the op's line. Bytes that do not hold one op's line are
 * no record: decoding goes on right after the id, as after an unknown id, so a stray 0x01 in
 * a mutated input costs one byte, not the rest of the input. */
static void dec_text(awe_reader *r, awe_program *out)
{
    static awe_program one;
    char line[AWE_OP_TEXT_MAX + 1], err[8];
    size_t start = r->at, len = (size_t)awe_rd_le(r, 2);
    int clean = len <= AWE_OP_TEXT_MAX && len <= r->n - r->at;
    for (size_t i = 0; clean && i < len; i++) {
        line[i] = (char)awe_rd(r);
        clean = line[i] != '\n' && line[i] != '\0';
    }
    if (clean) {
        line[len] = '\0';
        clean = awe_program_parse(line, &one, err, sizeof err) == 0 && one.n == 1;
    }
    if (!clean) {
        r->at = start;
        return;
    }
    if (out->n < AWE_MAX_OPS) {
        out->op[out->n] = one.op[0];
        memset(&out->op[out->n].note, 0, sizeof out->op[out->n].note);
        out->n++;
    }
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
        if (id == TEXT_ID) {
            dec_text(&r, out);
            continue;
        }
        int kind = awe_op_by_id(id);
        if (kind < 0)
            continue;
        if (out->n == AWE_MAX_OPS)
            break;
        dec_fields(&r, (awe_op_kind)kind, &out->op[out->n++]);
    }
}

/* ---- encoding: the canonical bytes ---- */

static void enc_note(awe_writer *w, const awe_note *n)
{
    awe_wr(w, NOTE_ID);
    awe_wr(w, (uint8_t)(n->has_count | n->has_tag << 1 | n->fault << 2 | n->win32 << 3 |
                        (n->mbi ? 0x20 : 0)));
    awe_wr_le(w, n->win32 == AWE_NOTE_FALSE ? n->error : n->status, 4);
    if (n->has_count)
        awe_wr_le(w, n->count, 8);
    if (n->has_tag)
        awe_wr(w, (uint8_t)n->tag);
    if (n->mbi) {
        awe_wr(w, n->mbi);
        awe_wr_le(w, n->state, 4);
        awe_wr_le(w, n->protect, 4);
        awe_wr_le(w, n->type, 4);
        awe_wr_le(w, n->pages, 8);
    }
}

static void enc_fields(awe_writer *w, const awe_op *op)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    awe_wr(w, awe_op_id((awe_op_kind)op->kind));
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
        awe_operand_of(spec->fields[i].field)->encode(w, op);
}

/* 1 when the op's fields come back unchanged from their bytes. */
static int fields_hold(const awe_op *op)
{
    uint8_t bytes[AWE_OP_MAX_BYTES];
    awe_writer w = {bytes, sizeof bytes, 0, 0};
    awe_op bare = *op, back;
    memset(&bare.note, 0, sizeof bare.note);
    enc_fields(&w, &bare);
    awe_reader r = {bytes + 1, w.at - 1, 0};
    dec_fields(&r, (awe_op_kind)op->kind, &back);
    return memcmp(&back, &bare, sizeof bare) == 0;
}

static void enc_text(awe_writer *w, const awe_op *op)
{
    char line[AWE_OP_TEXT_MAX + 1];
    awe_op_format(op, NULL, line, sizeof line);
    size_t len = strlen(line);
    awe_wr(w, TEXT_ID);
    awe_wr_le(w, len, 2);
    for (size_t i = 0; i < len; i++)
        awe_wr(w, (uint8_t)line[i]);
}

size_t awe_program_encode(const awe_program *p, uint8_t *out, size_t cap)
{
    awe_writer w = {out, cap, 0, 0};
    for (size_t k = 0; k < p->n; k++) {
        const awe_op *op = &p->op[k];
        if (fields_hold(op))
            enc_fields(&w, op);
        else
            enc_text(&w, op);
        if (op->note.present)
            enc_note(&w, &op->note);
    }
    return w.overflow ? 0 : w.at;
}
