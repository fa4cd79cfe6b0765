/* SPDX-License-Identifier: Apache-2.0 */
/* text_names.h: the words of the text form of programs (handle kinds, pointer kinds, count
 * keywords, flag names), shared by the printer and the parser so they cannot drift apart. */
#ifndef AWE_TEXT_NAMES_H
#define AWE_TEXT_NAMES_H

#include <stddef.h>
#include <stdint.h>

extern const char *const awe_handle_words[];  /* by awe_handle_kind */
extern const char *const awe_bufkind_words[]; /* by awe_buf_kind */
extern const char *const awe_api_words[];     /* by awe_api */

/* Index of word in a NULL-terminated-by-count table, or -1. */
int awe_word_index(const char *const *words, int n, const char *word);

/* "RESERVE|PHYSICAL", "0", unknown bits as hex: for allocation and free types (mem = 1) or
 * page protections (mem = 0). */
void awe_flags_format(uint32_t value, int mem, char *buf, size_t cap);
/* Parses the same; 0 on success, -1 when a name is unknown. */
int awe_flags_parse(const char *text, int mem, uint32_t *out);

#endif
