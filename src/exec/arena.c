/* SPDX-License-Identifier: Apache-2.0 */
/* arena.c: guard-page-backed argument buffers (see arena.h). Layout: per slot DATA bytes
 * followed by one guard page (no access), then the ordinary memory and its guard. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "platform.h"

#define PAGE AWE_PAGE_SIZE
#define DATA ((size_t)AWE_ARENA_SLOT_ENTRIES * 8u)  /* 8: the widest uintptr_t */
#define SLOT_BYTES (DATA + (size_t)PAGE)
#define ARENA_BYTES ((AWE_SLOT_N + 1) * SLOT_BYTES)

struct awe_arena {
    unsigned char *base;
    size_t placed[AWE_SLOT_N];       /* entries (awe_arena_place) */
    size_t placed_bytes[AWE_SLOT_N]; /* accessible bytes below the guard page */
};

static unsigned char *slot_data(const awe_arena *a, int slot)
{
    return a->base + (size_t)slot * SLOT_BYTES;
}

awe_arena *awe_arena_new(void)
{
    awe_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->base = awe_plat_map(ARENA_BYTES);
    if (!a->base || awe_plat_protect(slot_data(a, AWE_SLOT_N), DATA, AWE_PROT_RW)) {
        awe_plat_unmap(a->base, ARENA_BYTES);
        free(a);
        return NULL;
    }
    return a;
}

void awe_arena_destroy(awe_arena *a)
{
    if (!a)
        return;
    awe_plat_unmap(a->base, ARENA_BYTES);
    free(a);
}

uintptr_t *awe_arena_place(awe_arena *a, awe_slot slot, awe_buf_kind kind, const uintptr_t *init,
                           size_t n, uintptr_t fill)
{
    unsigned char *data = slot_data(a, slot);
    if (n > AWE_ARENA_SLOT_ENTRIES)
        n = AWE_ARENA_SLOT_ENTRIES;
    a->placed[slot] = 0;
    a->placed_bytes[slot] = 0;
    if (kind == AWE_BUF_NULL)
        return NULL;
    if (kind == AWE_BUF_NOACCESS)
        return (uintptr_t *)(void *)(data + DATA);
    awe_plat_protect(data, DATA, AWE_PROT_RW);
    uintptr_t *p = (uintptr_t *)(void *)(data + DATA - n * sizeof(uintptr_t));
    for (size_t i = 0; i < n; i++)
        p[i] = init ? init[i] : fill;
    a->placed[slot] = n;
    a->placed_bytes[slot] = n * sizeof(uintptr_t);
    if (kind == AWE_BUF_READONLY)
        awe_plat_protect(data, DATA, AWE_PROT_READ);
    return p;
}

void *awe_arena_place_bytes(awe_arena *a, awe_slot slot, awe_buf_kind kind, size_t len,
                            size_t align, unsigned char fill)
{
    unsigned char *data = slot_data(a, slot);
    if (len > PAGE)
        len = PAGE;
    size_t room = (len + align - 1) & ~(align - 1);
    a->placed[slot] = 0;
    a->placed_bytes[slot] = 0;
    if (kind == AWE_BUF_NULL)
        return NULL;
    if (kind == AWE_BUF_NOACCESS)
        return data + DATA;
    awe_plat_protect(data, DATA, AWE_PROT_RW);
    memset(data + DATA - room, fill, room);
    a->placed_bytes[slot] = room;
    if (kind == AWE_BUF_READONLY)
        awe_plat_protect(data, DATA, AWE_PROT_READ);
    return data + DATA - room;
}

size_t awe_arena_placed_bytes(const awe_arena *a, awe_slot slot)
{
    return a->placed_bytes[slot];
}

void awe_arena_fetch_bytes(const awe_arena *a, awe_slot slot, void *out, size_t n)
{
    size_t have = a->placed_bytes[slot];
    memcpy(out, slot_data(a, slot) + DATA - have, n < have ? n : have);
}

void awe_arena_fetch(const awe_arena *a, awe_slot slot, uintptr_t *out, size_t n)
{
    size_t have = a->placed[slot];
    const uintptr_t *p = (const uintptr_t *)(const void *)(slot_data(a, slot) + DATA -
                                                           have * sizeof(uintptr_t));
    for (size_t i = 0; i < n; i++)
        out[i] = i < have ? p[i] : 0;
}

void *awe_arena_ordinary(const awe_arena *a)
{
    return slot_data(a, AWE_SLOT_N);
}
