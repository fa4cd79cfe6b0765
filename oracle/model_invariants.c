/* SPDX-License-Identifier: Apache-2.0 */
/* model_invariants.c: the invariants of spec section 2, checked over the whole state: the
 * VA -> PFN map is injective and mirrors the PFN -> VA map, every mapped PFN is owned,
 * mappings lie only in live AWE regions, regions are well formed and disjoint, counts agree. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "model_internal.h"

static int why_set(char *why, size_t len, const char *fmt, ...)
#if defined(__MINGW32__) && !defined(__clang__) /* gcc: plain "printf" is msvcrt's there, no %zu */
    __attribute__((format(gnu_printf, 3, 4)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int why_set(char *why, size_t len, const char *fmt, ...)
{
    if (why && len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, len, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int check_regions(const awe_model *m, char *why, size_t len)
{
    for (size_t i = 0; i < m->live.n; i++) {
        const awe_region_info *r = &m->live.v[i];
        if (r->base < AWE_ALLOC_GRANULARITY || r->base % AWE_ALLOC_GRANULARITY ||
            r->base > AWE_HIGHEST_USER_ADDRESS || r->pages == 0 ||
            r->pages > (AWE_HIGHEST_USER_ADDRESS + 1u - r->base) / AWE_PAGE_SIZE)
            return why_set(why, len, "region %zu (base 0x%" PRIx64 ", %" PRIu64
                           " pages) is malformed", i, r->base, r->pages);
        if (i > 0 && m->live.v[i - 1].base + m->live.v[i - 1].pages * AWE_PAGE_SIZE > r->base)
            return why_set(why, len, "regions %zu and %zu overlap or are out of order", i - 1, i);
    }
    return 0;
}

static int check_slots(const awe_model *m, uint64_t *mapped, char *why, size_t len)
{
    *mapped = 0;
    for (size_t i = 0; i < m->slots.count; i++) {
        const model_slot *s = table_at(&m->slots, i);
        if (slot_find(m, s->vpn) != s)
            return why_set(why, len, "page table lost VA 0x%" PRIx64, s->vpn << AWE_PAGE_SHIFT);
        const awe_region_info *r = regions_find(&m->live, s->vpn << AWE_PAGE_SHIFT, NULL);
        if (!r || r->kind != AWE_REGION_AWE)
            return why_set(why, len, "VA 0x%" PRIx64 " has a page entry outside any AWE region",
                           s->vpn << AWE_PAGE_SHIFT);
        if (s->pfn == 0) {
            if (s->protect != 0)
                return why_set(why, len, "unmapped VA 0x%" PRIx64 " keeps protection 0x%x (P9)",
                               s->vpn << AWE_PAGE_SHIFT, (unsigned)s->protect);
            continue;
        }
        const model_pfn *p = pfn_find(m, s->pfn);
        if (!p)
            return why_set(why, len, "VA 0x%" PRIx64 " maps PFN 0x%" PRIx64 ", which is not owned",
                           s->vpn << AWE_PAGE_SHIFT, s->pfn);
        if (!p->mapped || p->vpn != s->vpn)
            return why_set(why, len, "PFN 0x%" PRIx64 " is at VA 0x%" PRIx64
                           " but its record disagrees (injectivity)", s->pfn,
                           s->vpn << AWE_PAGE_SHIFT);
        /* P9, P11: only a mapped page carries a protection, and only one AWE allows */
        if (s->protect != AWE_PAGE_READWRITE && s->protect != AWE_PAGE_READONLY &&
            s->protect != AWE_PAGE_NOACCESS)
            return why_set(why, len, "mapped VA 0x%" PRIx64 " has protection 0x%x",
                           s->vpn << AWE_PAGE_SHIFT, (unsigned)s->protect);
        (*mapped)++;
    }
    return 0;
}

static int check_pfns(const awe_model *m, uint64_t *mapped, char *why, size_t len)
{
    *mapped = 0;
    for (size_t i = 0; i < m->pfns.count; i++) {
        const model_pfn *p = table_at(&m->pfns, i);
        if (p->pfn == 0)
            return why_set(why, len, "PFN 0 is owned");
        if (pfn_find(m, p->pfn) != p)
            return why_set(why, len, "PFN table lost 0x%" PRIx64, p->pfn);
        if (!p->mapped)
            continue;
        const model_slot *s = slot_find(m, p->vpn);
        if (!s || s->pfn != p->pfn)
            return why_set(why, len, "PFN 0x%" PRIx64 " claims VA 0x%" PRIx64
                           ", which does not map it", p->pfn, p->vpn << AWE_PAGE_SHIFT);
        (*mapped)++;
    }
    return 0;
}

int awe_model_check_invariants(const awe_model *m, char *why, size_t why_len)
{
    if (m->oom)
        return why_set(why, why_len, "the model ran out of memory applying a change");
    if (m->pfns.count && !m->has_bitmap)
        return why_set(why, why_len, "pages are owned but no PFN bitmap exists");
    uint64_t by_va, by_pfn;
    if (check_regions(m, why, why_len) || check_slots(m, &by_va, why, why_len) ||
        check_pfns(m, &by_pfn, why, why_len))
        return -1;
    uint64_t va = 0;
    const char *plain = plain_check(m, &va);
    if (plain)
        return why_set(why, why_len, "%s (VA 0x%" PRIx64 ")", plain, va);
    if (by_va != by_pfn)
        return why_set(why, why_len, "%" PRIu64 " mapped VAs but %" PRIu64 " mapped PFNs",
                       by_va, by_pfn);
    if (m->mapped != by_pfn)
        return why_set(why, why_len, "%" PRIu64 " mapped PFNs but a count of %" PRIu64,
                       by_pfn, m->mapped);
    if (why && why_len)
        why[0] = '\0';
    return 0;
}
