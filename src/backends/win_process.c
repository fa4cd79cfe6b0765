/* SPDX-License-Identifier: Apache-2.0 */
/* win_process.c: the backend entry points both Windows backends share (see win_process.h). */
#include "win_process.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static awe_api layer_of(const awe_backend *b, awe_api asked)
{
    (void)asked; /* the executor compares the op as a call of the backend's layer */
    return b->layer;
}

/* Gives back what the current program created: its regions (which unmaps their pages, V6),
 * then its pages. Only what the bookkeeping recorded, never anything of the harness. */
static void release_program(awe_backend *b)
{
    awe_call_result r;
    for (size_t i = b->n_regions; i-- > 0;) {
        void *base = (void *)b->region_base[i];
        awe_win_virtual_free(&b->x, AWE_API_WIN32, &base, 0, MEM_RELEASE, &r);
    }
    b->n_regions = 0;
    for (size_t i = 0; i < b->n_pfns; i++) {
        uintptr_t n = 1, page = b->pfn[i];
        /* a page the program freed itself fails: harmless */
        awe_win_free_pages(&b->x, b->layer, GetCurrentProcess(), &n, &page, &r);
    }
    b->n_pfns = 0;
}

static int set_start_privilege(const awe_backend *b, char *err, size_t err_len)
{
    if (awe_win_set_lock_privilege(b->cfg.privilege) == 0 || !b->cfg.privilege)
        return 0; /* a privilege that is not held is also not enabled: fine when off is asked */
    snprintf(err, err_len, "skipped: SeLockMemoryPrivilege not held");
    return -1;
}

awe_backend *awe_win_open(awe_api layer, const awe_backend_config *cfg, char *err, size_t err_len)
{
    awe_backend *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->cfg = *cfg;
    b->layer = layer;
    awe_win_exports_load(&b->x);
    if (set_start_privilege(b, err, err_len) != 0) {
        free(b);
        return NULL;
    }
    if (awe_win_self_open(&b->self) != 0) {
        snprintf(err, err_len, "cannot open handles to the own process (error %lu)",
                 (unsigned long)GetLastError());
        free(b);
        return NULL;
    }
    return b;
}

void awe_win_op_close(awe_backend *b)
{
    release_program(b);
    awe_win_self_close(&b->self);
    free(b);
}

int awe_win_op_reset(awe_backend *b)
{
    char err[64];
    release_program(b);
    return set_start_privilege(b, err, sizeof err);
}

void *awe_win_op_handle(awe_backend *b, awe_handle_kind kind)
{
    return awe_win_self_handle(&b->self, kind);
}

/* ---- bookkeeping of what the program created ---- */

static void note_granted(awe_backend *b, const uintptr_t *count, const uintptr_t *pfns)
{
    uintptr_t n, v;
    if (awe_win_self_read(&b->self, count, &n, sizeof n) != 0)
        return;
    for (uintptr_t i = 0; i < n && b->n_pfns < AWE_WIN_MAX_PFNS; i++)
        if (awe_win_self_read(&b->self, pfns + i, &v, sizeof v) == 0)
            b->pfn[b->n_pfns++] = v;
}

static int find_region(const awe_backend *b, uintptr_t va, size_t *at)
{
    for (size_t i = 0; i < b->n_regions; i++)
        if (va >= b->region_base[i] && va - b->region_base[i] < b->region_size[i]) {
            *at = i;
            return 1;
        }
    return 0;
}

static void note_reserved(awe_backend *b, void *base, size_t size)
{
    size_t at;
    uintptr_t va = (uintptr_t)base;
    if (!base || find_region(b, va, &at) || b->n_regions == AWE_WIN_MAX_REGIONS)
        return; /* a commit inside a region the program made is no new region */
    b->region_base[b->n_regions] = va;
    b->region_size[b->n_regions++] = size ? size : 1;
}

static void note_released(awe_backend *b, void *base)
{
    size_t at;
    if (!find_region(b, (uintptr_t)base, &at))
        return;
    b->n_regions--;
    memmove(&b->region_base[at], &b->region_base[at + 1], (b->n_regions - at) * sizeof b->region_base[0]);
    memmove(&b->region_size[at], &b->region_size[at + 1], (b->n_regions - at) * sizeof b->region_size[0]);
}

