/* win_process.c: the process services both Windows backends share (see win_process.h). */
#include <stdlib.h>

#include "win_process.h"

#include <stdio.h>
#include <string.h>

void (*awe_win_proc(const char *dll, const char *name))(void)
{
    HMODULE m = GetModuleHandleA(dll);
    if (!m)
        m = LoadLibraryA(dll);
    /* through void (*)(void), the one function type every other converts to without warning */
    return m ? (void (*)(void))GetProcAddress(m, name) : NULL;
}

int awe_win_set_lock_privilege(int on)
{
    HANDLE token;
    TOKEN_PRIVILEGES tp;
    int rc = -1;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token))
        return -1;
    tp.PrivilegeCount = 1;
    tp.Privileges[0].Attributes = on ? SE_PRIVILEGE_ENABLED : 0;
    /* AdjustTokenPrivileges succeeds for privileges the token lacks, and says so only in
     * the last error (ERROR_NOT_ALL_ASSIGNED). */
    if (LookupPrivilegeValueA(NULL, "SeLockMemoryPrivilege", &tp.Privileges[0].Luid) &&
        AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL) && GetLastError() == ERROR_SUCCESS)
        rc = 0;
    CloseHandle(token);
    return rc;
}

/* Gives back what the current program created: its regions (which unmaps their pages, V6),
 * then its pages. Only what the bookkeeping recorded, never anything of the harness. */
static void release_program(awe_win_process *w)
{
    for (size_t i = w->n_regions; i-- > 0;)
        VirtualFree((void *)w->region_base[i], 0, MEM_RELEASE);
    w->n_regions = 0;
    for (size_t i = 0; i < w->n_pfns && w->free_one; i++)
        w->free_one(w->free_ctx, w->pfn[i]); /* a page freed by the program fails: harmless */
    w->n_pfns = 0;
}

static int set_start_privilege(const awe_win_process *w, char *err, size_t err_len)
{
    if (awe_win_set_lock_privilege(w->cfg.privilege) == 0 || !w->cfg.privilege)
        return 0; /* a privilege that is not held is also not enabled: fine when off is asked */
    snprintf(err, err_len, "skipped: SeLockMemoryPrivilege not held");
    return -1;
}

