/* SPDX-License-Identifier: Apache-2.0 */
/* backend_win32.c: the real Win32 AWE API (kernel32): AllocateUserPhysicalPages(Numa),
 * FreeUserPhysicalPages, MapUserPhysicalPages(Scatter), VirtualAlloc, VirtualFree, compared
 * on the BOOL and GetLastError. Implements the Win32 layer only (ops asked for the Nt layer
 * run here too and are compared as Win32 calls). Every AWE entry point is looked up at run
 * time: one that is missing fails its calls with ERROR_PROC_NOT_FOUND (127), so an
 * implementation without it (Wine has no MapUserPhysicalPagesScatter) is reported op by op,
 * not refused by the loader. The calls themselves are win/win_calls.c, shared with the nt
 * backend and the exported reproducers. Not strict: modern Windows may differ from the NT52
 * rules. */
#include "win_process.h"

static awe_backend *w32_open(const awe_backend_config *cfg, char *err, size_t err_len)
{
    return awe_win_open(AWE_API_WIN32, cfg, err, err_len);
}

const awe_backend_ops awe_backend_win32 = AWE_WIN_BACKEND_OPS("win32", AWE_CAP_WIN32, w32_open);
