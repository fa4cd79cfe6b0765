/* SPDX-License-Identifier: Apache-2.0 */
/* model_plain.c: the page state of plain (non-AWE) regions that query, protect and lock need:
 * committed or reserved, the protection, the VirtualLock bit. Ordinary NT semantics, not AWE
 * rules: a region record gives the state of every page without an entry, and a page gets an
 * entry only while it differs (protection or lock), so whole-region commits and decommits
 * cost nothing per page. Entries equal to their region's default are never kept, which makes
 * two equal states equal table by table (awe_model_equal). */
#include "model_internal.h"

static model_plain_region *region_rec(const awe_model *m, const awe_region_info *r)
{
    return table_find(&m->plain_regions, r->base);
}

void plain_region_add(awe_model *m, uint64_t base, uint32_t alloc_protect, uint32_t protect)
{
    model_plain_region *rec = table_insert(&m->plain_regions, base);
    if (!rec) {
        m->oom = 1;
        return;
    }
    rec->alloc_protect = alloc_protect;
    rec->protect = protect;
}

static int in_range(uint64_t vpn, uint64_t first, uint64_t n)
{
    return vpn >= first && vpn - first < n;
}

/* Apply fn to every entry in [first, first + n): over the range or over the entries, whichever
 * is smaller. Backwards over the entries, since fn may remove the one it is given (a removal
 * moves the last item into the hole, already visited). */
typedef void entry_fn(awe_model *m, const awe_region_info *r, model_plain_page *p, void *arg);

static void for_entries(awe_model *m, const awe_region_info *r, uint64_t first, uint64_t n,
                        entry_fn *fn, void *arg)
{
    if (n <= m->plain_pages.count) {
        for (uint64_t i = 0; i < n; i++) {
            model_plain_page *p = table_find(&m->plain_pages, first + i);
            if (p)
                fn(m, r, p, arg);
        }
        return;
    }
    for (size_t i = m->plain_pages.count; i-- > 0;) {
        model_plain_page *p = table_at(&m->plain_pages, i);
        if (in_range(p->vpn, first, n))
            fn(m, r, p, arg);
    }
}

static void drop_entry(awe_model *m, const awe_region_info *r, model_plain_page *p, void *arg)
{
    (void)r;
    (void)arg;
    table_remove(&m->plain_pages, p->vpn);
}

void plain_region_forget(awe_model *m, const awe_region_info *r)
{
    for_entries(m, r, vpn_of(r->base), r->pages, drop_entry, NULL);
    table_remove(&m->plain_regions, r->base);
}

uint32_t plain_alloc_protect(const awe_model *m, const awe_region_info *r)
{
    const model_plain_region *rec = region_rec(m, r);
    return rec ? rec->alloc_protect : 0;
}

uint32_t plain_page_protect(const awe_model *m, const awe_region_info *r, uint64_t vpn,
                            int *locked)
{
    const model_plain_page *p = table_find(&m->plain_pages, vpn);
    const model_plain_region *rec = region_rec(m, r);
    if (locked)
        *locked = p ? p->locked : 0;
    if (p)
        return p->protect;
    return rec ? rec->protect : 0;
}

void plain_page_put(awe_model *m, const awe_region_info *r, uint64_t vpn, uint32_t protect,
                    int locked)
{
    const model_plain_region *rec = region_rec(m, r);
    uint32_t dflt = rec ? rec->protect : 0;
    if (protect == dflt && !locked) { /* back to the region's default: no entry */
        table_remove(&m->plain_pages, vpn);
        return;
    }
    model_plain_page *p = table_insert(&m->plain_pages, vpn);
    if (!p) {
        m->oom = 1;
        return;
    }
    p->protect = protect;
    p->locked = (uint8_t)locked; /* the MapType bits it is locked with */
}

/* A whole-region change moves the default; the entries that stay are the locked pages
 * (a commit keeps locks) re-stamped with the new protection. */
static void restamp_entry(awe_model *m, const awe_region_info *r, model_plain_page *p, void *arg)
{
    plain_page_put(m, r, p->vpn, *(const uint32_t *)arg, p->locked);
}

static int whole(const awe_region_info *r, uint64_t first, uint64_t n)
{
    return first == vpn_of(r->base) && n == r->pages;
}

void plain_commit(awe_model *m, const awe_region_info *r, uint64_t first_vpn, uint64_t n,
                  uint32_t protect)
{
    model_plain_region *rec = region_rec(m, r);
    if (rec && whole(r, first_vpn, n)) {
        rec->protect = protect;
        for_entries(m, r, first_vpn, n, restamp_entry, &protect);
        return;
    }
    for (uint64_t i = 0; i < n; i++) { /* committing committed pages re-protects them */
        int locked;
        plain_page_protect(m, r, first_vpn + i, &locked);
        plain_page_put(m, r, first_vpn + i, protect, locked);
    }
}

void plain_decommit(awe_model *m, const awe_region_info *r, uint64_t first_vpn, uint64_t n)
{
    model_plain_region *rec = region_rec(m, r);
    if (rec && whole(r, first_vpn, n)) { /* every page reserved, no lock left */
        rec->protect = 0;
        for_entries(m, r, first_vpn, n, drop_entry, NULL);
        return;
    }
    for (uint64_t i = 0; i < n; i++)
        plain_page_put(m, r, first_vpn + i, 0, 0);
}

const char *plain_check(const awe_model *m, uint64_t *va)
{
    size_t plain = 0;
    for (size_t i = 0; i < m->live.n; i++) {
        if (m->live.v[i].kind != AWE_REGION_PLAIN)
            continue;
        plain++;
        *va = m->live.v[i].base;
        if (!region_rec(m, &m->live.v[i]))
            return "a live plain region has no page-state record";
    }
    if (plain != m->plain_regions.count)
        return "a page-state record outlives its plain region";
    for (size_t i = 0; i < m->plain_pages.count; i++) {
        const model_plain_page *p = table_at(&m->plain_pages, i);
        *va = p->vpn << AWE_PAGE_SHIFT;
        const awe_region_info *r = regions_find(&m->live, *va, NULL);
        if (!r || r->kind != AWE_REGION_PLAIN)
            return "a plain page entry lies outside every plain region";
        if (p->locked && p->protect == 0)
            return "a reserved (uncommitted) plain page is locked";
        if (!p->locked && p->protect == region_rec(m, r)->protect)
            return "a plain page entry repeats its region's default";
    }
    return NULL;
}

int plain_equal(const awe_model *a, const awe_model *b)
{
    if (a->plain_regions.count != b->plain_regions.count ||
        a->plain_pages.count != b->plain_pages.count)
        return 0;
    for (size_t i = 0; i < a->plain_regions.count; i++) {
        const model_plain_region *x = table_at(&a->plain_regions, i);
        const model_plain_region *y = table_find(&b->plain_regions, x->base);
        if (!y || x->alloc_protect != y->alloc_protect || x->protect != y->protect)
            return 0;
    }
    for (size_t i = 0; i < a->plain_pages.count; i++) {
        const model_plain_page *x = table_at(&a->plain_pages, i);
        const model_plain_page *y = table_find(&b->plain_pages, x->vpn);
        if (!y || x->protect != y->protect || x->locked != y->locked)
            return 0;
    }
    return 1;
}
