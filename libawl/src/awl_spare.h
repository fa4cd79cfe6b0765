/* SPDX-License-Identifier: Apache-2.0 */
/* awl_spare: a handful of spare VMAs the backend holds so that a rollback can always be
 * completed at the vm.max_map_count limit. Each spare is a one-page shared anonymous
 * mapping (never merged with a neighbour), so unmapping one frees exactly one VMA slot. */
#ifndef AWL_SPARE_H
#define AWL_SPARE_H

#include <stddef.h>

#define AWL_SPARE_VMAS 4

/* Tops the reserve up (quietly; at the limit it may stay short). */
void awl_spare_fill(void);
/* Gives one VMA slot back to the kernel: 0, or -1 when none is left. */
int awl_spare_release_one(void);
void awl_spare_drop_all(void);
size_t awl_spare_count(void);

#endif
