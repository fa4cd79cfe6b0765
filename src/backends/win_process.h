/* win_process.h: what the two Windows backends (backend_win32.c, backend_nt.c) share: the
 * process they act on. It owns SeLockMemoryPrivilege handling, the SELF / NO_VM_OPERATION
 * process handles, fault-safe access to the own address space, run-time lookup of exports
 * (a missing export is reported per call, never a load failure), and the bookkeeping of what
 * a program created, so that a reset releases exactly the program's regions and pages and
 * nothing of the harness. */
#ifndef AWE_WIN_PROCESS_H
#define AWE_WIN_PROCESS_H

#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "backend.h"

/* What a call reports when its export is missing: the loader's codes for the same fact. */
#define AWE_WIN_STATUS_ENTRYPOINT_NOT_FOUND 0xC0000139u
#define AWE_WIN_ERROR_PROC_NOT_FOUND 127u

/* Regions and pages one program can create (a reserve per op at most; grants up to the
 * executor's bookkeeping limit). */
#define AWE_WIN_MAX_REGIONS 64
#define AWE_WIN_MAX_PFNS 4096

typedef LONG(NTAPI *awe_nt_rw_fn)(HANDLE, PVOID, PVOID, SIZE_T, SIZE_T *);

typedef struct {
    awe_backend_config cfg;
    HANDLE self, novm;
    awe_nt_rw_fn nt_read, nt_write; /* NtReadVirtualMemory / NtWriteVirtualMemory */
    /* Frees one page with the backend's own layer (cleanup); 0 when freed. */
    int (*free_one)(void *ctx, uintptr_t pfn);
    void *free_ctx;
    size_t n_regions;
    uintptr_t region_base[AWE_WIN_MAX_REGIONS];
    size_t region_size[AWE_WIN_MAX_REGIONS];
    size_t n_pfns;
    uintptr_t pfn[AWE_WIN_MAX_PFNS];
} awe_win_process;

/* A function from a loaded DLL, or NULL when the DLL does not export it. */
void (*awe_win_proc(const char *dll, const char *name))(void);
#define AWE_WIN_PROC(type, dll, name) ((type)awe_win_proc(dll, name))

/* Enables (on) or disables SeLockMemoryPrivilege in the process token; 0, or -1 when the
 * token does not hold it (it can then be neither enabled nor needed). */
int awe_win_set_lock_privilege(int on);

/* Opens the process state for cfg: the privilege as cfg asks (cfg->privilege on and the
 * privilege not held -> -1 with "skipped: SeLockMemoryPrivilege not held" in err), the
 * handles, the probes. */
int awe_win_open(awe_win_process *w, const awe_backend_config *cfg, char *err, size_t err_len);
/* Releases what the current program created, then closes the handles. */
void awe_win_close(awe_win_process *w);
/* Releases what the current program created and restores the privilege of open(). */
int awe_win_reset(awe_win_process *w);
void *awe_win_handle(awe_win_process *w, awe_handle_kind kind);

/* Backend entry points both Windows backends share. Their struct awe_backend begins with an
 * awe_win_process, so a backend pointer is a pointer to it. close also frees the backend. */
void awe_win_op_close(awe_backend *b);
int awe_win_op_reset(awe_backend *b);
void *awe_win_op_handle(awe_backend *b, awe_handle_kind kind);
int awe_win_op_set_privilege(awe_backend *b, int on);
int awe_win_op_read(awe_backend *b, const void *va, void *buf, size_t len);
int awe_win_op_write(awe_backend *b, void *va, const void *buf, size_t len);
void awe_win_op_peek_words(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                           unsigned char *ok);

/* The controls the real API lacks (page limit, pool size, fault injection): always -1. */
int awe_win_no_control(awe_backend *b, uint64_t value);
int awe_win_no_fault(awe_backend *b, unsigned k);

/* Bookkeeping after a call that succeeded. */
void awe_win_note_granted(awe_win_process *w, const uintptr_t *count, const uintptr_t *pfns);
void awe_win_note_reserved(awe_win_process *w, void *base, size_t size);
void awe_win_note_released(awe_win_process *w, void *base);

/* Fault-safe access to the own address space (the backend interface's read/write/peek). */
int awe_win_read(awe_win_process *w, const void *va, void *buf, size_t len);
int awe_win_write(awe_win_process *w, void *va, const void *buf, size_t len);
void awe_win_peek_words(awe_win_process *w, const void *const *addrs, size_t n, uint64_t *words,
                        unsigned char *ok);

#endif
