/* SPDX-License-Identifier: Apache-2.0 */
/* operand_util.c: see operand_util.h. */
#include "operand_util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_names.h"

int opu_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end || errno == ERANGE || v > max)
        return -1;
    *out = v;
    return 0;
}

int opu_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    uint64_t v;
    if (opu_parse_u64(s, max, &v))
        return -1;
    *out = (unsigned long)v;
    return 0;
}

void opu_put_u64(awe_sbuf *s, uint64_t v)
{
    if (v < 0x10000)
        awe_put(s, "%llu", (unsigned long long)v);
    else
        awe_put(s, "0x%llX", (unsigned long long)v);
}

int opu_simplify_u64(uint64_t *v, uint64_t min, unsigned step)
{
    uint64_t cand[3] = {min, *v / 2, *v - 1}, kept[3];
    unsigned n = 0;
    for (int i = 0; i < 3; i++) {
        int dup = 0;
        for (unsigned j = 0; j < n; j++)
            dup |= kept[j] == cand[i];
        if (*v > 0 && cand[i] < *v && cand[i] >= min && !dup)
            kept[n++] = cand[i];
    }
    if (step >= n)
        return 0;
    *v = kept[step];
    return 1;
}

int opu_simplify_number(uint8_t *v, uint8_t min, unsigned step)
{
    uint64_t w = *v;
    if (!opu_simplify_u64(&w, min, step))
        return 0;
    *v = (uint8_t)w;
    return 1;
}

int opu_simplify_u16(uint16_t *v, uint16_t min, unsigned step)
{
    uint64_t w = *v;
    if (!opu_simplify_u64(&w, min, step))
        return 0;
    *v = (uint16_t)w;
    return 1;
}

uint8_t opu_dec_bufkind(uint8_t b)
{
    return b < 0xC0 ? AWE_BUF_OK : (uint8_t)((b - 0xC0) % 4);
}

uint8_t opu_enc_bufkind(uint8_t kind)
{
    return kind == AWE_BUF_OK ? 0 : (uint8_t)(0xC0 + kind);
}

int opu_parse_bufkind(const char *s)
{
    return awe_word_index(awe_bufkind_words, 4, s);
}

/* The top three bits of a list header: five in eight lists are good pointers. */
static const uint8_t list_kind_of_code[8] = {
    AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK, AWE_BUF_OK,
    AWE_BUF_READONLY, AWE_BUF_NULL, AWE_BUF_NOACCESS,
};

void opu_dec_list_header(awe_reader *r, uint8_t *kind, uint8_t *len)
{
    uint8_t b = awe_rd(r);
    *kind = list_kind_of_code[b >> 5];
    *len = (uint8_t)((b & 0x1F) % (AWE_MAX_LIST + 1));
}

void opu_enc_list_header(awe_writer *w, uint8_t kind, uint8_t len)
{
    uint8_t code = kind == AWE_BUF_READONLY ? 5 : kind == AWE_BUF_NULL ? 6
                 : kind == AWE_BUF_NOACCESS ? 7 : 0;
    awe_wr(w, (uint8_t)(code << 5 | len));
}

int opu_print_list_open(awe_sbuf *s, uint8_t kind)
{
    if (kind == AWE_BUF_NULL || kind == AWE_BUF_NOACCESS) {
        awe_put(s, "%s", awe_bufkind_words[kind]);
        return 0;
    }
    awe_put(s, "%s[", kind == AWE_BUF_READONLY ? "ro" : "");
    return 1;
}

int opu_parse_list(const char *s, uint8_t *kind, char *copy, size_t cap, char **items, int *n)
{
    int w = opu_parse_bufkind(s);
    *n = 0;
    if (w == AWE_BUF_NULL || w == AWE_BUF_NOACCESS) {
        *kind = (uint8_t)w;
        return 0;
    }
    *kind = AWE_BUF_OK;
    if (strncmp(s, "ro[", 3) == 0)
        *kind = AWE_BUF_READONLY, s += 2;
    size_t len = strlen(s);
    if (s[0] != '[' || len < 2 || s[len - 1] != ']' || len - 1 > cap)
        return -1;
    memcpy(copy, s + 1, len - 2);
    copy[len - 2] = '\0';
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
        if (*n == AWE_MAX_LIST)
            return -1;
        items[(*n)++] = tok;
    }
    return 0;
}

int opu_list_arg_words(uint8_t kind, uint8_t len, const char *key, char words[][AWE_ARG_WORD_LEN])
{
    int n = 0;
    snprintf(words[n++], AWE_ARG_WORD_LEN, "%s=%s", key, awe_bufkind_words[kind]);
    if (len == 0 && (kind == AWE_BUF_OK || kind == AWE_BUF_READONLY))
        snprintf(words[n++], AWE_ARG_WORD_LEN, "%s=empty", key);
    return n;
}

int opu_split_item(const char *item, char *first, char *last, size_t cap, uint64_t *times)
{
    const char *star = strchr(item, '*'), *dots = strstr(item, "..");
    const char *cut = star ? star : dots;
    size_t len = cut ? (size_t)(cut - item) : strlen(item);
    *times = 1;
    last[0] = '\0';
    if (len == 0 || len >= cap || (star && dots))
        return -1;
    memcpy(first, item, len);
    first[len] = '\0';
    if (star)
        return opu_parse_u64(star + 1, AWE_MAX_ENTRIES, times) || *times == 0 ? -1 : OPU_REPEAT;
    if (!dots)
        return OPU_SINGLE;
    if (strlen(dots + 2) == 0 || strlen(dots + 2) >= cap)
        return -1;
    strcpy(last, dots + 2);
    return OPU_RANGE;
}

void opu_put_item_tail(awe_sbuf *s, uint8_t step, uint16_t more,
                       void (*put)(awe_sbuf *, const void *, unsigned), const void *item)
{
    if (more == 0)
        return;
    if (step == 0) {
        awe_put(s, "*%u", more + 1u);
        return;
    }
    awe_put(s, "..");
    put(s, item, more);
}
