/* SPDX-License-Identifier: Apache-2.0 */
/* model_internal.h: the private state of the reference model and the helpers its modules
 * share (keyed tables, region lists, page slots, expectation filling). Only oracle/model_*.c
 * and white-box tests include it; everyone else goes through awe_model.h. */
#ifndef AWE_MODEL_INTERNAL_H
#define AWE_MODEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "awe_model.h"

#define MODEL_LARGE_PAGE_SIZE 0x200000ull /* MEM_LARGE_PAGES size and alignment unit */

/* ---- keyed table: an open-addressing hash over a dense item array ----
 * Every item starts with its uint64_t key. Items are dense (swap-removed), so iteration and
 * comparison are linear; lookups are O(1) expected. */
typedef struct {
    size_t elem_size;
    size_t count, cap;     /* items in use, items allocated */
    unsigned char *items;
    uint32_t *slots;       /* 0 = empty, else item index + 1 */
    size_t nslots;         /* 0 or a power of two, at least twice count */
} model_table;

void table_init(model_table *t, size_t elem_size);
void table_free(model_table *t);
int table_clone(model_table *dst, const model_table *src);
void *table_find(const model_table *t, uint64_t key);
/* Room for `more` inserts that then cannot fail; 0 or -1 when out of memory. */
int table_reserve(model_table *t, size_t more);
/* The item for key, created zeroed (with its key) when absent; NULL when out of memory. */
void *table_insert(model_table *t, uint64_t key);
void table_remove(model_table *t, uint64_t key);
void *table_at(const model_table *t, size_t i);

/* ---- owned PFNs and VA page slots ---- */
typedef struct {
    uint64_t pfn;     /* key; never 0 */
    uint64_t tag;     /* content (C1); 0 = all zeros */
    uint64_t vpn;     /* VA page it is mapped at, when mapped */
    uint64_t mark;    /* scratch: epoch of the call that last listed it (duplicate checks) */
    uint8_t mapped;
    uint8_t written;  /* content set by a write (C1) rather than fresh (A11) */
    uint16_t stamp;   /* the harness's frame identity (awe_model_stamp); 0 = none yet */
} model_pfn;

/* A page of a live AWE region that some call has touched; pages without a slot are unmapped
 * and untouched since their region was reserved. */
typedef struct {
    uint64_t vpn;     /* key: va >> 12 */
    uint64_t pfn;     /* 0 = unmapped */
    uint64_t mark;    /* scratch epoch (S8/S9 detection) */
    uint8_t rule;     /* awe_rule behind the last change */
    uint8_t ev;       /* its awe_evidence */
    uint16_t protect; /* while mapped: READWRITE from Map/Scatter (P11) or what P9 set; else 0 */
} model_slot;

/* ---- plain regions: committed state, protection and locks (model_plain.c) ----
 * One record per live plain region holds the state of its pages without a page entry; a page
 * entry exists only where a page differs from that (or is locked), so a region committed or
 * decommitted whole costs no page entries. */
typedef struct {
    uint64_t base;          /* key: the region's base */
    uint32_t alloc_protect; /* AllocationProtect (the VirtualAlloc protection) */
    uint32_t protect;       /* pages without an entry: 0 reserved, else committed so */
} model_plain_region;

typedef struct {
    uint64_t vpn;     /* key */
    uint32_t protect; /* 0 reserved, else committed with this protection */
    uint8_t locked;   /* VirtualLock'ed (only while committed) */
} model_plain_page;

/* ---- regions: sorted by base (live) or in release order (released) ---- */
typedef struct {
    awe_region_info *v;
    size_t n, cap;
} model_regions;

void regions_free(model_regions *r);
int regions_clone(model_regions *dst, const model_regions *src);
int regions_equal(const model_regions *a, const model_regions *b);
int regions_insert_sorted(model_regions *r, const awe_region_info *info);
int regions_append(model_regions *r, const awe_region_info *info);
void regions_remove_at(model_regions *r, size_t i);
/* The region holding byte va (binary search over a sorted list), or NULL; *idx set if found. */
const awe_region_info *regions_find(const model_regions *r, uint64_t va, size_t *idx);
/* A region of a sorted list sharing a byte with [first, last], or NULL. */
const awe_region_info *regions_overlap(const model_regions *r, uint64_t first, uint64_t last);
/* The most recently released region holding va (linear, newest first), or NULL. */
const awe_region_info *regions_find_released(const model_regions *r, uint64_t va);
uint64_t region_last_byte(const awe_region_info *r);

