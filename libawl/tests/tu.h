/* SPDX-License-Identifier: Apache-2.0 */
/* tu.h: helpers shared by the Linux backend tests: a fresh library state, caller buffers
 * of every kind the NT kernel must survive (NULL, PROT_NONE, read-only, ending at a guard
 * page), AWE set-up shortcuts and snapshots of the observable state. */
#ifndef TU_H
#define TU_H

#include <stddef.h>
#include <stdint.h>

#include "awl.h"
#include "check.h"

#define PG ((uintptr_t)AWE_PAGE_SIZE)

/* awl_init with this configuration, then awl_reset. */
void tu_fresh(size_t pool_pages, size_t page_limit, int privilege);
void tu_default(void); /* pool 256 pages, no limit, privilege held */

/* Memory the tests hand to the library as arguments. */
void *tu_guarded(size_t bytes); /* read-write, the byte after the end is a guard page */
void *tu_page(int prot);        /* one page with this protection (PROT_NONE, PROT_READ...) */
/* A read-only copy of `bytes` bytes (page aligned). */
void *tu_readonly_copy(const void *src, size_t bytes);

/* Allocates n pages (must be granted in full) into pfns. */
void tu_alloc(uint64_t *pfns, size_t n);
/* Reserves an AWE region of `pages` pages; NULL on failure (CHECKed). */
uint8_t *tu_region(size_t pages);
/* Maps pfns at va and writes tag i+base_tag into each page. */
void tu_map_tagged(uint8_t *va, const uint64_t *pfns, size_t n, uint64_t base_tag);

/* Word at va through the probe: 1 and *w when readable, 0 when it faults. */
int tu_peek(const void *va, uint64_t *w);
int tu_poke(void *va, uint64_t w);
/* 1 when va reads the word `tag` */
int tu_reads(const void *va, uint64_t tag);
int tu_faults(const void *va);

/* Every page of some ranges (first word, readable) plus the counters. */
typedef struct {
    size_t n;
    uint64_t *words;
    unsigned char *ok;
    awl_stats stats;
} tu_snapshot;
void tu_snap(tu_snapshot *s, uint8_t *const *bases, const size_t *pages, size_t ranges);
int tu_snap_equal(const tu_snapshot *a, const tu_snapshot *b);
void tu_snap_free(tu_snapshot *s);

/* Lines of /proc/self/maps and entries of /proc/self/fd. */
size_t tu_count_maps(void);
size_t tu_count_fds(void);
/* 512-byte blocks the library's memfd pool holds in memory. */
size_t tu_pool_blocks(void);

#endif
