/* content.c: page content patterns (see content.h). */
#include "content.h"

void awe_content_fill(uint64_t tag, uint64_t *page)
{
    for (unsigned i = 0; i < AWE_WORDS_PER_PAGE; i++)
        page[i] = awe_content_word(tag, i);
}

int64_t awe_content_tag_of(const uint64_t *page)
{
    uint64_t tag = page[0] >> 48;
    for (unsigned i = 0; i < AWE_WORDS_PER_PAGE; i++)
        if (page[i] != awe_content_word(tag, i))
            return -1;
    return (int64_t)tag;
}
