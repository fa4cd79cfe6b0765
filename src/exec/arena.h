/* SPDX-License-Identifier: Apache-2.0 */
/* arena.h: where the executor puts the arrays and out-parameters it passes to the calls under
 * test. Every buffer ends exactly where a guard page begins, so "the array has k readable
 * entries" is a fact of the address space, not a promise: the call under test touching entry
 * k faults (and must report STATUS_ACCESS_VIOLATION). Buffers can also be read-only, NULL or
 * point into the guard page itself. */
#ifndef AWE_ARENA_H
#define AWE_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "awe_defs.h"

typedef enum {
    AWE_SLOT_COUNT = 0,
    AWE_SLOT_PFNS,
    AWE_SLOT_VAS,
    AWE_SLOT_QUERY,   /* the MEMORY_BASIC_INFORMATION buffer (Q1) */
    AWE_SLOT_RETLEN,  /* *ReturnLength (Q1, Q2) */
    AWE_SLOT_BASE,    /* *BaseAddress (P2, P8, L2) */
    AWE_SLOT_SIZE,    /* *RegionSize (P2, P8, L2) */
    AWE_SLOT_OLD,     /* *OldProtect, a ULONG (P2, P10) */
    AWE_SLOT_N
} awe_slot;

/* Entries one slot can hold: a list's longest expansion (program.h: AWE_MAX_ENTRIES). */
#define AWE_ARENA_SLOT_ENTRIES 4096

typedef struct awe_arena awe_arena;

awe_arena *awe_arena_new(void);
void awe_arena_destroy(awe_arena *a);
/* Places n entries (copied from init, or all set to fill when init is NULL) against the slot's
 * guard page with the access `kind` asks for, and returns the pointer to pass (NULL for
 * AWE_BUF_NULL, the guard page for AWE_BUF_NOACCESS). n is clamped to the slot's size. */
uintptr_t *awe_arena_place(awe_arena *a, awe_slot slot, awe_buf_kind kind, const uintptr_t *init,
                           size_t n, uintptr_t fill);
/* The same for a buffer of len bytes (at most a page), filled with fill. Its start is aligned
 * to align (a power of two) below the guard page, so `len` rounded up to align bytes are
 * accessible: the call under test writing past them faults. */
void *awe_arena_place_bytes(awe_arena *a, awe_slot slot, awe_buf_kind kind, size_t len,
                            size_t align, unsigned char fill);
/* The accessible bytes of what the slot holds (0 for NULL or the guard page). */
size_t awe_arena_placed_bytes(const awe_arena *a, awe_slot slot);
/* Copies back min(n, placed) bytes of a buffer placed with awe_arena_place_bytes. */
void awe_arena_fetch_bytes(const awe_arena *a, awe_slot slot, void *out, size_t n);
/* Copies back the n entries placed in the slot (after the call wrote them). */
void awe_arena_fetch(const awe_arena *a, awe_slot slot, uintptr_t *out, size_t n);
/* A committed read-write page that lies in no region: "ordinary memory" for M5/S4. */
void *awe_arena_ordinary(const awe_arena *a);

#endif
