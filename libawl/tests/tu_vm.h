/* SPDX-License-Identifier: Apache-2.0 */
/* tu_vm.h: helpers for the query, protect and lock tests: the kernel's view of a page
 * (/proc/self/maps), locked memory (VmLck), a query that must succeed, and a text picture of
 * every page of some ranges (query answer, kernel permissions, first word) to compare
 * states before and after a call. */
#ifndef TU_VM_H
#define TU_VM_H

#include <stddef.h>
#include <stdint.h>

#include "tu.h"

/* The /proc/self/maps line holding va: 1 and its permissions ("rw-s") and whether it maps
 * the library's pool memfd; 0 when no mapping holds va. */
int tu_maps_at(const void *va, char perms[5], int *pool);
/* VmLck of /proc/self/status, in KiB. */
uint64_t tu_locked_kb(void);
/* NtQueryVirtualMemory of va on the current process; CHECKs success. */
awe_mbi tu_query(const void *va);
/* 1 when the query of every page of [va, va + pages) (an AWE region's when awe) agrees with /proc/self/maps: a
 * committed AWE page is a shared mapping of the pool with its protection's permissions, an
 * unmapped AWE page or a reserved plain page a private PROT_NONE reservation, a committed
 * plain page a private mapping with its protection's permissions. */
int tu_maps_agree(const uint8_t *va, size_t pages, int awe);
/* A malloc'd picture of every page of the ranges plus VmLck; compare with strcmp. */
char *tu_picture(uint8_t *const *bases, const size_t *pages, size_t ranges);

/* Fault injection at every system call of op (after build, on the pages of the ranges build
 * fills in): each faulted run must end like the unfaulted one, or with
 * INSUFFICIENT_RESOURCES and the picture unchanged. Returns the number of positions. */
typedef struct {
    uint8_t *bases[2];
    size_t pages[2];
} tu_scene;
unsigned tu_fault_every_position(void (*build)(tu_scene *), awe_ntstatus (*op)(tu_scene *));

#endif
