/* SPDX-License-Identifier: Apache-2.0 */
/* test_pointers.c: every pointer argument of every call, given each kind of bad memory
 * the NT kernel survives: NULL, a PROT_NONE page, a read-only page, an array or scalar
 * that runs into a guard page. Inputs may be read-only; outputs may not. Never a signal. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tu.h"

typedef enum { K_NULL, K_NOACCESS, K_READONLY, K_SHORT, K_EXACT } kind;
static const char *const kind_name[] = {"NULL", "PROT_NONE", "read-only", "short", "exact"};

/* `n` 64-bit entries copied from `content`, placed as `k` says. K_SHORT holds n-1 entries
 * before the guard page (for a scalar, n == 1: it straddles the guard). */
static void *arg(kind k, const void *content, size_t n)
{
    size_t bytes = n * 8;
    switch (k) {
    case K_NULL: return NULL;
    case K_NOACCESS: return tu_page(PROT_NONE);
    case K_READONLY: return tu_readonly_copy(content, bytes);
    case K_SHORT: {
        size_t room = n > 1 ? bytes - 8 : 4;
        uint8_t *p = tu_guarded(room);
        memcpy(p, content, room);
        return p;
    }
    case K_EXACT: {
        uint8_t *p = tu_guarded(bytes);
        memcpy(p, content, bytes);
        return p;
    }
    }
    return NULL;
}

static void expect(kind k, awe_ntstatus got, awe_ntstatus want)
{
    if (got != want)
        fprintf(stderr, "  argument kind %s\n", kind_name[k]);
    CHECK_EQ_U64(got, want);
}

static size_t owned(void)
{
    awl_stats st;
    awl_get_stats(&st);
    return st.pages_owned;
}

TEST(A3_bad_count_pointers)
{
    const awe_ntstatus want[] = {AWE_STATUS_ACCESS_VIOLATION, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_ACCESS_VIOLATION, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_SUCCESS};
    for (kind k = K_NULL; k <= K_EXACT; k++) {
        tu_default();
        AWL_ULONG_PTR two = 2, pfns[2];
        AWL_ULONG_PTR *count = arg(k, &two, 1);
        expect(k, AwlNtAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, count, pfns), want[k]);
        CHECK_EQ_U64(owned(), k == K_EXACT ? 2 : 0);
    }
}

TEST(A3_bad_page_arrays)
{
    const awe_ntstatus want[] = {AWE_STATUS_ACCESS_VIOLATION, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_ACCESS_VIOLATION, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_SUCCESS};
    for (kind k = K_NULL; k <= K_EXACT; k++) {
        tu_default();
        AWL_ULONG_PTR marks[3] = {0x5151, 0x5252, 0x5353}, count = 3;
        AWL_ULONG_PTR *pfns = arg(k, marks, 3);
        expect(k, AwlNtAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), want[k]);
        CHECK_EQ_U64(count, 3);
        CHECK_EQ_U64(owned(), k == K_EXACT ? 3 : 0);
        if (k == K_EXACT)
            CHECK_EQ_U64(pfns[2], 0x1002);
        if (k == K_READONLY || k == K_SHORT) /* A9: nothing written */
            CHECK(pfns[0] == 0x5151 && pfns[1] == 0x5252);
    }
}

TEST(F1_bad_count_pointers)
{
    for (kind k = K_NULL; k <= K_EXACT; k++) {
        tu_default();
        AWL_ULONG_PTR pfns[2];
        tu_alloc(pfns, 2);
        AWL_ULONG_PTR two = 2;
        AWL_ULONG_PTR *count = arg(k, &two, 1);
        awe_ntstatus want = k == K_EXACT ? AWE_STATUS_SUCCESS : AWE_STATUS_ACCESS_VIOLATION;
        expect(k, AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, count, pfns), want);
        CHECK_EQ_U64(owned(), k == K_EXACT ? 0 : 2);
    }
}

TEST(F6_bad_page_arrays)
{
    const awe_ntstatus want[] = {AWE_STATUS_ACCESS_VIOLATION, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_SUCCESS, AWE_STATUS_ACCESS_VIOLATION,
                                 AWE_STATUS_SUCCESS};
    for (kind k = K_NULL; k <= K_EXACT; k++) {
        tu_default();
        AWL_ULONG_PTR pfns[3];
        tu_alloc(pfns, 3);
        AWL_ULONG_PTR count = 3;
        expect(k, AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, arg(k, pfns, 3)), want[k]);
        CHECK_EQ_U64(count, want[k] == AWE_STATUS_SUCCESS ? 3 : 0);
        CHECK_EQ_U64(owned(), want[k] == AWE_STATUS_SUCCESS ? 0 : 3);
    }
}

TEST(M3_bad_page_arrays)
{
    for (kind k = K_NOACCESS; k <= K_EXACT; k++) { /* NULL is the unmap form (M8) */
        tu_default();
        uint8_t *r = tu_region(16);
        AWL_ULONG_PTR pfns[3];
        tu_alloc(pfns, 3);
        awe_ntstatus want = (k == K_READONLY || k == K_EXACT) ? AWE_STATUS_SUCCESS
                                                              : AWE_STATUS_ACCESS_VIOLATION;
        expect(k, AwlNtMapUserPhysicalPages(r, 3, arg(k, pfns, 3)), want);
        CHECK(tu_faults(r + 2 * PG) == (want != AWE_STATUS_SUCCESS));
    }
}

