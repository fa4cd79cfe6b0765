/* SPDX-License-Identifier: Apache-2.0 */
/* backend.h: one real AWE implementation behind one small interface. The executor runs every
 * operation through these entry points with concrete arguments (real pointers, possibly bad
 * ones on purpose) and reads back what the implementation reported.
 *
 * A backend implements the Nt layer, the Win32 layer, or both (caps). When asked for a layer
 * it lacks it uses the one it has and reports only that layer's fields: a program therefore
 * runs unchanged on every backend. */
#ifndef AWE_BACKEND_H
#define AWE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "awe_defs.h"

/* What one call reported. */
typedef struct {
    int has_status;        /* the Nt layer was called */
    awe_ntstatus status;
    int has_win32;         /* the Win32 layer was called */
    int win32_ok;          /* BOOL, or "returned non-NULL" for VirtualAlloc */
    uint32_t win32_error;  /* GetLastError() right after a failing call */
} awe_call_result;

typedef struct {
    uint64_t page_limit; /* per-process page limit (A6), 0 = none */
    int privilege;       /* SeLockMemoryPrivilege enabled at start */
} awe_backend_config;

enum {
    AWE_CAP_NT = 1u << 0,
    AWE_CAP_WIN32 = 1u << 1,
    AWE_CAP_FAULTS = 1u << 2,     /* inject_fault works */
    AWE_CAP_PAGE_LIMIT = 1u << 3, /* set_page_limit works */
    AWE_CAP_POOL = 1u << 4,       /* set_pool works */
    AWE_CAP_PRIVILEGE = 1u << 5,  /* set_privilege works */
    AWE_CAP_STRICT = 1u << 6,     /* implements the NT52 rules exactly: always compared strictly */
    /* The calls act on the harness's own address space (a real Windows API): the executor
     * never lets them free, commit, reset or write memory the program did not create. */
    AWE_CAP_REAL_MEMORY = 1u << 7
};

/* A VA range [lo, hi) of whole pages. */
typedef struct {
    uint64_t lo, hi;
} awe_span;

/* Readable pages [start, end) as the system under the implementation reports them, not as the
 * implementation's own tables say: frame is the PFN behind the first page (the next pages show
 * the next PFNs), 0 when the system does not tell. direct: AWE_DIRECT_READ when plain loads
 * of the harness reach these pages without a fault of any kind (until the next call changes
 * the mappings), so they need not go through read/peek_words; AWE_DIRECT_WRITE likewise for
 * plain stores instead of write. */
typedef struct {
    uint64_t start, end, frame;
    unsigned direct;
} awe_layout_run;
enum { AWE_DIRECT_READ = 1u << 0, AWE_DIRECT_WRITE = 1u << 1 };

typedef struct awe_backend awe_backend;

