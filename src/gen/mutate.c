/* SPDX-License-Identifier: Apache-2.0 */
/* mutate.c: op-level program mutation (see mutate.h). Generated ops come from the model state
 * at their insertion point; a byte-level insert and tweak stay as rarer operators, because
 * they reach decoder corners (odd kinds and values) the generators never build. Every result
 * is a program the binary codec expresses, so it re-encodes canonically. */
#include "mutate.h"

#include <stdlib.h>
#include <string.h>

#include "gen_operand.h"
#include "generate.h"
#include "optable.h"

typedef gen_rng rng;

static uint32_t next(rng *r)
{
    return gen_next(r);
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
    uint8_t bytes[AWE_OP_MAX_BYTES];
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

/* The state the prefix [0, at) of p leaves; NULL when out of memory. */
static gen_state *state_at(const awe_program *p, size_t at)
{
    gen_state *st = malloc(sizeof *st);
    if (st && gen_state_run(st, p, at) != 0) {
        free(st);
        return NULL;
    }
    return st;
}

static void state_drop(gen_state *st)
{
    if (st) {
        gen_state_free(st);
        free(st);
    }
}

/* 1 to 3 ops, mostly 1: programs grow gradually. */
static size_t how_many(rng *r)
{
    uint32_t v = next(r) % 8;
    return v < 5 ? 1 : v < 7 ? 2 : 3;
}

/* Inserts generated ops at `at`, each from the state the ones before it leave; up to 3 in
 * all with follow-ups (gen_follow_up). */
static void insert_generated(awe_program *p, rng *r, awe_op_mask mask, size_t at, size_t k,
                             size_t cap)
{
    awe_program tail;
    gen_state *st = state_at(p, at);
    if (!st)
        return;
    size_t most = cap - p->n < 3 ? cap - p->n : 3;
    if (k > most)
        k = most;
    tail.n = p->n - at;
    memcpy(tail.op, &p->op[at], tail.n * sizeof tail.op[0]);
    p->n = at;
    gen_append(st, r, mask, NULL, k, p);
    while (p->n - at < most && gen_follow_up(st, r, mask, p))
        ;
    if (p->n > at && tail.n)
        gen_aim_fault(st, r, &p->op[p->n - 1], &tail.op[0]);
    size_t room = AWE_MAX_OPS - p->n, keep = tail.n < room ? tail.n : room;
    memcpy(&p->op[p->n], tail.op, keep * sizeof tail.op[0]);
    p->n += keep;
    state_drop(st);
}

static void replace_generated(awe_program *p, rng *r, awe_op_mask mask, size_t i)
{
    gen_state *st = state_at(p, i);
    awe_op op;
    if (st && gen_op(st, r, mask, NULL, &op))
        p->op[i] = op;
    state_drop(st);
}

/* Copies one field's members from src to dst. */
static void copy_field(awe_op *dst, const awe_op *src, awe_field f)
{
    switch (f) {
    case AWE_F_API: dst->api = src->api; break;
    case AWE_F_HANDLE: dst->handle = src->handle; break;
    case AWE_F_CNTPTR: dst->cntptr = src->cntptr; break;
    case AWE_F_N: case AWE_F_COUNT: dst->count = src->count; break;
    case AWE_F_CAP: dst->cap = src->cap; break;
    case AWE_F_ARRKIND: dst->pfns.kind = src->pfns.kind; break;
    case AWE_F_ADDR: dst->addr = src->addr; break;
    case AWE_F_PFNS: dst->pfns = src->pfns; dst->count = src->count; break;
    case AWE_F_ADDRS: dst->addrs = src->addrs; dst->count = src->count; break;
    case AWE_F_PAGES: dst->pages = src->pages; break;
    case AWE_F_ATYPE: dst->atype = src->atype; break;
    case AWE_F_PROT: dst->prot = src->prot; break;
    case AWE_F_FTYPE: dst->ftype = src->ftype; break;
    case AWE_F_TAG: dst->tag = src->tag; break;
    case AWE_F_FLAG: dst->flag = src->flag; break;
    case AWE_F_NUM: dst->num = src->num; break;
    default: break;
    }
}

/* One operand of op i moved to the value the state makes valid (a live frame, a page inside
 * the region, the list's own count), or broken one way (a boundary past it). */
static void tweak_operand(awe_program *p, rng *r, size_t i, int toward_valid)
{
    awe_op *op = &p->op[i], fresh;
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int n = 0;
    while (n < AWE_MAX_FIELDS && spec->fields[n].field != AWE_F_END)
        n++;
    gen_state *st = n ? state_at(p, i) : NULL;
    if (!st)
        return;
    awe_field f = spec->fields[next(r) % (uint32_t)n].field;
    gen_ctx c;
    if (toward_valid) {
        gen_op_of_kind(st, r, (awe_op_kind)op->kind, 0, &fresh);
        copy_field(op, &fresh, f);
    } else {
        gen_begin(&c, st, r, (awe_op_kind)op->kind, &fresh);
        fresh = *op; /* the plan is the state's, the values the op's own */
        if (gen_break_field(&c, f))
            *op = fresh;
    }
    memset(&op->note, 0, sizeof op->note);
    awe_op_canonicalize(op);
    state_drop(st);
}

static void mutate_once(awe_program *p, rng *r, awe_op_mask mask, size_t cap)
{
    awe_op op;
    uint32_t what = next(r) % 16;
    if (p->n == 0)
        what = 0;
    size_t i = p->n ? next(r) % p->n : 0, j = p->n ? next(r) % p->n : 0;
    int room = p->n < cap && p->n < AWE_MAX_OPS;
    switch (what) {
    case 0: case 1: case 2: case 3: case 4: /* insert generated ops */
        if (room)
            insert_generated(p, r, mask, next(r) % (p->n + 1), how_many(r), cap);
        break;
    case 5: /* append generated ops: a continuation from the final state */
        if (room)
            insert_generated(p, r, mask, p->n, how_many(r), cap);
        break;
    case 6: case 7: /* replace an op by a generated one */
        replace_generated(p, r, mask, i);
        break;
    case 8: case 9: /* an operand toward a valid or boundary value */
        tweak_operand(p, r, i, 1);
        break;
    case 10: /* an operand broken */
        tweak_operand(p, r, i, 0);
        break;
    case 11: /* delete */
        memmove(&p->op[i], &p->op[i + 1], (p->n - i - 1) * sizeof op);
        p->n--;
        break;
    case 12: /* swap */
        op = p->op[i], p->op[i] = p->op[j], p->op[j] = op;
        break;
    case 13: /* duplicate */
        if (room) {
            memmove(&p->op[i + 1], &p->op[i], (p->n - i) * sizeof op);
            p->n++;
        }
        break;
    case 14: /* an op from random bytes: kinds and values the generators never build */
        if (room && random_op(r, mask, &op)) {
            size_t at = next(r) % (p->n + 1);
            memmove(&p->op[at + 1], &p->op[at], (p->n - at) * sizeof op);
            p->op[at] = op;
            p->n++;
        }
        break;
    default: /* one encoded byte of an op */
        tweak_op(r, &p->op[i]);
        break;
    }
}

void awe_program_mutate_capped(awe_program *p, uint32_t seed, awe_op_mask mask, size_t cap)
{
    rng r;
    gen_rng_seed(&r, seed);
    awe_program_filter(p, mask);
    if (cap < p->n)
        cap = p->n;
    if (p->n == 0) {
        /* from an empty corpus: a fresh program of a few ops, from the start state */
        gen_program(((uint64_t)seed << 8) | 0x5A, mask, NULL, 2 + next(&r) % 6, p);
        return;
    }
    uint32_t rounds = 1 + next(&r) % 3;
    for (uint32_t k = 0; k < rounds; k++)
        mutate_once(p, &r, mask, cap);
    awe_program_filter(p, mask);
}

void awe_program_mutate(awe_program *p, uint32_t seed, awe_op_mask mask)
{
    awe_program_mutate_capped(p, seed, mask, AWE_MUTATE_SOFT_CAP);
}

void awe_program_crossover(const awe_program *a, const awe_program *b, uint32_t seed,
                           awe_op_mask mask, size_t cap, awe_program *out)
{
    rng r;
    gen_rng_seed(&r, seed ^ 0xC0FFEEu);
    if (cap < a->n)
        cap = a->n;
    if (cap > AWE_MAX_OPS)
        cap = AWE_MAX_OPS;
    size_t cut = a->n ? 1 + next(&r) % a->n : 0;
    *out = *a;
    out->n = cut;
    if (b->n && next(&r) % 3 == 0) { /* a third splice b, the rest continue from the state */
        size_t from = next(&r) % b->n;
        for (size_t k = from; k < b->n && out->n < cap; k++)
            out->op[out->n++] = b->op[k];
    } else {
        gen_state *st = state_at(out, out->n);
        size_t want = 1 + next(&r) % 4, room = cap - out->n;
        if (st)
            gen_append(st, &r, mask, NULL, want < room ? want : room, out);
        state_drop(st);
    }
    awe_program_filter(out, mask);
}
