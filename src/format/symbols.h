/* SPDX-License-Identifier: Apache-2.0 */
/* symbols.h: what a program's symbolic operands stand for in one run: the regions it created
 * (R0..R7, in creation order) and the PFNs it was granted (in grant order, each live or
 * freed). Filled from what the backend reported, so the same bookkeeping serves a differential
 * run and a backend-only run. */
#ifndef AWE_SYMBOLS_H
#define AWE_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define AWE_MAX_GRANTED 4096

typedef struct {
    size_t n_regions;
    uint64_t region_base[AWE_MAX_REGIONS];
    uint64_t region_pages[AWE_MAX_REGIONS];
    unsigned char region_live[AWE_MAX_REGIONS];     /* not released */
    unsigned char region_live_awe[AWE_MAX_REGIONS]; /* a live AWE region: its pages may be accessed */
    size_t n_granted;
    uint64_t granted[AWE_MAX_GRANTED];
    unsigned char live[AWE_MAX_GRANTED];
    uint64_t max_granted;
    uint64_t ordinary; /* a committed page in no region */
} awe_symbols;

void awe_symbols_reset(awe_symbols *s, uint64_t ordinary);
void awe_symbols_add_region(awe_symbols *s, uint64_t base, uint64_t pages, int awe);
/* A release of the region whose first page holds va succeeded (V6). */
void awe_symbols_release(awe_symbols *s, uint64_t va);
/* 1 when va lies in a live region (AWE or not) the program created. */
int awe_symbols_in_live(const awe_symbols *s, uint64_t va);
/* 1 when va lies in a live AWE region the program created. */
int awe_symbols_in_live_awe(const awe_symbols *s, uint64_t va);
void awe_symbols_grant(awe_symbols *s, const uint64_t *pfns, size_t n);
/* Marks the given PFNs freed (those that are not the program's are ignored). */
void awe_symbols_free(awe_symbols *s, const uint64_t *pfns, size_t n);

uint64_t awe_resolve_addr(const awe_symbols *s, const awe_addr *a);
/* How a trace names the page of va: "R<j>+<page>" of the newest region holding it, else the
 * address in hex. Returns buf. */
const char *awe_symbols_page_name(const awe_symbols *s, uint64_t va, char *buf, size_t cap);
uint64_t awe_resolve_pfn(const awe_symbols *s, const awe_pfn_ref *r);
/* The values of a PFN list's entries (lists.c), into out (room for AWE_MAX_ENTRIES); returns
 * how many. */
size_t awe_resolve_pfns(const awe_symbols *s, const awe_pfn_list *l, uint64_t *out);
/* The same for an address list, each entry resolved by `resolve` (the executor resolves
 * against the regions the backend made, the generator against its model-only run). */
typedef uint64_t (*awe_addr_resolver)(const void *ctx, const awe_addr *a);
size_t awe_resolve_addrs(const awe_addr_list *l, awe_addr_resolver resolve, const void *ctx,
                         uint64_t *out);
/* The count a count operand stands for, given the length of its op's list. */
uint64_t awe_resolve_count(const awe_count *c, size_t list_len);
/* The address above user space that AWE_ADDR_KERNEL stands for. */
#define AWE_KERNEL_ADDRESS 0xFFFF800000001000ull

#endif
