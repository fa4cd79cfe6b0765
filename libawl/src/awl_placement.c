/* SPDX-License-Identifier: Apache-2.0 */
/* awl_placement.c: see awl_placement.h. Giving held ranges back is bookkeeping, not work of
 * the call under test: plain munmap, outside the system calls fault injection counts. */
#include "awl_placement.h"

#include <stdlib.h>
#include <sys/mman.h>

#include "awl.h"
#include "awl_internal.h"
#include "awl_sys.h"

static struct {
    size_t guard;
    struct held {
        uintptr_t base;
        size_t len;
    } *v;
    size_t n, cap;
} place;

int awl_set_placement_guard(size_t guard_pages)
{
    place.guard = guard_pages * (size_t)AWL_PAGE;
    return 0;
}

size_t awl_placement_guard(void) { return place.guard; }

int awl_placement_hold(uintptr_t base, size_t len)
{
    if (!place.guard)
        return 1;
    if (place.n == place.cap) {
        size_t cap = place.cap ? 2 * place.cap : 16;
        struct held *v = realloc(place.v, cap * sizeof *v);
        if (!v)
            return -1;
        place.v = v, place.cap = cap;
    }
    /* one call that swaps the reservation for an inaccessible one: the range is never free
     * in between for another thread's mmap to take */
    void *p = awl_sys_mmap((void *)base, len, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    place.v[place.n++] = (struct held){base, len};
    return 0;
}

void awl_placement_unhold(uintptr_t base, size_t len)
{
    size_t kept = 0;
    for (size_t i = 0; i < place.n; i++) {
        const struct held *h = &place.v[i];
        if (h->base < base + len && base < h->base + h->len)
            munmap((void *)h->base, h->len);
        else
            place.v[kept++] = *h;
    }
    place.n = kept;
}

void awl_placement_reset(void)
{
    for (size_t i = 0; i < place.n; i++)
        munmap((void *)place.v[i].base, place.v[i].len);
    place.n = 0;
}
