/* SPDX-License-Identifier: Apache-2.0 */
/* gen_state.h: the model-only run. Runs a program prefix on the oracle alone, against an
 * "ideal backend" that answers every call the way the oracle expects (a fresh PFN for every
 * page granted, a free base for every region), and keeps what the generators need to build
 * the next op from live resources: the regions R<j> in creation order, the PFNs in grant order
 * with their live flags (what L<i> and S<i> resolve to), the oracle itself for page queries,
 * and a per-op trace of outcomes for the state-feedback features.
 *
 * The bookkeeping mirrors the executor's (symbolic operands resolve the same way, the same ops
 * are skipped), so a program built here means the same thing on a real backend; the ideal
 * backend is the one assumption: it never runs out and never reuses a freed PFN. */
#ifndef AWE_GEN_STATE_H
#define AWE_GEN_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "awe_model.h"
#include "program.h"
#include "symbols.h"


typedef struct {
    uint64_t base, pages;
    uint8_t awe;  /* reserved with MEM_PHYSICAL */
    uint8_t live; /* not released yet */
} gen_region;

/* What one op did, and the state right after it. */
typedef struct {
    uint8_t ran;          /* 0: skipped, as the executor skips it */
    uint8_t access_ok;    /* read, write: the access worked */
    uint8_t freed_mapped; /* free: frames it released were mapped */
    uint8_t zero_entries; /* scatter: entries with PFN 0 (unmaps) */
    uint16_t list_len;    /* the entries of its PFN or address list */
    uint8_t at_end;       /* map: the range ends exactly at its region's end */
    awe_ntstatus status;  /* calls: the status the oracle expected */
    uint16_t mapped;      /* mapped pages after the op */
    uint16_t live;        /* live PFNs after the op */
    uint8_t regions;      /* live AWE regions after the op */
    uint8_t stale;        /* some PFN was freed by now */
} gen_op_trace;

typedef struct {
    awe_model *model;
    size_t n_regions;
    gen_region region[AWE_MAX_REGIONS];
    uint64_t next_pfn, next_base;
    uint64_t pool_free; /* pages the backend's pool still holds, after a pool op */
    int pool_set;
    unsigned fault_pending;
    size_t ran;
    /* the large tables last: a new run clears only what comes before them */
    awe_symbols sym; /* the PFNs granted, live or freed: resolved as the executor does */
    gen_op_trace trace[AWE_MAX_OPS];
} gen_state;

/* An empty process with the lock-memory privilege held, as the fuzz targets start. Returns 0,
 * or -1 when out of memory. The state holds an oracle until gen_state_free. */
int gen_state_begin(gen_state *st);
/* Runs one more op (its trace goes to trace[ran] while there is room). */
void gen_state_step(gen_state *st, const awe_op *op);
/* begin, then ops [0, upto) of p (upto is clamped to p->n). */
int gen_state_run(gen_state *st, const awe_program *p, size_t upto);
void gen_state_free(gen_state *st);

/* Resolution of symbolic operands, the executor's rules (symbols.c). */
uint64_t gen_resolve_addr(const gen_state *st, const awe_addr *a);
uint64_t gen_resolve_pfn(const gen_state *st, const awe_pfn_ref *r);
uint64_t gen_resolve_count(const awe_count *c, size_t list_len);

/* Queries for the generators. Live indices are positions among the live PFNs in grant order
 * (what L<i> names); stale ones among the freed PFNs (S<i>). */
size_t gen_live_count(const gen_state *st);
size_t gen_stale_count(const gen_state *st);
uint64_t gen_live_pfn(const gen_state *st, size_t i);
/* The VA the i-th live PFN is mapped at, 0 when unmapped. */
uint64_t gen_live_va(const gen_state *st, size_t i);
/* -1 when the value is no live PFN of the program. */
int gen_live_index_of(const gen_state *st, uint64_t pfn);
/* A region the program can map into and access: live and AWE. */
int gen_region_usable(const gen_state *st, size_t j);
size_t gen_usable_regions(const gen_state *st);
/* The PFN mapped at page `page` of region j, 0 when none. */
uint64_t gen_page_pfn(const gen_state *st, size_t j, unsigned page);
size_t gen_mapped_pages(const gen_state *st);

#endif
