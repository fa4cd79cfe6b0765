/* SPDX-License-Identifier: Apache-2.0 */
/* platform_posix.c: platform.h on Linux and other POSIX systems. */
#define _GNU_SOURCE
#include "platform.h"

#include <sys/mman.h>
#include <time.h>

void *awe_plat_map(size_t len)
{
    void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void awe_plat_unmap(void *p, size_t len)
{
    if (p)
        munmap(p, len);
}

int awe_plat_protect(void *p, size_t len, awe_prot prot)
{
    int native = prot == AWE_PROT_RW ? PROT_READ | PROT_WRITE
               : prot == AWE_PROT_READ ? PROT_READ
                                       : PROT_NONE;
    return mprotect(p, len, native);
}

uint64_t awe_plat_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
