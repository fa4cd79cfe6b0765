/* SPDX-License-Identifier: Apache-2.0 */
/* backend_nt.c: the real Nt layer (ntdll): NtAllocateUserPhysicalPages,
 * NtFreeUserPhysicalPages, NtMapUserPhysicalPages(Scatter), NtAllocateVirtualMemory and
 * NtFreeVirtualMemory, compared by exact NTSTATUS. Implements the Nt layer only (ops asked
 * for the Win32 layer run here too and are compared as Nt calls). Every entry point is looked
 * up in ntdll at run time: one that is missing fails its calls with
 * STATUS_ENTRYPOINT_NOT_FOUND, so an ntdll without the AWE calls (Wine's) is reported op by
 * op, not refused by the loader. The calls themselves are win/win_calls.c, shared with the
 * win32 backend and the exported reproducers. Not strict: modern Windows may differ from the
 * NT52 rules. */
#include "win_process.h"

static awe_backend *nt_open(const awe_backend_config *cfg, char *err, size_t err_len)
{
    return awe_win_open(AWE_API_NT, cfg, err, err_len);
}

const awe_backend_ops awe_backend_nt = AWE_WIN_BACKEND_OPS("nt", AWE_CAP_NT, nt_open);
