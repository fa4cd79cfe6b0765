/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_sequence.c: Any sequence of every operation: the general target. */
#include "fuzz_target.h"

AWE_FUZZ_TARGET(awe_target_mask("sequence"))