static int succeeded(const awe_call_result *r)
{
    return r->has_status ? AWE_NT_SUCCESS(r->status) : r->win32_ok;
}

/* ---- the calls ---- */

void awe_win_op_allocate(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                         uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    awe_win_allocate(&b->x, layer_of(b, api), process, count, pfns, numa, node, r);
    if (succeeded(r))
        note_granted(b, count, pfns);
}

void awe_win_op_free_pages(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                           uintptr_t *pfns, awe_call_result *r)
{
    awe_win_free_pages(&b->x, layer_of(b, api), process, count, pfns, r);
}

void awe_win_op_map(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                    awe_call_result *r)
{
    awe_win_map(&b->x, layer_of(b, api), va, count, pfns, r);
}

void awe_win_op_scatter(awe_backend *b, awe_api api, void **vas, uintptr_t count,
                        uintptr_t *pfns, awe_call_result *r)
{
    awe_win_scatter(&b->x, layer_of(b, api), vas, count, pfns, r);
}

void awe_win_op_virtual_alloc(awe_backend *b, awe_api api, void **base, size_t *size,
                              uint32_t type, uint32_t protect, awe_call_result *r)
{
    void *requested = *base;
    size_t asked = *size;
    awe_win_virtual_alloc(&b->x, layer_of(b, api), base, size, type, protect, r);
    /* a reservation, or a commit anywhere, is a new region (a commit inside one is not) */
    if (succeeded(r) && ((type & MEM_RESERVE) || !requested))
        note_reserved(b, *base, *size ? *size : asked);
}

void awe_win_op_virtual_free(awe_backend *b, awe_api api, void *address, size_t size,
                             uint32_t free_type, awe_call_result *r)
{
    void *base = address;
    awe_win_virtual_free(&b->x, layer_of(b, api), &base, size, free_type, r);
    if (succeeded(r) && (free_type & MEM_RELEASE))
        note_released(b, base);
}

void awe_win_op_query(awe_backend *b, awe_api api, void *process, const void *address, void *buf,
                      size_t len, size_t *retlen, size_t *returned, awe_call_result *r)
{
    awe_win_query(&b->x, layer_of(b, api), process, address, buf, len, retlen, returned, r);
}

void awe_win_op_protect(awe_backend *b, awe_api api, void *process, void *address, size_t size,
                        void **base_ptr, size_t *size_ptr, uint32_t new_protect,
                        uint32_t *old_ptr, awe_call_result *r)
{
    awe_win_protect(&b->x, layer_of(b, api), process, address, size, base_ptr, size_ptr,
                    new_protect, old_ptr, r);
}

void awe_win_op_lock(awe_backend *b, awe_api api, int unlock, void *process, void *address,
                     size_t size, void **base_ptr, size_t *size_ptr, uint32_t map_type,
                     awe_call_result *r)
{
    awe_win_lock(&b->x, layer_of(b, api), unlock, process, address, size, base_ptr, size_ptr,
                 map_type, r);
}

/* ---- controls and probes ---- */

int awe_win_op_set_privilege(awe_backend *b, int on)
{
    (void)b;
    return awe_win_set_lock_privilege(on);
}

int awe_win_no_control(awe_backend *b, uint64_t value)
{
    (void)b, (void)value;
    return -1;
}

int awe_win_no_fault(awe_backend *b, unsigned k)
{
    (void)b, (void)k;
    return -1;
}

int awe_win_op_read(awe_backend *b, const void *va, void *buf, size_t len)
{
    return awe_win_self_read(&b->self, va, buf, len);
}

int awe_win_op_write(awe_backend *b, void *va, const void *buf, size_t len)
{
    return awe_win_self_write(&b->self, va, buf, len);
}

void awe_win_op_peek_words(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                           unsigned char *ok)
{
    for (size_t i = 0; i < n; i++) {
        ok[i] = awe_win_self_read(&b->self, addrs[i], &words[i], sizeof words[i]) == 0;
        if (!ok[i])
            words[i] = 0;
    }
}
