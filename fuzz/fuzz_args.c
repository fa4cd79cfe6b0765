/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_args.c: Argument validation: every call with bad pointers, counts, handles,
 * flags and layers. */
#include "fuzz_target.h"

AWE_FUZZ_TARGET(awe_target_mask("args"))