struct awe_model {
    awe_model_config cfg;
    int privilege;      /* A5, changes with awe_model_set_privilege */
    int has_bitmap;     /* M4/S3/F4; never cleared (A0) */
    int oom;            /* the model ran out of memory applying a change; invariants fail */
    /* A7/A8: the pages the implementation's pool can still grant, when known (the config or
     * a pool control said so). Allocate takes its grant, Free gives the freed pages back at
     * once (libawl returns them to the pool in the same call); releasing a region frees
     * none (V6: its PFNs stay owned). */
    int pool_known;
    uint64_t pool_free;
    model_table pfns;   /* model_pfn: the owned PFNs */
    uint64_t mapped;    /* how many of them are mapped (slot_set and slot_clear keep it) */
    model_table slots;  /* model_slot: VA page -> PFN (the reverse of model_pfn.vpn) */
    model_regions live;
    model_regions released; /* page_state reports V6 for their pages */
    model_table plain_regions; /* model_plain_region, one per live plain region */
    model_table plain_pages;   /* model_plain_page, pages differing from their region */
    uint64_t epoch;     /* scratch counter for marks; not part of the state */
};

/* ---- page operations (model_pages.c) ---- */
model_pfn *pfn_find(const awe_model *m, uint64_t pfn);
model_slot *slot_find(const awe_model *m, uint64_t vpn);
/* Point an existing slot at pfn (0 = unmap). The PFN it held becomes unmapped; the new one
 * must be owned and unmapped. */
void slot_set(awe_model *m, model_slot *s, uint64_t pfn, awe_rule rule, awe_evidence ev);
/* Unmap every page in [first_vpn, first_vpn + n) and stamp existing slots with rule. Cost is
 * O(min(n, slots)), so a huge range stays cheap. */
void pages_unmap_range(awe_model *m, uint64_t first_vpn, uint64_t n, awe_rule rule,
                       awe_evidence ev);
/* The same, then forget the slots (a released region). */
void pages_drop_range(awe_model *m, uint64_t first_vpn, uint64_t n);

/* ---- plain pages (model_plain.c) ---- */
/* A new plain region: AllocationProtect alloc_protect, every page committed with protect (0:
 * reserved only). Sets m->oom when out of memory. */
void plain_region_add(awe_model *m, uint64_t base, uint32_t alloc_protect, uint32_t protect);
/* The region was released (V6): its pages' state goes with it. */
void plain_region_forget(awe_model *m, const awe_region_info *r);
uint32_t plain_alloc_protect(const awe_model *m, const awe_region_info *r);
/* The page's protection (0 = reserved) and lock; r is the live plain region holding it. */
uint32_t plain_page_protect(const awe_model *m, const awe_region_info *r, uint64_t vpn,
                            int *locked);
void plain_page_put(awe_model *m, const awe_region_info *r, uint64_t vpn, uint32_t protect,
                    int locked);
/* V5: commit n pages from first_vpn with protect (locks stay); V8: decommit (locks go). */
void plain_commit(awe_model *m, const awe_region_info *r, uint64_t first_vpn, uint64_t n,
                  uint32_t protect);
void plain_decommit(awe_model *m, const awe_region_info *r, uint64_t first_vpn, uint64_t n);
/* NULL when the plain state is consistent with the live regions, else what is wrong (at
 * *va when it concerns a page). */
const char *plain_check(const awe_model *m, uint64_t *va);
int plain_equal(const awe_model *a, const awe_model *b);

/* ---- protections (model_protect.c) ---- */
/* P13: whether a mapped AWE page with this protection allows the access. */
int protect_allows(uint32_t protect, int write);

/* ---- expectations and arguments (model_expect.c) ---- */
void expect_begin(awe_expect *e);
void expect_fail(awe_expect *e, awe_rule rule, awe_ntstatus status, awe_evidence ev_outcome,
                 awe_evidence ev_status);
void expect_success(awe_expect *e, awe_rule rule, awe_evidence ev_outcome,
                    awe_evidence ev_status);
void expect_state(awe_expect *e, awe_rule rule, awe_evidence ev);
void expect_count(awe_expect *e, uint64_t count, awe_rule rule, awe_evidence ev);
/* A4/F3: 0 when the handle is usable, else the failure status. */
awe_ntstatus model_handle_status(awe_handle_kind handle);
/* Whether n entries can be written / read (n == 0: always, nothing is touched). */
int buf_writable(const awe_buf *b, uint64_t n);
int buf_readable(const awe_buf *b, uint64_t n);
void mismatch_set(awe_mismatch *mm, awe_rule rule, awe_evidence ev, const char *field,
                  const char *fmt, ...)
#if defined(__MINGW32__) && !defined(__clang__) /* gcc: plain "printf" is msvcrt's there, no %zu */
    __attribute__((format(gnu_printf, 5, 6)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static inline uint64_t page_of(uint64_t va) { return va & ~(uint64_t)(AWE_PAGE_SIZE - 1); }
static inline uint64_t vpn_of(uint64_t va) { return va >> AWE_PAGE_SHIFT; }

#endif
