/* SPDX-License-Identifier: Apache-2.0 */
/* codec_io.h: the byte reader and writer of the binary encoding and the text buffer of the
 * text form, which every operand's codec functions (operands.h) write through. The reader is
 * total: past the end it reads zeros, so every byte string decodes. */
#ifndef AWE_CODEC_IO_H
#define AWE_CODEC_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *p;
    size_t n, at;
} awe_reader;

typedef struct {
    uint8_t *p;
    size_t cap, at;
    int overflow;
} awe_writer;

/* Text output that never overflows: what does not fit is cut. */
typedef struct {
    char *p;
    size_t cap, at;
} awe_sbuf;

uint8_t awe_rd(awe_reader *r);
uint64_t awe_rd_le(awe_reader *r, int bytes);
void awe_wr(awe_writer *w, uint8_t b);
void awe_wr_le(awe_writer *w, uint64_t v, int bytes);
void awe_put(awe_sbuf *s, const char *fmt, ...)
#if defined(__MINGW32__) && !defined(__clang__)
    __attribute__((format(gnu_printf, 2, 3)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
