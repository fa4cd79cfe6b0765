/* SPDX-License-Identifier: Apache-2.0 */
/* operand_vm_ptrs.c: the pointer operands of query, protect, lock and unlock. The query
 * buffer has a length as well as a kind (Q1: a buffer shorter than MEMORY_BASIC_INFORMATION
 * is refused before it is touched); the Nt out-parameters (*ReturnLength, *BaseAddress,
 * *RegionSize, *OldProtect) are pointer kinds like the count pointer (Q1, P2, L2). */
#include <stdlib.h>
#include <string.h>

#include "operand_util.h"

/* ---- qbuf: the MEMORY_BASIC_INFORMATION buffer, "buf=48", "buf=ro", "buf=null:47" ---- */

/* Lengths worth trying: exact, one short (Q1), larger, none, odd and small ones. */
static const uint16_t qlens[] = {AWE_MBI_SIZE, AWE_MBI_SIZE - 1, 64, 0, 1, 8, 40,
                                 AWE_MBI_SIZE + 1, 56, 96, 256, AWE_QUERY_MAX_LEN};
#define QLENS (sizeof qlens / sizeof qlens[0])
#define QLEN_SHORT 0x80 /* 0x80..0x9F: one short */
#define QLEN_TABLE 0xA0 /* 0xA0 + i: qlens[i] */
#define QLEN_RAW 0xFF   /* 2 raw bytes follow */

static void qbuf_dec(awe_reader *r, awe_op *op)
{
    uint8_t k = awe_rd(r), l = awe_rd(r);
    op->qbuf = opu_dec_bufkind(k);
    if (l == QLEN_RAW)
        op->qlen = (uint16_t)(awe_rd_le(r, 2) % (AWE_QUERY_MAX_LEN + 1));
    else if (l < QLEN_SHORT)
        op->qlen = AWE_MBI_SIZE;
    else if (l < QLEN_TABLE)
        op->qlen = AWE_MBI_SIZE - 1;
    else
        op->qlen = qlens[(l - QLEN_TABLE) % QLENS];
}

static void qbuf_enc(awe_writer *w, const awe_op *op)
{
    awe_wr(w, opu_enc_bufkind(op->qbuf));
    for (size_t i = 0; i < QLENS; i++)
        if (qlens[i] == op->qlen) {
            awe_wr(w, (uint8_t)(i == 0 ? 0 : QLEN_TABLE + i));
            return;
        }
    awe_wr(w, QLEN_RAW);
    awe_wr_le(w, op->qlen, 2);
}

static int qbuf_differs(const awe_op *op, const awe_op *def)
{
    return op->qbuf != def->qbuf || op->qlen != def->qlen;
}

/* A good buffer shows its length ("47"); another kind its name, and the length when it is
 * not the exact one ("ro", "null:47"). */
static void qbuf_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (op->qbuf == AWE_BUF_OK)
        awe_put(s, "%u", op->qlen);
    else if (op->qlen == AWE_MBI_SIZE)
        awe_put(s, "%s", awe_bufkind_words[op->qbuf]);
    else
        awe_put(s, "%s:%u", awe_bufkind_words[op->qbuf], op->qlen);
}

static int qbuf_parse(const char *text, int positional, awe_op *op)
{
    char kind[16];
    unsigned long len = AWE_MBI_SIZE;
    const char *colon = strchr(text, ':');
    (void)positional;
    if (text[0] >= '0' && text[0] <= '9') {
        if (opu_parse_uint(text, AWE_QUERY_MAX_LEN, &len))
            return -1;
        op->qbuf = AWE_BUF_OK;
        op->qlen = (uint16_t)len;
        return 0;
    }
    size_t n = colon ? (size_t)(colon - text) : strlen(text);
    if (n >= sizeof kind)
        return -1;
    memcpy(kind, text, n);
    kind[n] = '\0';
    int k = opu_parse_bufkind(kind);
    if (k < 0 || k == AWE_BUF_OK || (colon && opu_parse_uint(colon + 1, AWE_QUERY_MAX_LEN, &len)))
        return -1;
    op->qbuf = (uint8_t)k;
    op->qlen = (uint16_t)len;
    return 0;
}

static int qbuf_simplify(awe_op *op, unsigned step)
{
    unsigned n = 0;
    if (op->qbuf != AWE_BUF_OK && step == n++)
        return op->qbuf = AWE_BUF_OK, 1;
    if (op->qlen != AWE_MBI_SIZE && step == n++)
        return op->qlen = AWE_MBI_SIZE, 1;
    return 0;
}

static int qbuf_words(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN])
{
    snprintf(words[0], AWE_ARG_WORD_LEN, "%s=%s", key, awe_bufkind_words[op->qbuf]);
    return 1;
}

const awe_operand awe_operand_qbuf = {"a length in bytes (0..4096; 48 is the exact size), or "
                                      "null, noaccess or ro with an optional :length",
                                      qbuf_dec, qbuf_enc, qbuf_differs, qbuf_print, qbuf_parse,
                                      qbuf_simplify, qbuf_words};

/* ---- the Nt out-parameters ---- */

BUFKIND_OPERAND(retlen, retlen)
BUFKIND_OPERAND(baseptr, baseptr)
BUFKIND_OPERAND(sizeptr, sizeptr)
BUFKIND_OPERAND(oldptr, oldptr)
