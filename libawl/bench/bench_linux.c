/* SPDX-License-Identifier: Apache-2.0 */
/* bench_linux.c: what each AWE operation of the Linux backend (libawl, awl) costs, in
 * nanoseconds per operation, next to the raw mmap(MAP_FIXED) of a memfd page and of 64
 * contiguous pages measured in the same run. Each row runs for about 0.2 s of the thread's
 * CPU time (user and kernel): on a shared machine, time spent waiting for a CPU would
 * otherwise count against whichever row it fell into.
 * Prints a table, then one line per row for scripts:
 *   bench_linux: <row name with dashes> ns=<ns/op> syscalls=<n or -> x_raw_mmap=<ratio> */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "awl.h"

#define PG 4096u
#define N 64u
#define ROW_SECONDS 0.2

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_linux: %s failed (errno %d, last error %u)\n", what, errno,
            (unsigned)AwlGetLastError());
    exit(1);
}

/* ---- shared set-up ---- */

static struct {
    unsigned char *win;   /* AWE window, 4 * N pages */
    AWL_ULONG_PTR a[N], b[N]; /* two sets of N consecutive PFNs */
    AWL_ULONG_PTR pa[N], pb[N]; /* the same, permuted: no two neighbours consecutive */
    AWL_PVOID spread[N];  /* every other page of the window */
    int fd;               /* raw baseline: a memfd of our own */
    unsigned char *raw;
} B;

static void setup(void)
{
    awl_config cfg = {4096, 0, 1};
    if (awl_init(&cfg) || awl_reset())
        die("awl_init");
    B.win = AwlVirtualAlloc(NULL, 4 * N * PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    if (B.win == NULL)
        die("VirtualAlloc");
    AWL_ULONG_PTR n = N;
    if (!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, B.a) || n != N)
        die("AllocateUserPhysicalPages");
    n = N;
    if (!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, B.b) || n != N)
        die("AllocateUserPhysicalPages");
    for (unsigned i = 0; i < N; i++) {
        unsigned j = (i * 29u) % N; /* 29 is coprime to 64: a permutation with jumps */
        B.pa[i] = B.a[j];
        B.pb[i] = B.b[j];
        B.spread[i] = B.win + 2 * i * PG;
    }
    B.fd = memfd_create("bench-raw", MFD_CLOEXEC);
    if (B.fd < 0 || ftruncate(B.fd, 4 * N * PG))
        die("memfd");
    B.raw = mmap(NULL, 2 * N * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (B.raw == MAP_FAILED)
        die("mmap");
}

/* ---- timing ---- */

typedef struct {
    const char *name;
    double ns;
    unsigned syscalls; /* of the timed call, as the library counts them; ~0 = not an Awl call */
    double ratio;      /* ns against the raw mmap of the same amount of mapping */
    char calls[16];    /* syscalls as printed */
} row;

/* Runs op(i) until ROW_SECONDS passed; ns per call. */
static double time_loop(void (*op)(unsigned))
{
    unsigned long calls = 0;
    double start = now(), t;
    do {
        for (unsigned i = 0; i < 64; i++)
            op((unsigned)calls + i);
        calls += 64;
    } while ((t = now()) - start < ROW_SECONDS);
    return (t - start) * 1e9 / (double)calls;
}

/* What reading the clock twice costs: taken off every time_split interval (the CPU-time
 * clock is a system call, not a vDSO read). */
static double clock_cost(void)
{
    double spent = 0;
    for (int i = 0; i < 1000; i++) {
        double t0 = now();
        spent += now() - t0;
    }
    return spent / 1000;
}

/* Times op(i) alone, with prepare(i) before each call outside the clock. */
static double time_split(void (*prepare)(unsigned), void (*op)(unsigned))
{
    double spent = 0, start = now(), cost = clock_cost();
    unsigned long calls = 0;
    while (now() - start < ROW_SECONDS) {
        prepare((unsigned)calls);
        double t0 = now();
        op((unsigned)calls);
        spent += now() - t0 - cost;
        calls++;
    }
    return spent * 1e9 / (double)calls;
}

/* ---- the operations ---- */

static unsigned alloc_calls; /* system calls of the Allocate half of op_alloc_free */

static void op_alloc_free(unsigned i)
{
    (void)i;
    AWL_ULONG_PTR pfns[N], n = N;
    if (!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns) || n != N)
        die("allocate");
    alloc_calls = awl_last_syscall_count();
    if (!AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns))
        die("free");
}

static void op_map1(unsigned i)
{
    if (!AwlMapUserPhysicalPages(B.win, 1, (i & 1) ? B.b : B.a))
        die("map 1");
}

static void op_map64(unsigned i)
{
    if (!AwlMapUserPhysicalPages(B.win, N, (i & 1) ? B.b : B.a))
        die("map 64");
}

static void op_map64_scattered(unsigned i)
{
    if (!AwlMapUserPhysicalPages(B.win, N, (i & 1) ? B.pb : B.pa))
        die("map 64 scattered");
}

static void op_scatter64(unsigned i)
{
    if (!AwlMapUserPhysicalPagesScatter(B.spread, N, (i & 1) ? B.b : B.a))
        die("scatter 64");
}

static void prep_mapped64(unsigned i)
{
    (void)i;
    if (!AwlMapUserPhysicalPages(B.win, N, B.a))
        die("map 64");
}

static void op_unmap64(unsigned i)
{
    (void)i;
    if (!AwlMapUserPhysicalPages(B.win, N, NULL))
        die("unmap 64");
}

static AWL_ULONG_PTR fresh[N];

