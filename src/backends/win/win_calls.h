/* SPDX-License-Identifier: Apache-2.0 */
/* win_calls.h: the AWE and virtual-memory calls of the real API, one function per call, on
 * the layer asked for: the Nt layer reports the NTSTATUS, the Win32 layer the BOOL and the
 * last error (awe_call_result). A call whose export is missing reports what the loader
 * reports for the same fact. windows.h only: the win32 and nt backends call these, and
 * `awefuzz export` embeds them, so a reproducer makes exactly the calls the backend made. */
#ifndef AWE_WIN_CALLS_H
#define AWE_WIN_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "win_exports.h"

/* What a call reports when its export is missing: the loader's codes for the same fact. */
#define AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND 0xC0000139u
#define AWE_WIN_ERROR_PROC_NOT_FOUND 127u

/* The call allocate makes on a layer: the Nt layer has no NUMA variant (A12). */
awe_win_call awe_win_allocate_call(awe_api api, int numa);

void awe_win_allocate(const awe_win_exports *x, awe_api api, void *process, uintptr_t *count,
                      uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r);
void awe_win_free_pages(const awe_win_exports *x, awe_api api, void *process, uintptr_t *count,
                        uintptr_t *pfns, awe_call_result *r);
void awe_win_map(const awe_win_exports *x, awe_api api, void *va, uintptr_t count,
                 uintptr_t *pfns, awe_call_result *r);
void awe_win_scatter(const awe_win_exports *x, awe_api api, void **vas, uintptr_t count,
                     uintptr_t *pfns, awe_call_result *r);
/* On the own process. *base: in, the address asked for (NULL: anywhere); out, the base the
 * call returned. *size: in, bytes; out, the size the Nt layer reports, 0 on the Win32 layer
 * (VirtualAlloc does not say). */
void awe_win_virtual_alloc(const awe_win_exports *x, awe_api api, void **base, size_t *size,
                           uint32_t type, uint32_t protect, awe_call_result *r);
/* On the own process. *address: in, the address passed; out, the base the Nt layer reports
 * (unchanged on the Win32 layer). */
void awe_win_virtual_free(const awe_win_exports *x, awe_api api, void **address, size_t size,
                          uint32_t free_type, awe_call_result *r);
/* VirtualQuery / NtQueryVirtualMemory(MemoryBasicInformation) on `process` (the Win32 layer:
 * the own process). retlen: the Nt layer's ReturnLength; *returned: the Win32 layer's result
 * (bytes written, 0 on failure). */
void awe_win_query(const awe_win_exports *x, awe_api api, void *process, const void *address,
                   void *buf, size_t len, size_t *retlen, size_t *returned, awe_call_result *r);
/* VirtualProtect(address, size) / NtProtectVirtualMemory(process, base_ptr, size_ptr). */
void awe_win_protect(const awe_win_exports *x, awe_api api, void *process, void *address,
                     size_t size, void **base_ptr, size_t *size_ptr, uint32_t new_protect,
                     uint32_t *old_ptr, awe_call_result *r);
/* VirtualLock / VirtualUnlock(address, size) or NtLockVirtualMemory /
 * NtUnlockVirtualMemory(process, base_ptr, size_ptr, map_type) (unlock 1). */
awe_win_call awe_win_lock_call(int unlock);
void awe_win_lock(const awe_win_exports *x, awe_api api, int unlock, void *process,
                  void *address, size_t size, void **base_ptr, size_t *size_ptr,
                  uint32_t map_type, awe_call_result *r);

#endif
