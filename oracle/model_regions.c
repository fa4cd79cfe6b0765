/* SPDX-License-Identifier: Apache-2.0 */
/* model_regions.c: the lists of live regions (sorted by base, non-overlapping) and of
 * released ones (in release order, kept so page_state can name V6 for their pages). */
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

uint64_t region_last_byte(const awe_region_info *r)
{
    return r->base + r->pages * AWE_PAGE_SIZE - 1u;
}

void regions_free(model_regions *r)
{
    free(r->v);
    memset(r, 0, sizeof *r);
}

int regions_clone(model_regions *dst, const model_regions *src)
{
    memset(dst, 0, sizeof *dst);
    if (src->n == 0)
        return 0;
    dst->v = malloc(src->n * sizeof *dst->v);
    if (!dst->v)
        return -1;
    memcpy(dst->v, src->v, src->n * sizeof *dst->v);
    dst->n = dst->cap = src->n;
    return 0;
}

int regions_equal(const model_regions *a, const model_regions *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        if (a->v[i].base != b->v[i].base || a->v[i].pages != b->v[i].pages ||
            a->v[i].kind != b->v[i].kind)
            return 0;
    }
    return 1;
}

static int grow(model_regions *r)
{
    if (r->n < r->cap)
        return 0;
    size_t cap = r->cap ? r->cap * 2 : 8u;
    awe_region_info *v = realloc(r->v, cap * sizeof *v);
    if (!v)
        return -1;
    r->v = v;
    r->cap = cap;
    return 0;
}

/* Index of the first region whose last byte is >= va (n when none). */
static size_t lower_bound(const model_regions *r, uint64_t va)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (region_last_byte(&r->v[mid]) < va)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int regions_insert_sorted(model_regions *r, const awe_region_info *info)
{
    if (grow(r))
        return -1;
    size_t i = lower_bound(r, info->base);
    memmove(&r->v[i + 1], &r->v[i], (r->n - i) * sizeof *r->v);
    r->v[i] = *info;
    r->n++;
    return 0;
}

int regions_append(model_regions *r, const awe_region_info *info)
{
    if (grow(r))
        return -1;
    r->v[r->n++] = *info;
    return 0;
}

void regions_remove_at(model_regions *r, size_t i)
{
    memmove(&r->v[i], &r->v[i + 1], (r->n - i - 1) * sizeof *r->v);
    r->n--;
}

const awe_region_info *regions_find(const model_regions *r, uint64_t va, size_t *idx)
{
    size_t i = lower_bound(r, va);
    if (i == r->n || r->v[i].base > va)
        return NULL;
    if (idx)
        *idx = i;
    return &r->v[i];
}

const awe_region_info *regions_overlap(const model_regions *r, uint64_t first, uint64_t last)
{
    size_t i = lower_bound(r, first);
    return i < r->n && r->v[i].base <= last ? &r->v[i] : NULL;
}

const awe_region_info *regions_find_released(const model_regions *r, uint64_t va)
{
    for (size_t i = r->n; i-- > 0;) {
        if (va >= r->v[i].base && va <= region_last_byte(&r->v[i]))
            return &r->v[i];
    }
    return NULL;
}
