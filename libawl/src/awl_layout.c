/* SPDX-License-Identifier: Apache-2.0 */
/* awl_layout.c: awl_probe_layout, the kernel's own view of which pages of a range are
 * readable and which pool page each shows. It reads the kernel's mapping list, never the
 * library's tables, so a caller can check the library against it. PROCMAP_QUERY (Linux 6.11)
 * answers one mapping per ioctl without formatting text; older kernels get /proc/self/maps
 * parsed. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "awl.h"
#include "awl_internal.h"
#include "awl_pool.h"

/* The kernel's ABI (include/uapi/linux/fs.h), spelled out for older headers. */
struct awl_procmap_query {
    uint64_t size, query_flags, query_addr;
    uint64_t vma_start, vma_end, vma_flags, vma_page_size, vma_offset, inode;
    uint32_t dev_major, dev_minor, vma_name_size, build_id_size;
    uint64_t vma_name_addr, build_id_addr;
};
#define AWL_PROCMAP_QUERY _IOWR('f', 17, struct awl_procmap_query)
#define AWL_QUERY_READABLE 0x01u
#define AWL_QUERY_COVERING_OR_NEXT 0x10u
#define AWL_VMA_WRITE 0x02u

/* The open /proc/self/maps of this process; a forked child must open its own. -1: not yet,
 * -2: the ioctl is missing (text only from then on). */
static int maps_fd = -1;
static int query_missing;
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t fork_once = PTHREAD_ONCE_INIT;

static void child_forgets(void)
{
    if (maps_fd >= 0)
        close(maps_fd);
    maps_fd = -1;
}

static void install_fork_hook(void)
{
    pthread_atfork(NULL, NULL, child_forgets);
}

static int open_maps(void)
{
    pthread_once(&fork_once, install_fork_hook);
    if (maps_fd < 0)
        maps_fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    return maps_fd;
}

typedef struct {
    const awl_range *ranges;
    size_t n_ranges, first; /* ranges[first] is the first one not wholly below the last VMA */
    awl_layout_run *runs;
    size_t max, n;
    dev_t pool_dev;
    ino_t pool_ino;
    off_t pool_bytes;
    int have_pool;
} layout_ctx;

/* A readable mapping [lo, hi) at file offset `off` of (dev, ino), clipped to one range. */
static void add_run(layout_ctx *c, const awl_range *range, uintptr_t lo, uintptr_t hi,
                    uint64_t off, dev_t dev, ino_t ino, int writable)
{
    uintptr_t a = lo > range->start ? lo : range->start, b = hi < range->end ? hi : range->end;
    if (a >= b)
        return;
    if (c->n < c->max) {
        awl_layout_run *r = &c->runs[c->n];
        r->start = a;
        r->end = b;
        r->pfn = 0;
        r->flags = writable ? AWL_RUN_WRITABLE : 0;
        if (c->have_pool && dev == c->pool_dev && ino == c->pool_ino) {
            uint64_t first = off + (a - lo), last = off + (b - lo);
            r->pfn = first / AWL_PAGE + AWL_PFN_BASE;
            /* past the end of the file a load would take SIGBUS */
            if (last >= first && last <= (uint64_t)c->pool_bytes)
                r->flags |= AWL_RUN_IN_POOL;
        }
    }
    c->n++;
}

/* A readable mapping, in ascending order of mappings: one run per range it meets. */
static void add_vma(layout_ctx *c, uintptr_t lo, uintptr_t hi, uint64_t off, dev_t dev,
                    ino_t ino, int writable)
{
    while (c->first < c->n_ranges && c->ranges[c->first].end <= lo)
        c->first++;
    for (size_t i = c->first; i < c->n_ranges && c->ranges[i].start < hi; i++)
        add_run(c, &c->ranges[i], lo, hi, off, dev, ino, writable);
}

/* One query per readable mapping that meets a range, and one where the ranges end or a
 * mapping lies between two of them: the answer past the end of one range (the next
 * readable mapping) serves for the ranges after it. 0, 1 when the kernel lacks the ioctl,
 * -1 on another failure. */
static int by_query(layout_ctx *c, int fd)
{
    size_t i = 0;
    if (c->n_ranges == 0)
        return 0;
    uintptr_t at = c->ranges[0].start;
    for (;;) {
        struct awl_procmap_query q;
        memset(&q, 0, sizeof q);
        q.size = sizeof q;
        q.query_flags = AWL_QUERY_READABLE | AWL_QUERY_COVERING_OR_NEXT;
        q.query_addr = at;
        if (ioctl(fd, AWL_PROCMAP_QUERY, &q) != 0) {
            if (errno == ENOENT)
                return 0; /* nothing readable from here up */
            if (errno == ENOTTY || errno == EINVAL || errno == EOPNOTSUPP)
                return 1;
            return -1;
        }
        uintptr_t lo = (uintptr_t)q.vma_start, hi = (uintptr_t)q.vma_end;
        while (i < c->n_ranges && c->ranges[i].end <= lo)
            i++; /* nothing readable in these from `at` on */
        if (i == c->n_ranges)
            return 0;
        add_vma(c, lo, hi, q.vma_offset, makedev(q.dev_major, q.dev_minor), (ino_t)q.inode,
                (q.vma_flags & AWL_VMA_WRITE) != 0);
        while (i < c->n_ranges && c->ranges[i].end <= hi)
            i++;
        if (i == c->n_ranges)
            return 0;
        at = hi > c->ranges[i].start ? hi : c->ranges[i].start;
    }
}

/* The fallback: one line per mapping, "lo-hi perms offset major:minor inode path". */
static int by_text(layout_ctx *c)
{
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi, maj, mnr, ino;
        unsigned long long off;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s %llx %lx:%lx %lu", &lo, &hi, perms, &off, &maj, &mnr,
                   &ino) != 7)
            continue;
        if (perms[0] == 'r')
            add_vma(c, lo, hi, off, makedev(maj, mnr), (ino_t)ino, perms[1] == 'w');
        if (!strchr(line, '\n')) { /* a path longer than the buffer: skip the rest */
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
        }
    }
    fclose(f);
    return 0;
}

long awl_probe_layout_ranges(const awl_range *ranges, size_t n, awl_layout_run *runs,
                             size_t max)
{
    layout_ctx c = {ranges, n, 0, runs, max, 0, 0, 0, 0, 0};
    /* the pool's identity as it noted it when it created the file: no fstat per call */
    c.have_pool = awl_pool_file(&c.pool_dev, &c.pool_ino, &c.pool_bytes) == 0;
    int rc = 1;
    pthread_mutex_lock(&maps_lock);
    if (!query_missing && open_maps() >= 0) {
        rc = by_query(&c, maps_fd);
        if (rc == 1)
            query_missing = 1;
    }
    pthread_mutex_unlock(&maps_lock);
    if (rc == 1) {
        c.n = c.first = 0;
        rc = by_text(&c);
    }
    return rc == 0 ? (long)c.n : -1;
}

long awl_probe_layout(uintptr_t start, uintptr_t end, awl_layout_run *runs, size_t max)
{
    awl_range r = {start, end};
    return awl_probe_layout_ranges(&r, start < end, runs, max);
}
