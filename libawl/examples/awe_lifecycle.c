/* SPDX-License-Identifier: Apache-2.0 */
/* awe_lifecycle.c: the canonical Address Windowing Extensions life cycle, written the way a
 * Windows program does it, on the Linux implementation (awl.h):
 *   allocate physical pages, reserve a window, map pages into it, use them with plain loads
 *   and stores, map other pages into the same window, map the first ones again somewhere
 *   else and read back what they hold, unmap, free the pages, release the window.
 * Prints each step; exits nonzero as soon as anything is not as the API promises. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awl.h"

#define PAGE_SIZE 4096u
#define PAGES 8u  /* physical pages */
#define WINDOW 4u /* pages the window shows at a time */

static int failures;

static void step(int ok, const char *what)
{
    if (ok) {
        printf("  ok    %s\n", what);
    } else {
        printf("  FAIL  %s (last error %u)\n", what, (unsigned)AwlGetLastError());
        failures++;
    }
}

/* Every byte of a page holds one value: the page's "signature". */
static void fill(unsigned char *page, unsigned char value)
{
    memset(page, value, PAGE_SIZE);
}

static int holds(const unsigned char *page, unsigned char value)
{
    for (unsigned i = 0; i < PAGE_SIZE; i++)
        if (page[i] != value)
            return 0;
    return 1;
}

int main(void)
{
    AWL_ULONG_PTR pfns[PAGES];
    AWL_ULONG_PTR count = PAGES;

    printf("1. allocate %u physical pages\n", PAGES);
    step(AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), "AllocateUserPhysicalPages");
    step(count == PAGES, "all pages granted");
    if (failures)
        return 1;
    for (unsigned i = 0; i < PAGES; i++)
        printf("        page %u: PFN 0x%llx\n", i, (unsigned long long)pfns[i]);

    printf("2. reserve a window of %u pages\n", WINDOW);
    unsigned char *window = AwlVirtualAlloc(NULL, WINDOW * PAGE_SIZE, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL,
                                            AWE_PAGE_READWRITE);
    step(window != NULL, "VirtualAlloc(MEM_RESERVE | MEM_PHYSICAL)");
    if (window == NULL)
        return 1;
    printf("        window at %p\n", (void *)window);

    printf("3. map pages 0..3 into the window and write to them\n");
    step(AwlMapUserPhysicalPages(window, WINDOW, pfns), "MapUserPhysicalPages(pages 0..3)");
    for (unsigned i = 0; i < WINDOW; i++)
        fill(window + i * PAGE_SIZE, (unsigned char)(0xa0 + i));
    step(holds(window, 0xa0) && holds(window + 3 * PAGE_SIZE, 0xa3), "plain stores land in the pages");

    printf("4. remap: pages 4..7 take the window's place\n");
    step(AwlMapUserPhysicalPages(window, WINDOW, pfns + WINDOW), "MapUserPhysicalPages(pages 4..7)");
    step(holds(window, 0) && holds(window + 3 * PAGE_SIZE, 0), "fresh pages read as zero");
    for (unsigned i = 0; i < WINDOW; i++)
        fill(window + i * PAGE_SIZE, (unsigned char)(0xb0 + i));

    printf("5. map pages 0..3 elsewhere, in reverse, and read back\n");
    unsigned char *second = AwlVirtualAlloc(NULL, WINDOW * PAGE_SIZE, AWE_MEM_RESERVE | AWE_MEM_PHYSICAL,
                                            AWE_PAGE_READWRITE);
    step(second != NULL, "VirtualAlloc(second window)");
    if (second == NULL)
        return 1;
    AWL_PVOID where[WINDOW];
    for (unsigned i = 0; i < WINDOW; i++)
        where[i] = second + (WINDOW - 1 - i) * PAGE_SIZE;
    step(AwlMapUserPhysicalPagesScatter(where, WINDOW, pfns), "MapUserPhysicalPagesScatter(pages 0..3)");
    int kept = 1;
    for (unsigned i = 0; i < WINDOW; i++)
        kept &= holds(second + (WINDOW - 1 - i) * PAGE_SIZE, (unsigned char)(0xa0 + i));
    step(kept, "the data stayed with the physical pages");
    step(holds(window + PAGE_SIZE, 0xb1), "the first window still shows pages 4..7");

    printf("6. a page can be mapped at one address only\n");
    step(!AwlMapUserPhysicalPages(window, 1, pfns) && AwlGetLastError() == AWE_ERROR_INVALID_PARAMETER,
         "mapping page 0 again is refused with ERROR_INVALID_PARAMETER");
    AwlSetLastError(0);

    printf("7. unmap both windows\n");
    step(AwlMapUserPhysicalPages(window, WINDOW, NULL), "MapUserPhysicalPages(window, NULL)");
    step(AwlMapUserPhysicalPages(second, WINDOW, NULL), "MapUserPhysicalPages(second, NULL)");
    unsigned char probe;
    step(awl_probe_read(window, &probe, 1) != 0, "the window faults again");

    printf("8. free the physical pages\n");
    count = PAGES;
    step(AwlFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &count, pfns), "FreeUserPhysicalPages");
    step(count == PAGES, "all pages freed");

    printf("9. release the windows\n");
    step(AwlVirtualFree(window, 0, AWE_MEM_RELEASE), "VirtualFree(window, MEM_RELEASE)");
    step(AwlVirtualFree(second, 0, AWE_MEM_RELEASE), "VirtualFree(second, MEM_RELEASE)");

    printf("%s\n", failures ? "AWE life cycle: FAILED" : "AWE life cycle: all steps as promised");
    awl_shutdown();
    return failures ? 1 : 0;
}
