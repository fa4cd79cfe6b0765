/* SPDX-License-Identifier: Apache-2.0 */
/* win_exports.c: run-time lookup of the AWE entry points (see win_exports.h). */
#include "win_exports.h"

void (*awe_win_proc(const char *dll, const char *name))(void)
{
    HMODULE m = GetModuleHandleA(dll);
    if (!m)
        m = LoadLibraryA(dll);
    /* through void (*)(void), the one function type every other converts to without warning */
    return m ? (void (*)(void))GetProcAddress(m, name) : NULL;
}

static const char *const export_names[2][AWE_WIN_CALL_COUNT] = {
    [AWE_API_NT] = {"NtAllocateUserPhysicalPages", NULL, "NtFreeUserPhysicalPages",
                    "NtMapUserPhysicalPages", "NtMapUserPhysicalPagesScatter",
                    "NtAllocateVirtualMemory", "NtFreeVirtualMemory", "NtQueryVirtualMemory",
                    "NtProtectVirtualMemory", "NtLockVirtualMemory", "NtUnlockVirtualMemory"},
    [AWE_API_WIN32] = {"AllocateUserPhysicalPages", "AllocateUserPhysicalPagesNuma",
                       "FreeUserPhysicalPages", "MapUserPhysicalPages",
                       "MapUserPhysicalPagesScatter", "VirtualAlloc", "VirtualFree",
                       "VirtualQuery", "VirtualProtect", "VirtualLock", "VirtualUnlock"},
};

const char *awe_win_export_name(awe_api api, awe_win_call call)
{
    return export_names[api == AWE_API_WIN32][call];
}

void awe_win_exports_load(awe_win_exports *x)
{
    for (int layer = 0; layer < 2; layer++) {
        const char *dll = layer == AWE_API_WIN32 ? "kernel32.dll" : "ntdll.dll";
        for (int c = 0; c < AWE_WIN_CALL_COUNT; c++)
            x->fn[layer][c] = export_names[layer][c] ? awe_win_proc(dll, export_names[layer][c]) : NULL;
    }
}
