/* SPDX-License-Identifier: Apache-2.0 */
/* operand_pfns.c: the PFN list of Free, Map and Scatter (pfns=[L0 S1 G2 0]). Entries are
 * symbolic: the i-th live PFN in grant order (L), the i-th freed one (S), a never-granted
 * value (G), or 0, resolved at run time against what this run was granted. */
#include <string.h>

#include "operand_util.h"

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

static uint8_t enc_pfn(const awe_pfn_ref *ref)
{
    switch (ref->kind) {
    case AWE_PFN_LIVE: return ref->index;
    case AWE_PFN_STALE: return (uint8_t)(0x80 + ref->index);
    case AWE_PFN_GARBAGE: return (uint8_t)(0xC0 + ref->index);
    default: return 0xFF;
    }
}

static const char pfn_letters[] = "LSG";

static int parse_pfn(const char *s, awe_pfn_ref *r)
{
    unsigned long v;
    if (strcmp(s, "0") == 0) {
        r->kind = AWE_PFN_ZERO, r->index = 0;
        return 0;
    }
    const char *k = s[0] ? strchr(pfn_letters, s[0]) : NULL;
    unsigned long max = k && *k == 'G' ? AWE_GARBAGE_COUNT - 1 : 63;
    if (!k || opu_parse_uint(s + 1, max, &v))
        return -1;
    r->kind = (uint8_t)(k - pfn_letters);
    r->index = (uint8_t)v;
    return 0;
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
        if (r->kind == AWE_PFN_ZERO)
            awe_put(s, "0");
        else
            awe_put(s, "%c%u", pfn_letters[r->kind], r->index);
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
    for (int i = 0; i < n; i++)
        if (parse_pfn(items[i], &op->pfns.pfn[i]))
            return -1;
    op->pfns.len = (uint8_t)n;
    return 0;
}

/* Steps 0..len-1 drop one entry; steps len..2len-1 lower one entry's index to 0. */
static int pfns_simplify(awe_op *op, unsigned step)
{
    awe_pfn_list *l = &op->pfns;
    if (step < l->len) {
        memmove(&l->pfn[step], &l->pfn[step + 1], (size_t)(l->len - step - 1) * sizeof l->pfn[0]);
        l->len--;
        memset(&l->pfn[l->len], 0, sizeof l->pfn[0]);
        return 1;
    }
    for (unsigned i = 0, k = step - l->len; i < l->len; i++) {
        if (l->pfn[i].index == 0)
            continue;
        if (k-- == 0) {
            l->pfn[i].index = 0;
            return 1;
        }
    }
    return 0;
}

static int pfns_words(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN])
{
    return opu_list_arg_words(op->pfns.kind, op->pfns.len, key, words);
}

const awe_operand awe_operand_pfns = {"[...] of up to 16 of L<0..63> (live), S<0..63> (freed), "
                                      "G<0..7> (never granted), 0; ro[...], null or noaccess",
                                      pfns_dec, pfns_enc, pfns_differs, pfns_print, pfns_parse,
                                      pfns_simplify, pfns_words};
