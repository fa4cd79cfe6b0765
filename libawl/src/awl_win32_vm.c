/* SPDX-License-Identifier: Apache-2.0 */
/* awl_win32_vm.c: the Win32 wrappers of query, protect and lock. Each passes its arguments
 * straight to the Nt call on the current process (VirtualProtect hands lpflOldProtect on
 * as it is, P2; VirtualLock and VirtualUnlock use MAP_PROCESS, section 12) and turns a
 * failure into FALSE or 0 plus the last error (section 1). */
#include "awl_internal.h"

/* Q1/Q2: the size written, or 0 (a short buffer: error 24). */
AWL_SIZE_T AwlVirtualQuery(const void *lpAddress, void *lpBuffer, AWL_SIZE_T dwLength)
{
    AWL_SIZE_T written = 0;
    awe_ntstatus st = AwlNtQueryVirtualMemory(AWL_CURRENT_PROCESS, lpAddress, 0, lpBuffer, dwLength,
                                              &written);
    return awl_win32_result(st) ? written : 0;
}

AWL_BOOL AwlVirtualProtect(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD flNewProtect,
                           AWL_DWORD *lpflOldProtect)
{
    AWL_PVOID base = lpAddress;
    AWL_SIZE_T size = dwSize;
    return awl_win32_result(AwlNtProtectVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, flNewProtect,
                                            lpflOldProtect));
}

AWL_BOOL AwlVirtualLock(AWL_PVOID lpAddress, AWL_SIZE_T dwSize)
{
    AWL_PVOID base = lpAddress;
    AWL_SIZE_T size = dwSize;
    return awl_win32_result(AwlNtLockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_MAP_PROCESS));
}

AWL_BOOL AwlVirtualUnlock(AWL_PVOID lpAddress, AWL_SIZE_T dwSize)
{
    AWL_PVOID base = lpAddress;
    AWL_SIZE_T size = dwSize;
    return awl_win32_result(AwlNtUnlockVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, AWE_MAP_PROCESS));
}
