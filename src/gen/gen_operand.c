/* SPDX-License-Identifier: Apache-2.0 */
/* gen_operand.c: operand generators by field kind (see gen_operand.h). */
#include "gen_operand.h"

#include <string.h>

#include "operands.h"

#define NAMEABLE 64 /* L<i> and S<i> carry a 6-bit index in the binary form */

/* What an address or a PFN list stands for, read off the op's row. */
typedef enum { ADDR_ACCESS, ADDR_RESERVE, ADDR_RELEASE, ADDR_RANGE } addr_role;
typedef enum { PFNS_NONE, PFNS_FREE, PFNS_MAP, PFNS_SCATTER } pfns_role;

static int uses(const gen_ctx *c, awe_field f)
{
    return awe_op_uses(c->spec, f);
}

static addr_role role_of_addr(const gen_ctx *c)
{
    if (uses(c, AWE_F_ATYPE))
        return ADDR_RESERVE;
    if (uses(c, AWE_F_FTYPE))
        return ADDR_RELEASE;
    if (uses(c, AWE_F_PFNS))
        return ADDR_RANGE;
    return ADDR_ACCESS;
}

static pfns_role role_of_pfns(const gen_ctx *c)
{
    if (!uses(c, AWE_F_PFNS) || uses(c, AWE_F_ARRKIND))
        return PFNS_NONE; /* an output array (allocate): no entries to name */
    if (uses(c, AWE_F_ADDRS))
        return PFNS_SCATTER;
    if (uses(c, AWE_F_ADDR))
        return PFNS_MAP;
    return PFNS_FREE;
}

/* ---- the state, as symbolic indices ---- */

typedef struct {
    uint8_t idx[NAMEABLE]; /* live indices (L<i>) */
    uint64_t va[NAMEABLE]; /* where each is mapped, 0 = unmapped */
    uint8_t keeps[NAMEABLE]; /* granted again while it may have kept data (GEN_FRAME_KEEPS) */
    size_t n;
} frames;

/* Live frames the program can name; mapped: -1 any, 0 unmapped only, 1 mapped only. */
static void live_frames(const gen_state *st, int mapped, frames *out)
{
    size_t i = 0;
    out->n = 0;
    for (size_t g = 0; g < st->sym.n_granted && i < NAMEABLE; g++) {
        if (!st->sym.live[g])
            continue;
        uint64_t va = awe_model_pfn_va(st->model, st->sym.granted[g]);
        if (mapped < 0 || (mapped == 1) == (va != 0)) {
            out->idx[out->n] = (uint8_t)i;
            out->keeps[out->n] = (gen_frame(st, st->sym.granted[g]) & GEN_FRAME_KEEPS) != 0;
            out->va[out->n++] = va;
        }
        i++;
    }
}

static void swap_frames(frames *f, size_t i, size_t j)
{
    uint8_t t = f->idx[i], k = f->keeps[i];
    uint64_t v = f->va[i];
    f->idx[i] = f->idx[j], f->va[i] = f->va[j], f->keeps[i] = f->keeps[j];
    f->idx[j] = t, f->va[j] = v, f->keeps[j] = k;
}

/* The first k entries become a uniform random choice without repetition. */
static void shuffle_prefix(gen_rng *r, frames *f, size_t k)
{
    for (size_t i = 0; i < k && i < f->n; i++)
        swap_frames(f, i, i + gen_below(r, (uint32_t)(f->n - i)));
}

/* Mostly, a frame granted again while it may have kept data (a failed release) is among the
 * first k: mapped, it shows whether the grant really dropped that data (A11, C4). */
static void keeping_first(gen_rng *r, frames *f, size_t k)
{
    size_t in = 0, out[NAMEABLE], n_out = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (!f->keeps[i])
            continue;
        if (i < k)
            in++;
        else
            out[n_out++] = i;
    }
    if (in || !n_out || k == 0 || gen_chance(r, 1, 4))
        return;
    swap_frames(f, gen_below(r, (uint32_t)(k < f->n ? k : f->n)), out[gen_below(r, (uint32_t)n_out)]);
}

