/* SPDX-License-Identifier: Apache-2.0 */
/* gen_features.c: per-op state features (see gen_features.h). Features are small tuples
 * hashed into the counter array; a few families rather than one big product, so the corpus
 * keeps inputs for new combinations that matter without one input per cell of the product.
 * Counters are set, not counted: libFuzzer also rewards a new hit-count bucket, and counting
 * would keep every input that repeats a state once more (a 15 s run kept 30% of its inputs). */
#include "gen_features.h"

#include "optable.h"

/* 0, 1, 2-3, 4-7, 8-15, 16+ */
static unsigned bucket(unsigned v)
{
    unsigned b = 0;
    while (v && b < 5)
        v >>= 1, b++;
    return b;
}

/* The outcome classes that lead to different code in an implementation. */
static unsigned status_class(const gen_op_trace *t, const awe_op *op)
{
    if (!t->ran)
        return 0;
    if (op->kind == AWE_OP_READ || op->kind == AWE_OP_WRITE)
        return t->access_ok ? 1 : 2;
    switch (t->status) {
    case AWE_STATUS_SUCCESS: return 3;
    case AWE_STATUS_ACCESS_VIOLATION: return 4;
    case AWE_STATUS_CONFLICTING_ADDRESSES: return 5;
    case AWE_STATUS_INVALID_PARAMETER_1: return 6;
    case AWE_STATUS_INVALID_PARAMETER_2: return 7;
    case AWE_STATUS_INVALID_PARAMETER_3: return 8;
    case AWE_STATUS_INSUFFICIENT_RESOURCES: return 9;
    default: return 10 + (t->status & 0x3F);
    }
}

static uint32_t mix(uint32_t family, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = 2166136261u;
    uint32_t v[4] = {family, a, b, c};
    for (int i = 0; i < 4; i++)
        h = (h ^ v[i]) * 16777619u;
    return h ^ (h >> 15);
}

static void hit(uint8_t *counters, size_t n, uint32_t h, size_t *hits)
{
    counters[h % n] = 1;
    (*hits)++;
}

size_t gen_features(const awe_program *p, const gen_state *st, size_t executed, uint8_t *counters,
                    size_t n)
{
    size_t hits = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < executed && i < p->n && i < st->ran && i < AWE_MAX_OPS; i++) {
        const gen_op_trace *t = &st->trace[i];
        const awe_op *op = &p->op[i];
        uint32_t kind = op->kind, cls = status_class(t, op);
        uint32_t events = (uint32_t)(t->freed_mapped | (t->zero_entries != 0) << 1 |
                                     t->at_end << 2 | t->stale << 3 | t->keeps << 4);
        int ok = cls == 1 || cls == 3;
        hit(counters, n, mix(1, kind, cls, bucket(t->list_len)), &hits);
        if (events)
            hit(counters, n, mix(3, kind, cls, events), &hits);
        if (!ok)
            continue;
        /* where a success happened: how much is mapped, how many regions, how many frames */
        hit(counters, n, mix(2, kind, bucket(t->mapped), bucket(t->regions)), &hits);
        hit(counters, n, mix(5, kind, bucket(t->live), 0), &hits);
        /* successes in a row: orderings such as map then free, free then scatter */
        if (i + 1 < executed && i + 1 < p->n && i + 1 < st->ran) {
            uint32_t after = status_class(&st->trace[i + 1], &p->op[i + 1]);
            if (after == 1 || after == 3)
                hit(counters, n, mix(4, kind, p->op[i + 1].kind, 0), &hits);
        }
    }
    return hits;
}
