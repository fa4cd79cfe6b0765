/* SPDX-License-Identifier: Apache-2.0 */
/* win_self.c: the own process (see win_self.h). */
#include "win_self.h"

#include "win_exports.h"

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

int awe_win_self_open(awe_win_self *s)
{
    DWORD pid = GetCurrentProcessId();
    s->self = OpenProcess(PROCESS_VM_OPERATION | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    s->novm = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    s->nt_read = (awe_nt_rw_fn)awe_win_proc("ntdll.dll", "NtReadVirtualMemory");
    s->nt_write = (awe_nt_rw_fn)awe_win_proc("ntdll.dll", "NtWriteVirtualMemory");
    if (s->self && s->novm)
        return 0;
    DWORD error = GetLastError();
    awe_win_self_close(s);
    SetLastError(error);
    return -1;
}

void awe_win_self_close(awe_win_self *s)
{
    if (s->self)
        CloseHandle(s->self);
    if (s->novm)
        CloseHandle(s->novm);
    s->self = s->novm = NULL;
}

HANDLE awe_win_self_handle(const awe_win_self *s, awe_handle_kind kind)
{
    switch (kind) {
    case AWE_HANDLE_SELF: return s->self;
    case AWE_HANDLE_NO_VM_OPERATION: return s->novm;
    case AWE_HANDLE_NULL: return NULL;
    /* beyond any handle table (2^24 entries of 4): never a handle */
    case AWE_HANDLE_GARBAGE: return (HANDLE)(ULONG_PTR)0x7BADBAD0u;
    default: return GetCurrentProcess();
    }
}

int awe_win_self_read(const awe_win_self *s, const void *va, void *buf, size_t len)
{
    SIZE_T got = 0;
    if (s->nt_read)
        return s->nt_read(GetCurrentProcess(), (PVOID)(ULONG_PTR)va, buf, len, &got) >= 0 && got == len ? 0 : -1;
    return ReadProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len ? 0 : -1;
}

int awe_win_self_write(const awe_win_self *s, void *va, const void *buf, size_t len)
{
    SIZE_T got = 0;
    /* NtWriteVirtualMemory, not WriteProcessMemory: the latter makes read-only pages writable
     * for the time of the write, which would hide a protection the test must see. */
    if (s->nt_write)
        return s->nt_write(GetCurrentProcess(), va, (PVOID)(ULONG_PTR)buf, len, &got) >= 0 && got == len ? 0 : -1;
    return WriteProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len ? 0 : -1;
}
