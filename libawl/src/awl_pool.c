/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pool.c: the memfd page pool, PFN ownership and location, zeroing (see awl_pool.h). */
#include "awl_pool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "awl_internal.h"
#include "awl_mutants.h"
#include "awl_sys.h"

enum {
    PAGE_OWNED = 1, /* allocated and not freed */
    PAGE_DIRTY = 2, /* free, but may still hold data: zero before granting (A11, C4) */
    PAGE_MARK = 4   /* seen earlier in the array being checked */
};

static struct {
    int fd;
    size_t pages;     /* capacity: memfd pages and table entries */
    size_t total;     /* the pool's size as seen by allocation (awl_set_pool_free) */
    size_t owned;
    size_t mapped;
    size_t hint;      /* no free page below this index */
    /* Pages [touched, ...) have held no data and their table entries have been zero since
     * the last reset: none was granted, marked or flagged dirty (a high-water mark). */
    size_t touched;
    uintptr_t *va;    /* where each page is mapped, 0 = nowhere */
    unsigned char *flags;
    int bitmap;
    /* The file as the kernel names it (for awl_probe_layout) and its size as last set. */
    int have_id;
    dev_t dev;
    ino_t ino;
    off_t bytes;
} pool = {.fd = -1};

/* Every change of the file's size goes through here, so pool.bytes is the file's size. */
static int set_bytes(int fd, size_t pages)
{
    if (awl_sys_ftruncate(fd, (off_t)(pages * AWL_PAGE)))
        return -1;
    pool.bytes = (off_t)(pages * AWL_PAGE);
    return 0;
}

static int index_of(uint64_t pfn, size_t *idx)
{
    if (pfn < AWL_PFN_BASE || pfn - AWL_PFN_BASE >= pool.pages)
        return 0;
    *idx = (size_t)(pfn - AWL_PFN_BASE);
    return 1;
}

static uint64_t pfn_of(size_t idx)
{
    return (uint64_t)idx + AWL_PFN_BASE;
}

/* Page idx may hold data or have table entries set from now until the next reset. */
static void touch(size_t idx)
{
    if (idx >= pool.touched)
        pool.touched = idx + 1;
}

void awl_pool_touch(uint64_t pfn, size_t count)
{
    size_t first;
    if (count == 0 || !index_of(pfn, &first))
        return;
    touch(count - 1 < pool.pages - first ? first + count - 1 : pool.pages - 1);
}

static int alloc_tables(size_t pages)
{
    uintptr_t *va = calloc(pages, sizeof *va);
    unsigned char *flags = calloc(pages, 1);
    if (va == NULL || flags == NULL) {
        free(va);
        free(flags);
        errno = ENOMEM;
        return -1;
    }
    free(pool.va);
    free(pool.flags);
    pool.va = va;
    pool.flags = flags;
    pool.pages = pages;
    pool.total = pages;
    pool.owned = 0;
    pool.mapped = 0;
    pool.hint = 0;
    return 0;
}

/* More capacity while pages are owned: the tables keep their entries. */
static int grow(size_t pages)
{
    if (set_bytes(pool.fd, pages))
        return -1;
    uintptr_t *va = realloc(pool.va, pages * sizeof *va);
    if (va != NULL)
        pool.va = va;
    unsigned char *flags = va ? realloc(pool.flags, pages) : NULL;
    if (flags == NULL) {
        set_bytes(pool.fd, pool.pages);
        errno = ENOMEM;
        return -1;
    }
    pool.flags = flags;
    memset(pool.va + pool.pages, 0, (pages - pool.pages) * sizeof *pool.va);
    memset(pool.flags + pool.pages, 0, pages - pool.pages);
    pool.pages = pages;
    return 0;
}

int awl_pool_set_total(size_t total)
{
    if (total > pool.pages && grow(total))
        return -1;
    pool.total = total;
    return 0;
}

int awl_pool_open(size_t pages)
{
    struct stat st;
    int fd = awl_sys_memfd("awl-pool");
    if (fd < 0)
        return -1;
    if (set_bytes(fd, pages) || alloc_tables(pages)) {
        int e = errno;
        awl_sys_close(fd);
        errno = e;
        return -1;
    }
    pool.fd = fd;
    pool.bitmap = 0;
    /* Not an awl_sys call: no fault position of its own, and without it awl_probe_layout
     * only cannot name frames. */
    pool.have_id = fstat(fd, &st) == 0;
    pool.dev = st.st_dev;
    pool.ino = st.st_ino;
    return 0;
}

int awl_pool_resize(size_t pages)
{
    if (pages == pool.pages) {
        pool.total = pages;
        return 0;
    }
    if (set_bytes(pool.fd, pages))
        return -1;
    if (alloc_tables(pages)) {
        set_bytes(pool.fd, pool.pages);
        return -1;
    }
    return 0;
}

void awl_pool_close(void)
{
    if (pool.fd >= 0)
        awl_sys_close(pool.fd);
    free(pool.va);
    free(pool.flags);
    memset(&pool, 0, sizeof pool);
    pool.fd = -1;
}