static int pick_region(gen_ctx *c, int usable_only)
{
    int cand[AWE_MAX_REGIONS], n = 0;
    for (size_t j = 0; j < c->st->n_regions; j++)
        if (usable_only ? gen_region_usable(c->st, j) : c->st->region[j].live)
            cand[n++] = (int)j;
    return n ? cand[gen_below(c->rng, (uint32_t)n)] : -1;
}

/* The region and page holding va; 0 when no usable region does. */
static int locate(const gen_state *st, uint64_t va, int *region, unsigned *page)
{
    for (size_t j = 0; j < st->n_regions; j++) {
        const gen_region *r = &st->region[j];
        if (gen_region_usable(st, j) && va >= r->base && (va - r->base) / AWE_PAGE_SIZE < r->pages) {
            *region = (int)j;
            *page = (unsigned)((va - r->base) / AWE_PAGE_SIZE);
            return 1;
        }
    }
    return 0;
}

static unsigned region_pages(const gen_ctx *c, int j)
{
    return j < 0 ? 0 : (unsigned)c->st->region[j].pages;
}

/* A list length up to max: the full length often, a single entry often, else any. */
static unsigned draw_len(gen_rng *r, unsigned max)
{
    if (max == 0)
        return 0;
    switch (gen_below(r, 4)) {
    case 0: return max;
    case 1: return 1;
    default: return 1 + gen_below(r, max);
    }
}

