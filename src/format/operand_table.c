/* SPDX-License-Identifier: Apache-2.0 */
/* operand_table.c: from operand id to its description (operands.h). A row of AWE_FIELD_LIST
 * without its awe_operand object does not link. */
#include "operands.h"

static const awe_operand *const table[AWE_F_LIMIT] = {
#define AWE_FIELD_ROW(e, object) [AWE_F_##e] = &object,
    AWE_FIELD_LIST(AWE_FIELD_ROW)
#undef AWE_FIELD_ROW
};

const awe_operand *awe_operand_of(awe_field f)
{
    return f > AWE_F_END && f < AWE_F_LIMIT ? table[f] : NULL;
}
