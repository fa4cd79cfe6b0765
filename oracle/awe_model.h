/* SPDX-License-Identifier: Apache-2.0 */
/* awe_model.h: the reference model (oracle) of one Windows process's AWE state, and the
 * expected outcome of every AWE call on it, rule by rule as docs/rules.md
 * states them (rule ids A1..A12, M1..M10, S1..S9, F1..F8, V1..V9, C1..C4, Q1..Q9, P1..P13,
 * L1..L8).
 *
 * Pure C11: no system calls, no global state, deterministic. The model never touches the
 * caller's memory: pointer arguments are described (awe_buf) and values are passed by the
 * caller. Addresses and PFNs are plain numbers chosen by the real implementation; where the
 * model cannot know a value (PFNs granted, the base of a new region, the size of a partial
 * grant when the pool is not known) it states what is allowed and adopts what the
 * implementation returned (docs/allowances.md).
 *
 * Two kinds of entry points:
 *   - deterministic calls (map, scatter, free, virtual_free, read, write): one function computes
 *     the expected outcome and applies it to the model;
 *   - calls with free choices (allocate, virtual_alloc): *_expect() states what is allowed without
 *     changing the model, *_adopt() checks what the implementation did and applies it. */
#ifndef AWE_MODEL_H
#define AWE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "awe_defs.h"
#include "awe_rules.h"

typedef struct awe_model awe_model;

typedef struct {
    awe_buf_kind kind;
    uint64_t valid; /* accessible entries (OK, READONLY); ignored otherwise */
} awe_buf;

/* The expected outcome of one call. Every field that can be compared carries the rule that
 * decided it and that rule's evidence, so a comparator can treat NT52 and INF fields as soft. */
typedef struct {
    awe_rule rule;            /* rule that decided the status */
    awe_ntstatus status;      /* expected NTSTATUS (for Win32 calls, the status behind the error) */
    awe_evidence ev_outcome;  /* evidence for success vs failure */
    awe_evidence ev_status;   /* evidence for the exact status code / Win32 error */
    int win32_ok;             /* expected Win32 result: BOOL, or non-NULL for VirtualAlloc */
    uint32_t win32_error;     /* expected GetLastError() when !win32_ok */
    int precall;              /* the Win32 wrapper fails before any Nt call (V7) */

    /* *NumberOfPages after the call (Allocate, Free). */
    int count_written;        /* 1: written with `count` (Free) or the grant (Allocate) */
    uint64_t count;           /* expected value when written (Free); Allocate: the value
                               * before the call, which a failure leaves (A9) */
    awe_rule count_rule;
    awe_evidence ev_count;

    /* Allocate: what may be granted. On success the grant lies in [grant_min, grant_max];
     * INSUFFICIENT_RESOURCES (A7) is allowed as well when may_fail_resources is set. With the
     * pool known (awe_model_config.pool_known) both are exact: grant_min == grant_max ==
     * min(request, limit - owned, pool free) and may_fail_resources is 0; a pool with no page
     * left makes the expected status INSUFFICIENT_RESOURCES itself (rule A7). */
    uint64_t grant_min, grant_max;
    int may_fail_resources;

    /* The state change (or, for a failure, the absence of one). */
    awe_rule state_rule;
    awe_evidence ev_state;

    /* VirtualAlloc (V1): the region a success reserves. region_size 0: a success changes no
     * region (a commit inside an existing one). region_base 0: the system picks the base,
     * aligned to region_align. region_awe: MEM_PHYSICAL. may_fail_resources allows
     * NO_MEMORY, INSUFFICIENT_RESOURCES and COMMITMENT_LIMIT (and CONFLICTING_ADDRESSES
     * at a fixed base, which memory the model does not know may hold). */
    uint64_t region_base, region_size, region_align;
    int region_awe;

    /* Plain memory (V1, V5): what a success commits, so that query, protect and lock know the
     * pages' state. commit_protect: the protection given (for V1 also the new region's
     * AllocationProtect, Q4). V1: the whole new region is committed when commit_pages != 0.
     * V5: commit_pages pages from commit_base. */
    uint64_t commit_base, commit_pages;
    uint32_t commit_protect;
} awe_expect;

/* A difference between what the implementation did and what the model allows. */
typedef struct {
    awe_rule rule;
    awe_evidence ev;
    const char *field;  /* "status", "count", "pfn", "base", ... (static string) */
    char detail[160];   /* human-readable: expected vs actual */
} awe_mismatch;

typedef struct {
    uint64_t page_limit; /* per-process AWE page limit (A6); 0 = none */
    int privilege;       /* SeLockMemoryPrivilege enabled at start (A5) */
    /* The physical pool behind A7/A8, when the implementation reports it (libawl does; a real
     * Windows does not): pool_known 1 makes every grant exact, pool_free pages can be granted
     * at start. pool_known 0: any grant from 1 up, or INSUFFICIENT_RESOURCES, is allowed. */
    int pool_known;
    uint64_t pool_free;
} awe_model_config;

typedef enum { AWE_REGION_AWE = 0, AWE_REGION_PLAIN = 1 } awe_region_kind;

