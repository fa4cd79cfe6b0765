/* SPDX-License-Identifier: Apache-2.0 */
/* win_exports.h: the entry points the AWE calls reach on each layer (kernel32 for Win32,
 * ntdll for Nt), looked up at run time. A missing export is no load failure: its slot is
 * NULL and the call reports the loader's code (win_calls.h), so an implementation without it
 * (Wine's ntdll has no Nt*UserPhysicalPages*) is measured op by op. windows.h only: the
 * Windows backends compile it and `awefuzz export` embeds it in every reproducer. */
#ifndef AWE_WIN_EXPORTS_H
#define AWE_WIN_EXPORTS_H

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "awe_defs.h"

/* The calls, the same on both layers. */
typedef enum {
    AWE_WIN_ALLOCATE = 0,  /* (Nt)AllocateUserPhysicalPages */
    AWE_WIN_ALLOCATE_NUMA, /* AllocateUserPhysicalPagesNuma (the Nt call has no node, A12) */
    AWE_WIN_FREE,          /* (Nt)FreeUserPhysicalPages */
    AWE_WIN_MAP,           /* (Nt)MapUserPhysicalPages */
    AWE_WIN_SCATTER,       /* (Nt)MapUserPhysicalPagesScatter */
    AWE_WIN_VALLOC,        /* NtAllocateVirtualMemory / VirtualAlloc */
    AWE_WIN_VFREE,         /* NtFreeVirtualMemory / VirtualFree */
    AWE_WIN_QUERY,         /* NtQueryVirtualMemory / VirtualQuery */
    AWE_WIN_PROTECT,       /* NtProtectVirtualMemory / VirtualProtect */
    AWE_WIN_LOCK,          /* NtLockVirtualMemory / VirtualLock */
    AWE_WIN_UNLOCK,        /* NtUnlockVirtualMemory / VirtualUnlock */
    AWE_WIN_CALL_COUNT
} awe_win_call;

/* One slot per layer (awe_api) and call; NULL when not exported. Cast to the call's type
 * at the call site (win_calls.c). */
typedef struct {
    void (*fn[2][AWE_WIN_CALL_COUNT])(void);
} awe_win_exports;

/* A function from a DLL (loaded when it is not yet), or NULL when it does not export it. */
void (*awe_win_proc(const char *dll, const char *name))(void);

/* The exported name of a call on a layer, e.g. "NtMapUserPhysicalPagesScatter"; NULL where
 * the layer has no such call (the Nt layer's NUMA variant). */
const char *awe_win_export_name(awe_api api, awe_win_call call);

/* Looks up every call on both layers. */
void awe_win_exports_load(awe_win_exports *x);

#endif
