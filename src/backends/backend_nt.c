/* backend_nt.c: the real Nt layer (ntdll): NtAllocateUserPhysicalPages,
 * NtFreeUserPhysicalPages, NtMapUserPhysicalPages(Scatter), NtAllocateVirtualMemory and
 * NtFreeVirtualMemory, compared by exact NTSTATUS. Implements the Nt layer only (ops asked
 * for the Win32 layer run here too and are compared as Nt calls). Every entry point is looked
 * up in ntdll at run time: one that is missing fails its calls with
 * STATUS_ENTRYPOINT_NOT_FOUND, so an ntdll without the AWE calls (Wine's) is reported op by
 * op, not refused by the loader. Not strict: modern Windows may differ from the NT52 rules. */
#include <stdlib.h>

#include "win_process.h"

typedef LONG(NTAPI *pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *valloc_fn)(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
typedef LONG(NTAPI *vfree_fn)(HANDLE, PVOID *, PSIZE_T, ULONG);

struct awe_backend {
    awe_win_process w;
    pages_fn allocate, free_pages;
    map_fn map;
    scatter_fn scatter;
    valloc_fn valloc;
    vfree_fn vfree;
};

static void nt_result(awe_call_result *r, LONG status)
{
    r->has_status = 1;
    r->status = (awe_ntstatus)status;
}

static int free_one(void *ctx, uintptr_t pfn)
{
    awe_backend *b = ctx;
    ULONG_PTR n = 1, page = pfn;
    return b->free_pages && b->free_pages(GetCurrentProcess(), &n, &page) >= 0 ? 0 : -1;
}

static awe_backend *nt_open(const awe_backend_config *cfg, char *err, size_t err_len)
{
    static const char ntdll[] = "ntdll.dll";
    awe_backend *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->allocate = AWE_WIN_PROC(pages_fn, ntdll, "NtAllocateUserPhysicalPages");
    b->free_pages = AWE_WIN_PROC(pages_fn, ntdll, "NtFreeUserPhysicalPages");
    b->map = AWE_WIN_PROC(map_fn, ntdll, "NtMapUserPhysicalPages");
    b->scatter = AWE_WIN_PROC(scatter_fn, ntdll, "NtMapUserPhysicalPagesScatter");
    b->valloc = AWE_WIN_PROC(valloc_fn, ntdll, "NtAllocateVirtualMemory");
    b->vfree = AWE_WIN_PROC(vfree_fn, ntdll, "NtFreeVirtualMemory");
    b->w.free_one = free_one;
    b->w.free_ctx = b;
    if (awe_win_open(&b->w, cfg, err, err_len) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

static void nt_allocate(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                        uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    (void)api, (void)numa, (void)node; /* the Nt call has no node preference (A12) */
    if (!b->allocate) {
        nt_result(r, (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
        return;
    }
    LONG s = b->allocate(process, (PULONG_PTR)count, (PULONG_PTR)pfns);
    nt_result(r, s);
    if (s >= 0)
        awe_win_note_granted(&b->w, count, pfns);
}

static void nt_free_pages(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                          uintptr_t *pfns, awe_call_result *r)
{
    (void)api;
    nt_result(r, b->free_pages ? b->free_pages(process, (PULONG_PTR)count, (PULONG_PTR)pfns)
                               : (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
}

static void nt_map(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                   awe_call_result *r)
{
    (void)api;
    nt_result(r, b->map ? b->map(va, count, (PULONG_PTR)pfns)
                        : (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
}

static void nt_scatter(awe_backend *b, awe_api api, void **vas, uintptr_t count, uintptr_t *pfns,
                       awe_call_result *r)
{
    (void)api;
    nt_result(r, b->scatter ? b->scatter(vas, count, (PULONG_PTR)pfns)
                            : (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
}

static void nt_virtual_alloc(awe_backend *b, awe_api api, void **base, size_t *size,
                             uint32_t type, uint32_t protect, awe_call_result *r)
{
    (void)api;
    void *requested = *base;
    SIZE_T bytes = *size;
    if (!b->valloc) {
        nt_result(r, (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
        return;
    }
    LONG s = b->valloc(GetCurrentProcess(), base, 0, &bytes, type, protect);
    nt_result(r, s);
    *size = bytes;
    if (s >= 0 && ((type & MEM_RESERVE) || !requested))
        awe_win_note_reserved(&b->w, *base, bytes);
}

static void nt_virtual_free(awe_backend *b, awe_api api, void *address, size_t size,
                            uint32_t free_type, awe_call_result *r)
{
    (void)api;
    PVOID where = address;
    SIZE_T bytes = size;
    if (!b->vfree) {
        nt_result(r, (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
        return;
    }
    LONG s = b->vfree(GetCurrentProcess(), &where, &bytes, free_type);
    nt_result(r, s);
    if (s >= 0 && (free_type & MEM_RELEASE))
        awe_win_note_released(&b->w, where);
}

/* No page limit, pool size or fault injection: the real API has no such controls, so they
 * fail and the executor skips those ops. */
const awe_backend_ops awe_backend_nt = {
    .name = "nt",
    .caps = AWE_CAP_NT | AWE_CAP_PRIVILEGE | AWE_CAP_REAL_MEMORY,
    .open = nt_open,
    .close = awe_win_op_close,
    .reset = awe_win_op_reset,
    .handle = awe_win_op_handle,
    .allocate = nt_allocate,
    .free_pages = nt_free_pages,
    .map = nt_map,
    .scatter = nt_scatter,
    .virtual_alloc = nt_virtual_alloc,
    .virtual_free = nt_virtual_free,
    .set_privilege = awe_win_op_set_privilege,
    .set_page_limit = awe_win_no_control,
    .set_pool = awe_win_no_control,
    .inject_fault = awe_win_no_fault,
    .read = awe_win_op_read,
    .write = awe_win_op_write,
    .peek_words = awe_win_op_peek_words,
};
