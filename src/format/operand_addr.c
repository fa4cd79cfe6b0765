/* SPDX-License-Identifier: Apache-2.0 */
/* operand_addr.c: address operands: one address (at=R0+3) and a list of them (scatter's
 * at=[R0+1 R1+2]). An address is a page of a region the program reserved (R<j>+<page>, with
 * an optional byte offset), or NULL, ordinary memory in no region, or a kernel address. A
 * list item can stand for many entries: R0+0..R0+255 (a run of pages), R0+3*4 or null*2 (a
 * repeat). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "operand_util.h"
#include "text_names.h"

static const char *const addr_words[AWE_ADDR_KIND_COUNT] = {"null", "", "ordinary", "kernel"};

static void dec_addr(awe_reader *r, awe_addr *a)
{
    uint8_t k = awe_rd(r), page = awe_rd(r), off = awe_rd(r);
    static const uint8_t specials[] = {AWE_ADDR_NULL, AWE_ADDR_ORDINARY, AWE_ADDR_KERNEL};
    memset(a, 0, sizeof *a);
    if (k < 0xE0) {
        a->kind = AWE_ADDR_REGION;
        a->region = k % AWE_MAX_REGIONS;
        /* mostly the first 16 pages, where regions of every size have pages */
        a->page = (uint16_t)(page < 0xC0 ? page % 16 : page % AWE_BIN_REGION_PAGES);
        a->offset = (uint16_t)(off * 16u);
    } else {
        a->kind = specials[(k - 0xE0) % 3];
    }
}

static void enc_addr(awe_writer *w, const awe_addr *a)
{
    if (a->kind == AWE_ADDR_REGION) {
        awe_wr(w, a->region);
        awe_wr(w, a->page < 16 ? (uint8_t)a->page : (uint8_t)(0xC0 + a->page % AWE_BIN_REGION_PAGES));
        awe_wr(w, (uint8_t)(a->offset / 16));
    } else {
        awe_wr(w, a->kind == AWE_ADDR_NULL ? 0xE0 : a->kind == AWE_ADDR_ORDINARY ? 0xE1 : 0xE2);
        awe_wr(w, 0);
        awe_wr(w, 0);
    }
}

/* The k-th entry of item a. An offset the binary form can hold (a multiple of 16) is written
 * in decimal, any other in hex: it is a byte position then. */
static void put_entry(awe_sbuf *s, const void *item, unsigned k)
{
    const awe_addr *a = item;
    if (a->kind != AWE_ADDR_REGION) {
        awe_put(s, "%s", addr_words[a->kind]);
        return;
    }
    awe_put(s, "R%u+%u", a->region, a->page + k * a->step);
    if (a->offset)
        awe_put(s, a->offset % 16 ? ".0x%X" : ".%u", a->offset);
}

static void put_addr(awe_sbuf *s, const awe_addr *a)
{
    put_entry(s, a, 0);
    opu_put_item_tail(s, a->step, a->more, put_entry, a);
}

/* R<j>+<page>[.<offset>] | R<j> | null | ordinary | kernel */
static int parse_entry(const char *s, awe_addr *a)
{
    memset(a, 0, sizeof *a);
    int w = awe_word_index(addr_words, AWE_ADDR_KIND_COUNT, s);
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
        off = strtoul(end + 1, &end, 0);
    }
    if (*end || r >= AWE_MAX_REGIONS || page >= AWE_MAX_PAGES || off >= AWE_PAGE_SIZE)
        return -1;
    a->kind = AWE_ADDR_REGION;
    a->region = (uint8_t)r;
    a->page = (uint16_t)page;
    a->offset = (uint16_t)off;
    return 0;
}

/* An entry, a repeat (R0+3*4) or a run of pages of one region at one offset (R0+0..R0+9). */
static int parse_addr(const char *s, awe_addr *a)
{
    char first[32], last[32];
    uint64_t times;
    awe_addr end;
    int form = opu_split_item(s, first, last, sizeof first, &times);
    if (form < 0 || parse_entry(first, a))
        return -1;
    if (form == OPU_REPEAT) {
        a->more = (uint16_t)(times - 1);
        return 0;
    }
    if (form == OPU_RANGE) {
        if (a->kind != AWE_ADDR_REGION || parse_entry(last, &end) || end.kind != a->kind ||
            end.region != a->region || end.offset != a->offset || end.page < a->page)
            return -1;
        a->more = (uint16_t)(end.page - a->page);
        a->step = a->more != 0;
    }
    return 0;
}

/* How many simplification steps a number has (at most three: min, v/2, v-1). */
static unsigned number_steps(uint64_t v)
{
    unsigned n = 0;
    for (uint64_t t = v; n < 3 && opu_simplify_u64(&t, 0, n); t = v)
        n++;
    return n;
}

