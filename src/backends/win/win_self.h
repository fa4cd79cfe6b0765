/* SPDX-License-Identifier: Apache-2.0 */
/* win_self.h: the own process as the AWE calls see it: SeLockMemoryPrivilege, the process
 * handles a program names symbolically (h=cur, self, novm, null, bad), and fault-safe access
 * to the own address space, so that a page that faults is reported, not crashed on.
 * windows.h only: the Windows backends use it and `awefuzz export` embeds it. */
#ifndef AWE_WIN_SELF_H
#define AWE_WIN_SELF_H

#include <stddef.h>

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "awe_defs.h"

typedef LONG(NTAPI *awe_nt_rw_fn)(HANDLE, PVOID, PVOID, SIZE_T, SIZE_T *);

typedef struct {
    HANDLE self, novm;              /* with and without PROCESS_VM_OPERATION */
    awe_nt_rw_fn nt_read, nt_write; /* NtReadVirtualMemory / NtWriteVirtualMemory, or NULL */
} awe_win_self;

/* Enables (on) or disables SeLockMemoryPrivilege in the process token; 0, or -1 when the
 * token does not hold it (it can then be neither enabled nor needed). */
int awe_win_set_lock_privilege(int on);

/* Opens the handles and looks up the probes; 0, or -1 with GetLastError() telling why. */
int awe_win_self_open(awe_win_self *s);
void awe_win_self_close(awe_win_self *s);
/* The concrete handle a symbolic one stands for. */
HANDLE awe_win_self_handle(const awe_win_self *s, awe_handle_kind kind);

/* Fault-safe copies from and to the own address space: 0, or -1 when any byte faults. */
int awe_win_self_read(const awe_win_self *s, const void *va, void *buf, size_t len);
int awe_win_self_write(const awe_win_self *s, void *va, const void *buf, size_t len);

#endif
