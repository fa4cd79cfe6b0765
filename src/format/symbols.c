/* SPDX-License-Identifier: Apache-2.0 */
/* symbols.c: resolving symbolic operands to concrete values (see symbols.h). */
#include "symbols.h"

#include <stdio.h>

#include <string.h>

void awe_symbols_reset(awe_symbols *s, uint64_t ordinary)
{
    s->n_regions = 0;
    s->n_granted = 0;
    s->max_granted = 0;
    s->ordinary = ordinary;
}

void awe_symbols_add_region(awe_symbols *s, uint64_t base, uint64_t pages, int awe)
{
    if (s->n_regions == AWE_MAX_REGIONS)
        return; /* the region exists but the program cannot name it */
    s->region_base[s->n_regions] = base;
    s->region_pages[s->n_regions] = pages;
    s->region_live[s->n_regions] = 1;
    s->region_live_awe[s->n_regions] = (unsigned char)(awe != 0);
    s->n_regions++;
}

void awe_symbols_release(awe_symbols *s, uint64_t va)
{
    for (size_t i = 0; i < s->n_regions; i++)
        if (va >= s->region_base[i] && va - s->region_base[i] < AWE_PAGE_SIZE)
            s->region_live[i] = s->region_live_awe[i] = 0;
}

/* 1 when va lies in a region whose flag in `live` is set. */
static int in_flagged(const awe_symbols *s, const unsigned char *live, uint64_t va)
{
    for (size_t i = 0; i < s->n_regions; i++)
        if (live[i] && va >= s->region_base[i] &&
            va - s->region_base[i] < s->region_pages[i] * AWE_PAGE_SIZE)
            return 1;
    return 0;
}

int awe_symbols_in_live(const awe_symbols *s, uint64_t va)
{
    return in_flagged(s, s->region_live, va);
}

int awe_symbols_in_live_awe(const awe_symbols *s, uint64_t va)
{
    return in_flagged(s, s->region_live_awe, va);
}

void awe_symbols_grant(awe_symbols *s, const uint64_t *pfns, size_t n)
{
    for (size_t i = 0; i < n && s->n_granted < AWE_MAX_GRANTED; i++) {
        s->granted[s->n_granted] = pfns[i];
        s->live[s->n_granted++] = 1;
        if (pfns[i] > s->max_granted)
            s->max_granted = pfns[i];
    }
}

void awe_symbols_free(awe_symbols *s, const uint64_t *pfns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t g = 0; g < s->n_granted; g++)
            if (s->granted[g] == pfns[i] && s->live[g]) {
                s->live[g] = 0;
                break;
            }
}

const char *awe_symbols_page_name(const awe_symbols *s, uint64_t va, char *buf, size_t cap)
{
    for (size_t j = s->n_regions; j-- > 0;) {
        if (va >= s->region_base[j] && (va - s->region_base[j]) / AWE_PAGE_SIZE < s->region_pages[j]) {
            snprintf(buf, cap, "R%zu+%llu", j,
                     (unsigned long long)((va - s->region_base[j]) / AWE_PAGE_SIZE));
            return buf;
        }
    }
    snprintf(buf, cap, "0x%llx", (unsigned long long)va);
    return buf;
}

uint64_t awe_resolve_addr(const awe_symbols *s, const awe_addr *a)
{
    switch (a->kind) {
    case AWE_ADDR_REGION:
        if (s->n_regions == 0)
            return s->ordinary + a->offset;
        return s->region_base[a->region % s->n_regions] + (uint64_t)a->page * AWE_PAGE_SIZE +
               a->offset;
    case AWE_ADDR_ORDINARY: return s->ordinary;
    case AWE_ADDR_KERNEL: return AWE_KERNEL_ADDRESS;
    default: return 0;
    }
}

/* Values that were never granted to this program: below any PFN, past the largest, past 32
 * bits, all ones. */
static uint64_t garbage(const awe_symbols *s, unsigned index)
{
    switch (index % AWE_GARBAGE_COUNT) {
    case 0: return 1;
    case 1: return s->max_granted + 1;
    case 2: return 0xFFFFFFFFull;
    case 3: return (1ull << 32) | (s->n_granted ? s->granted[0] : 0x1000u);
    case 4: return UINT64_MAX;
    case 5: return 0xDEADBEEFull;
    case 6: return s->max_granted + 0x10000;
    default: return 0x7FFFFFFFull;
    }
}

/* The index-th PFN whose live flag equals `live`, cycling; 0 when there is none. */
static int nth(const awe_symbols *s, int live, unsigned index, uint64_t *out)
{
    size_t count = 0;
    for (size_t g = 0; g < s->n_granted; g++)
        count += s->live[g] == live;
    if (count == 0)
        return 0;
    size_t want = index % count;
    for (size_t g = 0; g < s->n_granted; g++)
        if (s->live[g] == live && want-- == 0) {
            *out = s->granted[g];
            return 1;
        }
    return 0;
}

uint64_t awe_resolve_pfn(const awe_symbols *s, const awe_pfn_ref *r)
{
    uint64_t v;
    switch (r->kind) {
    case AWE_PFN_LIVE:
        return nth(s, 1, r->index, &v) ? v : garbage(s, 1);
    case AWE_PFN_STALE:
        return nth(s, 0, r->index, &v) ? v : garbage(s, r->index);
    case AWE_PFN_GARBAGE:
        return garbage(s, r->index);
    default:
        return 0;
    }
}

uint64_t awe_resolve_count(const awe_count *c, size_t list_len)
{
    switch (c->kind) {
    case AWE_COUNT_AUTO: return list_len;
    case AWE_COUNT_LITERAL: return c->value;
    case AWE_COUNT_HUGE: return AWE_MAXULONG_PTR / AWE_PAGE_SIZE + 1;
    case AWE_COUNT_EDGE: return AWE_MAXULONG_PTR / AWE_PAGE_SIZE;
    default: return AWE_MAXULONG_PTR;
    }
}
