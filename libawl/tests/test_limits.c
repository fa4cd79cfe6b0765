/* SPDX-License-Identifier: Apache-2.0 */
/* test_limits.c: the real vm.max_map_count limit (not an injected fault): at the limit a
 * Map that needs one more kernel mapping fails with STATUS_INSUFFICIENT_RESOURCES and changes
 * nothing, also when an earlier run of the same call had already been applied (M7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tu.h"

/* At the limit every new kernel mapping fails, AddressSanitizer's own included: with no
 * quarantine its allocator reuses freed memory instead of mapping more. (This program only.) */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=0";
}

/* Mappings the kernel counts against the limit: /proc/self/maps without the gate page. */
static long count_vmas(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    long n = 0;
    while (fgets(line, sizeof line, f))
        n += strstr(line, "[vsyscall]") == NULL && strchr(line, '\n') != NULL;
    fclose(f);
    return n;
}

static long max_map_count(void)
{
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

TEST(M7_S7_at_the_vm_max_map_count_limit_nothing_changes)
{
    long limit = max_map_count();
    if (limit <= 0 || limit > 70000) {
        printf("vm.max_map_count is %ld: too large to reach quickly, not tested\n", limit);
        return;
    }
    size_t n = (size_t)limit / 2 + 64; /* isolated pages cost two mappings each */
    tu_fresh(n + 8, 0, 1);
    AWL_ULONG_PTR *pfns = malloc((n + 8) * sizeof *pfns);
    tu_alloc(pfns, n + 8);
    uint8_t *r = tu_region(2 * n + 64);
    /* Warm up every allocation made at the limit (see __asan_default_options). */
    tu_snapshot warm;
    uint8_t *wbase[] = {r};
    size_t wpages[] = {24};
    for (int i = 0; i < 2; i++) {
        tu_snap(&warm, wbase, wpages, 1);
        tu_snap_free(&warm);
        AWL_ULONG_PTR w2[] = {pfns[n + 4], pfns[n + 6]};
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 4 * PG, 2, w2), AWE_STATUS_SUCCESS);
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 4 * PG, 2, NULL), AWE_STATUS_SUCCESS);
    }
    /* Ballast: whole one-page mappings the test can give back to set the count exactly. */
    enum { BALLAST = 32 };
    void *ballast[BALLAST];
    for (int i = 0; i < BALLAST; i++)
        ballast[i] = mmap(NULL, PG, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    count_vmas();
    size_t mapped = 0;
    awe_ntstatus st = AWE_STATUS_SUCCESS;
    while (mapped < n) {
        st = AwlNtMapUserPhysicalPages(r + 2 * mapped * PG, 1, pfns + mapped);
        if (st != AWE_STATUS_SUCCESS)
            break;
        mapped++;
    }
    int faults_after = tu_faults(r + 2 * mapped * PG);
    awl_stats stats;
    awl_get_stats(&stats);

    /* Exactly at the limit: a replacement still fits, a split does not. */
    long vmas_at = count_vmas();
    int given_back = 0;
    while (vmas_at - given_back > limit && given_back < BALLAST)
        munmap(ballast[given_back++], PG);
    size_t last = 2 * (mapped - 1);
    int poked = tu_poke(r + last * PG, 0xfeed);
    AWL_ULONG_PTR two[] = {pfns[n + 1], pfns[n + 3]};
    uint8_t *bases[] = {r + (last - 8) * PG};
    size_t pages[] = {24};
    tu_snapshot before, after;
    tu_snap(&before, bases, pages, 1);
    /* Two runs: the first replaces the last mapped page, the second lands inside the unmapped
     * rest, needs a split and fails: the first is undone (S7). */
    AWL_PVOID vas[] = {r + last * PG, r + (last + 5) * PG};
    awe_ntstatus st2 = AwlNtMapUserPhysicalPagesScatter(vas, 2, two);
    unsigned calls2 = awl_last_syscall_count();
    tu_snap(&after, bases, pages, 1);
    int unchanged = tu_snap_equal(&before, &after) && tu_reads(r + last * PG, 0xfeed);

    /* Everything goes back (assertions only afterwards: reporting needs memory too). */
    CHECK(awl_reset() == 0);
    CHECK_EQ_U64(st, AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK(mapped < n && mapped > 1000);
    CHECK(faults_after);
    CHECK_EQ_U64(stats.pages_mapped, mapped);
    CHECK(poked);
    CHECK(vmas_at - given_back == limit);
    CHECK_EQ_U64(st2, AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK(calls2 >= 3); /* run 1, run 2 failing, run 1 put back */
    CHECK(unchanged);
    for (int i = given_back; i < BALLAST; i++)
        munmap(ballast[i], PG);
    tu_snap_free(&before);
    tu_snap_free(&after);
    awl_get_stats(&stats);
    CHECK_EQ_U64(stats.regions, 0);
    free(pfns);
    CHECK(awl_reset() == 0);
}