int awl_pool_reset(void)
{
    int rc = 0;
    /* Only the pages touched since the last reset can hold data or table entries: a run
     * that used a few pages of a large pool clears and punches those (one page at least,
     * so that a reset always makes its one system call). */
    size_t n = pool.touched < pool.pages ? pool.touched : pool.pages;
    if (n == 0 && pool.pages > 0)
        n = 1;
    if (awl_sys_punch(pool.fd, 0, (off_t)(n * AWL_PAGE))) {
        /* Dropping the file's pages by truncation reaches the same state. */
        if (set_bytes(pool.fd, 0) || set_bytes(pool.fd, pool.pages))
            rc = -1;
    }
    memset(pool.va, 0, n * sizeof *pool.va);
    if (rc) {
        memset(pool.flags, PAGE_DIRTY, pool.pages);
        n = pool.pages;
    } else {
        memset(pool.flags, 0, n);
        n = 0;
    }
    pool.touched = n;
    pool.owned = 0;
    pool.mapped = 0;
    pool.hint = 0;
    pool.bitmap = 0;
    return rc;
}

int awl_pool_fd(void) { return pool.fd; }

int awl_pool_file(dev_t *dev, ino_t *ino, off_t *bytes)
{
    if (pool.fd < 0 || !pool.have_id)
        return -1;
    *dev = pool.dev;
    *ino = pool.ino;
    *bytes = pool.bytes;
    return 0;
}
size_t awl_pool_pages(void) { return pool.pages; }
size_t awl_pool_free_count(void) { return pool.total > pool.owned ? pool.total - pool.owned : 0; }
size_t awl_pool_owned_count(void) { return pool.owned; }
size_t awl_pool_mapped_count(void) { return pool.mapped; }
int awl_pool_has_bitmap(void) { return pool.bitmap; }
void awl_pool_create_bitmap(void) { pool.bitmap = 1; }

int awl_pool_owned(uint64_t pfn)
{
    size_t i;
    return index_of(pfn, &i) && (pool.flags[i] & PAGE_OWNED);
}

uintptr_t awl_pool_va(uint64_t pfn)
{
    size_t i;
    return index_of(pfn, &i) ? pool.va[i] : 0;
}

void awl_pool_set_va(uint64_t pfn, uintptr_t va)
{
    size_t i;
    if (!index_of(pfn, &i))
        return;
    if (va)
        touch(i);
    pool.mapped += (va != 0) - (pool.va[i] != 0);
    pool.va[i] = va;
}

void awl_pool_set_va_run(uint64_t pfn, size_t count, uintptr_t va)
{
    size_t first;
    if (!index_of(pfn, &first) || count > pool.pages - first) {
        for (size_t k = 0; k < count; k++) /* not a run of the pool: page by page */
            awl_pool_set_va(pfn + k, va ? va + k * AWL_PAGE : 0);
        return;
    }
    if (va && count)
        touch(first + count - 1);
    /* Count, then store: two branch-free loops the compiler vectorizes. */
    uintptr_t *slot = pool.va + first;
    size_t was = 0;
    for (size_t k = 0; k < count; k++)
        was += slot[k] != 0;
    if (va == 0)
        memset(slot, 0, count * sizeof *slot);
    else
        for (size_t k = 0; k < count; k++)
            slot[k] = va + k * AWL_PAGE;
    pool.mapped = pool.mapped - was + (va ? count : 0);
}

void awl_pool_clear_va(const uint64_t *pfns, size_t n)
{
    /* Locals, not pool.*, inside the loop: the stores to va[] could alias the counter and
     * would make every page wait on the one before. */
    uintptr_t *va = pool.va;
    size_t pages = pool.pages, was = 0;
    if (n == 0)
        return;
    uint64_t off = 0;
    for (size_t k = 0; k < n; k++)
        off |= pfns[k] ^ (pfns[0] + k);
    if (off == 0) { /* consecutive PFNs (a remapped run): the run form, which skips 0 too */
        awl_pool_set_va_run(pfns[0], n, 0);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        uint64_t idx = pfns[k] - AWL_PFN_BASE; /* PFN 0 wraps past the pool: skipped */
        if (idx >= pages)
            continue;
        was += va[idx] != 0;
        va[idx] = 0;
    }
    pool.mapped -= was;
}

off_t awl_pool_offset(uint64_t pfn)
{
    return (off_t)((pfn - AWL_PFN_BASE) * AWL_PAGE);
}

int awl_pool_mark(uint64_t pfn)
{
    size_t i;
    if (!index_of(pfn, &i))
        return 0;
    int was = (pool.flags[i] & PAGE_MARK) != 0;
    touch(i);
    pool.flags[i] |= PAGE_MARK;
    return was;
}

void awl_pool_unmark(const uint64_t *pfns, size_t n)
{
    size_t idx;
    if (AWL_MUTANT(MARKS_OUTLIVE_LONG_LIST) && n > 8)
        n = 8; /* marks kept in 8 slots: the slip leaves those of later entries set */
    for (size_t i = 0; i < n; i++)
        if (index_of(pfns[i], &idx))
            pool.flags[idx] &= (unsigned char)~PAGE_MARK;
}

