/* SPDX-License-Identifier: Apache-2.0 */
/* operand_util.h: what several operand descriptions (operand_*.c) share: number parsing,
 * shrink steps over a number, and pointer kinds (awe_buf_kind) in both encodings. Private to
 * src/format. */
#ifndef AWE_OPERAND_UTIL_H
#define AWE_OPERAND_UTIL_H

#include <stdio.h>

#include "operands.h"
#include "text_names.h"

/* A decimal or 0x number no larger than max; 0 or -1. */
int opu_parse_u64(const char *s, uint64_t max, uint64_t *out);
int opu_parse_uint(const char *s, unsigned long max, unsigned long *out);
/* A number as the text form writes it: decimal below 0x10000, 0x hex from there. */
void opu_put_u64(awe_sbuf *s, uint64_t v);
/* The step-th of the values min, v/2, v-1 that lies below v (each at most once): sets *v and
 * returns 1, or returns 0. */
int opu_simplify_u64(uint64_t *v, uint64_t min, unsigned step);
int opu_simplify_number(uint8_t *v, uint8_t min, unsigned step);
int opu_simplify_u16(uint16_t *v, uint16_t min, unsigned step);
/* A pointer kind read from one byte: mostly a good pointer. */
uint8_t opu_dec_bufkind(uint8_t b);
uint8_t opu_enc_bufkind(uint8_t kind);
/* "ok", "null", "noaccess", "ro" <-> awe_buf_kind; -1 when unknown. */
int opu_parse_bufkind(const char *s);
/* A list's kind and length in one byte (kinds: mostly good pointers). */
void opu_dec_list_header(awe_reader *r, uint8_t *kind, uint8_t *len);
void opu_enc_list_header(awe_writer *w, uint8_t kind, uint8_t len);
/* Prints "[", "ro[" and returns 1, or prints "null" / "noaccess" and returns 0. */
int opu_print_list_open(awe_sbuf *s, uint8_t kind);
/* Splits "[a b c]" / "ro[a b]" / "null" / "noaccess" into its kind and items (written into
 * copy); 0, or -1 when malformed or longer than AWE_MAX_LIST. */
int opu_parse_list(const char *s, uint8_t *kind, char *copy, size_t cap, char **items, int *n);
/* A list item: "X" (OPU_SINGLE), "X*<times>" (OPU_REPEAT) or "X..Y" (OPU_RANGE), with X and
 * Y copied into first and last (cap bytes each); -1 when malformed. */
enum { OPU_SINGLE = 0, OPU_REPEAT = 1, OPU_RANGE = 2 };
int opu_split_item(const char *item, char *first, char *last, size_t cap, uint64_t *times);
/* After an item's first entry: nothing, "*<more+1>" (step 0), or ".." and the last entry,
 * which put writes as the entry `more` steps after item. */
void opu_put_item_tail(awe_sbuf *s, uint8_t step, uint16_t more,
                       void (*put)(awe_sbuf *, const void *, unsigned), const void *item);

/* "<key>=<kind>" and, for a readable list of no entries, "<key>=empty". */
int opu_list_arg_words(uint8_t kind, uint8_t len, const char *key, char words[][AWE_ARG_WORD_LEN]);

/* A pointer operand stored as an awe_buf_kind in `member`: "ok", "null", "noaccess" or "ro"
 * (mostly ok in binary), simplified to ok, named "<key>=<kind>" by known-difference entries.
 * Defines awe_operand_<obj>. Needs <stdio.h> and text_names.h. */
#define BUFKIND_OPERAND(obj, member)                                                          \
    static void obj##_dec(awe_reader *r, awe_op *op) { op->member = opu_dec_bufkind(awe_rd(r)); } \
    static void obj##_enc(awe_writer *w, const awe_op *op) { awe_wr(w, opu_enc_bufkind(op->member)); } \
    static int obj##_differs(const awe_op *op, const awe_op *def) { return op->member != def->member; } \
    static void obj##_print(awe_sbuf *s, const awe_op *op, int positional)                   \
    {                                                                                         \
        (void)positional;                                                                     \
        awe_put(s, "%s", awe_bufkind_words[op->member]);                                     \
    }                                                                                         \
    static int obj##_parse(const char *text, int positional, awe_op *op)                     \
    {                                                                                         \
        (void)positional;                                                                     \
        int w = opu_parse_bufkind(text);                                                      \
        return w < 0 ? -1 : (op->member = (uint8_t)w, 0);                                    \
    }                                                                                         \
    static int obj##_simplify(awe_op *op, unsigned step)                                     \
    {                                                                                         \
        return step == 0 && op->member != AWE_BUF_OK ? (op->member = AWE_BUF_OK, 1) : 0;     \
    }                                                                                         \
    static int obj##_words(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN]) \
    {                                                                                         \
        snprintf(words[0], AWE_ARG_WORD_LEN, "%s=%s", key, awe_bufkind_words[op->member]);   \
        return 1;                                                                             \
    }                                                                                         \
    const awe_operand awe_operand_##obj = {"ok, null, noaccess or ro", obj##_dec, obj##_enc,  \
                                           obj##_differs, obj##_print, obj##_parse,           \
                                           obj##_simplify, obj##_words};

#endif
