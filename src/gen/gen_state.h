/* SPDX-License-Identifier: Apache-2.0 */
/* gen_state.h: the model-only run. Runs a program prefix on the oracle alone, against an
 * "ideal backend" that answers every call the way the oracle expects (the lowest free PFNs for
 * every grant, a free base for every region), and keeps what the generators need to build
 * the next op from live resources: the regions R<j> in creation order, the PFNs in grant order
 * with their live flags (what L<i> and S<i> resolve to), the oracle itself for page queries,
 * what the backend does with each frame, and a per-op trace of outcomes for the
 * state-feedback features.
 *
 * The bookkeeping mirrors the executor's (symbolic operands resolve the same way, the same ops
 * are skipped), so a program built here means the same thing on a real backend; the ideal
 * backend is the one assumption: it never runs out, and it hands frames and injected faults
 * the way the backend with fault injection (libawl) does. Frames come back lowest first, so
 * the model-only run knows which frames given back a grant returns. An armed fault fails the
 * k-th system call of the next call: a Free first undoes the mappings of the frames it frees
 * (one call per stretch of a region, F7), then drops their data (one call per run of
 * consecutive PFNs); a failure of the latter only leaves the frames holding data until their
 * next grant, which drops it first (one call per run of such frames, A11). Other calls fail
 * at any armed fault. */
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
    /* Frames that may keep old data (GEN_FRAME_KEEPS): free, a failed release left some;
     * alloc, it granted some again (GEN_REGRANT_*); map, scatter, it mapped one of those. */
    uint8_t keeps;
} gen_op_trace;

enum {
    GEN_REGRANT_FIRST = 1, /* a frame that may keep data leads its grant */
    GEN_REGRANT_BEHIND = 2 /* one comes after a frame without in the same grant */
};

/* What the ideal backend knows of a frame, by PFN - the first PFN it hands out. */
enum {
    GEN_FRAME_FREE = 1,  /* given back, and not granted again */
    GEN_FRAME_DIRTY = 2, /* free, and its release failed under a fault: zeroed at its next grant */
    GEN_FRAME_DATA = 4,  /* has been mapped since its grant (the executor stamps it): holds data */
    GEN_FRAME_KEEPS = 8  /* live: granted again while dirty with data, not mapped since; the
                          * grant's zeroing is all that stands between it and the old data */
};

/* The system calls a Free makes on the ideal backend once its checks pass. */
typedef struct {
    unsigned unmaps;    /* undoing the mappings of the frames it frees, first */
    unsigned releases;  /* dropping their data, one per run of consecutive PFNs, lowest first */
    uint32_t with_data; /* bit r: release r + 1 drops data (a frame mapped since its grant) */
    /* bit r: a grant taking release r + 1's frames back takes a clean frame (a free frame or
     * an earlier release) before them: the grant's zeroing meets dirty frames after clean */
    uint32_t after_clean;
} gen_free_calls;

typedef struct {
    awe_model *model;
    size_t n_regions;
    gen_region region[AWE_MAX_REGIONS];
    uint64_t next_pfn, next_base;
    uint64_t pool_free; /* pages the backend's pool still holds, after a pool op */
    size_t low_free;    /* no free frame below this index */
    int pool_set;
    unsigned fault_pending;
    size_t ran;
    /* the large tables last: a new run clears only what comes before them */
    awe_symbols sym; /* the PFNs granted, live or freed: resolved as the executor does */
    gen_op_trace trace[AWE_MAX_OPS];
    /* GEN_FRAME_* by index below next_pfn - the first PFN; set when first granted, so that a
     * new run clears nothing here */
    uint8_t frame[AWE_MAX_GRANTED];
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
/* GEN_FRAME_* of a PFN (0 too for one the ideal backend never granted). */
unsigned gen_frame(const gen_state *st, uint64_t pfn);
/* Frames given back with their data still there (DIRTY and DATA): how many, the first max of
 * them (lowest first) into out (may be NULL). */
size_t gen_free_keeping(const gen_state *st, uint64_t *out, size_t max);
/* Live frames granted again that way and not mapped since (KEEPS). */
size_t gen_live_keeping(const gen_state *st);
/* The system calls the Free `op` would make in this state, for aiming a fault at one of them.
 * Returns 0 when it frees nothing (a check fails first). */
int gen_free_calls_of(const gen_state *st, const awe_op *op, gen_free_calls *out);
/* How many free frames a grant passes up to and including the free frame `pfn` (lowest
 * first); 0 when pfn is not free. */
size_t gen_grant_reach(const gen_state *st, uint64_t pfn);

#endif
