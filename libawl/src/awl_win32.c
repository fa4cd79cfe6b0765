/* SPDX-License-Identifier: Apache-2.0 */
/* awl_win32.c: the Win32-style wrappers. Each is a pass-through to its Nt call that turns
 * a failure status into FALSE/NULL plus a per-thread last error (spec section 1); the one
 * exception is VirtualFree's own parameter check (V7). */
#include "awl_internal.h"

static _Thread_local AWL_DWORD last_error;

AWL_DWORD AwlGetLastError(void)
{
    return last_error;
}

void AwlSetLastError(AWL_DWORD err)
{
    last_error = err;
}

AWL_BOOL awl_win32_result(awe_ntstatus st)
{
    if (AWE_NT_SUCCESS(st))
        return 1;
    last_error = awe_status_to_win32(st);
    return 0;
}

AWL_BOOL AwlAllocateUserPhysicalPages(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                      AWL_ULONG_PTR *PageArray)
{
    return awl_win32_result(AwlNtAllocateUserPhysicalPages(hProcess, NumberOfPages, PageArray));
}

/* A12: the node is only a preference; this machine model has one. */
AWL_BOOL AwlAllocateUserPhysicalPagesNuma(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                          AWL_ULONG_PTR *PageArray, AWL_DWORD nndPreferred)
{
    (void)nndPreferred;
    return awl_win32_result(AwlNtAllocateUserPhysicalPages(hProcess, NumberOfPages, PageArray));
}

AWL_BOOL AwlFreeUserPhysicalPages(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                  AWL_ULONG_PTR *PageArray)
{
    return awl_win32_result(AwlNtFreeUserPhysicalPages(hProcess, NumberOfPages, PageArray));
}

AWL_BOOL AwlMapUserPhysicalPages(AWL_PVOID VirtualAddress, AWL_ULONG_PTR NumberOfPages,
                                 AWL_ULONG_PTR *PageArray)
{
    return awl_win32_result(AwlNtMapUserPhysicalPages(VirtualAddress, NumberOfPages, PageArray));
}

AWL_BOOL AwlMapUserPhysicalPagesScatter(AWL_PVOID *VirtualAddresses, AWL_ULONG_PTR NumberOfPages,
                                        AWL_ULONG_PTR *PageArray)
{
    return awl_win32_result(AwlNtMapUserPhysicalPagesScatter(VirtualAddresses, NumberOfPages, PageArray));
}

AWL_PVOID AwlVirtualAlloc(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD flAllocationType,
                          AWL_DWORD flProtect)
{
    AWL_PVOID base = lpAddress;
    AWL_SIZE_T size = dwSize;
    awe_ntstatus st = AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, &base, 0, &size,
                                                 flAllocationType, flProtect);
    return awl_win32_result(st) ? base : NULL;
}

AWL_BOOL AwlVirtualFree(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD dwFreeType)
{
    /* V7: a release names the whole region by its base alone. */
    if ((dwFreeType & AWE_MEM_RELEASE) && dwSize != 0) {
        last_error = AWE_ERROR_INVALID_PARAMETER;
        return 0;
    }
    AWL_PVOID base = lpAddress;
    AWL_SIZE_T size = dwSize;
    return awl_win32_result(AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, &base, &size, dwFreeType));
}
