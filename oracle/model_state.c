/* SPDX-License-Identifier: Apache-2.0 */
/* model_state.c: the model's life cycle (new, clone, destroy) and state equality. */
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

static void init_empty(awe_model *m, const awe_model_config *cfg)
{
    memset(m, 0, sizeof *m);
    if (cfg)
        m->cfg = *cfg;
    else
        m->cfg.privilege = 1; /* no config: no limit, privilege held */
    m->privilege = m->cfg.privilege != 0;
    m->pool_known = m->cfg.pool_known != 0;
    m->pool_free = m->pool_known ? m->cfg.pool_free : 0;
    table_init(&m->pfns, sizeof(model_pfn));
    table_init(&m->slots, sizeof(model_slot));
    table_init(&m->plain_regions, sizeof(model_plain_region));
    table_init(&m->plain_pages, sizeof(model_plain_page));
}

awe_model *awe_model_new(const awe_model_config *cfg)
{
    awe_model *m = malloc(sizeof *m);
    if (m)
        init_empty(m, cfg);
    return m;
}

void awe_model_destroy(awe_model *m)
{
    if (!m)
        return;
    table_free(&m->pfns);
    table_free(&m->slots);
    table_free(&m->plain_regions);
    table_free(&m->plain_pages);
    regions_free(&m->live);
    regions_free(&m->released);
    free(m);
}

awe_model *awe_model_clone(const awe_model *src)
{
    awe_model *m = awe_model_new(&src->cfg);
    if (!m)
        return NULL;
    m->privilege = src->privilege;
    m->has_bitmap = src->has_bitmap;
    m->oom = src->oom;
    m->pool_known = src->pool_known;
    m->pool_free = src->pool_free;
    m->mapped = src->mapped;
    m->epoch = src->epoch;
    if (table_clone(&m->pfns, &src->pfns) || table_clone(&m->slots, &src->slots) ||
        regions_clone(&m->live, &src->live) || regions_clone(&m->released, &src->released) ||
        table_clone(&m->plain_regions, &src->plain_regions) ||
        table_clone(&m->plain_pages, &src->plain_pages)) {
        awe_model_destroy(m);
        return NULL;
    }
    return m;
}

void awe_model_set_privilege(awe_model *m, int on)
{
    m->privilege = on != 0;
}

void awe_model_set_page_limit(awe_model *m, uint64_t pages)
{
    m->cfg.page_limit = pages; /* owned pages may now exceed it: A6 refuses more */
}

void awe_model_set_pool_free(awe_model *m, uint64_t pages)
{
    m->pool_known = 1; /* sized by the caller: known exactly from here on (A7, A8) */
    m->pool_free = pages;
}

int awe_model_pool_free(const awe_model *m, uint64_t *pages)
{
    if (m->pool_known)
        *pages = m->pool_free;
    return m->pool_known;
}

static int pfns_equal(const awe_model *a, const awe_model *b)
{
    if (a->pfns.count != b->pfns.count)
        return 0;
    for (size_t i = 0; i < a->pfns.count; i++) {
        const model_pfn *x = table_at(&a->pfns, i);
        const model_pfn *y = pfn_find(b, x->pfn);
        if (!y || x->tag != y->tag || x->mapped != y->mapped || x->written != y->written ||
            x->stamp != y->stamp ||
            (x->mapped && x->vpn != y->vpn))
            return 0;
    }
    return 1;
}

static int slots_equal(const awe_model *a, const awe_model *b)
{
    if (a->slots.count != b->slots.count)
        return 0;
    for (size_t i = 0; i < a->slots.count; i++) {
        const model_slot *x = table_at(&a->slots, i);
        const model_slot *y = slot_find(b, x->vpn);
        if (!y || x->pfn != y->pfn || x->rule != y->rule || x->ev != y->ev ||
            x->protect != y->protect)
            return 0;
    }
    return 1;
}

/* Marks and the epoch are scratch and take no part; layout inside the tables neither. */
int awe_model_equal(const awe_model *a, const awe_model *b)
{
    return a->cfg.page_limit == b->cfg.page_limit && a->privilege == b->privilege &&
           a->pool_known == b->pool_known && (!a->pool_known || a->pool_free == b->pool_free) &&
           a->has_bitmap == b->has_bitmap && a->oom == b->oom && pfns_equal(a, b) &&
           slots_equal(a, b) && regions_equal(&a->live, &b->live) &&
           regions_equal(&a->released, &b->released) && plain_equal(a, b);
}
