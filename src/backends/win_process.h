/* SPDX-License-Identifier: Apache-2.0 */
/* win_process.h: what the two Windows backends (backend_win32.c, backend_nt.c) share: they
 * differ only in the layer they call. It owns the backend entry points over the calls of
 * win/win_calls.h and the own process of win/win_self.h, and the bookkeeping of what a
 * program created, so that a reset releases exactly the program's regions and pages and
 * nothing of the harness. */
#ifndef AWE_WIN_PROCESS_H
#define AWE_WIN_PROCESS_H

#include "backend.h"
#include "win_calls.h"
#include "win_self.h"

/* Regions and pages one program can create (a reserve per op at most; grants up to the
 * executor's bookkeeping limit). */
#define AWE_WIN_MAX_REGIONS 64
#define AWE_WIN_MAX_PFNS 4096

/* A Windows backend: every call goes to `layer`. */
struct awe_backend {
    awe_backend_config cfg;
    awe_api layer;
    awe_win_exports x;
    awe_win_self self;
    size_t n_regions;
    uintptr_t region_base[AWE_WIN_MAX_REGIONS];
    size_t region_size[AWE_WIN_MAX_REGIONS];
    size_t n_pfns;
    uintptr_t pfn[AWE_WIN_MAX_PFNS];
};

/* Opens a backend calling `layer`: the privilege as cfg asks (cfg->privilege on and the
 * privilege not held -> NULL with "skipped: SeLockMemoryPrivilege not held" in err), the
 * handles, the exports. */
awe_backend *awe_win_open(awe_api layer, const awe_backend_config *cfg, char *err, size_t err_len);

/* The backend entry points (backend.h), the same for both layers. Ops asked for the other
 * layer run on the backend's own (the executor compares them as such). */
void awe_win_op_close(awe_backend *b);
int awe_win_op_reset(awe_backend *b);
void *awe_win_op_handle(awe_backend *b, awe_handle_kind kind);
void awe_win_op_allocate(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                         uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r);
void awe_win_op_free_pages(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                           uintptr_t *pfns, awe_call_result *r);
void awe_win_op_map(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                    awe_call_result *r);
void awe_win_op_scatter(awe_backend *b, awe_api api, void **vas, uintptr_t count,
                        uintptr_t *pfns, awe_call_result *r);
void awe_win_op_virtual_alloc(awe_backend *b, awe_api api, void **base, size_t *size,
                              uint32_t type, uint32_t protect, awe_call_result *r);
void awe_win_op_virtual_free(awe_backend *b, awe_api api, void *address, size_t size,
                             uint32_t free_type, awe_call_result *r);
void awe_win_op_query(awe_backend *b, awe_api api, void *process, const void *address, void *buf,
                      size_t len, size_t *retlen, size_t *returned, awe_call_result *r);
void awe_win_op_protect(awe_backend *b, awe_api api, void *process, void *address, size_t size,
                        void **base_ptr, size_t *size_ptr, uint32_t new_protect,
                        uint32_t *old_ptr, awe_call_result *r);
void awe_win_op_lock(awe_backend *b, awe_api api, int unlock, void *process, void *address,
                     size_t size, void **base_ptr, size_t *size_ptr, uint32_t map_type,
                     awe_call_result *r);
int awe_win_op_set_privilege(awe_backend *b, int on);
int awe_win_op_read(awe_backend *b, const void *va, void *buf, size_t len);
int awe_win_op_write(awe_backend *b, void *va, const void *buf, size_t len);
void awe_win_op_peek_words(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                           unsigned char *ok);

/* The controls the real API lacks (page limit, pool size, fault injection): always -1, so the
 * executor skips those ops. */
int awe_win_no_control(awe_backend *b, uint64_t value);
int awe_win_no_fault(awe_backend *b, unsigned k);

/* The ops table of a Windows backend: the two differ only in their name, the layer they call
 * and its capability bit. No page limit, pool size or fault injection: the real API has no
 * such controls. */
#define AWE_WIN_BACKEND_OPS(name_, cap_, open_)                                              \
    {                                                                                         \
        .name = name_, .caps = (cap_) | AWE_CAP_PRIVILEGE | AWE_CAP_REAL_MEMORY,              \
        .open = open_, .close = awe_win_op_close, .reset = awe_win_op_reset,                  \
        .handle = awe_win_op_handle, .allocate = awe_win_op_allocate,                         \
        .free_pages = awe_win_op_free_pages, .map = awe_win_op_map,                           \
        .scatter = awe_win_op_scatter, .virtual_alloc = awe_win_op_virtual_alloc,             \
        .virtual_free = awe_win_op_virtual_free, .query = awe_win_op_query,                   \
        .protect = awe_win_op_protect, .lock = awe_win_op_lock,                               \
        .set_privilege = awe_win_op_set_privilege, .set_page_limit = awe_win_no_control,      \
        .set_pool = awe_win_no_control, .inject_fault = awe_win_no_fault,                     \
        .read = awe_win_op_read, .write = awe_win_op_write,                                   \
        .peek_words = awe_win_op_peek_words,                                                  \
    }

#endif