TEST(S2_bad_address_arrays)
{
    for (kind k = K_NULL; k <= K_EXACT; k++) {
        tu_default();
        uint8_t *r = tu_region(16);
        AWL_ULONG_PTR pfns[3];
        tu_alloc(pfns, 3);
        AWL_PVOID vas[] = {r + 5 * PG, r, r + 9 * PG};
        awe_ntstatus want = (k == K_READONLY || k == K_EXACT) ? AWE_STATUS_SUCCESS
                                                              : AWE_STATUS_ACCESS_VIOLATION;
        expect(k, AwlNtMapUserPhysicalPagesScatter(arg(k, vas, 3), 3, pfns), want);
        CHECK(tu_faults(r + 9 * PG) == (want != AWE_STATUS_SUCCESS));
    }
}

TEST(S2_bad_page_arrays)
{
    for (kind k = K_NOACCESS; k <= K_EXACT; k++) { /* NULL is the unmap form (S6) */
        tu_default();
        uint8_t *r = tu_region(16);
        AWL_ULONG_PTR pfns[3];
        tu_alloc(pfns, 3);
        AWL_PVOID vas[] = {r + 5 * PG, r, r + 9 * PG};
        awe_ntstatus want = (k == K_READONLY || k == K_EXACT) ? AWE_STATUS_SUCCESS
                                                              : AWE_STATUS_ACCESS_VIOLATION;
        expect(k, AwlNtMapUserPhysicalPagesScatter(vas, 3, arg(k, pfns, 3)), want);
        CHECK(tu_faults(r + 9 * PG) == (want != AWE_STATUS_SUCCESS));
    }
}

TEST(V_alloc_bad_base_and_size_pointers)
{
    for (int which = 0; which < 2; which++) {
        for (kind k = K_NULL; k <= K_EXACT; k++) {
            tu_default();
            AWL_PVOID base0 = NULL;
            AWL_SIZE_T size0 = 16 * PG;
            AWL_PVOID *base = which == 0 ? arg(k, &base0, 1) : arg(K_EXACT, &base0, 1);
            AWL_SIZE_T *size = which == 1 ? arg(k, &size0, 1) : arg(K_EXACT, &size0, 1);
            awe_ntstatus want = k == K_EXACT ? AWE_STATUS_SUCCESS : AWE_STATUS_ACCESS_VIOLATION;
            expect(k, AwlNtAllocateVirtualMemory(AWL_CURRENT_PROCESS, base, 0, size,
                                                 AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE),
                   want);
            awl_stats st;
            awl_get_stats(&st);
            CHECK_EQ_U64(st.regions, k == K_EXACT);
            if (k == K_EXACT)
                CHECK(*base != NULL && *size == 16 * PG);
        }
    }
}

TEST(V_free_bad_base_and_size_pointers)
{
    for (int which = 0; which < 2; which++) {
        for (kind k = K_NULL; k <= K_EXACT; k++) {
            tu_default();
            AWL_PVOID base0 = tu_region(16);
            AWL_SIZE_T size0 = 0;
            AWL_PVOID *base = which == 0 ? arg(k, &base0, 1) : arg(K_EXACT, &base0, 1);
            AWL_SIZE_T *size = which == 1 ? arg(k, &size0, 1) : arg(K_EXACT, &size0, 1);
            awe_ntstatus want = k == K_EXACT ? AWE_STATUS_SUCCESS : AWE_STATUS_ACCESS_VIOLATION;
            expect(k, AwlNtFreeVirtualMemory(AWL_CURRENT_PROCESS, base, size, AWE_MEM_RELEASE), want);
            awl_stats st;
            awl_get_stats(&st);
            CHECK_EQ_U64(st.regions, k != K_EXACT);
        }
    }
}

TEST(P_probes_never_signal)
{
    uint64_t w = 0;
    CHECK(awl_probe_read(NULL, &w, 8) == -1);
    CHECK(awl_probe_read(tu_page(PROT_NONE), &w, 8) == -1);
    CHECK(awl_probe_write(tu_page(PROT_READ), &w, 8) == -1);
    CHECK(awl_probe_read((void *)(uintptr_t)0xffff800000000000ull, &w, 8) == -1);
    uint8_t *g = tu_guarded(4);
    CHECK(awl_probe_read(g, &w, 4) == 0);
    CHECK(awl_probe_read(g, &w, 8) == -1);
    CHECK(awl_probe_write(g, &w, 4) == 0);
    CHECK(awl_probe_read(g, &w, 0) == 0);
}

/* The inode of the library's staging file as this process maps it, 0 when unmapped. */
static unsigned long staging_inode(void)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long inode = 0;
    while (maps != NULL && inode == 0 && fgets(line, sizeof line, maps) != NULL) {
        unsigned long ino;
        if (strstr(line, "/memfd:awl-capture") != NULL &&
            sscanf(line, "%*s %*s %*s %*s %lu", &ino) == 1)
            inode = ino;
    }
    if (maps != NULL)
        fclose(maps);
    return inode;
}

/* A forked child that probes must not copy through the parent's staging file: both would
 * then overwrite each other's bytes in flight. */
TEST(P_forked_child_stages_through_its_own_file)
{
    uint64_t w = 0, v = 0x1122334455667788u;
    CHECK(awl_probe_read(&v, &w, 8) == 0);
    unsigned long parent = staging_inode();
    CHECK(parent != 0);
    pid_t pid = fork();
    if (pid == 0) {
        uint64_t got = 0, want = 0x8877665544332211u;
        int ok = awl_probe_read(&want, &got, 8) == 0 && got == want;
        unsigned long child = staging_inode();
        _exit(ok && child != 0 && child != parent ? 0 : 1);
    }
    int status = -1;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(staging_inode() == parent);
}