typedef struct {
    uint64_t base;  /* first byte */
    uint64_t pages; /* size in pages */
    awe_region_kind kind;
} awe_region_info;

/* What one page of the address space holds, and the rule behind its last change. */
typedef struct {
    int in_awe_region; /* the page lies in a live AWE region */
    int mapped;        /* a PFN is mapped there (else an access faults, C2) */
    uint64_t pfn;      /* when mapped */
    uint64_t tag;      /* content tag of that PFN; 0 = all zeros */
    uint16_t stamp;    /* frame stamp of that PFN (awe_model_stamp); 0 = none yet */
    awe_rule rule;     /* rule behind the mapping state (M8, M9, S5, S8, F7, V6, ...) */
    awe_evidence ev;
    awe_rule content_rule; /* rule behind the content (C1 written, A11/C4 fresh zero) */
    uint32_t protect;  /* the page's protection: a mapped AWE page's (READWRITE after every map,
                        * P11; READONLY / NOACCESS after P9), a committed plain page's; 0 for
                        * an unmapped AWE page (Q5), a reserved plain page, unknown memory */
} awe_page_state;

/* Life cycle. new/clone return NULL only when out of memory. */
awe_model *awe_model_new(const awe_model_config *cfg);
awe_model *awe_model_clone(const awe_model *m);
void awe_model_destroy(awe_model *m);
/* 1 when the two models hold the same observable and hidden state (used for M7/S7 checks). */
int awe_model_equal(const awe_model *a, const awe_model *b);
void awe_model_set_privilege(awe_model *m, int on);
/* Change the per-process page limit (A6) between calls; 0 = none. */
void awe_model_set_page_limit(awe_model *m, uint64_t pages);
/* The pool was sized so that exactly `pages` more pages can be granted (A7, A8): the pool is
 * known from now on, whatever the config said. */
void awe_model_set_pool_free(awe_model *m, uint64_t pages);
/* 1 and *pages = what the pool can still grant when the model knows it, else 0. */
int awe_model_pool_free(const awe_model *m, uint64_t *pages);

/* AllocateUserPhysicalPages(Numa) (A1..A12). `count_in` is *NumberOfPages as the caller set
 * it; `numa` selects the Numa form (A12, node is only a preference). */
void awe_model_allocate_expect(const awe_model *m, awe_api api, awe_handle_kind handle,
                               const awe_buf *count_ptr, uint64_t count_in,
                               const awe_buf *pfn_array, int numa, uint32_t node,
                               awe_expect *out);
/* Checks the implementation's result (status, *NumberOfPages, PFNs: A8..A10) against `e`
 * and adopts it. Returns 0 and applies the change, or returns -1, fills *mm and leaves the
 * model unchanged. `got_count` is *NumberOfPages after the call, `pfns` the array. */
int awe_model_allocate_adopt(awe_model *m, const awe_expect *e, awe_ntstatus got_status,
                             uint64_t got_count, const uint64_t *pfns, awe_mismatch *mm);

/* FreeUserPhysicalPages (F1..F8). `pfns` holds the first min(count_in, valid) entries. */
void awe_model_free(awe_model *m, awe_api api, awe_handle_kind handle,
                    const awe_buf *count_ptr, uint64_t count_in,
                    const awe_buf *pfn_array, const uint64_t *pfns, awe_expect *out);

/* MapUserPhysicalPages (M1..M10). pfn_array NULL kind = unmap form (M8). */
void awe_model_map(awe_model *m, awe_api api, uint64_t va, uint64_t count,
                   const awe_buf *pfn_array, const uint64_t *pfns, awe_expect *out);

/* MapUserPhysicalPagesScatter (S1..S9). */
void awe_model_scatter(awe_model *m, awe_api api, const awe_buf *va_array, const uint64_t *vas,
                       uint64_t count, const awe_buf *pfn_array, const uint64_t *pfns,
                       awe_expect *out);

/* VirtualAlloc / NtAllocateVirtualMemory (V1..V5). `address` is 0 or an address inside a
 * region the model knows; size in bytes. adopt() takes the base and size the call returned. */
void awe_model_virtual_alloc_expect(const awe_model *m, awe_api api, uint64_t address,
                                    uint64_t size, uint32_t type, uint32_t protect,
                                    awe_expect *out);
int awe_model_virtual_alloc_adopt(awe_model *m, const awe_expect *e, awe_ntstatus got_status,
                                  uint64_t got_base, uint64_t got_size, awe_mismatch *mm);

/* VirtualFree / NtFreeVirtualMemory (V6..V9). */
void awe_model_virtual_free(awe_model *m, awe_api api, uint64_t address, uint64_t size,
                            uint32_t free_type, awe_expect *out);

/* VirtualQuery / NtQueryVirtualMemory(MemoryBasicInformation) (Q1..Q9). `buf` describes the
 * MBI buffer (valid = bytes accessible), `length` the length argument, `retlen` the
 * ReturnLength pointer (AWE_BUF_NULL = not given; Win32 never gives it). On success *mbi is
 * the expected MEMORY_BASIC_INFORMATION and *fields says which fields to compare and how
 * (Q5 Protect of an unmapped page soft, Q8 only State/BaseAddress/RegionSize). Win32:
 * e->win32_ok means VirtualQuery returned sizeof(MBI), else it returned 0. */
