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

/* No page limit, pool size or fault injection: the real API has no such controls. */
const awe_backend_ops awe_backend_win32 = {
    .name = "win32",
    .caps = AWE_CAP_WIN32 | AWE_CAP_PRIVILEGE | AWE_CAP_REAL_MEMORY,
    .open = w32_open,
    .close = awe_win_op_close,
    .reset = awe_win_op_reset,
    .handle = awe_win_op_handle,
    .allocate = awe_win_op_allocate,
    .free_pages = awe_win_op_free_pages,
    .map = awe_win_op_map,
    .scatter = awe_win_op_scatter,
    .virtual_alloc = awe_win_op_virtual_alloc,
    .virtual_free = awe_win_op_virtual_free,
    .query = awe_win_op_query,
    .protect = awe_win_op_protect,
    .lock = awe_win_op_lock,
    .set_privilege = awe_win_op_set_privilege,
    .set_page_limit = awe_win_no_control,
    .set_pool = awe_win_no_control,
    .inject_fault = awe_win_no_fault,
    .read = awe_win_op_read,
    .write = awe_win_op_write,
    .peek_words = awe_win_op_peek_words,
};
