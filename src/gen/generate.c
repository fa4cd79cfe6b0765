/* SPDX-License-Identifier: Apache-2.0 */
/* generate.c: op kinds drawn by the state, ops assembled from their fields (see generate.h). */
#include "generate.h"

#include <stdlib.h>
#include <string.h>

#include "gen_operand.h"
#include "optable.h"

void gen_op_of_kind(const gen_state *st, gen_rng *r, awe_op_kind kind, int broken, awe_op *out)
{
    gen_ctx c;
    const awe_op_spec *spec = awe_op_spec_of(kind);
    int n = 0;
    gen_begin(&c, st, r, kind, out);
    while (n < AWE_MAX_FIELDS && spec->fields[n].field != AWE_F_END)
        gen_field(&c, spec->fields[n++].field);
    /* one operand broken: tried from a random field on, so each field gets its turn */
    for (int k = 0, at = (int)gen_below(r, (uint32_t)(n ? n : 1)); broken && k < n; k++)
        if (gen_break_field(&c, spec->fields[(at + k) % n].field))
            break;
    awe_op_canonicalize(out);
}

/* How worthwhile each kind is in this state, out of a few dozen. Kinds the generator has no
 * knowledge of keep a base weight, so a new op is generated as soon as the mask has it. */
static unsigned weight(const gen_state *st, awe_op_kind k)
{
    size_t regions = gen_usable_regions(st), live = gen_live_count(st);
    size_t mapped = gen_mapped_pages(st), unmapped = live - mapped;
    int usable = regions && live;
    /* A frame whose release failed under a fault still holds its data: the next grant must
     * drop it (A11), and the first map after that grant shows whether it did. */
    int regrant = (k == AWE_OP_ALLOC && gen_free_keeping(st, NULL, 0)) ||
                  ((k == AWE_OP_MAP || k == AWE_OP_SCATTER) && usable && gen_live_keeping(st));
    if (regrant)
        return 24;
    switch (k) {
    case AWE_OP_RESERVE: return st->n_regions >= AWE_MAX_REGIONS ? 1 : regions == 0 ? 24 : regions < 2 ? 6 : 2;
    case AWE_OP_RELEASE: return regions ? 2 : 1;
    case AWE_OP_ALLOC: return live == 0 ? 24 : unmapped < 4 ? 10 : 3;
    case AWE_OP_FREE: return live ? (mapped ? 6 : 3) : 1;
    case AWE_OP_MAP: return usable ? (unmapped ? 16 : 6) : 2;
    case AWE_OP_SCATTER: return usable ? (unmapped ? 14 : 6) : 2;
    case AWE_OP_WRITE: return mapped ? 10 : 2;
    case AWE_OP_READ: return mapped ? 8 : 2;
    case AWE_OP_CHECK: return 2;
    case AWE_OP_PRIV: return 1;
    case AWE_OP_FAULT: case AWE_OP_LIMIT: case AWE_OP_POOL: return 1;
    default: return 3;
    }
}

int gen_op(const gen_state *st, gen_rng *r, awe_op_mask mask, const gen_config *cfg, awe_op *out)
{
    unsigned w[AWE_OP_KIND_COUNT], total = 0;
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
        total += w[k] = (mask & (1u << k)) ? weight(st, (awe_op_kind)k) : 0;
    if (total == 0)
        return 0;
    unsigned pick = gen_below(r, total);
    int k = 0;
    while (pick >= w[k])
        pick -= w[k++];
    unsigned invalid = cfg ? cfg->invalid_per_256 : GEN_INVALID_DEFAULT;
    gen_op_of_kind(st, r, (awe_op_kind)k, gen_below(r, 256) < invalid, out);
    return 1;
}

void gen_aim_fault(gen_state *st, gen_rng *r, awe_op *fault, const awe_op *next)
{
    gen_free_calls calls;
    if (fault->kind != AWE_OP_FAULT || next->kind != AWE_OP_FREE || gen_chance(r, 1, 4) ||
        !gen_free_calls_of(st, next, &calls) || calls.releases == 0)
        return;
    /* best a release of data that a later grant returns after a clean frame (the zeroing
     * pass then meets both kinds), else any release of data, else any release */
    const uint32_t all = calls.releases >= 32 ? ~0u : (1u << calls.releases) - 1;
    const uint32_t tiers[3] = {calls.with_data & calls.after_clean, calls.with_data, all};
    unsigned pick[32], n = 0;
    for (int tier = 0; tier < 3 && n == 0; tier++)
        for (unsigned k = 0; k < calls.releases && k < 32; k++)
            if (tiers[tier] & (1u << k))
                pick[n++] = k;
    unsigned release = pick[gen_below(r, n)];
    unsigned k = calls.unmaps + 1 + release;
    fault->num = (uint8_t)(k < 255 ? k : 255);
    st->fault_pending = fault->num;
}

size_t gen_append(gen_state *st, gen_rng *r, awe_op_mask mask, const gen_config *cfg, size_t n,
                  awe_program *p)
{
    size_t added = 0;
    /* An armed fault only means something for the call right after it (it is disarmed after
     * one op): a fault is followed by a call that has system calls to fail. */
    const awe_op_mask calls = mask & ((1u << AWE_OP_ALLOC) | (1u << AWE_OP_FREE) | (1u << AWE_OP_MAP) |
                                      (1u << AWE_OP_SCATTER) | (1u << AWE_OP_RELEASE));
    while (added < n && p->n < AWE_MAX_OPS) {
        int after_fault = p->n > 0 && p->op[p->n - 1].kind == AWE_OP_FAULT && calls;
        if (!gen_op(st, r, after_fault ? calls : mask, cfg, &p->op[p->n]))
            break;
        if (after_fault)
            gen_aim_fault(st, r, &p->op[p->n - 1], &p->op[p->n]);
        gen_state_step(st, &p->op[p->n]);
        p->n++;
        added++;
    }
    return added;
}

int gen_follow_up(gen_state *st, gen_rng *r, awe_op_mask mask, awe_program *p)
{
    if (p->n == 0 || st->ran == 0 || st->ran > AWE_MAX_OPS)
        return 0;
    awe_op_kind last = (awe_op_kind)p->op[p->n - 1].kind;
    if (!st->trace[st->ran - 1].keeps || (last != AWE_OP_FREE && last != AWE_OP_ALLOC))
        return 0;
    return gen_append(st, r, mask, NULL, 1, p) == 1;
}

int gen_program(uint64_t seed, awe_op_mask mask, const gen_config *cfg, size_t n, awe_program *out)
{
    gen_rng r;
    gen_state *st = malloc(sizeof *st);
    if (!st || gen_state_begin(st) != 0) {
        free(st);
        return -1;
    }
    gen_rng_seed(&r, seed);
    out->n = 0;
    gen_append(st, &r, mask, cfg, n, out);
    gen_state_free(st);
    free(st);
    return 0;
}
