/* SPDX-License-Identifier: Apache-2.0 */
/* awl.h: AWE for Linux. A real implementation of the Windows Address Windowing Extensions
 * API on Linux, with the semantics of the NT kernel (docs/rules.md,
 * including the NT52 rules, exactly): physical pages are pages of a memfd, AWE regions are
 * PROT_NONE reservations, mapping is mmap(MAP_SHARED|MAP_FIXED) of memfd pages.
 *
 * Two layers over one process-wide state:
 *   - Nt-style calls returning NTSTATUS (AwlNt*),
 *   - Win32-style calls with the Windows signatures returning BOOL / PVOID and setting a
 *     per-thread last error (Awl*, AwlGetLastError).
 * Names carry the Awl prefix so the same sources build next to <windows.h>.
 *
 * Every user array and out-parameter is captured or written the way the NT kernel probes
 * them (the kernel copies it to or from a private memfd with pwrite / pread): a bad pointer
 * yields STATUS_ACCESS_VIOLATION, never a crash, and no signal handler is installed. All
 * calls are thread-safe. */
#ifndef AWL_H
#define AWL_H

#include <stddef.h>
#include <stdint.h>

#include "awe_defs.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int AWL_BOOL;
typedef uint32_t AWL_DWORD;
typedef uint32_t AWL_ULONG;
typedef uintptr_t AWL_ULONG_PTR;
typedef size_t AWL_SIZE_T;
typedef void *AWL_PVOID;
typedef void *AWL_HANDLE;
typedef awe_ntstatus AWL_NTSTATUS;

#define AWL_CURRENT_PROCESS ((AWL_HANDLE)(intptr_t)-1)

/* ---- setup and control (not part of the Windows API) ---- */

typedef struct {
    size_t pool_pages; /* physical pages in the pool; 0 = default (65536, 256 MiB) */
    size_t page_limit; /* per-process AWE page limit (A6); 0 = none */
    int privilege;     /* SeLockMemoryPrivilege held at start */
} awl_config;

/* Sets up the process-wide state (idempotent when already set up with the same config).
 * Returns 0, or -1 with errno set when the memfd pool cannot be created. */
int awl_init(const awl_config *cfg);
/* Back to empty: every region released, every page freed, the PFN bitmap gone, handles
 * closed, privilege and limits as configured. No fd, VMA or page leaks. Returns 0 or -1. */
int awl_reset(void);
/* Releases everything including the pool. */
void awl_shutdown(void);

/* The stand-in for SeLockMemoryPrivilege being enabled in the caller's token (A5). */
void awl_set_lock_privilege(int enabled);
/* Change the per-process page limit (A6) at run time; 0 = none. */
void awl_set_page_limit(size_t pages);
/* For test harnesses that address pages symbolically (region j, page k): with guard_pages
 * > 0, every region placed anywhere is followed by that many inaccessible pages no later
 * region takes, and a released region's range stays held (inaccessible, in no region) until
 * awl_reset, so a page past a region's end or of a released region is never another region's,
 * whatever addresses the system picks. Costs address space, not memory. 0 (the default): the
 * system picks freely, as on Windows. Returns 0. */
int awl_set_placement_guard(size_t guard_pages);
/* Size the pool so that exactly `free_pages` more pages can be allocated from now on (to
 * produce partial grants, A8, and exhaustion, A7, on demand). Returns 0, or -1 when the pool
 * cannot hold that many. awl_reset() restores the configured pool. */
int awl_set_pool_free(size_t free_pages);
/* Open a handle to the own process with the given access mask (AWE_PROCESS_VM_OPERATION ...).
 * Returns NULL when the handle table is full. */
AWL_HANDLE awl_open_process(AWL_DWORD access);
void awl_close_handle(AWL_HANDLE h);

/* Fault injection for tests: the k-th (1-based) internal system call made by the next
 * Awl call fails with `err` (for example ENOMEM). k = 0 disarms. The call must then either
 * complete as if nothing failed or fail with STATUS_INSUFFICIENT_RESOURCES and no change. */
