/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_free.c: Allocate and Free: partial grants (A6-A8), partial-free counts (F5),
 * unmapping on free (F7). */
#include "fuzz_target.h"

AWE_FUZZ_TARGET(awe_target_mask("free"))
