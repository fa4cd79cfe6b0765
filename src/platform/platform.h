/* SPDX-License-Identifier: Apache-2.0 */
/* platform.h: the few operating-system services the harness itself needs (not the AWE calls
 * under test): page-granular memory with chosen protections, for laying out argument buffers
 * next to guard pages, and a monotonic clock. One implementation per OS:
 * platform_posix.c, platform_win32.c. */
#ifndef AWE_PLATFORM_H
#define AWE_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

typedef enum { AWE_PROT_NONE = 0, AWE_PROT_READ = 1, AWE_PROT_RW = 3 } awe_prot;

/* Reserve and commit `len` bytes (a multiple of the page size) with no access; NULL on failure. */
void *awe_plat_map(size_t len);
void awe_plat_unmap(void *p, size_t len);
/* 0, or -1 on failure. */
int awe_plat_protect(void *p, size_t len, awe_prot prot);
uint64_t awe_plat_now_ns(void);

#endif
