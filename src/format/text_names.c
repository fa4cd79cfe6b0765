/* SPDX-License-Identifier: Apache-2.0 */
/* text_names.c: the words of the text form of programs. */
#include "text_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awe_defs.h"

const char *const awe_handle_words[] = {"cur", "self", "novm", "null", "bad"};
const char *const awe_bufkind_words[] = {"ok", "null", "noaccess", "ro"};
const char *const awe_api_words[] = {"nt", "win32"};

int awe_word_index(const char *const *words, int n, const char *word)
{
    for (int i = 0; i < n; i++)
        if (strcmp(words[i], word) == 0)
            return i;
    return -1;
}

struct flag_name {
    uint32_t bit;
    const char *name;
};

/* Printing order: how people write these combinations. */
static const struct flag_name mem_flags[] = {
    {AWE_MEM_RESERVE, "RESERVE"},   {AWE_MEM_COMMIT, "COMMIT"},
    {AWE_MEM_PHYSICAL, "PHYSICAL"}, {AWE_MEM_TOP_DOWN, "TOP_DOWN"},
    {AWE_MEM_RESET, "RESET"},       {AWE_MEM_WRITE_WATCH, "WRITE_WATCH"},
    {AWE_MEM_LARGE_PAGES, "LARGE_PAGES"}, {AWE_MEM_RELEASE, "RELEASE"},
    {AWE_MEM_DECOMMIT, "DECOMMIT"}, {AWE_MEM_FREE, "FREE"}, {AWE_MEM_PRIVATE, "PRIVATE"},
    {AWE_MEM_MAPPED, "MAPPED"}, {AWE_MEM_IMAGE, "IMAGE"}, {0, NULL},
};

static const struct flag_name prot_flags[] = {
    {AWE_PAGE_NOACCESS, "NOACCESS"}, {AWE_PAGE_READONLY, "READONLY"},
    {AWE_PAGE_READWRITE, "READWRITE"}, {AWE_PAGE_WRITECOPY, "WRITECOPY"},
    {AWE_PAGE_EXECUTE, "EXECUTE"}, {AWE_PAGE_EXECUTE_READ, "EXECUTE_READ"},
    {AWE_PAGE_EXECUTE_READWRITE, "EXECUTE_READWRITE"},
    {AWE_PAGE_EXECUTE_WRITECOPY, "EXECUTE_WRITECOPY"}, {AWE_PAGE_GUARD, "GUARD"},
    {AWE_PAGE_NOCACHE, "NOCACHE"}, {AWE_PAGE_WRITECOMBINE, "WRITECOMBINE"}, {0, NULL},
};

void awe_flags_format(uint32_t value, int mem, char *buf, size_t cap)
{
    const struct flag_name *t = mem ? mem_flags : prot_flags;
    size_t at = 0;
    buf[0] = '\0';
    if (value == 0) {
        snprintf(buf, cap, "0");
        return;
    }
    for (; t->name; t++) {
        if (value & t->bit) {
            at += (size_t)snprintf(buf + at, at < cap ? cap - at : 0, "%s%s", at ? "|" : "", t->name);
            value &= ~t->bit;
        }
    }
    if (value)
        snprintf(buf + at, at < cap ? cap - at : 0, "%s0x%X", at ? "|" : "", value);
}

int awe_flags_parse(const char *text, int mem, uint32_t *out)
{
    char word[64];
    uint32_t value = 0;
    while (*text) {
        size_t len = strcspn(text, "|");
        if (len == 0 || len >= sizeof word)
            return -1;
        memcpy(word, text, len);
        word[len] = '\0';
        const struct flag_name *t = mem ? mem_flags : prot_flags;
        for (; t->name && strcmp(t->name, word) != 0; t++)
            ;
        if (t->name) {
            value |= t->bit;
        } else {
            char *end;
            unsigned long v = strtoul(word, &end, 0);
            if (*end || v > 0xFFFFFFFFul)
                return -1;
            value |= (uint32_t)v;
        }
        text += len;
        if (*text == '|')
            text++;
    }
    *out = value;
    return 0;
}
