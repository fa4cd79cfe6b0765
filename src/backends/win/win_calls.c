/* SPDX-License-Identifier: Apache-2.0 */
/* win_calls.c: the calls on either layer (see win_calls.h). */
#include "win_calls.h"

typedef LONG(NTAPI *nt_pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_valloc_fn)(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
typedef LONG(NTAPI *nt_vfree_fn)(HANDLE, PVOID *, PSIZE_T, ULONG);
typedef BOOL(WINAPI *w32_pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *w32_pages_numa_fn)(HANDLE, PULONG_PTR, PULONG_PTR, DWORD);
typedef BOOL(WINAPI *w32_map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *w32_scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);
typedef LPVOID(WINAPI *w32_valloc_fn)(LPVOID, SIZE_T, DWORD, DWORD);
typedef BOOL(WINAPI *w32_vfree_fn)(LPVOID, SIZE_T, DWORD);
typedef LONG(NTAPI *nt_query_fn)(HANDLE, PVOID, ULONG, PVOID, SIZE_T, PSIZE_T);
typedef LONG(NTAPI *nt_protect_fn)(HANDLE, PVOID *, PSIZE_T, ULONG, PULONG);
typedef LONG(NTAPI *nt_lock_fn)(HANDLE, PVOID *, PSIZE_T, ULONG);
typedef SIZE_T(WINAPI *w32_query_fn)(LPCVOID, PVOID, SIZE_T);
typedef BOOL(WINAPI *w32_protect_fn)(LPVOID, SIZE_T, DWORD, PDWORD);
typedef BOOL(WINAPI *w32_lock_fn)(LPVOID, SIZE_T);

/* NtQueryVirtualMemory's MEMORY_INFORMATION_CLASS: the one class the harness asks for. */
#define MEMORY_BASIC_INFORMATION_CLASS 0

static void nt_result(awe_call_result *r, LONG status)
{
    r->has_status = 1;
    r->status = (awe_ntstatus)status;
}

static void win32_result(awe_call_result *r, BOOL ok, DWORD error)
{
    r->has_win32 = 1;
    r->win32_ok = ok != FALSE;
    r->win32_error = ok ? 0 : (uint32_t)error;
}

/* The export of call on api, or NULL after reporting it missing in r. SetLastError(0) first
 * on the Win32 layer, so that the error read after a failure is the call's own. */
static void (*entry(const awe_win_exports *x, awe_api api, awe_win_call call,
                    awe_call_result *r))(void)
{
    void (*fn)(void) = x->fn[api == AWE_API_WIN32][call];
    if (!fn && api == AWE_API_WIN32)
        win32_result(r, FALSE, AWE_WIN_ERROR_PROC_NOT_FOUND);
    else if (!fn)
        nt_result(r, (LONG)AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND);
    else if (api == AWE_API_WIN32)
        SetLastError(0);
    return fn;
}

awe_win_call awe_win_allocate_call(awe_api api, int numa)
{
    return numa && api == AWE_API_WIN32 ? AWE_WIN_ALLOCATE_NUMA : AWE_WIN_ALLOCATE;
}

void awe_win_allocate(const awe_win_exports *x, awe_api api, void *process, uintptr_t *count,
                      uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r)
{
    awe_win_call call = awe_win_allocate_call(api, numa);
    void (*fn)(void) = entry(x, api, call, r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_pages_fn)fn)(process, (PULONG_PTR)count, (PULONG_PTR)pfns));
        return;
    }
    if (call == AWE_WIN_ALLOCATE_NUMA)
        ok = ((w32_pages_numa_fn)fn)(process, (PULONG_PTR)count, (PULONG_PTR)pfns, node);
    else
        ok = ((w32_pages_fn)fn)(process, (PULONG_PTR)count, (PULONG_PTR)pfns);
    win32_result(r, ok, GetLastError());
}

void awe_win_free_pages(const awe_win_exports *x, awe_api api, void *process, uintptr_t *count,
                        uintptr_t *pfns, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_FREE, r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_pages_fn)fn)(process, (PULONG_PTR)count, (PULONG_PTR)pfns));
        return;
    }
    ok = ((w32_pages_fn)fn)(process, (PULONG_PTR)count, (PULONG_PTR)pfns);
    win32_result(r, ok, GetLastError());
}

