/* SPDX-License-Identifier: Apache-2.0 */
/* backend_linux.c: the Linux AWE implementation (libawl, libawl) behind the backend
 * interface. It implements both layers and the NT52 rules exactly, so it is always compared
 * strictly, and it offers every control: privilege, page limit, pool size, fault injection.
 * It reports its pool (query_pool), so the oracle knows every grant exactly (A7, A8). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "awl.h"

#define DEFAULT_POOL_PAGES 65536u

struct awe_backend {
    awe_backend_config cfg;
    AWL_HANDLE self, novm;
    awl_layout_run *runs; /* layout()'s buffers */
    size_t runs_cap;
    awl_range *ranges;
    size_t ranges_cap;
};

static void open_handles(awe_backend *b)
{
    b->self = awl_open_process(AWE_PROCESS_VM_OPERATION | AWE_PROCESS_QUERY_LIMITED_INFORMATION);
    b->novm = awl_open_process(AWE_PROCESS_QUERY_LIMITED_INFORMATION);
}

static awe_backend *lx_open(const awe_backend_config *cfg, char *err, size_t err_len)
{
    awe_backend *b = calloc(1, sizeof *b);
    awl_config ac = {DEFAULT_POOL_PAGES, (size_t)cfg->page_limit, cfg->privilege};
    if (!b || awl_init(&ac) != 0) {
        snprintf(err, err_len, "linux backend: cannot create the page pool (memfd_create failed)");
        free(b);
        return NULL;
    }
    /* Programs name pages symbolically, up to 4,096 past a region's start (program.h:
     * AWE_MAX_PAGES), and may name a region they released: with the guard, such a page is
     * never another region's, on every run, wherever the system places regions. */
    awl_set_placement_guard(4096);
    b->cfg = *cfg;
    open_handles(b);
    return b;
}

static void lx_close(awe_backend *b)
{
    awl_shutdown();
    free(b->runs);
    free(b->ranges);
    free(b);
}

static int lx_reset(awe_backend *b)
{
    if (awl_reset() != 0)
        return -1;
    awl_set_page_limit((size_t)b->cfg.page_limit);
    awl_set_lock_privilege(b->cfg.privilege);
    open_handles(b);
    return 0;
}

static void *lx_handle(awe_backend *b, awe_handle_kind kind)
{
    switch (kind) {
    case AWE_HANDLE_SELF: return b->self;
    case AWE_HANDLE_NO_VM_OPERATION: return b->novm;
    case AWE_HANDLE_NULL: return NULL;
    case AWE_HANDLE_GARBAGE: return (void *)(uintptr_t)0xBAD0;
    default: return AWL_CURRENT_PROCESS;
    }
}

static void nt_result(awe_call_result *r, awe_ntstatus s)
{
    r->has_status = 1;
    r->status = s;
}

static void win32_result(awe_call_result *r, int ok)
{
    r->has_win32 = 1;
    r->win32_ok = ok;
    r->win32_error = ok ? 0 : AwlGetLastError();
}

static void lx_allocate(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                        uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtAllocateUserPhysicalPages(process, count, pfns));
    else if (numa)
        win32_result(r, AwlAllocateUserPhysicalPagesNuma(process, count, pfns, node));
    else
        win32_result(r, AwlAllocateUserPhysicalPages(process, count, pfns));
}

static void lx_free_pages(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                          uintptr_t *pfns, awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtFreeUserPhysicalPages(process, count, pfns));
    else
        win32_result(r, AwlFreeUserPhysicalPages(process, count, pfns));
}

static void lx_map(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                   awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtMapUserPhysicalPages(va, count, pfns));
    else
        win32_result(r, AwlMapUserPhysicalPages(va, count, pfns));
}

static void lx_scatter(awe_backend *b, awe_api api, void **vas, uintptr_t count, uintptr_t *pfns,
                       awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtMapUserPhysicalPagesScatter(vas, count, pfns));
    else
        win32_result(r, AwlMapUserPhysicalPagesScatter(vas, count, pfns));
}

static void lx_virtual_alloc(awe_backend *b, awe_api api, void **base, size_t *size,
                             uint32_t type, uint32_t protect, awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT) {
        nt_result(r, AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, base, 0, size, type, protect));
        return;
    }
    void *p = AwlVirtualAlloc(*base, *size, type, protect);
    win32_result(r, p != NULL);
    *base = p;
    *size = 0;
}

static void lx_virtual_free(awe_backend *b, awe_api api, void *address, size_t size,
                            uint32_t free_type, awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, &address, &size, free_type));
    else
        win32_result(r, AwlVirtualFree(address, size, free_type));
}

/* MemoryBasicInformation: the only information class the harness asks for (Q1..Q9). */
#define MEMORY_BASIC_INFORMATION_CLASS 0

static void lx_query(awe_backend *b, awe_api api, void *process, const void *address, void *buf,
                     size_t len, size_t *retlen, size_t *returned, awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT) {
        nt_result(r, AwlNtQueryVirtualMemory(process, (AWL_PVOID)(uintptr_t)address,
                                             MEMORY_BASIC_INFORMATION_CLASS, buf, len, retlen));
        return;
    }
    *returned = AwlVirtualQuery((AWL_PVOID)(uintptr_t)address, buf, len);
    win32_result(r, *returned != 0);
}

