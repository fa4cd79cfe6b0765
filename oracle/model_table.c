/* SPDX-License-Identifier: Apache-2.0 */
/* model_table.c: the keyed table behind the PFN and VA-page maps: linear probing over
 * item indexes, backward-shift deletion (no tombstones, so long runs of inserts and removes
 * never degrade lookups), items kept dense by swap-removal. */
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

#define MIN_SLOTS 32u
#define MAX_ITEMS ((size_t)UINT32_MAX - 1u)

static uint64_t mix(uint64_t x)
{
    /* splitmix64 finalizer: consecutive PFNs and page numbers spread over all slots */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

static uint64_t key_at(const model_table *t, size_t idx)
{
    uint64_t k;
    memcpy(&k, t->items + idx * t->elem_size, sizeof k);
    return k;
}

static size_t home_of(const model_table *t, uint64_t key)
{
    return (size_t)(mix(key) & (t->nslots - 1));
}

/* The slot holding key (*found = 1) or the empty slot where it would go. */
static size_t probe(const model_table *t, uint64_t key, int *found)
{
    size_t mask = t->nslots - 1;
    for (size_t s = home_of(t, key);; s = (s + 1) & mask) {
        uint32_t v = t->slots[s];
        if (v == 0 || key_at(t, v - 1u) == key) {
            *found = v != 0;
            return s;
        }
    }
}

void table_init(model_table *t, size_t elem_size)
{
    memset(t, 0, sizeof *t);
    t->elem_size = elem_size;
}

void table_free(model_table *t)
{
    free(t->items);
    free(t->slots);
    table_init(t, t->elem_size);
}

int table_clone(model_table *dst, const model_table *src)
{
    table_init(dst, src->elem_size);
    if (src->count) {
        dst->items = malloc(src->count * src->elem_size);
        if (!dst->items)
            return -1;
        memcpy(dst->items, src->items, src->count * src->elem_size);
        dst->cap = dst->count = src->count;
    }
    if (src->nslots) {
        dst->slots = malloc(src->nslots * sizeof *dst->slots);
        if (!dst->slots) {
            table_free(dst);
            return -1;
        }
        memcpy(dst->slots, src->slots, src->nslots * sizeof *dst->slots);
        dst->nslots = src->nslots;
    }
    return 0;
}

void *table_find(const model_table *t, uint64_t key)
{
    if (t->count == 0)
        return NULL;
    int found;
    size_t s = probe(t, key, &found);
    return found ? t->items + (size_t)(t->slots[s] - 1u) * t->elem_size : NULL;
}

static int rehash(model_table *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    for (size_t i = 0; i < t->count; i++) {
        int found;
        t->slots[probe(t, key_at(t, i), &found)] = (uint32_t)(i + 1u);
    }
    return 0;
}

int table_reserve(model_table *t, size_t more)
{
    if (more > MAX_ITEMS - t->count)
        return -1;
    size_t need = t->count + more;
    if (need > t->cap) {
        size_t cap = t->cap ? t->cap : 16u;
        while (cap < need)
            cap = cap > MAX_ITEMS / 2 ? MAX_ITEMS : cap * 2;
        unsigned char *items = realloc(t->items, cap * t->elem_size);
        if (!items)
            return -1;
        t->items = items;
        t->cap = cap;
    }
    if (need * 2 > t->nslots) {
        size_t nslots = t->nslots ? t->nslots : MIN_SLOTS;
        while (nslots < need * 2)
            nslots *= 2;
        if (rehash(t, nslots))
            return -1;
    }
    return 0;
}

void *table_insert(model_table *t, uint64_t key)
{
    void *item = table_find(t, key);
    if (item)
        return item;
    if (table_reserve(t, 1))
        return NULL;
    int found;
    size_t s = probe(t, key, &found);
    size_t idx = t->count++;
    unsigned char *p = t->items + idx * t->elem_size;
    memset(p, 0, t->elem_size);
    memcpy(p, &key, sizeof key);
    t->slots[s] = (uint32_t)(idx + 1u);
    return p;
}

/* Close the hole at slot `hole` by pulling back entries whose probe run crosses it. */
static void shift_back(model_table *t, size_t hole)
{
    size_t mask = t->nslots - 1;
    for (size_t j = (hole + 1) & mask; t->slots[j] != 0; j = (j + 1) & mask) {
        size_t home = home_of(t, key_at(t, t->slots[j] - 1u));
        if (((j - home) & mask) >= ((j - hole) & mask)) {
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole] = 0;
}

void table_remove(model_table *t, uint64_t key)
{
    if (t->count == 0)
        return;
    int found;
    size_t s = probe(t, key, &found);
    if (!found)
        return;
    size_t idx = t->slots[s] - 1u, last = t->count - 1;
    shift_back(t, s);
    if (idx != last) {
        size_t moved = probe(t, key_at(t, last), &found);
        memcpy(t->items + idx * t->elem_size, t->items + last * t->elem_size, t->elem_size);
        t->slots[moved] = (uint32_t)(idx + 1u);
    }
    t->count--;
}

void *table_at(const model_table *t, size_t i)
{
    return t->items + i * t->elem_size;
}
