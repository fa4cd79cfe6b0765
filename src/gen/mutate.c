/* mutate.c: op-level program mutation (see mutate.h). A new or tweaked op is built by decoding
 * random bytes, so every mutation stays inside what the binary decoder can express and the
 * result always re-encodes canonically. */
#include "mutate.h"

#include <string.h>

#include "optable.h"

typedef struct {
    uint64_t s;
} rng;

static uint32_t next(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return (uint32_t)(r->s >> 16);
}

void awe_program_filter(awe_program *p, awe_op_mask mask)
{
    size_t w = 0;
    for (size_t i = 0; i < p->n; i++)
        if (mask & (1u << p->op[i].kind))
            p->op[w++] = p->op[i];
    p->n = w;
}

/* A random op of an allowed kind, operands from random bytes. */
static int random_op(rng *r, awe_op_mask mask, awe_op *out)
{
    uint8_t bytes[80];
    awe_program tmp;
    int kinds[AWE_OP_KIND_COUNT], n = 0;
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
        if (mask & (1u << k))
            kinds[n++] = k;
    if (n == 0)
        return 0;
    bytes[0] = awe_op_id((awe_op_kind)kinds[next(r) % (uint32_t)n]);
    for (size_t i = 1; i < sizeof bytes; i++)
        bytes[i] = (uint8_t)next(r);
    awe_program_decode(bytes, sizeof bytes, &tmp);
    if (tmp.n == 0)
        return 0;
    *out = tmp.op[0];
    memset(&out->note, 0, sizeof out->note);
    return 1;
}

/* Re-decodes an op after changing one of its encoded bytes. */
static void tweak_op(rng *r, awe_op *op)
{
    awe_program one = {1, {*op}}, back;
    uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    memset(&one.op[0].note, 0, sizeof one.op[0].note);
    size_t len = awe_program_encode(&one, bytes, sizeof bytes);
    if (len < 2)
        return;
    size_t at = 1 + next(r) % (uint32_t)(len - 1);
    uint32_t how = next(r) % 3;
    bytes[at] = how == 0 ? (uint8_t)next(r) : how == 1 ? (uint8_t)(bytes[at] + 1) : (uint8_t)(bytes[at] - 1);
    awe_program_decode(bytes, len, &back);
    if (back.n == 1)
        *op = back.op[0];
}

static void mutate_once(awe_program *p, rng *r, awe_op_mask mask)
{
    awe_op op;
    uint32_t what = next(r) % 6;
    if (p->n == 0)
        what = 0;
    size_t i = p->n ? next(r) % p->n : 0, j = p->n ? next(r) % p->n : 0;
    switch (what) {
    case 0: /* insert */
        if (p->n < AWE_MAX_OPS && random_op(r, mask, &op)) {
            size_t at = next(r) % (p->n + 1);
            memmove(&p->op[at + 1], &p->op[at], (p->n - at) * sizeof op);
            p->op[at] = op;
            p->n++;
        }
        break;
    case 1: /* delete */
        memmove(&p->op[i], &p->op[i + 1], (p->n - i - 1) * sizeof op);
        p->n--;
        break;
    case 2: /* swap */
        op = p->op[i], p->op[i] = p->op[j], p->op[j] = op;
        break;
    case 3: /* duplicate */
        if (p->n < AWE_MAX_OPS) {
            memmove(&p->op[i + 1], &p->op[i], (p->n - i) * sizeof op);
            p->n++;
        }
        break;
    default: /* tweak an operand */
        tweak_op(r, &p->op[i]);
        break;
    }
}

void awe_program_mutate(awe_program *p, uint32_t seed, awe_op_mask mask)
{
    rng r = {((uint64_t)seed << 1) | 1};
    uint32_t rounds = 1 + next(&r) % 3;
    for (uint32_t k = 0; k < rounds; k++)
        mutate_once(p, &r, mask);
    awe_program_filter(p, mask);
}