static void lx_protect(awe_backend *b, awe_api api, void *process, void *address, size_t size,
                       void **base_ptr, size_t *size_ptr, uint32_t new_protect, uint32_t *old_ptr,
                       awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, AwlNtProtectVirtualMemory(process, base_ptr, size_ptr, new_protect, old_ptr));
    else
        win32_result(r, AwlVirtualProtect(address, size, new_protect, old_ptr));
}

static void lx_lock(awe_backend *b, awe_api api, int unlock, void *process, void *address,
                    size_t size, void **base_ptr, size_t *size_ptr, uint32_t map_type,
                    awe_call_result *r)
{
    (void)b;
    if (api == AWE_API_NT)
        nt_result(r, unlock ? AwlNtUnlockVirtualMemory(process, base_ptr, size_ptr, map_type)
                            : AwlNtLockVirtualMemory(process, base_ptr, size_ptr, map_type));
    else
        win32_result(r, unlock ? AwlVirtualUnlock(address, size) : AwlVirtualLock(address, size));
}

static int lx_set_privilege(awe_backend *b, int on)
{
    (void)b;
    awl_set_lock_privilege(on);
    return 0;
}

static int lx_set_page_limit(awe_backend *b, uint64_t pages)
{
    (void)b;
    awl_set_page_limit((size_t)pages);
    return 0;
}

static int lx_set_pool(awe_backend *b, uint64_t free_pages)
{
    (void)b;
    return awl_set_pool_free((size_t)free_pages);
}

/* libawl's pool is its own: what it can grant is what awl_get_stats counts as free. */
static int lx_query_pool(awe_backend *b, uint64_t *free_pages)
{
    (void)b;
    awl_stats st;
    awl_get_stats(&st);
    *free_pages = st.pool_free;
    return 0;
}

static int lx_inject_fault(awe_backend *b, unsigned k)
{
    (void)b;
    awl_fault_inject(k, 12 /* ENOMEM */);
    return 0;
}

static int lx_read(awe_backend *b, const void *va, void *buf, size_t len)
{
    (void)b;
    return awl_probe_read(va, buf, len);
}

static int lx_write(awe_backend *b, void *va, const void *buf, size_t len)
{
    (void)b;
    return awl_probe_write(va, buf, len);
}

static void lx_peek_words(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                          unsigned char *ok)
{
    (void)b;
    awl_probe_words(addrs, n, words, ok);
}

/* The kernel's mapping list: which pages are readable and which memfd page each shows. */
static long lx_layout(awe_backend *b, const awe_span *spans, size_t n_spans,
                      awe_layout_run *runs, size_t max)
{
    if (max > b->runs_cap) {
        awl_layout_run *bigger = realloc(b->runs, max * sizeof *bigger);
        if (!bigger)
            return -1;
        b->runs = bigger;
        b->runs_cap = max;
    }
    if (n_spans > b->ranges_cap) {
        awl_range *bigger = realloc(b->ranges, n_spans * sizeof *bigger);
        if (!bigger)
            return -1;
        b->ranges = bigger;
        b->ranges_cap = n_spans;
    }
    for (size_t i = 0; i < n_spans; i++)
        b->ranges[i] = (awl_range){(uintptr_t)spans[i].lo, (uintptr_t)spans[i].hi};
    long n = awl_probe_layout_ranges(b->ranges, n_spans, b->runs, max);
    for (long i = 0; i < n && (size_t)i < max; i++) {
        /* Pool pages inside the file cannot fault in this process: the harness may load
         * (and, writable, store) them directly, with no system call per access. */
        unsigned f = b->runs[i].flags, direct = 0;
        if (f & AWL_RUN_IN_POOL)
            direct = AWE_DIRECT_READ | (f & AWL_RUN_WRITABLE ? AWE_DIRECT_WRITE : 0u);
        runs[i] = (awe_layout_run){b->runs[i].start, b->runs[i].end, b->runs[i].pfn, direct};
    }
    return n;
}

const awe_backend_ops awe_backend_linux = {
    .name = "linux",
    .caps = AWE_CAP_NT | AWE_CAP_WIN32 | AWE_CAP_FAULTS | AWE_CAP_PAGE_LIMIT | AWE_CAP_POOL |
            AWE_CAP_PRIVILEGE | AWE_CAP_STRICT,
    .open = lx_open,
    .close = lx_close,
    .reset = lx_reset,
    .handle = lx_handle,
    .allocate = lx_allocate,
    .free_pages = lx_free_pages,
    .map = lx_map,
    .scatter = lx_scatter,
    .virtual_alloc = lx_virtual_alloc,
    .virtual_free = lx_virtual_free,
    .query = lx_query,
    .protect = lx_protect,
    .lock = lx_lock,
    .set_privilege = lx_set_privilege,
    .set_page_limit = lx_set_page_limit,
    .set_pool = lx_set_pool,
    .inject_fault = lx_inject_fault,
    .query_pool = lx_query_pool,
    .read = lx_read,
    .write = lx_write,
    .peek_words = lx_peek_words,
    .layout = lx_layout,
};
