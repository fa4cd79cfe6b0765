/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_map.c: Map and Scatter: all-or-nothing (M7, S7), one VA per PFN (M6),
 * last-wins (S8), contents (C1). */
#include "fuzz_target.h"

AWE_FUZZ_TARGET(awe_target_mask("map"))
