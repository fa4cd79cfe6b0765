/* SPDX-License-Identifier: Apache-2.0 */
/* operand_count.c: count operands. `n` of an allocation is a number of its own (N); `n` of a
 * call with a list defaults to the list's length (COUNT). Besides literals, the boundary
 * values of M1/S1: huge (one past the largest), edge (the largest accepted) and max. */
#include <string.h>

#include "operand_util.h"
#include "text_names.h"

static const char *const count_words[AWE_COUNT_KIND_COUNT] = {"auto", "", "huge", "edge", "max"};

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
        c->value = (uint8_t)((has_list ? b - 0x80 : b) % (AWE_BIN_COUNT + 1));
    }
}

/* A literal past AWE_BIN_COUNT has no byte: its op travels as text (codec_binary.c). */
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

static int parse_count(const char *s, int auto_ok, awe_count *c)
{
    uint64_t v;
    memset(c, 0, sizeof *c);
    int w = awe_word_index(count_words, AWE_COUNT_KIND_COUNT, s);
    if (w >= 0 && w != AWE_COUNT_LITERAL) {
        if (w == AWE_COUNT_AUTO && !auto_ok)
            return -1;
        c->kind = (uint8_t)w;
        return 0;
    }
    if (opu_parse_u64(s, UINT64_MAX, &v))
        return -1;
    c->kind = AWE_COUNT_LITERAL;
    c->value = v;
    return 0;
}

/* Simpler counts: the default first (auto for a list's count), then smaller literals. */
static int simplify_count(awe_count *c, int has_list, unsigned step)
{
    uint8_t simplest = has_list ? AWE_COUNT_AUTO : AWE_COUNT_LITERAL;
    if (c->kind != simplest) {
        if (step)
            return 0;
        c->kind = simplest;
        c->value = 0;
        return 1;
    }
    return c->kind == AWE_COUNT_LITERAL ? opu_simplify_u64(&c->value, 0, step) : 0;
}

static int count_differs(const awe_op *op, const awe_op *def)
{
    return memcmp(&op->count, &def->count, sizeof op->count) != 0;
}

static void count_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (op->count.kind == AWE_COUNT_LITERAL)
        opu_put_u64(s, op->count.value);
    else
        awe_put(s, "%s", count_words[op->count.kind]);
}

static void n_dec(awe_reader *r, awe_op *op) { dec_count(awe_rd(r), 0, &op->count); }
static void n_enc(awe_writer *w, const awe_op *op) { awe_wr(w, enc_count(&op->count, 0)); }
static int n_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    return parse_count(text, 0, &op->count);
}
static int n_simplify(awe_op *op, unsigned step) { return simplify_count(&op->count, 0, step); }

const awe_operand awe_operand_n = {"a count: any 64-bit number, huge, edge or max", n_dec, n_enc,
                                   count_differs, count_print, n_parse, n_simplify, NULL};

static void list_count_dec(awe_reader *r, awe_op *op) { dec_count(awe_rd(r), 1, &op->count); }
static void list_count_enc(awe_writer *w, const awe_op *op) { awe_wr(w, enc_count(&op->count, 1)); }
static int list_count_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    return parse_count(text, 1, &op->count);
}
static int list_count_simplify(awe_op *op, unsigned step)
{
    return simplify_count(&op->count, 1, step);
}

const awe_operand awe_operand_count = {"a count: auto (the list's length, the default), any "
                                       "64-bit number, huge, edge or max",
                                       list_count_dec, list_count_enc, count_differs, count_print,
                                       list_count_parse, list_count_simplify, NULL};
