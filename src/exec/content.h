/* SPDX-License-Identifier: Apache-2.0 */
/* content.h: what a page holds. The harness's content has two parts: the program's tag (what
 * "write tag=T" stored, 0 before any write) and the frame's stamp (which frame this is: the
 * harness stamps each frame the first time it is mapped, so even a page nobody wrote tells
 * which frame sits behind it). Every 64-bit word i of the page is awe_content_word(T, S, i): a
 * page read back identifies both and shows a shifted, stale, swapped or foreign frame at once.
 * Tag 0 stamp 0 is the all-zero page (a fresh frame, A11). Stamps never appear in program
 * text: reads report the tag only. */
#ifndef AWE_CONTENT_H
#define AWE_CONTENT_H

#include <stdint.h>

#include "awe_defs.h"

#define AWE_WORDS_PER_PAGE (AWE_PAGE_SIZE / 8u)

static inline uint64_t awe_content_word(uint64_t tag, uint16_t stamp, unsigned i)
{
    /* tag, stamp, word index, marker: readable in a hex dump */
    return tag || stamp ? (tag << 48) | ((uint64_t)stamp << 32) | ((uint64_t)i << 16) | 0xA5A5u
                        : 0;
}

void awe_content_fill(uint64_t tag, uint16_t stamp, uint64_t *page);
/* The tag and stamp a page holds: 0, or -1 when the page matches no pattern. */
int awe_content_decode(const uint64_t *page, uint64_t *tag, uint16_t *stamp);

#endif