int awe_win_open(awe_win_process *w, const awe_backend_config *cfg, char *err, size_t err_len)
{
    DWORD pid = GetCurrentProcessId();
    w->cfg = *cfg;
    if (set_start_privilege(w, err, err_len) != 0)
        return -1;
    w->self = OpenProcess(PROCESS_VM_OPERATION | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    w->novm = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (!w->self || !w->novm) {
        snprintf(err, err_len, "cannot open handles to the own process (error %lu)",
                 (unsigned long)GetLastError());
        awe_win_close(w);
        return -1;
    }
    w->nt_read = AWE_WIN_PROC(awe_nt_rw_fn, "ntdll.dll", "NtReadVirtualMemory");
    w->nt_write = AWE_WIN_PROC(awe_nt_rw_fn, "ntdll.dll", "NtWriteVirtualMemory");
    return 0;
}

void awe_win_close(awe_win_process *w)
{
    release_program(w);
    if (w->self)
        CloseHandle(w->self);
    if (w->novm)
        CloseHandle(w->novm);
    w->self = w->novm = NULL;
}

int awe_win_reset(awe_win_process *w)
{
    char err[64];
    release_program(w);
    return set_start_privilege(w, err, sizeof err);
}

void *awe_win_handle(awe_win_process *w, awe_handle_kind kind)
{
    switch (kind) {
    case AWE_HANDLE_SELF: return w->self;
    case AWE_HANDLE_NO_VM_OPERATION: return w->novm;
    case AWE_HANDLE_NULL: return NULL;
    /* beyond any handle table (2^24 entries of 4): never a handle */
    case AWE_HANDLE_GARBAGE: return (void *)(uintptr_t)0x7BADBAD0u;
    default: return GetCurrentProcess();
    }
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

void awe_win_note_granted(awe_win_process *w, const uintptr_t *count, const uintptr_t *pfns)
{
    uintptr_t n, v;
    if (awe_win_read(w, count, &n, sizeof n) != 0)
        return;
    for (uintptr_t i = 0; i < n && w->n_pfns < AWE_WIN_MAX_PFNS; i++)
        if (awe_win_read(w, pfns + i, &v, sizeof v) == 0)
            w->pfn[w->n_pfns++] = v;
}

static int find_region(const awe_win_process *w, uintptr_t va, size_t *at)
{
    for (size_t i = 0; i < w->n_regions; i++)
        if (va >= w->region_base[i] && va - w->region_base[i] < w->region_size[i]) {
            *at = i;
            return 1;
        }
    return 0;
}

void awe_win_note_reserved(awe_win_process *w, void *base, size_t size)
{
    size_t at;
    uintptr_t va = (uintptr_t)base;
    if (!base || find_region(w, va, &at) || w->n_regions == AWE_WIN_MAX_REGIONS)
        return; /* a commit inside a region the program made is no new region */
    w->region_base[w->n_regions] = va;
    w->region_size[w->n_regions++] = size ? size : 1;
}

void awe_win_note_released(awe_win_process *w, void *base)
{
    size_t at;
    if (!find_region(w, (uintptr_t)base, &at))
        return;
    w->n_regions--;
    memmove(&w->region_base[at], &w->region_base[at + 1], (w->n_regions - at) * sizeof w->region_base[0]);
    memmove(&w->region_size[at], &w->region_size[at + 1], (w->n_regions - at) * sizeof w->region_size[0]);
}

int awe_win_read(awe_win_process *w, const void *va, void *buf, size_t len)
{
    SIZE_T got = 0;
    if (w->nt_read)
        return w->nt_read(GetCurrentProcess(), (PVOID)(uintptr_t)va, buf, len, &got) >= 0 && got == len ? 0 : -1;
    return ReadProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len ? 0 : -1;
}

int awe_win_write(awe_win_process *w, void *va, const void *buf, size_t len)
{
    SIZE_T got = 0;
    /* NtWriteVirtualMemory, not WriteProcessMemory: the latter makes read-only pages writable
     * for the time of the write, which would hide a protection the test must see. */
    if (w->nt_write)
        return w->nt_write(GetCurrentProcess(), va, (PVOID)(uintptr_t)buf, len, &got) >= 0 && got == len ? 0 : -1;
    return WriteProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len ? 0 : -1;
}

void awe_win_peek_words(awe_win_process *w, const void *const *addrs, size_t n, uint64_t *words,
                        unsigned char *ok)
{
    for (size_t i = 0; i < n; i++) {
        ok[i] = awe_win_read(w, addrs[i], &words[i], sizeof words[i]) == 0;
        if (!ok[i])
            words[i] = 0;
    }
}

/* ---- backend entry points shared by win32 and nt ---- */

static awe_win_process *proc_of(awe_backend *b)
{
    return (awe_win_process *)(void *)b; /* the backend struct begins with it */
}

void awe_win_op_close(awe_backend *b)
{
    awe_win_close(proc_of(b));
    free(b);
}

int awe_win_op_reset(awe_backend *b)
{
    return awe_win_reset(proc_of(b));
}

void *awe_win_op_handle(awe_backend *b, awe_handle_kind kind)
{
    return awe_win_handle(proc_of(b), kind);
}

int awe_win_op_set_privilege(awe_backend *b, int on)
{
    (void)b;
    return awe_win_set_lock_privilege(on);
}

int awe_win_op_read(awe_backend *b, const void *va, void *buf, size_t len)
{
    return awe_win_read(proc_of(b), va, buf, len);
}

int awe_win_op_write(awe_backend *b, void *va, const void *buf, size_t len)
{
    return awe_win_write(proc_of(b), va, buf, len);
}

void awe_win_op_peek_words(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                           unsigned char *ok)
{
    awe_win_peek_words(proc_of(b), addrs, n, words, ok);
}
