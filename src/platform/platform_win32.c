/* SPDX-License-Identifier: Apache-2.0 */
/* platform_win32.c: platform.h on Windows (mingw-w64, clang-cl; also under Wine). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "platform.h"

void *awe_plat_map(size_t len)
{
    return VirtualAlloc(NULL, len, MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
}

void awe_plat_unmap(void *p, size_t len)
{
    (void)len; /* MEM_RELEASE frees the whole reservation and wants size 0 */
    if (p)
        VirtualFree(p, 0, MEM_RELEASE);
}

int awe_plat_protect(void *p, size_t len, awe_prot prot)
{
    DWORD native = prot == AWE_PROT_RW ? PAGE_READWRITE
                 : prot == AWE_PROT_READ ? PAGE_READONLY
                                         : PAGE_NOACCESS;
    DWORD old;
    return VirtualProtect(p, len, native, &old) ? 0 : -1;
}

uint64_t awe_plat_now_ns(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER now;
    if (freq.QuadPart == 0)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&now);
    /* split so that the multiplication cannot overflow for any uptime */
    uint64_t secs = (uint64_t)now.QuadPart / (uint64_t)freq.QuadPart;
    uint64_t rest = (uint64_t)now.QuadPart % (uint64_t)freq.QuadPart;
    return secs * 1000000000u + rest * 1000000000u / (uint64_t)freq.QuadPart;
}