void awl_fault_inject(unsigned k, int err);
/* Number of internal system calls the last Awl call made (to enumerate fault positions). */
unsigned awl_last_syscall_count(void);

/* Safe access to the own address space: 0 on success, -1 when any byte faults. */
int awl_probe_read(const void *addr, void *buf, size_t len);
int awl_probe_write(void *addr, const void *buf, size_t len);
/* Reads one 64-bit word at each of n addresses; ok[i] = 1 when readable. One or a few
 * system calls for the whole batch. Returns the number readable. */
size_t awl_probe_words(const void *const *addrs, size_t n, uint64_t *words, unsigned char *ok);
/* The readable mappings the kernel holds in [start, end), in address order, clipped to the
 * range: the kernel's view, not the library's, for checking the library. pfn is the PFN of a
 * run's first page when the run shows pool pages (the next pages follow in order), else 0.
 * flags: AWL_RUN_WRITABLE when the mapping is writable too; AWL_RUN_IN_POOL when every page
 * of the run lies inside the pool's file, so that plain loads from the run (and plain stores,
 * when it is writable) take no signal until the mappings change: a caller may then read (and
 * write) it directly instead of through awl_probe_read (awl_probe_write).
 * Fills at most max runs and returns how many there are (more than max: call again with room),
 * or -1 when the kernel cannot tell. */
typedef struct {
    uintptr_t start, end;
    uint64_t pfn;
    unsigned flags;
} awl_layout_run;
#define AWL_RUN_WRITABLE 1u
#define AWL_RUN_IN_POOL 2u
long awl_probe_layout(uintptr_t start, uintptr_t end, awl_layout_run *runs, size_t max);
/* The same for several ranges, ascending and disjoint, at once: the runs of each range in
 * turn, clipped to it. Cheaper than one call per range: where one range ends, the kernel's
 * answer (the next readable mapping) also serves for the ranges after it. */
typedef struct {
    uintptr_t start, end;
} awl_range;
long awl_probe_layout_ranges(const awl_range *ranges, size_t n, awl_layout_run *runs,
                             size_t max);

/* Counters, for tests and the benchmark. */
typedef struct {
    size_t pages_owned;   /* allocated and not freed */
    size_t pages_mapped;
    size_t regions;       /* live AWE + plain regions */
    size_t pool_free;     /* pool pages not owned */
    size_t vmas_estimate; /* mappings the library holds (coalesced runs) */
} awl_stats;
void awl_get_stats(awl_stats *out);

/* ---- Nt layer ---- */

AWL_NTSTATUS AwlNtAllocateUserPhysicalPages(AWL_HANDLE ProcessHandle, AWL_ULONG_PTR *NumberOfPages,
                                            AWL_ULONG_PTR *UserPfnArray);
AWL_NTSTATUS AwlNtFreeUserPhysicalPages(AWL_HANDLE ProcessHandle, AWL_ULONG_PTR *NumberOfPages,
                                        AWL_ULONG_PTR *UserPfnArray);
AWL_NTSTATUS AwlNtMapUserPhysicalPages(AWL_PVOID VirtualAddress, AWL_ULONG_PTR NumberOfPages,
                                       AWL_ULONG_PTR *UserPfnArray);
AWL_NTSTATUS AwlNtMapUserPhysicalPagesScatter(AWL_PVOID *VirtualAddresses,
                                              AWL_ULONG_PTR NumberOfPages,
                                              AWL_ULONG_PTR *UserPfnArray);
AWL_NTSTATUS AwlNtAllocateVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                        AWL_ULONG_PTR ZeroBits, AWL_SIZE_T *RegionSize,
                                        AWL_ULONG AllocationType, AWL_ULONG Protect);
AWL_NTSTATUS AwlNtFreeVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                    AWL_SIZE_T *RegionSize, AWL_ULONG FreeType);

