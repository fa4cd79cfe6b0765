/* SPDX-License-Identifier: Apache-2.0 */
/* tu_vm.c: kernel views and pictures for the query, protect and lock tests (see tu_vm.h). */
#include "tu_vm.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tu_maps_at(const void *va, char perms[5], int *pool)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    uintptr_t a = (uintptr_t)va;
    while (!found && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char p[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) != 3 || a < lo || a >= hi)
            continue;
        memcpy(perms, p, 5);
        *pool = strstr(line, "memfd:awl-pool") != NULL;
        found = 1;
    }
    fclose(f);
    return found;
}

uint64_t tu_locked_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    uint64_t kb = UINT64_MAX;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmLck: %" SCNu64, &kb) == 1)
            break;
    fclose(f);
    return kb;
}

awe_mbi tu_query(const void *va)
{
    awe_mbi m;
    memset(&m, 0xEE, sizeof m);
    AWL_SIZE_T len = 0;
    CHECK_EQ_U64(AwlNtQueryVirtualMemory(AWL_CURRENT_PROCESS, va, 0, &m, sizeof m, &len),
                 AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(len, sizeof m);
    return m;
}

/* The permissions a page of this protection shows, without the sharing letter. */
static const char *perms_of(uint32_t protect)
{
    switch (protect & 0xFFu) {
    case AWE_PAGE_READONLY: return "r--";
    case AWE_PAGE_READWRITE: return "rw-";
    case AWE_PAGE_EXECUTE_READ: return "r-x";
    case AWE_PAGE_EXECUTE_READWRITE: return "rwx";
    case AWE_PAGE_EXECUTE: return "--x";
    default: return "---";
    }
}

int tu_maps_agree(const uint8_t *va, size_t pages, int awe)
{
    for (size_t i = 0; i < pages; i++) {
        const uint8_t *p = va + i * PG;
        awe_mbi m = tu_query(p);
        char perms[5];
        int pool;
        if (!tu_maps_at(p, perms, &pool))
            return 0;
        int want_pool = m.state == AWE_MEM_COMMIT && awe;
        char want[5];
        snprintf(want, sizeof want, "%s%c", m.state == AWE_MEM_COMMIT ? perms_of(m.protect) : "---",
                 want_pool ? 's' : 'p');
        if (pool != want_pool || strcmp(perms, want) != 0) {
            fprintf(stderr, "  page %p: query state %#x protect %#x, maps %s%s\n", (const void *)p,
                    m.state, m.protect, perms, pool ? " (pool)" : "");
            return 0;
        }
    }
    return 1;
}

char *tu_picture(uint8_t *const *bases, const size_t *pages, size_t ranges)
{
    size_t n = 0;
    for (size_t r = 0; r < ranges; r++)
        n += pages[r];
    size_t cap = 96 * (n + 1), len = 0;
    char *s = malloc(cap);
    for (size_t r = 0; r < ranges; r++)
        for (size_t i = 0; i < pages[r]; i++) {
            uint8_t *p = bases[r] + i * PG;
            awe_mbi m = tu_query(p);
            char perms[5] = "none";
            int pool = 0;
            tu_maps_at(p, perms, &pool);
            uint64_t w = 0;
            int ok = tu_peek(p, &w);
            len += (size_t)snprintf(s + len, cap - len, "%p %#x %#x %#" PRIx64 " %s%d %d %#" PRIx64 "\n",
                                    (void *)p, m.state, m.protect, m.region_size, perms, pool, ok, w);
        }
    snprintf(s + len, cap - len, "VmLck %" PRIu64 "\n", tu_locked_kb());
    return s;
}

unsigned tu_fault_every_position(void (*build)(tu_scene *), awe_ntstatus (*op)(tu_scene *))
{
    tu_scene s;
    build(&s);
    awe_ntstatus normal = op(&s);
    unsigned calls = awl_last_syscall_count();
    char *normal_after = tu_picture(s.bases, s.pages, 2);
    for (unsigned k = 1; k <= calls; k++) {
        build(&s);
        char *before = tu_picture(s.bases, s.pages, 2);
        awl_fault_inject(k, 12 /* ENOMEM */);
        awe_ntstatus st = op(&s);
        char *after = tu_picture(s.bases, s.pages, 2);
        if (st == AWE_STATUS_INSUFFICIENT_RESOURCES && st != normal) {
            if (strcmp(before, after) != 0)
                fprintf(stderr, "  fault %u of %u changed:\n%s---\n%s", k, calls, before, after);
            CHECK(strcmp(before, after) == 0);
        } else {
            CHECK_EQ_U64(st, normal);
            CHECK(strcmp(normal_after, after) == 0);
        }
        free(before);
        free(after);
    }
    awl_fault_inject(0, 0);
    free(normal_after);
    return calls;
}