typedef struct {
    unsigned compare;   /* AWE_MBI_F_* bits to compare */
    unsigned soft;      /* of those, the ones compared softly (NT52/INF evidence) */
} awe_mbi_fields;
enum { AWE_MBI_F_BASE = 1, AWE_MBI_F_ALLOC_BASE = 2, AWE_MBI_F_ALLOC_PROTECT = 4,
       AWE_MBI_F_SIZE = 8, AWE_MBI_F_STATE = 16, AWE_MBI_F_PROTECT = 32, AWE_MBI_F_TYPE = 64 };
void awe_model_query(const awe_model *m, awe_api api, awe_handle_kind handle, uint64_t address,
                     const awe_buf *buf, uint64_t length, const awe_buf *retlen,
                     awe_expect *e, awe_mbi *mbi, awe_mbi_fields *fields);
/* VirtualProtect / NtProtectVirtualMemory (P1..P13). base_ptr / size_ptr: the Nt layer's
 * BaseAddress and RegionSize pointers (Win32 passes its own, always fine: give AWE_BUF_OK);
 * old_ptr: OldProtect (lpflOldProtect). On success *out_base, *out_size are the rounded
 * range (P8) and *old_protect is P10's value; the change is applied (P9). A failure changes
 * nothing (P7). */
void awe_model_protect(awe_model *m, awe_api api, awe_handle_kind handle,
                       const awe_buf *base_ptr, const awe_buf *size_ptr, uint64_t base,
                       uint64_t size, uint32_t new_protect, const awe_buf *old_ptr,
                       awe_expect *e, uint64_t *out_base, uint64_t *out_size,
                       uint32_t *old_protect);
/* VirtualLock / VirtualUnlock / NtLockVirtualMemory / NtUnlockVirtualMemory (L1..L8).
 * unlock: 0 lock, 1 unlock. map_type: the Nt layer's MapType (Win32: AWE_MAP_PROCESS).
 * The quota check (L4) is not modelled: a lock past L3 sets e->may_fail_resources when its
 * range is large enough for STATUS_WORKING_SET_QUOTA under the default working set. */
void awe_model_lock(awe_model *m, awe_api api, int unlock, awe_handle_kind handle,
                    const awe_buf *base_ptr, const awe_buf *size_ptr, uint64_t base,
                    uint64_t size, uint32_t map_type, awe_expect *e, uint64_t *out_base,
                    uint64_t *out_size);
/* 1 when the plain page at va is locked (VirtualLock), else 0. */
int awe_model_page_locked(const awe_model *m, uint64_t va);

/* Plain memory access through a VA (C1..C4). Return 1 when the access succeeds, 0 when it
 * faults. A write stores `tag` as the whole content of the PFN mapped there. The page's
 * protection applies (P13): READONLY faults writes, NOACCESS every access. */
int awe_model_read(const awe_model *m, uint64_t va, uint64_t *tag);
int awe_model_write(awe_model *m, uint64_t va, uint64_t tag);

/* State queries, for comparison against an implementation. */
int awe_model_has_bitmap(const awe_model *m);
uint64_t awe_model_owned_count(const awe_model *m);
int awe_model_pfn_owned(const awe_model *m, uint64_t pfn);
uint64_t awe_model_pfn_va(const awe_model *m, uint64_t pfn); /* 0 when not mapped */
uint64_t awe_model_mapped_count(const awe_model *m);        /* owned PFNs mapped now: O(1) */
uint64_t awe_model_pfn_tag(const awe_model *m, uint64_t pfn);
size_t awe_model_region_count(const awe_model *m);
/* Live regions in ascending base order; returns 0, or -1 when i is out of range. */
int awe_model_region_at(const awe_model *m, size_t i, awe_region_info *out);
void awe_model_page_state(const awe_model *m, uint64_t va, awe_page_state *out);
/* Frame identity: a harness that cannot see which frame sits behind an unwritten page marks
 * each frame with a stamp of its own the first time it is mapped. The model carries the stamp
 * with the PFN's content (C1) and forgets it with the PFN (a PFN freed and granted again is
 * fresh, A11). */
void awe_model_stamp(awe_model *m, uint64_t pfn, uint16_t stamp);
typedef struct {
    uint64_t va, pfn, tag;
    uint16_t stamp;
    uint16_t protect; /* READWRITE, or what a protect set (P9): NOACCESS pages do not read */
} awe_mapped_page;
/* Every mapped page in ascending VA order: fills at most max, returns how many there are. */
size_t awe_model_mapped_pages(const awe_model *m, awe_mapped_page *out, size_t max);

/* The invariants of spec section 2: the VA -> PFN map is injective, every mapped PFN is
 * owned, mappings lie only inside live AWE regions, counts agree; protections sit only on
 * mapped AWE pages or committed plain pages, locks only on committed plain pages. Returns 0 when they hold,
 * else -1 with a sentence in why. */
int awe_model_check_invariants(const awe_model *m, char *why, size_t why_len);

#endif
