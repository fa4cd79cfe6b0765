/* SPDX-License-Identifier: Apache-2.0 */
/* operand_pfns.c: the PFN list of Free, Map and Scatter (pfns=[L0 S1 G2 0]). Entries are
 * symbolic: the i-th live PFN in grant order (L), the i-th freed one (S), a never-granted
 * value (G), or 0, resolved at run time against what this run was granted. An item can stand
 * for many entries: L0..L1023 (a run), L3*4 or 0*300 (a repeat). */
#include <string.h>

#include "operand_util.h"

/* The binary form: one byte per entry, indexes up to 63, no runs (codec_binary.c). */
static void dec_pfn(uint8_t b, awe_pfn_ref *ref)
{
    memset(ref, 0, sizeof *ref);
    if (b < 0x80) {
        ref->kind = AWE_PFN_LIVE, ref->index = b & 0x3F;
    } else if (b < 0xC0) {
        ref->kind = AWE_PFN_STALE, ref->index = b & 0x3F;
    } else if (b < 0xFF) {
        ref->kind = AWE_PFN_GARBAGE, ref->index = (uint8_t)((b - 0xC0) % AWE_GARBAGE_COUNT);
    } else {
        ref->kind = AWE_PFN_ZERO;
    }
}

static uint8_t enc_pfn(const awe_pfn_ref *ref)
{
    switch (ref->kind) {
    case AWE_PFN_LIVE: return (uint8_t)(ref->index & 0x3F);
    case AWE_PFN_STALE: return (uint8_t)(0x80 + (ref->index & 0x3F));
    case AWE_PFN_GARBAGE: return (uint8_t)(0xC0 + ref->index % AWE_GARBAGE_COUNT);
    default: return 0xFF;
    }
}

static const char pfn_letters[] = "LSG";

static unsigned max_index(uint8_t kind)
{
    return kind == AWE_PFN_GARBAGE ? AWE_GARBAGE_COUNT - 1 : AWE_MAX_ENTRIES - 1;
}

static int parse_entry(const char *s, awe_pfn_ref *r)
{
    unsigned long v;
    memset(r, 0, sizeof *r);
    if (strcmp(s, "0") == 0) {
        r->kind = AWE_PFN_ZERO;
        return 0;
    }
    const char *k = s[0] ? strchr(pfn_letters, s[0]) : NULL;
    if (!k || opu_parse_uint(s + 1, max_index((uint8_t)(k - pfn_letters)), &v))
        return -1;
    r->kind = (uint8_t)(k - pfn_letters);
    r->index = (uint16_t)v;
    return 0;
}

/* L3, L3*4 (repeat), L0..L9 (run); a run keeps its letter and climbs. */
static int parse_item(const char *s, awe_pfn_ref *r)
{
    char first[24], last[24];
    uint64_t times;
    awe_pfn_ref end;
    int form = opu_split_item(s, first, last, sizeof first, &times);
    if (form < 0 || parse_entry(first, r))
        return -1;
    if (form == OPU_REPEAT) {
        r->more = (uint16_t)(times - 1);
        return 0;
    }
    if (form == OPU_RANGE) {
        if (r->kind == AWE_PFN_ZERO || parse_entry(last, &end) || end.kind != r->kind ||
            end.index < r->index)
            return -1;
        r->more = (uint16_t)(end.index - r->index);
        r->step = r->more != 0;
    }
    return 0;
}

static void put_entry(awe_sbuf *s, const void *item, unsigned k)
{
    const awe_pfn_ref *r = item;
    if (r->kind == AWE_PFN_ZERO)
        awe_put(s, "0");
    else
        awe_put(s, "%c%u", pfn_letters[r->kind], r->index + k * r->step);
}

static void pfns_dec(awe_reader *r, awe_op *op)
{
    awe_pfn_list *l = &op->pfns;
    opu_dec_list_header(r, &l->kind, &l->len);
    for (int i = 0; i < l->len; i++)
        dec_pfn(awe_rd(r), &l->pfn[i]);
}

static void pfns_enc(awe_writer *w, const awe_op *op)
{
    opu_enc_list_header(w, op->pfns.kind, op->pfns.len);
    for (int i = 0; i < op->pfns.len; i++)
        awe_wr(w, enc_pfn(&op->pfns.pfn[i]));
}

static int pfns_differs(const awe_op *op, const awe_op *def)
{
    return op->pfns.kind != def->pfns.kind || op->pfns.len != 0;
}

static void pfns_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (!opu_print_list_open(s, op->pfns.kind))
        return;
    for (int i = 0; i < op->pfns.len; i++) {
        const awe_pfn_ref *r = &op->pfns.pfn[i];
        awe_put(s, i ? " " : "");
        put_entry(s, r, 0);
        opu_put_item_tail(s, r->step, r->more, put_entry, r);
    }
    awe_put(s, "]");
}

static int pfns_parse(const char *text, int positional, awe_op *op)
{
    char copy[512], *items[AWE_MAX_LIST + 1];
    int n;
    (void)positional;
    if (opu_parse_list(text, &op->pfns.kind, copy, sizeof copy, items, &n))
        return -1;
    op->pfns.len = 0;
    for (int i = 0; i < n; i++) {
        awe_pfn_ref *r = &op->pfns.pfn[i];
        if (parse_item(items[i], r) || (r->step && r->index + r->more > max_index(r->kind)))
            return -1;
    }
    op->pfns.len = (uint8_t)n;
    return awe_pfns_length(&op->pfns) > AWE_MAX_ENTRIES ? -1 : 0;
}

/* Steps 0..len-1 drop one item; then each run or repeat halves; then each index drops to 0. */
static int pfns_simplify(awe_op *op, unsigned step)
{
    awe_pfn_list *l = &op->pfns;
    if (step < l->len) {
        memmove(&l->pfn[step], &l->pfn[step + 1], (size_t)(l->len - step - 1) * sizeof l->pfn[0]);
        l->len--;
        memset(&l->pfn[l->len], 0, sizeof l->pfn[0]);
        return 1;
    }
    unsigned k = step - l->len;
    for (unsigned i = 0; i < l->len; i++)
        if (l->pfn[i].more && k-- == 0) {
            l->pfn[i].more /= 2;
            l->pfn[i].step = l->pfn[i].more ? l->pfn[i].step : 0;
            return 1;
        }
    for (unsigned i = 0; i < l->len; i++)
        if (l->pfn[i].index && k-- == 0) {
            l->pfn[i].index = 0;
            return 1;
        }
    return 0;
}

static int pfns_words(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN])
{
    return opu_list_arg_words(op->pfns.kind, op->pfns.len, key, words);
}

const awe_operand awe_operand_pfns = {"[...] of up to 16 items, each L<0..4095> (live), "
                                      "S<0..4095> (freed), G<0..7> (never granted) or 0, alone, "
                                      "as a run L0..L255 or repeated L3*4 (4096 entries in all); "
                                      "ro[...], null or noaccess",
                                      pfns_dec, pfns_enc, pfns_differs, pfns_print, pfns_parse,
                                      pfns_simplify, pfns_words};
