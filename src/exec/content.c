/* SPDX-License-Identifier: Apache-2.0 */
/* content.c: page content patterns (see content.h). */
#include "content.h"

#include <string.h>

void awe_content_fill(uint64_t tag, uint16_t stamp, uint64_t *page)
{
    if (!tag && !stamp) {
        memset(page, 0, AWE_PAGE_SIZE);
        return;
    }
    /* awe_content_word(tag, stamp, i) with the parts that do not depend on i done once */
    uint64_t base = awe_content_word(tag, stamp, 0);
    for (unsigned i = 0; i < AWE_WORDS_PER_PAGE; i++)
        page[i] = base | ((uint64_t)i << 16);
}

int awe_content_decode(const uint64_t *page, uint64_t *tag, uint16_t *stamp)
{
    uint64_t t = page[0] >> 48;
    uint16_t s = (uint16_t)(page[0] >> 32);
    for (unsigned i = 0; i < AWE_WORDS_PER_PAGE; i++)
        if (page[i] != awe_content_word(t, s, i))
            return -1;
    *tag = t;
    *stamp = s;
    return 0;
}