static void prep_alloc_map64(unsigned i)
{
    (void)i;
    AWL_ULONG_PTR n = N;
    if (!AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, fresh) || n != N)
        die("allocate");
    if (!AwlMapUserPhysicalPages(B.win + 2 * N * PG, N, fresh))
        die("map 64");
}

static void op_free_mapped64(unsigned i)
{
    (void)i;
    AWL_ULONG_PTR n = N;
    if (!AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, fresh))
        die("free 64 mapped");
}

static void op_probe64(unsigned i)
{
    (void)i;
    uint64_t words[N];
    unsigned char ok[N];
    const void *addrs[N];
    for (unsigned k = 0; k < N; k++)
        addrs[k] = B.win + k * PG;
    if (awl_probe_words(addrs, N, words, ok) != N)
        die("probe words");
}

static void prep_busy(unsigned i)
{
    (void)i;
    if (awl_reset())
        die("awl_reset");
    B.win = AwlVirtualAlloc(NULL, 4 * N * PG, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    AWL_ULONG_PTR n = N;
    if (B.win == NULL || !AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, B.a) ||
        !AwlMapUserPhysicalPages(B.win, N, B.a))
        die("busy state");
}

static void op_reset(unsigned i)
{
    (void)i;
    if (awl_reset())
        die("awl_reset");
}

static void op_raw1(unsigned i)
{
    if (mmap(B.raw, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, B.fd, (off_t)(i & 1) * N * PG) == MAP_FAILED)
        die("raw mmap");
}

static void op_raw64(unsigned i)
{
    if (mmap(B.raw, N * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, B.fd, (off_t)(i & 1) * N * PG) ==
        MAP_FAILED)
        die("raw mmap 64");
}

/* Every row starts from an empty window. */
static void clear(void)
{
    if (!AwlMapUserPhysicalPages(B.win, 4 * N, NULL))
        die("clear");
}

static unsigned syscalls_of(void (*op)(unsigned))
{
    clear();
    op(0);
    unsigned calls = awl_last_syscall_count();
    clear();
    return calls;
}

static row measure_loop(const char *name, void (*op)(unsigned), int awl_call)
{
    unsigned calls = awl_call ? syscalls_of(op) : ~0u;
    double ns = time_loop(op);
    clear();
    return (row){name, ns, calls, 0, ""};
}

static row measure_split(const char *name, void (*prepare)(unsigned), void (*op)(unsigned),
                         int awl_call)
{
    unsigned calls = ~0u;
    if (awl_call) {
        clear();
        prepare(0);
        op(0);
        calls = awl_last_syscall_count();
    }
    clear();
    double ns = time_split(prepare, op);
    return (row){name, ns, calls, 0, ""};
}

int main(void)
{
    setup();
    row rows[16];
    unsigned n = 0;

    rows[n++] = measure_loop("raw mmap(MAP_FIXED) 1 page", op_raw1, 0);
    rows[n++] = measure_loop("raw mmap(MAP_FIXED) 64 contiguous pages", op_raw64, 0);
    rows[n++] = measure_loop("allocate + free 64 pages", op_alloc_free, 1);
    rows[n++] = measure_loop("map 1 page", op_map1, 1);
    rows[n++] = measure_loop("map 64 contiguous pages", op_map64, 1);
    rows[n++] = measure_loop("map 64 scattered pages", op_map64_scattered, 1);
    rows[n++] = measure_loop("scatter 64 pages (every other VA)", op_scatter64, 1);
    rows[n++] = measure_split("unmap 64 pages", prep_mapped64, op_unmap64, 1);
    rows[n++] = measure_split("free 64 mapped pages", prep_alloc_map64, op_free_mapped64, 1);
    prep_mapped64(0);
    rows[n++] = measure_loop("probe words of 64 pages", op_probe64, 0);
    rows[n++] = measure_split("reset (1 region, 128 pages owned, 64 mapped)", prep_busy, op_reset, 0);

    double raw1 = rows[0].ns, raw64 = rows[1].ns;
    printf("%-46s %12s %9s %11s\n", "operation", "ns/op", "syscalls", "x raw mmap");
    printf("%-46s %12s %9s %11s\n", "---------", "-----", "--------", "----------");
    for (unsigned i = 0; i < n; i++) {
        char calls[16] = "-";
        if (rows[i].syscalls != ~0u && i == 2)
            snprintf(calls, sizeof calls, "%u+%u", alloc_calls, rows[i].syscalls);
        else if (rows[i].syscalls != ~0u)
            snprintf(calls, sizeof calls, "%u", rows[i].syscalls);
        /* relative to the raw cost of the same amount of mapping work */
        int big = strstr(rows[i].name, "64") != NULL;
        rows[i].ratio = rows[i].ns / (big ? raw64 : raw1);
        snprintf(rows[i].calls, sizeof rows[i].calls, "%s", calls);
        printf("%-46s %12.0f %9s %10.2fx\n", rows[i].name, rows[i].ns, calls, rows[i].ratio);
    }
    printf("(syscalls: memory and pool system calls the library makes, probes not counted;\n"
           " x raw mmap: against the raw mmap of 64 pages for 64-page rows, of 1 page otherwise)\n");
    for (unsigned i = 0; i < n; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s", rows[i].name);
        for (char *c = key; *c; c++)
            if (*c == ' ')
                *c = '-';
        printf("bench_linux: %s ns=%.0f syscalls=%s x_raw_mmap=%.2f\n", key, rows[i].ns,
               rows[i].calls, rows[i].ratio);
    }
    awl_shutdown();
    return 0;
}
