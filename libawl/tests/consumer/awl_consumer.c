/* SPDX-License-Identifier: Apache-2.0 */
/* awl_consumer.c: built against an installed libawl only. Allocates pages, maps one into a
 * window, writes through it, sees a bad pointer refused, frees everything; exits 0 only when
 * every result is the one the API promises. */
#include <stdio.h>
#include <string.h>

#include <awl.h>

/* The library's internals stay inside it: an installed package that exposes them would let
 * programs depend on the mutant catalogue or the private modules. */
#if defined(__has_include)
#if __has_include(<awl_mutants.h>) || __has_include(<awl_internal.h>)
#error "an installed libawl exposes private headers"
#endif
#endif

#define PAGES 4u

static int failures;

static void expect(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "awl_consumer: %s (last error %u)\n", what, (unsigned)AwlGetLastError());
        failures++;
    }
}

int main(void)
{
    AWL_ULONG_PTR pfns[PAGES], n = PAGES;
    expect(AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns) && n == PAGES,
           "AllocateUserPhysicalPages grants the pages asked for");
    unsigned char *win = AwlVirtualAlloc(NULL, PAGES * AWE_PAGE_SIZE,
                                         AWE_MEM_RESERVE | AWE_MEM_PHYSICAL, AWE_PAGE_READWRITE);
    expect(win != NULL, "VirtualAlloc reserves an AWE window");
    if (failures)
        return 1;
    expect(AwlMapUserPhysicalPages(win, 1, &pfns[2]), "MapUserPhysicalPages maps a page");
    memset(win, 0x5a, AWE_PAGE_SIZE);
    expect(AwlMapUserPhysicalPages(win + AWE_PAGE_SIZE, 1, &pfns[2]) == 0 &&
               AwlGetLastError() == AWE_ERROR_INVALID_PARAMETER,
           "a page mapped once cannot be mapped at a second address");
    expect(AwlNtMapUserPhysicalPages(win, 1, (AWL_ULONG_PTR *)8) == AWE_STATUS_ACCESS_VIOLATION,
           "a bad PFN array pointer is an access violation, not a crash");
    expect(win[AWE_PAGE_SIZE - 1] == 0x5a, "the mapped page keeps what was written");
    n = PAGES;
    expect(AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns) && n == PAGES,
           "FreeUserPhysicalPages frees every page, the mapped one included");
    expect(AwlVirtualFree(win, 0, AWE_MEM_RELEASE), "VirtualFree releases the window");
    awl_shutdown();
    if (failures == 0)
        printf("awl_consumer: ok\n");
    return failures != 0;
}
