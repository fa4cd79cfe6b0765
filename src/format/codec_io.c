/* SPDX-License-Identifier: Apache-2.0 */
/* codec_io.c: see codec_io.h. */
#include "codec_io.h"

#include <stdarg.h>
#include <stdio.h>

uint8_t awe_rd(awe_reader *r)
{
    return r->at < r->n ? r->p[r->at++] : 0;
}

uint64_t awe_rd_le(awe_reader *r, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)awe_rd(r) << (8 * i);
    return v;
}

void awe_wr(awe_writer *w, uint8_t b)
{
    if (w->at < w->cap)
        w->p[w->at++] = b;
    else
        w->overflow = 1;
}

void awe_wr_le(awe_writer *w, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        awe_wr(w, (uint8_t)(v >> (8 * i)));
}

void awe_put(awe_sbuf *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->p + s->at, s->at < s->cap ? s->cap - s->at : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->at += (size_t)n;
    if (s->at >= s->cap)
        s->at = s->cap ? s->cap - 1 : 0;
}