size_t awl_pool_ascending_unmapped(const uint64_t *pfns, size_t n)
{
    const unsigned char *flags = pool.flags;
    const uintptr_t *va = pool.va;
    size_t pages = pool.pages, i;
    if (n > 0 && pfns[0] - AWL_PFN_BASE < pages && n <= pages - (pfns[0] - AWL_PFN_BASE)) {
        /* Consecutive PFNs (Map's usual list) cover one stretch of the tables: whole-stretch
         * tests without a branch per page, which the compiler turns into vector code. */
        size_t first = (size_t)(pfns[0] - AWL_PFN_BASE);
        uint64_t off = 0, mapped = 0;
        unsigned char owned = PAGE_OWNED;
        for (size_t k = 0; k < n; k++) {
            off |= pfns[k] ^ (pfns[0] + k);
            owned &= flags[first + k];
            mapped |= va[first + k];
        }
        if (off == 0 && owned != 0 && mapped == 0)
            return n;
    }
    uint64_t prev = 0; /* below every PFN: a 0 entry (never owned) ends the part too */
    for (i = 0; i < n; i++) {
        uint64_t idx = pfns[i] - AWL_PFN_BASE;
        if (pfns[i] <= prev || idx >= pages || !(flags[idx] & PAGE_OWNED) || va[idx] != 0)
            break;
        prev = pfns[i];
    }
    return i;
}

size_t awl_pool_pick(size_t n, uint64_t *out)
{
    size_t got = 0;
    for (size_t i = pool.hint; i < pool.pages && got < n; i++)
        if (!(pool.flags[i] & PAGE_OWNED))
            out[got++] = pfn_of(i);
    return got;
}

/* Length of the run of consecutive PFNs starting at pfns[i]. */
static size_t consecutive(const uint64_t *pfns, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && pfns[j] == pfns[j - 1] + 1)
        j++;
    return j - i;
}

static int punch(uint64_t first_pfn, size_t count)
{
    if (AWL_MUTANT(FREED_LONG_RUN_KEEPS_DATA) && count > 8)
        count = 8; /* holes capped at 8 pages, and the slip forgets the rest of the run */
    return awl_sys_punch(pool.fd, awl_pool_offset(first_pfn), (off_t)(count * AWL_PAGE));
}

static void set_dirty(const uint64_t *pfns, size_t n, int dirty)
{
    size_t idx;
    for (size_t i = 0; i < n; i++) {
        if (!index_of(pfns[i], &idx))
            continue;
        if (dirty) {
            touch(idx);
            pool.flags[idx] |= PAGE_DIRTY;
        } else
            pool.flags[idx] &= (unsigned char)~PAGE_DIRTY;
    }
}

static int is_dirty(uint64_t pfn)
{
    size_t i;
    return index_of(pfn, &i) && (pool.flags[i] & PAGE_DIRTY);
}

/* A11/C4: a page that kept data because its hole punch failed at free time is emptied
 * before anybody gets it again. `pfns` is ascending (awl_pool_pick order). */
int awl_pool_zero(const uint64_t *pfns, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (!is_dirty(pfns[i])) {
            if (AWL_MUTANT(ZEROING_STOPS_AT_CLEAN_PAGE))
                break; /* the slip: "dirty pages come first", so a clean one ends the scan */
            i++;
            continue;
        }
        size_t run = 1;
        while (i + run < n && pfns[i + run] == pfns[i] + run && is_dirty(pfns[i + run]))
            run++;
        if (punch(pfns[i], run))
            return -1;
        set_dirty(pfns + i, run, 0);
        i += run;
    }
    return 0;
}

void awl_pool_grant(const uint64_t *pfns, size_t n)
{
    size_t idx;
    for (size_t i = 0; i < n; i++) {
        if (!index_of(pfns[i], &idx))
            continue;
        touch(idx);
        pool.flags[idx] |= PAGE_OWNED;
        pool.owned++;
        while (pool.hint < pool.pages && (pool.flags[pool.hint] & PAGE_OWNED))
            pool.hint++;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

void awl_pool_release(const uint64_t *pfns, size_t n)
{
    size_t idx;
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++) {
        if (!index_of(pfns[i], &idx))
            continue;
        pool.flags[idx] &= (unsigned char)~PAGE_OWNED;
        pool.owned--;
        if (idx < pool.hint)
            pool.hint = idx;
    }
    /* Drop the data now, one hole per run of consecutive pages; whatever cannot be
     * punched is zeroed when it is granted again. */
    if (AWL_MUTANT(FREED_PAGE_KEEPS_DATA))
        return;
    uint64_t *sorted = malloc(n * sizeof *sorted);
    if (sorted == NULL) {
        set_dirty(pfns, n, 1);
        return;
    }
    memcpy(sorted, pfns, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_u64);
    for (size_t i = 0; i < n;) {
        size_t run = consecutive(sorted, n, i);
        if (punch(AWL_MUTANT(FREE_PUNCHES_UNSORTED) ? pfns[i] : sorted[i], run))
            set_dirty(sorted + i, run, 1);
        i += run;
    }
    free(sorted);
}
