/* backend_win32.c: the real Win32 AWE API (kernel32): AllocateUserPhysicalPages(Numa),
 * FreeUserPhysicalPages, MapUserPhysicalPages(Scatter), VirtualAlloc, VirtualFree, and
 * GetLastError. Implements the Win32 layer only (ops asked for the Nt layer run here too and
 * are compared as Win32 calls). Every AWE entry point is looked up at run time: one that is
 * missing fails its calls with ERROR_PROC_NOT_FOUND (127), so an implementation without it
 * (Wine has no MapUserPhysicalPagesScatter) is reported op by op, not refused by the loader.
 * Not strict: modern Windows may differ from the NT52 rules. */
#include <stdlib.h>

#include "win_process.h"

typedef BOOL(WINAPI *pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *pages_numa_fn)(HANDLE, PULONG_PTR, PULONG_PTR, DWORD);
typedef BOOL(WINAPI *map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);

struct awe_backend {
    awe_win_process w;
    pages_fn allocate, free_pages;
    pages_numa_fn allocate_numa;
    map_fn map;
    scatter_fn scatter;
};

static void win32_result(awe_call_result *r, BOOL ok)
{
    r->has_win32 = 1;
    r->win32_ok = ok != FALSE;
    r->win32_error = ok ? 0 : (uint32_t)GetLastError();
}

static void missing_export(awe_call_result *r)
{
    r->has_win32 = 1;
    r->win32_ok = 0;
    r->win32_error = AWE_WIN_ERROR_PROC_NOT_FOUND;
}

static int free_one(void *ctx, uintptr_t pfn)
{
    awe_backend *b = ctx;
    ULONG_PTR n = 1, page = pfn;
    return b->free_pages && b->free_pages(GetCurrentProcess(), &n, &page) ? 0 : -1;
}

static awe_backend *w32_open(const awe_backend_config *cfg, char *err, size_t err_len)
{
    static const char k32[] = "kernel32.dll";
    awe_backend *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->allocate = AWE_WIN_PROC(pages_fn, k32, "AllocateUserPhysicalPages");
    b->allocate_numa = AWE_WIN_PROC(pages_numa_fn, k32, "AllocateUserPhysicalPagesNuma");
    b->free_pages = AWE_WIN_PROC(pages_fn, k32, "FreeUserPhysicalPages");
    b->map = AWE_WIN_PROC(map_fn, k32, "MapUserPhysicalPages");
    b->scatter = AWE_WIN_PROC(scatter_fn, k32, "MapUserPhysicalPagesScatter");
    b->w.free_one = free_one;
    b->w.free_ctx = b;
    if (awe_win_open(&b->w, cfg, err, err_len) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

static void w32_allocate(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                         uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    (void)api;
    BOOL ok;
    if (numa ? !b->allocate_numa : !b->allocate) {
        missing_export(r);
        return;
    }
    SetLastError(0);
    if (numa)
        ok = b->allocate_numa(process, (PULONG_PTR)count, (PULONG_PTR)pfns, node);
    else
        ok = b->allocate(process, (PULONG_PTR)count, (PULONG_PTR)pfns);
    win32_result(r, ok);
    if (ok)
        awe_win_note_granted(&b->w, count, pfns);
}

static void w32_free_pages(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                           uintptr_t *pfns, awe_call_result *r)
{
    (void)api;
    if (!b->free_pages) {
        missing_export(r);
        return;
    }
    SetLastError(0);
    win32_result(r, b->free_pages(process, (PULONG_PTR)count, (PULONG_PTR)pfns));
}

static void w32_map(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                    awe_call_result *r)
{
    (void)api;
    if (!b->map) {
        missing_export(r);
        return;
    }
    SetLastError(0);
    win32_result(r, b->map(va, count, (PULONG_PTR)pfns));
}

static void w32_scatter(awe_backend *b, awe_api api, void **vas, uintptr_t count, uintptr_t *pfns,
                        awe_call_result *r)
{
    (void)api;
    if (!b->scatter) {
        missing_export(r);
        return;
    }
    SetLastError(0);
    win32_result(r, b->scatter(vas, count, (PULONG_PTR)pfns));
}

static void w32_virtual_alloc(awe_backend *b, awe_api api, void **base, size_t *size,
                              uint32_t type, uint32_t protect, awe_call_result *r)
{
    (void)api;
    SetLastError(0);
    void *p = VirtualAlloc(*base, *size, type, protect);
    win32_result(r, p != NULL);
    if (p && ((type & MEM_RESERVE) || !*base))
        awe_win_note_reserved(&b->w, p, *size);
    *base = p;
    *size = 0; /* the Win32 layer does not say */
}

static void w32_virtual_free(awe_backend *b, awe_api api, void *address, size_t size,
                             uint32_t free_type, awe_call_result *r)
{
    (void)api;
    SetLastError(0);
    BOOL ok = VirtualFree(address, size, free_type);
    win32_result(r, ok);
    if (ok && (free_type & MEM_RELEASE))
        awe_win_note_released(&b->w, address);
}

/* No page limit, pool size or fault injection: the real API has no such controls, so they
 * fail and the executor skips those ops. */
const awe_backend_ops awe_backend_win32 = {
    .name = "win32",
    .caps = AWE_CAP_WIN32 | AWE_CAP_PRIVILEGE | AWE_CAP_REAL_MEMORY,
    .open = w32_open,
    .close = awe_win_op_close,
    .reset = awe_win_op_reset,
    .handle = awe_win_op_handle,
    .allocate = w32_allocate,
    .free_pages = w32_free_pages,
    .map = w32_map,
    .scatter = w32_scatter,
    .virtual_alloc = w32_virtual_alloc,
    .virtual_free = w32_virtual_free,
    .set_privilege = awe_win_op_set_privilege,
    .set_page_limit = awe_win_no_control,
    .set_pool = awe_win_no_control,
    .inject_fault = awe_win_no_fault,
    .read = awe_win_op_read,
    .write = awe_win_op_write,
    .peek_words = awe_win_op_peek_words,
};
