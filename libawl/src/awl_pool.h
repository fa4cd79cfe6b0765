/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pool: the physical pages: pages of one memfd, their ownership (the PFN "bitmap"),
 * where each is mapped (PFN -> VA, which keeps the mapping injective, M6), and their
 * zeroing (A11, C4). PFN = page index + AWL_PFN_BASE; the lowest free page goes out first. */
#ifndef AWL_POOL_H
#define AWL_POOL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

int awl_pool_open(size_t pages);   /* 0 or -1 (errno) */
int awl_pool_resize(size_t pages); /* only while nothing is owned */
/* The pool's size as allocation sees it (owned + free), growing the capacity if needed. */
int awl_pool_set_total(size_t total);
void awl_pool_close(void);
/* Every page free and zero, the bitmap gone. 0 or -1. Costs what the pages touched since
 * the last reset (granted, marked, flagged or mapped) cost, not what the whole pool would. */
int awl_pool_reset(void);

int awl_pool_fd(void);
/* The pool's file as the kernel names it (device, inode) and its size in bytes: 0, or -1
 * when there is no pool or it could not be told. */
int awl_pool_file(dev_t *dev, ino_t *ino, off_t *bytes);
size_t awl_pool_pages(void);
size_t awl_pool_free_count(void);
size_t awl_pool_owned_count(void);
size_t awl_pool_mapped_count(void);

/* A0/M4/S3/F4: the bitmap exists from the first allocation that passes A1..A6, for good. */
int awl_pool_has_bitmap(void);
void awl_pool_create_bitmap(void);

int awl_pool_owned(uint64_t pfn);
uintptr_t awl_pool_va(uint64_t pfn); /* 0 = not mapped */
void awl_pool_set_va(uint64_t pfn, uintptr_t va);
/* awl_pool_set_va for the run pfn, pfn+1, ... of `count` pages: at va, va + page, ... or,
 * va 0, nowhere. One call per mmap run instead of one per page. */
void awl_pool_set_va_run(uint64_t pfn, size_t count, uintptr_t va);
/* Every PFN listed but 0 is mapped nowhere from now on (a page table's old entries). */
void awl_pool_clear_va(const uint64_t *pfns, size_t n);
off_t awl_pool_offset(uint64_t pfn);
/* Pages pfn .. pfn + count - 1 get mapped: they may hold data until the next reset, which
 * therefore empties them (reset empties only what was granted, marked or mapped). */
void awl_pool_touch(uint64_t pfn, size_t count);

/* Per-call marks (duplicate detection within one array): returns the previous mark. */
int awl_pool_mark(uint64_t pfn);
void awl_pool_unmark(const uint64_t *pfns, size_t n);
/* M6/S5 for the leading part of a list in strictly ascending order: how many leading
 * entries are owned, mapped nowhere and each above the one before. No two of them can be the
 * same PFN, so they need no marks (and none is set). */
size_t awl_pool_ascending_unmapped(const uint64_t *pfns, size_t n);

/* Allocation: pick (no change) the n lowest free pages, make any of them that may hold old
 * data zero (may fail: -1, nothing owned), then grant them. */
size_t awl_pool_pick(size_t n, uint64_t *out);
int awl_pool_zero(const uint64_t *pfns, size_t n);
void awl_pool_grant(const uint64_t *pfns, size_t n);
/* Free owned, unmapped pages; their data is dropped now (or before the next grant). */
void awl_pool_release(const uint64_t *pfns, size_t n);

#endif