void awe_win_map(const awe_win_exports *x, awe_api api, void *va, uintptr_t count,
                 uintptr_t *pfns, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_MAP, r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_map_fn)fn)(va, count, (PULONG_PTR)pfns));
        return;
    }
    ok = ((w32_map_fn)fn)(va, count, (PULONG_PTR)pfns);
    win32_result(r, ok, GetLastError());
}

void awe_win_scatter(const awe_win_exports *x, awe_api api, void **vas, uintptr_t count,
                     uintptr_t *pfns, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_SCATTER, r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_scatter_fn)fn)(vas, count, (PULONG_PTR)pfns));
        return;
    }
    ok = ((w32_scatter_fn)fn)(vas, count, (PULONG_PTR)pfns);
    win32_result(r, ok, GetLastError());
}

void awe_win_virtual_alloc(const awe_win_exports *x, awe_api api, void **base, size_t *size,
                           uint32_t type, uint32_t protect, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_VALLOC, r);
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        SIZE_T bytes = *size;
        nt_result(r, ((nt_valloc_fn)fn)(GetCurrentProcess(), base, 0, &bytes, type, protect));
        *size = bytes;
        return;
    }
    void *p = ((w32_valloc_fn)fn)(*base, *size, type, protect);
    win32_result(r, p != NULL, GetLastError());
    *base = p;
    *size = 0;
}

void awe_win_virtual_free(const awe_win_exports *x, awe_api api, void **address, size_t size,
                          uint32_t free_type, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_VFREE, r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        SIZE_T bytes = size;
        nt_result(r, ((nt_vfree_fn)fn)(GetCurrentProcess(), address, &bytes, free_type));
        return;
    }
    ok = ((w32_vfree_fn)fn)(*address, size, free_type);
    win32_result(r, ok, GetLastError());
}

void awe_win_query(const awe_win_exports *x, awe_api api, void *process, const void *address,
                   void *buf, size_t len, size_t *retlen, size_t *returned, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_QUERY, r);
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_query_fn)fn)(process, (PVOID)(ULONG_PTR)address,
                                       MEMORY_BASIC_INFORMATION_CLASS, buf, len, (PSIZE_T)retlen));
        return;
    }
    *returned = ((w32_query_fn)fn)(address, buf, len);
    win32_result(r, *returned != 0, GetLastError());
}

void awe_win_protect(const awe_win_exports *x, awe_api api, void *process, void *address,
                     size_t size, void **base_ptr, size_t *size_ptr, uint32_t new_protect,
                     uint32_t *old_ptr, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, AWE_WIN_PROTECT, r);
    BOOL ok;
    if (!fn)
        return;
    /* *OldProtect is a 32-bit ULONG / DWORD on Windows; through void * so that the shim's
     * 64-bit unsigned long compiles too (it is never run). */
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_protect_fn)fn)(process, base_ptr, (PSIZE_T)size_ptr, new_protect,
                                         (PULONG)(void *)old_ptr));
        return;
    }
    ok = ((w32_protect_fn)fn)(address, size, new_protect, (PDWORD)(void *)old_ptr);
    win32_result(r, ok, GetLastError());
}

awe_win_call awe_win_lock_call(int unlock)
{
    return unlock ? AWE_WIN_UNLOCK : AWE_WIN_LOCK;
}

void awe_win_lock(const awe_win_exports *x, awe_api api, int unlock, void *process,
                  void *address, size_t size, void **base_ptr, size_t *size_ptr,
                  uint32_t map_type, awe_call_result *r)
{
    void (*fn)(void) = entry(x, api, awe_win_lock_call(unlock), r);
    BOOL ok;
    if (!fn)
        return;
    if (api == AWE_API_NT) {
        nt_result(r, ((nt_lock_fn)fn)(process, base_ptr, (PSIZE_T)size_ptr, map_type));
        return;
    }
    ok = ((w32_lock_fn)fn)(address, size);
    win32_result(r, ok, GetLastError());
}
