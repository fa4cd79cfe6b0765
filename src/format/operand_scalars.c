/* SPDX-License-Identifier: Apache-2.0 */
/* operand_scalars.c: the one-byte operands: the layer, the process handle, pointer kinds,
 * the output array's capacity, region sizes, content tags, on/off flags and small numbers. */
#include <stdio.h>
#include <string.h>

#include "operand_util.h"
#include "text_names.h"

/* ---- api: the @nt / @win32 suffix; printed and parsed with the op name (text_*.c) ---- */

static void api_dec(awe_reader *r, awe_op *op) { op->api = awe_rd(r) & 1; }
static void api_enc(awe_writer *w, const awe_op *op) { awe_wr(w, op->api); }
static int api_differs(const awe_op *op, const awe_op *def) { (void)op, (void)def; return 0; }
static void api_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, "@%s", awe_api_words[op->api]);
}
static int api_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    int w = awe_word_index(awe_api_words, 2, text);
    return w < 0 ? -1 : (op->api = (uint8_t)w, 0);
}
static int api_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->api != AWE_API_NT ? (op->api = AWE_API_NT, 1) : 0;
}

const awe_operand awe_operand_api = {"@nt or @win32 after the op name", api_dec, api_enc,
                                     api_differs, api_print, api_parse, api_simplify, NULL};

/* ---- handle ---- */

static void handle_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    op->handle = b < 0xC0 ? AWE_HANDLE_CURRENT : (uint8_t)((b - 0xC0) % AWE_HANDLE_KIND_COUNT);
}
static void handle_enc(awe_writer *w, const awe_op *op)
{
    awe_wr(w, op->handle == AWE_HANDLE_CURRENT ? 0 : (uint8_t)(0xC0 + op->handle));
}
static int handle_differs(const awe_op *op, const awe_op *def) { return op->handle != def->handle; }
static void handle_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, "%s", awe_handle_words[op->handle]);
}
static int handle_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    int w = awe_word_index(awe_handle_words, AWE_HANDLE_KIND_COUNT, text);
    return w < 0 ? -1 : (op->handle = (uint8_t)w, 0);
}
static int handle_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->handle != AWE_HANDLE_CURRENT ? (op->handle = AWE_HANDLE_CURRENT, 1) : 0;
}

const awe_operand awe_operand_handle = {"cur, self, novm, null or bad", handle_dec, handle_enc,
                                        handle_differs, handle_print, handle_parse,
                                        handle_simplify, NULL};

/* ---- pointer kinds: the count pointer, and the output array of an allocation ---- */

BUFKIND_OPERAND(cntptr, cntptr)
BUFKIND_OPERAND(arrkind, pfns.kind)

/* ---- cap: writable entries of an allocation's output array ---- */

uint64_t awe_alloc_cap(const awe_op *op, uint64_t n)
{
    if (op->cap != AWE_CAP_AUTO)
        return op->cap;
    return n < AWE_MAX_ENTRIES ? n : AWE_MAX_ENTRIES;
}

static void cap_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    op->cap = b < 0x80 ? AWE_CAP_AUTO : (uint16_t)((b - 0x80) % (AWE_BIN_COUNT + 1));
}
static void cap_enc(awe_writer *w, const awe_op *op)
{
    awe_wr(w, op->cap == AWE_CAP_AUTO ? 0 : (uint8_t)(0x80 + op->cap));
}
static int cap_differs(const awe_op *op, const awe_op *def) { return op->cap != def->cap; }
static void cap_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, "%u", op->cap);
}
static int cap_parse(const char *text, int positional, awe_op *op)
{
    unsigned long v;
    (void)positional;
    if (strcmp(text, "auto") == 0)
        return op->cap = AWE_CAP_AUTO, 0;
    return opu_parse_uint(text, AWE_MAX_ENTRIES, &v) ? -1 : (op->cap = (uint16_t)v, 0);
}
static int cap_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->cap != AWE_CAP_AUTO ? (op->cap = AWE_CAP_AUTO, 1) : 0;
}

const awe_operand awe_operand_cap = {"auto or 0..4096 writable entries", cap_dec, cap_enc,
                                     cap_differs, cap_print, cap_parse, cap_simplify, NULL};

/* ---- pages: a region's size or a release size ---- */

