/* SPDX-License-Identifier: Apache-2.0 */
/* tu.c: helpers for the Linux backend tests (see tu.h). */
#include "tu.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void tu_fresh(size_t pool_pages, size_t page_limit, int privilege)
{
    awl_config cfg = {pool_pages, page_limit, privilege};
    CHECK(awl_init(&cfg) == 0);
    CHECK(awl_reset() == 0);
}

void tu_default(void)
{
    tu_fresh(256, 0, 1);
}

void *tu_guarded(size_t bytes)
{
    size_t pages = (bytes + PG - 1) / PG + 1;
    uint8_t *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    uint8_t *guard = p + (pages - 1) * PG;
    CHECK(mprotect(guard, PG, PROT_NONE) == 0);
    return guard - bytes;
}

void *tu_page(int prot)
{
    void *p = mmap(NULL, PG, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

void *tu_readonly_copy(const void *src, size_t bytes)
{
    size_t len = (bytes + PG - 1) / PG * PG;
    void *p = mmap(NULL, len ? len : PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memcpy(p, src, bytes);
    CHECK(mprotect(p, len ? len : PG, PROT_READ) == 0);
    return p;
}

void tu_alloc(uint64_t *pfns, size_t n)
{
    AWL_ULONG_PTR count = n;
    CHECK_EQ_U64(AwlNtAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(count, n);
}

uint8_t *tu_region(size_t pages)
{
    void *p = AwlVirtualAlloc(NULL, pages * PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    CHECK(p != NULL);
    return p;
}

void tu_map_tagged(uint8_t *va, const uint64_t *pfns, size_t n, uint64_t base_tag)
{
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(va, n, (AWL_ULONG_PTR *)pfns), AWE_STATUS_SUCCESS);
    for (size_t i = 0; i < n; i++)
        CHECK(tu_poke(va + i * PG, base_tag + i));
}

int tu_peek(const void *va, uint64_t *w)
{
    return awl_probe_read(va, w, sizeof *w) == 0;
}

int tu_poke(void *va, uint64_t w)
{
    return awl_probe_write(va, &w, sizeof w) == 0;
}

int tu_reads(const void *va, uint64_t tag)
{
    uint64_t w;
    return tu_peek(va, &w) && w == tag;
}

int tu_faults(const void *va)
{
    uint64_t w;
    return !tu_peek(va, &w);
}

void tu_snap(tu_snapshot *s, uint8_t *const *bases, const size_t *pages, size_t ranges)
{
    size_t n = 0;
    for (size_t r = 0; r < ranges; r++)
        n += pages[r];
    const void **addrs = calloc(n, sizeof *addrs);
    s->n = n;
    s->words = calloc(n, sizeof *s->words);
    s->ok = calloc(n, 1);
    size_t k = 0;
    for (size_t r = 0; r < ranges; r++)
        for (size_t i = 0; i < pages[r]; i++)
            addrs[k++] = bases[r] + i * PG;
    awl_probe_words(addrs, n, s->words, s->ok);
    free(addrs);
    awl_get_stats(&s->stats);
}

int tu_snap_equal(const tu_snapshot *a, const tu_snapshot *b)
{
    return a->n == b->n && memcmp(a->words, b->words, a->n * sizeof *a->words) == 0 &&
           memcmp(a->ok, b->ok, a->n) == 0 && memcmp(&a->stats, &b->stats, sizeof a->stats) == 0;
}

void tu_snap_free(tu_snapshot *s)
{
    free(s->words);
    free(s->ok);
    memset(s, 0, sizeof *s);
}

size_t tu_count_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    size_t n = 0;
    int c;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

size_t tu_count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    size_t n = 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

size_t tu_pool_blocks(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    size_t blocks = (size_t)-1;
    while ((e = readdir(d)) != NULL) {
        char path[320], target[256];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = 0;
        struct stat st;
        if (strstr(target, "memfd:awl-pool") && stat(path, &st) == 0)
            blocks = (size_t)st.st_blocks;
    }
    closedir(d);
    return blocks;
}