/* Query, protect and lock (docs/rules.md sections 10-12) on the regions of this library:
 * AWE regions (MEM_PHYSICAL) and plain ones (private memory). Answers come from the
 * library's own state; addresses outside its regions are MEM_FREE to it (Q8).
 * - Query: MemoryInformationClass 0 (MemoryBasicInformation, an awe_mbi) only; any other
 *   class is STATUS_INVALID_PARAMETER. The handle needs PROCESS_QUERY_INFORMATION (0x400) or
 *   PROCESS_QUERY_LIMITED_INFORMATION.
 * - Protect: on AWE pages READWRITE, READONLY or NOACCESS (P6), real (mprotect of the mapped
 *   pages, P9/P13) and ended by any Map, Scatter or Free of the page (P11). On plain pages
 *   every committed page takes any well-formed protection but WRITECOPY
 *   (STATUS_INVALID_PARAMETER_4); an uncommitted page fails with STATUS_NOT_COMMITTED
 *   (0xC000002D, Win32 487). GUARD, NOCACHE and WRITECOMBINE are stored, not honoured.
 * - Lock / Unlock: plain committed pages only (mlock); AWE regions fail the lock with
 *   STATUS_INCOMPATIBLE_FILE_MAP (L5) and end an unlock (L8). Ranges above 13 pages fail with
 *   STATUS_WORKING_SET_QUOTA (L4, the WRK's default minimum working set of 20 pages). A lock
 *   that meets pages already locked returns STATUS_WAS_LOCKED (0x00000019, a success). */
AWL_NTSTATUS AwlNtQueryVirtualMemory(AWL_HANDLE ProcessHandle, const void *BaseAddress,
                                     AWL_ULONG MemoryInformationClass, void *MemoryInformation,
                                     AWL_SIZE_T MemoryInformationLength, AWL_SIZE_T *ReturnLength);
AWL_NTSTATUS AwlNtProtectVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                       AWL_SIZE_T *RegionSize, AWL_ULONG NewProtect,
                                       AWL_ULONG *OldProtect);
AWL_NTSTATUS AwlNtLockVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                    AWL_SIZE_T *RegionSize, AWL_ULONG MapType);
AWL_NTSTATUS AwlNtUnlockVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                      AWL_SIZE_T *RegionSize, AWL_ULONG MapType);

/* ---- Win32 layer ---- */

AWL_BOOL AwlAllocateUserPhysicalPages(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                      AWL_ULONG_PTR *PageArray);
AWL_BOOL AwlAllocateUserPhysicalPagesNuma(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                          AWL_ULONG_PTR *PageArray, AWL_DWORD nndPreferred);
AWL_BOOL AwlFreeUserPhysicalPages(AWL_HANDLE hProcess, AWL_ULONG_PTR *NumberOfPages,
                                  AWL_ULONG_PTR *PageArray);
AWL_BOOL AwlMapUserPhysicalPages(AWL_PVOID VirtualAddress, AWL_ULONG_PTR NumberOfPages,
                                 AWL_ULONG_PTR *PageArray);
AWL_BOOL AwlMapUserPhysicalPagesScatter(AWL_PVOID *VirtualAddresses, AWL_ULONG_PTR NumberOfPages,
                                        AWL_ULONG_PTR *PageArray);
AWL_PVOID AwlVirtualAlloc(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD flAllocationType,
                          AWL_DWORD flProtect);
AWL_BOOL AwlVirtualFree(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD dwFreeType);
/* lpBuffer receives an awe_mbi (MEMORY_BASIC_INFORMATION); returns its size or 0. */
AWL_SIZE_T AwlVirtualQuery(const void *lpAddress, void *lpBuffer, AWL_SIZE_T dwLength);
AWL_BOOL AwlVirtualProtect(AWL_PVOID lpAddress, AWL_SIZE_T dwSize, AWL_DWORD flNewProtect,
                           AWL_DWORD *lpflOldProtect);
AWL_BOOL AwlVirtualLock(AWL_PVOID lpAddress, AWL_SIZE_T dwSize);
AWL_BOOL AwlVirtualUnlock(AWL_PVOID lpAddress, AWL_SIZE_T dwSize);
AWL_DWORD AwlGetLastError(void);
void AwlSetLastError(AWL_DWORD err);

#ifdef __cplusplus
}
#endif

#endif
