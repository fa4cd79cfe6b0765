/* content.h: what a page holds after "write tag=T": every 64-bit word i of the page is
 * awe_content_word(T, i), so a page read back identifies its tag and shows a shifted, stale or
 * foreign page at once. Tag 0 is the all-zero page (fresh pages, A11). */
#ifndef AWE_CONTENT_H
#define AWE_CONTENT_H

#include <stdint.h>

#include "awe_defs.h"

#define AWE_WORDS_PER_PAGE (AWE_PAGE_SIZE / 8u)

static inline uint64_t awe_content_word(uint64_t tag, unsigned i)
{
    /* tag in the top bits and the word index in the middle: readable in a hex dump */
    return tag ? (tag << 48) | ((uint64_t)i << 16) | 0xA5A5u : 0;
}

void awe_content_fill(uint64_t tag, uint64_t *page);
/* The tag a page holds, or -1 when the page matches no tag's pattern. */
int64_t awe_content_tag_of(const uint64_t *page);

#endif