static void pages_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    op->pages = b == 0xFF ? AWE_PAGES_HUGE : (uint16_t)(b % (AWE_BIN_REGION_PAGES + 1));
}
static void pages_enc(awe_writer *w, const awe_op *op)
{
    awe_wr(w, op->pages == AWE_PAGES_HUGE ? 0xFF : (uint8_t)op->pages);
}
static int pages_differs(const awe_op *op, const awe_op *def) { return op->pages != def->pages; }
static void pages_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (op->pages == AWE_PAGES_HUGE)
        awe_put(s, "huge");
    else
        awe_put(s, "%u", op->pages);
}
static int pages_parse(const char *text, int positional, awe_op *op)
{
    unsigned long v;
    (void)positional;
    if (strcmp(text, "huge") == 0)
        return op->pages = AWE_PAGES_HUGE, 0;
    return opu_parse_uint(text, AWE_MAX_PAGES, &v) ? -1 : (op->pages = (uint16_t)v, 0);
}
static int pages_simplify(awe_op *op, unsigned step)
{
    return op->pages == AWE_PAGES_HUGE ? 0 : opu_simplify_u16(&op->pages, 0, step);
}

const awe_operand awe_operand_pages = {"0..4096 pages, or huge (more than user space)", pages_dec,
                                       pages_enc, pages_differs, pages_print, pages_parse,
                                       pages_simplify, NULL};

/* ---- tag, flag, num ---- */

static void tag_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    op->tag = b ? b : 1;
}
static void tag_enc(awe_writer *w, const awe_op *op) { awe_wr(w, op->tag); }
static int tag_differs(const awe_op *op, const awe_op *def) { return op->tag != def->tag; }
static void tag_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, "%u", op->tag);
}
static int tag_parse(const char *text, int positional, awe_op *op)
{
    unsigned long v;
    (void)positional;
    return opu_parse_uint(text, 255, &v) || v == 0 ? -1 : (op->tag = (uint8_t)v, 0);
}
static int tag_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->tag != 1 ? (op->tag = 1, 1) : 0;
}

const awe_operand awe_operand_tag = {"1..255", tag_dec, tag_enc, tag_differs, tag_print,
                                     tag_parse, tag_simplify, NULL};

static void flag_dec(awe_reader *r, awe_op *op) { op->flag = awe_rd(r) & 1; }
static void flag_enc(awe_writer *w, const awe_op *op) { awe_wr(w, op->flag); }
static int flag_differs(const awe_op *op, const awe_op *def) { return op->flag != def->flag; }
static void flag_print(awe_sbuf *s, const awe_op *op, int positional)
{
    if (positional)
        awe_put(s, "%s", op->flag ? "on" : "off");
    else
        awe_put(s, "%u", op->flag);
}
static int flag_parse(const char *text, int positional, awe_op *op)
{
    unsigned long v;
    if (positional) {
        int w = strcmp(text, "on") == 0 ? 1 : strcmp(text, "off") == 0 ? 0 : -1;
        return w < 0 ? -1 : (op->flag = (uint8_t)w, 0);
    }
    return opu_parse_uint(text, 1, &v) ? -1 : (op->flag = (uint8_t)v, 0);
}
static int flag_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->flag ? (op->flag = 0, 1) : 0;
}

const awe_operand awe_operand_flag = {"on or off (positional), 0 or 1 (key=value)", flag_dec,
                                      flag_enc, flag_differs, flag_print, flag_parse,
                                      flag_simplify, NULL};

static void num_dec(awe_reader *r, awe_op *op) { op->num = awe_rd(r); }
static void num_enc(awe_writer *w, const awe_op *op) { awe_wr(w, op->num); }
static int num_differs(const awe_op *op, const awe_op *def) { return op->num != def->num; }
static void num_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, "%u", op->num);
}
static int num_parse(const char *text, int positional, awe_op *op)
{
    unsigned long v;
    (void)positional;
    return opu_parse_uint(text, 255, &v) ? -1 : (op->num = (uint8_t)v, 0);
}
static int num_simplify(awe_op *op, unsigned step) { return opu_simplify_number(&op->num, 0, step); }

const awe_operand awe_operand_num = {"0..255", num_dec, num_enc, num_differs, num_print,
                                     num_parse, num_simplify, NULL};
