/* SPDX-License-Identifier: Apache-2.0 */
/* awl_pageinfo.c: per-page protection and lock words (see awl_pageinfo.h). */
#include "awl_pageinfo.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "awe_defs.h"
#include "awl_spare.h"
#include "awl_sys.h"

#define CALLOC_MAX (64u * 1024u)

uint16_t *awl_pageinfo_new(size_t pages)
{
    size_t bytes = pages * sizeof(uint16_t);
    if (bytes <= CALLOC_MAX)
        return calloc(pages ? pages : 1, sizeof(uint16_t));
    void *p = awl_sys_mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void awl_pageinfo_free(uint16_t *t, size_t pages)
{
    size_t bytes = pages * sizeof(uint16_t);
    if (t == NULL)
        return;
    if (bytes <= CALLOC_MAX) {
        free(t);
        return;
    }
    /* Always past the point of no return of the call that frees it: housekeeping. */
    awl_sys_quiet_begin();
    awl_sys_munmap(t, bytes);
    awl_sys_quiet_end();
}

int awl_pageinfo_linux_prot(uint32_t protect)
{
    switch (protect & 0xFFu) {
    case AWE_PAGE_READONLY: return PROT_READ;
    case AWE_PAGE_READWRITE:
    case AWE_PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case AWE_PAGE_EXECUTE: return PROT_EXEC;
    case AWE_PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case AWE_PAGE_EXECUTE_READWRITE:
    case AWE_PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
    default: return PROT_NONE; /* NOACCESS, or nothing stored */
    }
}

/* Protection of an AWE page's word: 0 is the READWRITE every Map installs (P11). */
static uint32_t awe_protect(uint16_t word)
{
    uint32_t p = word & AWL_INFO_PROTECT;
    return p ? p : AWE_PAGE_READWRITE;
}

int awl_pageinfo_reapply(uintptr_t va, const uint16_t *info, size_t pages)
{
    for (size_t i = 0; i < pages;) {
        uint32_t p = awe_protect(info[i]);
        size_t j = i + 1;
        while (j < pages && awe_protect(info[j]) == p)
            j++;
        if (p != AWE_PAGE_READWRITE) {
            /* The protection splits the mapping: at the map-count limit a spare makes room. */
            while (awl_sys_mprotect((void *)(va + i * AWE_PAGE_SIZE), (j - i) * AWE_PAGE_SIZE,
                                    awl_pageinfo_linux_prot(p))) {
                if (errno != ENOMEM || awl_spare_release_one())
                    return -1;
            }
        }
        i = j;
    }
    return 0;
}