typedef struct awe_backend_ops {
    const char *name;
    unsigned caps;
    /* NULL with a one-line reason in err (for example "skipped: SeLockMemoryPrivilege not held"). */
    awe_backend *(*open)(const awe_backend_config *cfg, char *err, size_t err_len);
    void (*close)(awe_backend *b);
    /* Back to an empty process state with the configuration of open(); 0 or -1. */
    int (*reset)(awe_backend *b);
    /* The concrete handle value for a symbolic handle kind. */
    void *(*handle)(awe_backend *b, awe_handle_kind kind);

    void (*allocate)(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                     uintptr_t *pfns, int numa, uint32_t node, awe_call_result *r);
    void (*free_pages)(awe_backend *b, awe_api api, void *process, uintptr_t *count,
                       uintptr_t *pfns, awe_call_result *r);
    void (*map)(awe_backend *b, awe_api api, void *va, uintptr_t count, uintptr_t *pfns,
                awe_call_result *r);
    void (*scatter)(awe_backend *b, awe_api api, void **vas, uintptr_t count, uintptr_t *pfns,
                    awe_call_result *r);
    /* *base: in, the requested address (NULL = anywhere); out, the region's base.
     * *size: in, bytes; out, the rounded size (0 when the layer does not tell). */
    void (*virtual_alloc)(awe_backend *b, awe_api api, void **base, size_t *size, uint32_t type,
                          uint32_t protect, awe_call_result *r);
    void (*virtual_free)(awe_backend *b, awe_api api, void *address, size_t size,
                         uint32_t free_type, awe_call_result *r);

    /* VirtualQuery / NtQueryVirtualMemory(MemoryBasicInformation) (Q1..Q9). buf and len as
     * the call takes them; retlen is the Nt layer's ReturnLength (NULL: not asked for);
     * *returned: what the Win32 layer returned (the bytes written, 0 on failure; left alone
     * on the Nt layer). */
    void (*query)(awe_backend *b, awe_api api, void *process, const void *address, void *buf,
                  size_t len, size_t *retlen, size_t *returned, awe_call_result *r);
    /* VirtualProtect / NtProtectVirtualMemory (P1..P13). The Win32 layer takes address and
     * size; the Nt layer the pointers base_ptr and size_ptr (which hold them, or are bad on
     * purpose) and writes the rounded range through them. old_ptr: *OldProtect. */
    void (*protect)(awe_backend *b, awe_api api, void *process, void *address, size_t size,
                    void **base_ptr, size_t *size_ptr, uint32_t new_protect, uint32_t *old_ptr,
                    awe_call_result *r);
    /* VirtualLock / VirtualUnlock (unlock 1) and NtLockVirtualMemory / NtUnlockVirtualMemory
     * (L1..L8), with the arguments as protect passes them; map_type on the Nt layer only. */
    void (*lock)(awe_backend *b, awe_api api, int unlock, void *process, void *address,
                 size_t size, void **base_ptr, size_t *size_ptr, uint32_t map_type,
                 awe_call_result *r);

    /* Controls: 0 on success, -1 when the backend cannot (see caps). set_pool sizes the
     * physical pool so that exactly free_pages more pages can be granted from now on (A7, A8);
     * pages freed later go back to it at once. */
    int (*set_privilege)(awe_backend *b, int on);
    int (*set_page_limit)(awe_backend *b, uint64_t pages);
    int (*set_pool)(awe_backend *b, uint64_t free_pages);
    /* Arms a fault at the k-th internal system call of the next call (0 disarms); that call
     * then completes as if nothing failed or fails with INSUFFICIENT_RESOURCES, changing
     * nothing. */
    int (*inject_fault)(awe_backend *b, unsigned k);
    /* The pages the physical pool can grant, asked right after open() or reset(): 0 with
     * *free_pages set, or -1 when the backend cannot tell (NULL likewise: a real Windows,
     * whose pool is the machine's memory). Told, the oracle knows every grant exactly
     * (min(request, limit - owned, pool free)); untold, it allows any partial grant and
     * INSUFFICIENT_RESOURCES (docs/allowances.md). */
    int (*query_pool)(awe_backend *b, uint64_t *free_pages);

    /* Fault-safe access to the own address space: 0, or -1 when any byte faults. */
    int (*read)(awe_backend *b, const void *va, void *buf, size_t len);
    int (*write)(awe_backend *b, void *va, const void *buf, size_t len);
    /* One 64-bit word at each address; ok[i] = 1 when readable. */
    void (*peek_words)(awe_backend *b, const void *const *addrs, size_t n, uint64_t *words,
                       unsigned char *ok);
    /* Optional, NULL when the system offers no such view: the readable runs in the n spans
     * (ascending, disjoint) in address order, clipped to the spans (layout_run above). Fills
     * at most max, returns how many there are, or -1 when the system cannot tell (the
     * executor then probes page by page). */
    long (*layout)(awe_backend *b, const awe_span *spans, size_t n, awe_layout_run *runs,
                   size_t max);
} awe_backend_ops;

/* The backends compiled into this build, and lookup by name (NULL when unknown). */
const awe_backend_ops *awe_backend_find(const char *name);
/* "linux" or "win32, nt": for messages. */
const char *awe_backend_list(void);
const awe_backend_ops *awe_backend_default(void);

#endif