static unsigned min_u(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

/* Set in place, never returned by value: a struct returned in registers may carry garbage in
 * its padding, and programs are compared (and deduplicated) bytewise. */
static void region_addr(awe_addr *a, int j, unsigned page)
{
    memset(a, 0, sizeof *a);
    a->kind = AWE_ADDR_REGION;
    a->region = (uint8_t)(j < 0 ? 0 : j);
    a->page = (uint16_t)(page < AWE_BIN_REGION_PAGES ? page : AWE_BIN_REGION_PAGES - 1);
}

static awe_pfn_ref live_ref(uint8_t i)
{
    awe_pfn_ref p = {0};
    p.kind = AWE_PFN_LIVE, p.index = i;
    return p;
}

/* ---- the plan ---- */

/* A range that fits its region: at its start, ending exactly at its end, or anywhere. */
static void place_range(gen_ctx *c)
{
    unsigned pages = region_pages(c, c->region), last_first = pages > c->len ? pages - c->len : 0;
    switch (gen_below(c->rng, 4)) {
    case 0: c->page = 0; break;
    case 1: c->page = last_first; break;
    default: c->page = gen_below(c->rng, last_first + 1); break;
    }
}

/* The longest stretch of consecutive live indexes whose frames are all unmapped, when it is
 * longer than a list of lone items can be: *first and its length, else 0. */
static unsigned unmapped_stretch(const gen_state *st, unsigned *first)
{
    frames f;
    unsigned best = 0, len = 0;
    live_frames(st, -1, &f);
    for (size_t i = 0; i < f.n; i++) {
        len = f.va[i] ? 0 : len + 1;
        if (len > best)
            best = len, *first = f.idx[i] + 1u - len;
    }
    return best > AWE_MAX_LIST ? best : 0;
}

/* Now and then a map of one long run (L3..L40) onto a region with room for it. */
static int plan_long_run(gen_ctx *c)
{
    unsigned first = 0, stretch = unmapped_stretch(c->st, &first);
    if (!stretch || !gen_chance(c->rng, 1, 6))
        return 0;
    c->region = pick_region(c, 1);
    unsigned pages = region_pages(c, c->region);
    if (pages <= AWE_MAX_LIST)
        return 0;
    c->run = 1;
    c->first = first;
    c->len = AWE_MAX_LIST + 1 + gen_below(c->rng, min_u(stretch, pages) - AWE_MAX_LIST);
    place_range(c);
    return 1;
}

static void plan_map(gen_ctx *c)
{
    frames f;
    if (plan_long_run(c))
        return;
    live_frames(c->st, 0, &f);
    c->region = pick_region(c, 1);
    unsigned pages = region_pages(c, c->region);
    unsigned fit = min_u(min_u((unsigned)f.n, AWE_MAX_LIST), pages);
    c->unmap = fit == 0 || gen_chance(c->rng, 1, 10);
    c->len = draw_len(c->rng, c->unmap ? min_u(pages, AWE_MAX_LIST) : fit);
    if (c->len == 0)
        c->len = 1;
    place_range(c);
}

static void plan_access(gen_ctx *c)
{
    frames f;
    live_frames(c->st, 1, &f);
    if (f.n && gen_chance(c->rng, 7, 8)) {
        uint64_t va = f.va[gen_below(c->rng, (uint32_t)f.n)];
        if (locate(c->st, va, &c->region, &c->page))
            return;
    }
    c->region = pick_region(c, 1);
    c->page = gen_below(c->rng, region_pages(c, c->region));
}

void gen_begin(gen_ctx *c, const gen_state *st, gen_rng *rng, awe_op_kind kind, awe_op *op)
{
    memset(c, 0, sizeof *c);
    c->st = st;
    c->rng = rng;
    c->op = op;
    c->spec = awe_op_spec_of(kind);
    c->region = -1;
    awe_op_init(op, kind);
    if (uses(c, AWE_F_ADDRS)) {
        size_t pages = 0;
        for (size_t j = 0; j < st->n_regions; j++)
            pages += gen_region_usable(st, j) ? st->region[j].pages : 0;
        c->len = draw_len(rng, (unsigned)(pages < AWE_MAX_LIST ? pages : AWE_MAX_LIST));
        c->region = pick_region(c, 1);
        if (c->len == 0)
            c->len = 1;
    } else if (role_of_pfns(c) == PFNS_MAP) {
        plan_map(c);
    } else if (role_of_pfns(c) == PFNS_FREE) {
        frames f;
        live_frames(st, -1, &f);
        unsigned most = min_u((unsigned)f.n, AWE_MAX_LIST);
        /* Under an armed fault, some frames but not all: they fall in several runs, so the
         * fault can land midway, with releases done before it and left after it. */
        if (st->fault_pending && most > 2)
            c->len = 2 + gen_below(rng, most - 2);
        else
            c->len = draw_len(rng, most);
    } else if (uses(c, AWE_F_ADDR)) {
        addr_role role = role_of_addr(c);
        if (role == ADDR_RELEASE)
            c->region = pick_region(c, 0);
        else if (role == ADDR_ACCESS)
            plan_access(c);
    }
}

/* ---- valid values ---- */

static void gen_addr(gen_ctx *c)
{
    awe_addr *a = &c->op->addr;
    switch (role_of_addr(c)) {
    case ADDR_RESERVE:
        memset(a, 0, sizeof *a); /* the system picks the base */
        break;
    case ADDR_RELEASE:
        region_addr(a, c->region, 0);
        if (c->region < 0)
            a->kind = AWE_ADDR_NULL;
        break;
    case ADDR_RANGE:
        region_addr(a, c->region, c->page);
        break;
    case ADDR_ACCESS:
        region_addr(a, c->region, c->page);
        if (gen_chance(c->rng, 1, 4)) /* anywhere in the page: accesses round down */
            a->offset = (uint16_t)(gen_below(c->rng, 256) * 16u);
        break;
    }
}

/* Distinct unmapped frames and zeros (unmaps) for a scatter, or distinct unmapped frames for
 * a map; zeros fill in when the frames run out. */
static void gen_pfn_entries(gen_ctx *c, int mapped, int zeros)
{
    frames f;
    awe_pfn_list *l = &c->op->pfns;
    live_frames(c->st, mapped, &f);
    shuffle_prefix(c->rng, &f, c->len);
    if (mapped == 0)
        keeping_first(c->rng, &f, c->len);
    size_t next = 0;
    l->kind = AWE_BUF_OK;
    l->len = (uint8_t)c->len;
    for (unsigned i = 0; i < c->len; i++) {
        if ((zeros && gen_chance(c->rng, 1, 6)) || next == f.n) {
            l->pfn[i].kind = next == f.n && !zeros ? AWE_PFN_LIVE : AWE_PFN_ZERO;
            l->pfn[i].index = 0;
        } else {
            l->pfn[i] = live_ref(f.idx[next++]);
        }
    }
}

static void gen_pfns(gen_ctx *c)
{
    awe_pfn_list *l = &c->op->pfns;
    switch (role_of_pfns(c)) {
    case PFNS_NONE:
        break;
    case PFNS_MAP:
        if (c->unmap) {
            l->kind = AWE_BUF_NULL, l->len = 0;
            c->op->count.kind = AWE_COUNT_LITERAL, c->op->count.value = (uint8_t)c->len;
        } else if (c->run) {
            l->kind = AWE_BUF_OK, l->len = 1;
            memset(&l->pfn[0], 0, sizeof l->pfn[0]);
            l->pfn[0].kind = AWE_PFN_LIVE;
            l->pfn[0].index = (uint16_t)c->first;
            l->pfn[0].step = 1;
            l->pfn[0].more = (uint16_t)(c->len - 1);
        } else {
            gen_pfn_entries(c, 0, 0);
        }
        break;
    case PFNS_SCATTER:
        if (gen_chance(c->rng, 1, 16)) { /* S6: a NULL array unmaps every listed address */
            l->kind = AWE_BUF_NULL, l->len = 0;
            break;
        }
        gen_pfn_entries(c, 0, 1);
        break;
    case PFNS_FREE:
        gen_pfn_entries(c, -1, 0); /* mapped or not, in any order */
        break;
    }
}

static void gen_addrs(gen_ctx *c)
{
    awe_addr_list *l = &c->op->addrs;
    int contiguous = gen_chance(c->rng, 1, 2);
    unsigned pages = region_pages(c, c->region);
    unsigned first = pages > c->len ? gen_below(c->rng, pages - c->len + 1) : 0;
    l->kind = AWE_BUF_OK;
    l->len = (uint8_t)c->len;
    for (unsigned i = 0; i < c->len; i++) {
        if (i && gen_chance(c->rng, 1, 16)) { /* S8: a page named twice, the later wins */
            l->addr[i] = l->addr[gen_below(c->rng, i)];
        } else if (contiguous && c->region >= 0 && first + i < pages) {
            region_addr(&l->addr[i], c->region, first + i);
        } else {
            int j = pick_region(c, 1);
            region_addr(&l->addr[i], j, gen_below(c->rng, region_pages(c, j)));
        }
    }
}

/* Allocation sizes: a few pages, a full list's worth, now and then up to the literal maximum
 * (every page granted costs the backend a page of its pool, and the state check reads it). */
static uint8_t alloc_size(gen_rng *r)
{
    switch (gen_below(r, 20)) {
    case 0: case 1: case 2: case 3: case 4: return (uint8_t)(1 + gen_below(r, 4));
    case 5: case 6: case 7: case 8: return AWE_MAX_LIST;
    case 9: case 10: case 11: return (uint8_t)(AWE_MAX_LIST + 1 + gen_below(r, AWE_BIN_COUNT - AWE_MAX_LIST));
    default: return (uint8_t)(5 + gen_below(r, AWE_MAX_LIST - 4));
    }
}

/* A grant that reaches a frame given back with its data still there (a failed release) takes
 * it back with every free frame below it: the zeroing of the grant is then what shows. */
static uint8_t alloc_count(gen_ctx *c)
{
    const gen_state *st = c->st;
    uint64_t cand[NAMEABLE];
    size_t n = gen_free_keeping(st, cand, NAMEABLE);
    if (n && gen_chance(c->rng, 3, 4)) {
        n = n < NAMEABLE ? n : NAMEABLE;
        size_t reach = gen_grant_reach(st, cand[gen_below(c->rng, (uint32_t)n)]);
        if (reach) {
            reach += gen_below(c->rng, 4);
            return (uint8_t)(reach < AWE_BIN_COUNT ? reach : AWE_BIN_COUNT);
        }
    }
    return alloc_size(c->rng);
}

/* Region sizes: one page, small powers of two, a full list's worth; large regions now and then,
 * since the executor compares every page of every region after every op. */
static uint8_t region_size(gen_rng *r)
{
    switch (gen_below(r, 12)) {
    case 0: case 1: case 2: case 3: return (uint8_t)(1u << gen_below(r, 5));
    case 4: case 5: case 6: case 7: return (uint8_t)(1 + gen_below(r, AWE_MAX_LIST));
    case 8: return AWE_BIN_REGION_PAGES;
    default: return (uint8_t)(AWE_MAX_LIST + 1 + gen_below(r, AWE_BIN_REGION_PAGES - AWE_MAX_LIST));
    }
}

static uint8_t gen_num(gen_ctx *c)
{
    switch ((awe_op_kind)c->op->kind) {
    case AWE_OP_FAULT: return (uint8_t)(1 + gen_below(c->rng, 4)); /* the first calls inside */
    case AWE_OP_LIMIT: {
        size_t live = gen_live_count(c->st) + 1 + gen_below(c->rng, 32);
        return gen_chance(c->rng, 1, 4) ? 0 : (uint8_t)(live > 255 ? 255 : live);
    }
    case AWE_OP_POOL: return (uint8_t)gen_below(c->rng, 2 * AWE_MAX_LIST + 1);
    default: return (uint8_t)gen_below(c->rng, 4); /* a NUMA node and the like */
    }
}

void gen_field(gen_ctx *c, awe_field f)
{
    awe_op *op = c->op;
    switch (f) {
    case AWE_F_END: break;
    case AWE_F_API: op->api = (uint8_t)gen_below(c->rng, 2); break;
    case AWE_F_HANDLE:
        op->handle = gen_chance(c->rng, 1, 8) ? AWE_HANDLE_SELF : AWE_HANDLE_CURRENT;
        break;
    case AWE_F_CNTPTR: op->cntptr = AWE_BUF_OK; break;
    case AWE_F_N:
        op->count.kind = AWE_COUNT_LITERAL;
        op->count.value = alloc_count(c);
        break;
    case AWE_F_COUNT:
        if (c->unmap || gen_chance(c->rng, 1, 8)) { /* the same count, spelled out */
            op->count.kind = AWE_COUNT_LITERAL;
            op->count.value = c->unmap ? c->len
                              : uses(c, AWE_F_ADDRS) ? awe_addrs_length(&op->addrs)
                                                     : awe_pfns_length(&op->pfns);
        } else {
            op->count.kind = AWE_COUNT_AUTO, op->count.value = 0;
        }
        break;
    case AWE_F_CAP: op->cap = AWE_CAP_AUTO; break;
    case AWE_F_ARRKIND: op->pfns.kind = AWE_BUF_OK; break;
    case AWE_F_ADDR: gen_addr(c); break;
    case AWE_F_PFNS: gen_pfns(c); break;
    case AWE_F_ADDRS: gen_addrs(c); break;
    case AWE_F_PAGES:
        op->pages = uses(c, AWE_F_FTYPE) ? 0 /* MEM_RELEASE takes size 0 */
                    : region_size(c->rng);
        break;
    case AWE_F_ATYPE: /* some plain regions */
        op->atype = awe_atype_value(gen_chance(c->rng, 1, 8) ? 1 : 0);
        break;
    case AWE_F_PROT: op->prot = awe_prot_value(0); break;
    case AWE_F_FTYPE: op->ftype = awe_ftype_value(0); break;
    case AWE_F_TAG: op->tag = (uint8_t)(1 + gen_below(c->rng, 255)); break;
    case AWE_F_FLAG:
        op->flag = (uint8_t)(op->kind == AWE_OP_PRIV ? (uint32_t)gen_chance(c->rng, 7, 8) : gen_below(c->rng, 2));
        break;
    case AWE_F_NUM: op->num = gen_num(c); break;
    default: {
        /* An operand this generator has no knowledge of (a new one): its own decoder over
         * random bytes, so it is still generated, if not aimed at the model's state. */
        uint8_t bytes[16];
        for (size_t i = 0; i < sizeof bytes; i++)
            bytes[i] = (uint8_t)gen_next(c->rng);
        awe_reader r = {bytes, sizeof bytes, 0};
        const awe_operand *d = awe_operand_of(f);
        if (d)
            d->decode(&r, op);
        break;
    }
    }
}

/* ---- one deliberate invalidity ---- */

static int break_addr(gen_ctx *c)
{
    awe_addr *a = &c->op->addr;
    unsigned pages = region_pages(c, c->region);
    switch (gen_below(c->rng, 6)) {
    case 0: /* a range one page past the region's end, or the page just past it */
        if (c->region < 0 || pages >= AWE_BIN_REGION_PAGES)
            break;
        region_addr(a, c->region, role_of_addr(c) == ADDR_RANGE && c->len ? pages - c->len + 1
                                                                             : pages);
        return 1;
    case 1: { /* a region released, or not an AWE one */
        for (size_t j = 0; j < c->st->n_regions; j++)
            if (!gen_region_usable(c->st, j)) {
                region_addr(a, (int)j, 0);
                return 1;
            }
        break;
    }
    case 2:
        if (role_of_addr(c) == ADDR_RELEASE && c->region >= 0 && pages > 1) {
            region_addr(a, c->region, 1 + gen_below(c->rng, pages - 1)); /* not the base */
            return 1;
        }
        if (role_of_addr(c) == ADDR_RESERVE && c->st->n_regions) {
            region_addr(a, pick_region(c, 0), 0); /* inside a live region */
            return 1;
        }
        break;
    default: break;
    }
    memset(a, 0, sizeof *a);
    static const uint8_t kinds[] = {AWE_ADDR_NULL, AWE_ADDR_ORDINARY, AWE_ADDR_KERNEL};
    a->kind = kinds[gen_below(c->rng, 3)];
    return 1;
}

static int break_pfns(gen_ctx *c)
{
    awe_pfn_list *l = &c->op->pfns;
    frames mapped;
    if (role_of_pfns(c) == PFNS_NONE || l->kind == AWE_BUF_NULL)
        return 0;
    unsigned at = l->len ? gen_below(c->rng, l->len) : 0;
    switch (l->len ? gen_below(c->rng, 6) : 5) {
    case 0: /* freed: a stale PFN (a run keeps its length, a never-granted one repeats) */
        l->pfn[at].kind = gen_stale_count(c->st) ? AWE_PFN_STALE : AWE_PFN_GARBAGE;
        l->pfn[at].index = (uint8_t)gen_below(c->rng, AWE_GARBAGE_COUNT);
        l->pfn[at].step = l->pfn[at].kind == AWE_PFN_STALE && l->pfn[at].step;
        return 1;
    case 1: /* never granted */
        l->pfn[at].kind = AWE_PFN_GARBAGE;
        l->pfn[at].index = (uint8_t)gen_below(c->rng, AWE_GARBAGE_COUNT);
        l->pfn[at].step = 0;
        return 1;
    case 2: /* listed twice */
        if (l->len < 2)
            break;
        l->pfn[at ? at : 1] = l->pfn[at ? at - 1 : 0];
        return 1;
    case 3: /* mapped already */
        live_frames(c->st, 1, &mapped);
        if (!mapped.n)
            break;
        l->pfn[at] = live_ref(mapped.idx[gen_below(c->rng, (uint32_t)mapped.n)]);
        return 1;
    case 4: /* shorter than the count */
        if (c->op->count.kind != AWE_COUNT_AUTO || uses(c, AWE_F_ADDRS))
            break;
        c->op->count.kind = AWE_COUNT_LITERAL, c->op->count.value = awe_pfns_length(l);
        l->len--;
        memset(&l->pfn[l->len], 0, sizeof l->pfn[0]); /* the canonical form has no tail */
        return 1;
    default: break;
    }
    static const uint8_t kinds[] = {AWE_BUF_NULL, AWE_BUF_NOACCESS, AWE_BUF_READONLY};
    l->kind = kinds[gen_below(c->rng, 3)];
    if (role_of_pfns(c) == PFNS_MAP && l->kind == AWE_BUF_NULL)
        l->kind = AWE_BUF_NOACCESS; /* NULL is the valid unmap form */
    return 1;
}

static int break_addrs(gen_ctx *c)
{
    awe_addr_list *l = &c->op->addrs;
    if (!l->len || gen_chance(c->rng, 1, 4)) {
        l->kind = gen_chance(c->rng, 1, 2) ? AWE_BUF_NOACCESS : AWE_BUF_NULL;
        return 1;
    }
    awe_addr *a = &l->addr[gen_below(c->rng, l->len)];
    unsigned pages = region_pages(c, c->region);
    if (c->region >= 0 && pages < AWE_BIN_REGION_PAGES && gen_chance(c->rng, 1, 2)) {
        region_addr(a, c->region, pages); /* just past the region's end */
        return 1;
    }
    static const uint8_t kinds[] = {AWE_ADDR_NULL, AWE_ADDR_ORDINARY, AWE_ADDR_KERNEL};
    memset(a, 0, sizeof *a);
    a->kind = kinds[gen_below(c->rng, 3)];
    return 1;
}

static int break_count(gen_ctx *c)
{
    awe_count *n = &c->op->count;
    uint64_t len = uses(c, AWE_F_ADDRS) ? awe_addrs_length(&c->op->addrs)
                                        : awe_pfns_length(&c->op->pfns);
    if (c->op->pfns.kind == AWE_BUF_NULL && !uses(c, AWE_F_ADDRS))
        len = c->len; /* the unmap form counts pages, not entries */
    switch (gen_below(c->rng, 6)) {
    case 0: n->kind = AWE_COUNT_LITERAL, n->value = len + 1; break;
    case 1: n->kind = AWE_COUNT_LITERAL, n->value = len ? len - 1 : 0; break;
    case 2: n->kind = AWE_COUNT_LITERAL, n->value = 0; break;
    case 3: n->kind = AWE_COUNT_HUGE, n->value = 0; break;
    case 4: n->kind = AWE_COUNT_EDGE, n->value = 0; break;
    default: n->kind = AWE_COUNT_MAX, n->value = 0; break;
    }
    return 1;
}

int gen_break_field(gen_ctx *c, awe_field f)
{
    awe_op *op = c->op;
    switch (f) {
    case AWE_F_ADDR: return break_addr(c);
    case AWE_F_PFNS: return break_pfns(c);
    case AWE_F_ADDRS: return break_addrs(c);
    case AWE_F_COUNT: return break_count(c);
    case AWE_F_N: {
        static const uint8_t kinds[] = {AWE_COUNT_LITERAL, AWE_COUNT_HUGE, AWE_COUNT_EDGE, AWE_COUNT_MAX};
        op->count.kind = kinds[gen_below(c->rng, 4)];
        op->count.value = 0;
        return 1;
    }
    case AWE_F_CAP: /* one entry short of the request */
        op->cap = (uint8_t)(op->count.kind == AWE_COUNT_LITERAL && op->count.value ? op->count.value - 1 : 0);
        return 1;
    case AWE_F_ARRKIND: op->pfns.kind = (uint8_t)(1 + gen_below(c->rng, 3)); return 1;
    case AWE_F_CNTPTR: op->cntptr = (uint8_t)(1 + gen_below(c->rng, 3)); return 1;
    case AWE_F_HANDLE: op->handle = (uint8_t)(2 + gen_below(c->rng, AWE_HANDLE_KIND_COUNT - 2)); return 1;
    case AWE_F_PAGES:
        op->pages = uses(c, AWE_F_FTYPE) ? (uint16_t)(1 + gen_below(c->rng, 8))
                    : gen_chance(c->rng, 1, 2) ? 0 : AWE_PAGES_HUGE;
        return 1;
    case AWE_F_ATYPE: op->atype = awe_atype_value(2 + gen_below(c->rng, AWE_ATYPE_COUNT - 2)); return 1;
    case AWE_F_PROT: op->prot = awe_prot_value(1 + gen_below(c->rng, AWE_PROT_COUNT - 1)); return 1;
    case AWE_F_FTYPE: op->ftype = awe_ftype_value(1 + gen_below(c->rng, AWE_FTYPE_COUNT - 1)); return 1;
    case AWE_F_FLAG: op->flag = (uint8_t)!op->flag; return 1;
    case AWE_F_NUM: op->num = (uint8_t)gen_next(c->rng); return 1;
    default: return 0; /* the layer, a tag: every value is valid */
    }
}
