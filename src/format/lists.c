/* SPDX-License-Identifier: Apache-2.0 */
/* lists.c: the entries a PFN or address list stands for. A list holds at most AWE_MAX_LIST
 * items, but an item can be a run (L0..L1023, R0+0..R0+255, 0*300), so one op can pass the
 * long arrays the calls take without every op carrying room for them. */
#include "symbols.h"

size_t awe_pfns_length(const awe_pfn_list *l)
{
    size_t n = 0;
    for (int i = 0; i < l->len; i++)
        n += 1u + l->pfn[i].more;
    return n;
}

size_t awe_pfns_expand(const awe_pfn_list *l, awe_pfn_ref *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < l->len; i++)
        for (unsigned k = 0; k <= l->pfn[i].more; k++, n++)
            if (n < cap) {
                out[n] = l->pfn[i];
                out[n].index = (uint16_t)(l->pfn[i].index + k * l->pfn[i].step);
                out[n].step = 0, out[n].more = 0;
            }
    return n;
}

size_t awe_addrs_length(const awe_addr_list *l)
{
    size_t n = 0;
    for (int i = 0; i < l->len; i++)
        n += 1u + l->addr[i].more;
    return n;
}

size_t awe_addrs_expand(const awe_addr_list *l, awe_addr *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < l->len; i++)
        for (unsigned k = 0; k <= l->addr[i].more; k++, n++)
            if (n < cap) {
                out[n] = l->addr[i];
                out[n].page = (uint16_t)(l->addr[i].page + k * l->addr[i].step);
                out[n].step = 0, out[n].more = 0;
            }
    return n;
}

size_t awe_resolve_pfns(const awe_symbols *s, const awe_pfn_list *l, uint64_t *out)
{
    static awe_pfn_ref refs[AWE_MAX_ENTRIES];
    size_t n = awe_pfns_expand(l, refs, AWE_MAX_ENTRIES);
    n = n < AWE_MAX_ENTRIES ? n : AWE_MAX_ENTRIES;
    for (size_t i = 0; i < n; i++)
        out[i] = awe_resolve_pfn(s, &refs[i]);
    return n;
}

size_t awe_resolve_addrs(const awe_addr_list *l, awe_addr_resolver resolve, const void *ctx,
                         uint64_t *out)
{
    static awe_addr entries[AWE_MAX_ENTRIES];
    size_t n = awe_addrs_expand(l, entries, AWE_MAX_ENTRIES);
    n = n < AWE_MAX_ENTRIES ? n : AWE_MAX_ENTRIES;
    for (size_t i = 0; i < n; i++)
        out[i] = resolve(ctx, &entries[i]);
    return n;
}