/* Simpler addresses: a shorter run or repeat, no byte offset, then a lower page, then a lower
 * region. */
static int simplify_addr(awe_addr *a, unsigned step)
{
    if (a->more) {
        if (step == 0) {
            a->more /= 2;
            a->step = a->more ? a->step : 0;
            return 1;
        }
        step--;
    }
    if (a->kind != AWE_ADDR_REGION)
        return 0;
    if (a->offset) {
        if (step == 0) {
            a->offset = 0;
            return 1;
        }
        step--;
    }
    unsigned pages = number_steps(a->page);
    if (step < pages)
        return opu_simplify_u16(&a->page, 0, step);
    return opu_simplify_number(&a->region, 0, step - pages);
}

static unsigned addr_steps(const awe_addr *a)
{
    if (a->kind != AWE_ADDR_REGION)
        return a->more != 0;
    return (a->more != 0) + (a->offset != 0) + number_steps(a->page) + number_steps(a->region);
}

#define ADDR_SYNTAX "R<region 0..7>+<page 0..4095>[.<byte offset 0..4095>], null, ordinary " \
                    "or kernel"

static void addr_dec(awe_reader *r, awe_op *op) { dec_addr(r, &op->addr); }
static void addr_enc(awe_writer *w, const awe_op *op) { enc_addr(w, &op->addr); }
static int addr_differs(const awe_op *op, const awe_op *def)
{
    return memcmp(&op->addr, &def->addr, sizeof op->addr) != 0;
}
static void addr_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    put_addr(s, &op->addr);
}
static int addr_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    return parse_entry(text, &op->addr);
}
static int addr_simplify(awe_op *op, unsigned step) { return simplify_addr(&op->addr, step); }

const awe_operand awe_operand_addr = {ADDR_SYNTAX, addr_dec, addr_enc, addr_differs, addr_print,
                                      addr_parse, addr_simplify, NULL};

static void addrs_dec(awe_reader *r, awe_op *op)
{
    awe_addr_list *l = &op->addrs;
    opu_dec_list_header(r, &l->kind, &l->len);
    for (int i = 0; i < l->len; i++)
        dec_addr(r, &l->addr[i]);
}
static void addrs_enc(awe_writer *w, const awe_op *op)
{
    opu_enc_list_header(w, op->addrs.kind, op->addrs.len);
    for (int i = 0; i < op->addrs.len; i++)
        enc_addr(w, &op->addrs.addr[i]);
}
static int addrs_differs(const awe_op *op, const awe_op *def)
{
    return op->addrs.kind != def->addrs.kind || op->addrs.len != 0;
}
static void addrs_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (!opu_print_list_open(s, op->addrs.kind))
        return;
    for (int i = 0; i < op->addrs.len; i++) {
        awe_put(s, i ? " " : "");
        put_addr(s, &op->addrs.addr[i]);
    }
    awe_put(s, "]");
}
static int addrs_parse(const char *text, int positional, awe_op *op)
{
    char copy[1024], *items[AWE_MAX_LIST + 1];
    int n;
    (void)positional;
    if (opu_parse_list(text, &op->addrs.kind, copy, sizeof copy, items, &n))
        return -1;
    op->addrs.len = 0;
    for (int i = 0; i < n; i++) {
        awe_addr *a = &op->addrs.addr[i];
        if (parse_addr(items[i], a) || (a->step && a->page + a->more >= AWE_MAX_PAGES))
            return -1;
    }
    op->addrs.len = (uint8_t)n;
    return awe_addrs_length(&op->addrs) > AWE_MAX_ENTRIES ? -1 : 0;
}
/* Steps 0..len-1 drop one entry; the steps after them simplify one entry each. */
static int addrs_simplify(awe_op *op, unsigned step)
{
    awe_addr_list *l = &op->addrs;
    if (step < l->len) {
        memmove(&l->addr[step], &l->addr[step + 1], (size_t)(l->len - step - 1) * sizeof l->addr[0]);
        l->len--;
        memset(&l->addr[l->len], 0, sizeof l->addr[0]);
        return 1;
    }
    step -= l->len;
    for (int i = 0; i < l->len; i++) {
        unsigned n = addr_steps(&l->addr[i]);
        if (step < n)
            return simplify_addr(&l->addr[i], step);
        step -= n;
    }
    return 0;
}
static int addrs_words(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN])
{
    return opu_list_arg_words(op->addrs.kind, op->addrs.len, key, words);
}

const awe_operand awe_operand_addrs = {"[...] of up to 16 items, each an address (" ADDR_SYNTAX
                                       ") alone, as a run of pages R0+0..R0+255 or repeated "
                                       "R0+3*4 (4096 entries in all); ro[...], null or noaccess",
                                       addrs_dec, addrs_enc, addrs_differs, addrs_print,
                                       addrs_parse, addrs_simplify, addrs_words};
