/* SPDX-License-Identifier: Apache-2.0 */
/* awl_spare.c: the spare-VMA reserve (see awl_spare.h). */
#include "awl_spare.h"

#include <sys/mman.h>

#include "awl_internal.h"
#include "awl_sys.h"

static void *spares[AWL_SPARE_VMAS];
static size_t n_spares;

void awl_spare_fill(void)
{
    awl_sys_quiet_begin();
    while (n_spares < AWL_SPARE_VMAS) {
        /* Shared anonymous: its own shmem object, so the kernel never merges it. */
        void *p = awl_sys_mmap(NULL, AWL_PAGE, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            break;
        spares[n_spares++] = p;
    }
    awl_sys_quiet_end();
}

int awl_spare_release_one(void)
{
    if (n_spares == 0)
        return -1;
    awl_sys_quiet_begin();
    int rc = awl_sys_munmap(spares[--n_spares], AWL_PAGE);
    awl_sys_quiet_end();
    return rc;
}

void awl_spare_drop_all(void)
{
    while (n_spares > 0)
        awl_spare_release_one();
}

size_t awl_spare_count(void)
{
    return n_spares;
}
