/* SPDX-License-Identifier: Apache-2.0 */
/* exec_observe.c: the state check after each op (see exec_internal.h). Its cost follows what
 * can have changed: after most ops only the pages whose oracle state the op changed are
 * observed, and every AWE_FULL_CHECK_EVERY ops, at the end of a program and after every call
 * that must have changed nothing, every page is. Where the backend's system reports the layout
 * (backend.h: layout), one query per region tells readable from faulting for all its pages at
 * once, and names the frame behind each; elsewhere each page is probed. Fresh frames are then
 * checked and stamped, and the words of all readable pages read: directly where the layout
 * says plain loads and stores reach the page (no system call per page), the rest through the
 * backend's fault-safe read, write and one batch of peeks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "exec_internal.h"

/* More readable pages than this in one observation cannot all be the oracle's (the pool is
 * smaller): the first of them already shows the difference. */
#define SEEN_MAX (1u << 20)
/* Pages probed one by one per observation where there is no layout (as many as before). */
#define PROBE_MAX 4096u

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *bigger = realloc(*v, n * elem);
    if (!bigger)
        return -1;
    *v = bigger;
    *cap = n;
    return 0;
}
#define GROW(arr, cap, need) grow((void **)&(arr), &(cap), (need), sizeof *(arr))

void exec_observer_reset(awe_observer *o)
{
    o->n_prev = o->n_prev_regions = 0;
    o->next_stamp = 1;
    o->since_full = 0;
}

void exec_observer_free(awe_observer *o)
{
    free(o->want), free(o->prev), free(o->regions), free(o->prev_regions), free(o->spans);
    free(o->seen), free(o->runs), free((void *)o->addrs), free(o->words), free(o->ok);
    memset(o, 0, sizeof *o);
}

/* ---- what the oracle says ---- */

static int load_model(awe_observer *o, const awe_model *m)
{
    awe_region_info ri;
    size_t n = awe_model_mapped_pages(m, o->want, o->cap_want);
    if (n > o->cap_want) {
        if (GROW(o->want, o->cap_want, n))
            return -1;
        n = awe_model_mapped_pages(m, o->want, o->cap_want);
        if (n > o->cap_want)
            return -1; /* the count moved: the oracle is broken (its invariants say so) */
    }
    /* P13: a NOACCESS page is mapped but every access faults, as an unmapped page's does; the
     * probes can only see it as unreadable (its frame and content show again when a remap or
     * a protect makes it readable, P11). */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (o->want[i].protect != AWE_PAGE_NOACCESS)
            o->want[kept++] = o->want[i];
    o->n_want = kept;
    o->n_regions = 0;
    for (size_t i = 0; awe_model_region_at(m, i, &ri) == 0; i++) {
        if (ri.kind != AWE_REGION_AWE)
            continue;
        if (GROW(o->regions, o->cap_regions, o->n_regions + 1))
            return -1;
        o->regions[o->n_regions++] = ri;
    }
    return 0;
}

static uint64_t region_end(const awe_region_info *r)
{
    return r->base + r->pages * AWE_PAGE_SIZE;
}

/* The live AWE region holding va (regions are in ascending base order), or NULL. */
static const awe_region_info *region_of(const awe_observer *o, uint64_t va)
{
    size_t lo = 0, hi = o->n_regions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (region_end(&o->regions[mid]) <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->n_regions && o->regions[lo].base <= va ? &o->regions[lo] : NULL;
}

static int add_span(awe_observer *o, uint64_t lo, uint64_t hi)
{
    if (GROW(o->spans, o->cap_spans, o->n_spans + 1))
        return -1;
    o->spans[o->n_spans++] = (awe_span){lo, hi};
    return 0;
}

static int by_lo(const void *a, const void *b)
{
    const awe_span *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Sorted, and touching spans joined: the comparison walks them in address order. */
static void join_spans(awe_observer *o)
{
    size_t n = 0;
    if (o->n_spans > 1)
        qsort(o->spans, o->n_spans, sizeof *o->spans, by_lo);
    for (size_t i = 0; i < o->n_spans; i++) {
        if (n && o->spans[i].lo <= o->spans[n - 1].hi) {
            if (o->spans[i].hi > o->spans[n - 1].hi)
                o->spans[n - 1].hi = o->spans[i].hi;
        } else {
            o->spans[n++] = o->spans[i];
        }
    }
    o->n_spans = n;
}

static int all_regions(awe_observer *o)
{
    o->n_spans = 0;
    for (size_t i = 0; i < o->n_regions; i++)
        if (add_span(o, o->regions[i].base, region_end(&o->regions[i])))
            return -1;
    join_spans(o);
    return 0;
}

static int same_page(const awe_mapped_page *a, const awe_mapped_page *b)
{
    return a->pfn == b->pfn && a->tag == b->tag && a->stamp == b->stamp;
}

static int changed_page(awe_observer *o, uint64_t va)
{
    /* A page of a released region is nobody's any more: its region is not checked (V6). */
    return region_of(o, va) ? add_span(o, va, va + AWE_PAGE_SIZE) : 0;
}

static int is_new_region(const awe_observer *o, const awe_region_info *r)
{
    for (size_t i = 0; i < o->n_prev_regions; i++)
        if (o->prev_regions[i].base == r->base && o->prev_regions[i].pages == r->pages)
            return 0;
    return 1;
}

/* The pages whose expected state differs from the previous check's, and every page of a
 * region the previous check did not know. */
static int changed_spans(awe_observer *o)
{
    size_t i = 0, j = 0;
    o->n_spans = 0;
    while (i < o->n_prev || j < o->n_want) {
        const awe_mapped_page *p = i < o->n_prev ? &o->prev[i] : NULL;
        const awe_mapped_page *w = j < o->n_want ? &o->want[j] : NULL;
        int rc = 0;
        if (p && (!w || p->va < w->va)) {
            rc = changed_page(o, p->va), i++;
        } else if (w && (!p || w->va < p->va)) {
            rc = changed_page(o, w->va), j++;
        } else {
            if (!same_page(p, w))
                rc = changed_page(o, w->va);
            i++, j++;
        }
        if (rc)
            return -1;
    }
    for (size_t r = 0; r < o->n_regions; r++)
        if (is_new_region(o, &o->regions[r]) &&
            add_span(o, o->regions[r].base, region_end(&o->regions[r])))
            return -1;
    join_spans(o);
    return 0;
}

/* ---- what the backend shows ---- */

static int add_seen(awe_observer *o, uint64_t va, uint64_t frame, unsigned direct)
{
    if (o->n_seen >= SEEN_MAX)
        return 0;
    if (GROW(o->seen, o->cap_seen, o->n_seen + 1))
        return -1;
    o->seen[o->n_seen++] = (awe_seen_page){va, frame, 0, 0, direct};
    return 0;
}

static int peek_room(awe_observer *o, size_t n)
{
    size_t a = o->cap_peek, b = o->cap_peek, c = o->cap_peek;
    if (GROW(o->addrs, a, n) || GROW(o->words, b, n) || GROW(o->ok, c, n))
        return -1;
    o->cap_peek = a;
    return 0;
}

/* Readable runs of all spans from the system's layout, in one call; -1 when it cannot
 * tell. */
static int layout_spans(struct awe_exec *x)
{
    awe_observer *o = &x->obs;
    if (!o->cap_runs && GROW(o->runs, o->cap_runs, 64))
        return -1;
    long n = x->be->layout(x->b, o->spans, o->n_spans, o->runs, o->cap_runs);
    if (n > (long)o->cap_runs) {
        if (GROW(o->runs, o->cap_runs, (size_t)n))
            return -1;
        n = x->be->layout(x->b, o->spans, o->n_spans, o->runs, o->cap_runs);
    }
    if (n < 0 || n > (long)o->cap_runs)
        return -1;
    for (long r = 0; r < n; r++)
        for (uint64_t va = o->runs[r].start; va < o->runs[r].end; va += AWE_PAGE_SIZE) {
            uint64_t frame = o->runs[r].frame;
            if (add_seen(o, va, frame ? frame + (va - o->runs[r].start) / AWE_PAGE_SIZE : 0,
                         o->runs[r].direct))
                return -1;
        }
    return 0;
}

/* Word 0 of every page of the span: the readable ones are seen. */
static int probe_span(struct awe_exec *x, const awe_span *s, size_t *budget)
{
    awe_observer *o = &x->obs;
    size_t n = (size_t)((s->hi - s->lo) / AWE_PAGE_SIZE);
    if (n > *budget)
        n = *budget;
    *budget -= n;
    if (peek_room(o, n))
        return -1;
    for (size_t i = 0; i < n; i++)
        o->addrs[i] = (const void *)(uintptr_t)(s->lo + i * AWE_PAGE_SIZE);
    x->be->peek_words(x->b, o->addrs, n, o->words, o->ok);
    for (size_t i = 0; i < n; i++)
        if (o->ok[i] && add_seen(o, s->lo + i * AWE_PAGE_SIZE, 0, 0))
            return -1;
    return 0;
}

static uint64_t load_word(uint64_t va)
{
    uint64_t w;
    memcpy(&w, (const void *)(uintptr_t)va, sizeof w);
    return w;
}

/* Both words of every page seen: loaded where the page allows it, the rest in one batch of
 * peeks; a page whose words fault is not readable after all and leaves the list. */
static int read_words(struct awe_exec *x)
{
    awe_observer *o = &x->obs;
    size_t n = 0, peeks = 0;
    if (peek_room(o, 2 * o->n_seen))
        return -1;
    for (size_t i = 0; i < o->n_seen; i++) {
        if (o->seen[i].direct & AWE_DIRECT_READ)
            continue;
        o->addrs[peeks++] = (const void *)(uintptr_t)o->seen[i].va;
        o->addrs[peeks++] = (const void *)(uintptr_t)(o->seen[i].va + AWE_PAGE_SIZE - 8);
    }
    if (peeks)
        x->be->peek_words(x->b, o->addrs, peeks, o->words, o->ok);
    peeks = 0;
    for (size_t i = 0; i < o->n_seen; i++) {
        awe_seen_page p = o->seen[i];
        if (p.direct & AWE_DIRECT_READ) {
            p.w0 = load_word(p.va);
            p.w1 = load_word(p.va + AWE_PAGE_SIZE - 8);
        } else {
            int ok = o->ok[peeks] && o->ok[peeks + 1];
            p.w0 = o->words[peeks];
            p.w1 = o->words[peeks + 1];
            peeks += 2;
            if (!ok)
                continue;
        }
        o->seen[n++] = p;
    }
    o->n_seen = n;
    return 0;
}

/* The readable pages of the spans, and what the system says is behind each (no words yet). */
static int observe_pages(struct awe_exec *x)
{
    awe_observer *o = &x->obs;
    size_t budget = PROBE_MAX;
    o->n_seen = 0;
    if (o->n_spans == 0 || (x->be->layout && layout_spans(x) == 0))
        return 0;
    o->n_seen = 0;
    for (size_t i = 0; i < o->n_spans; i++)
        if (probe_span(x, &o->spans[i], &budget))
            return -1;
    return 0;
}

/* How the page at va may be reached: the seen page's AWE_DIRECT_* bits, 0 when it was not
 * seen. want[] and seen[] ascend by VA; *k walks seen[] along with the caller's walk. */
static unsigned direct_at(const awe_observer *o, uint64_t va, size_t *k)
{
    while (*k < o->n_seen && o->seen[*k].va < va)
        (*k)++;
    return *k < o->n_seen && o->seen[*k].va == va ? o->seen[*k].direct : 0;
}

/* ---- comparison ---- */

typedef struct {
    const char *field;        /* "state" or "content" */
    awe_rule rule;
    awe_evidence ev;
    const char *want, *got;   /* the values a known-difference table names */
    uint64_t va;              /* the page: the message names it as the trace does (R0+3) */
    char text[224];           /* what differs, after the page's name */
} awe_state_diff;

static void diff_mapping(awe_state_diff *d, const awe_model *m, uint64_t va, int want_mapped)
{
    awe_page_state ps;
    awe_model_page_state(m, va, &ps);
    d->field = "state";
    d->rule = ps.rule;
    d->ev = ps.ev;
    d->want = want_mapped ? "mapped" : "unmapped";
    d->got = want_mapped ? "unmapped" : "mapped";
    d->va = va;
    snprintf(d->text, sizeof d->text, "should be %s (%s), is %s", d->want,
             awe_rule_name(ps.rule), d->got);
}

static void diff_frame(awe_state_diff *d, const awe_model *m, const awe_mapped_page *w,
                       uint64_t frame)
{
    awe_page_state ps;
    awe_model_page_state(m, w->va, &ps);
    d->field = "state";
    d->rule = ps.rule;
    d->ev = ps.ev;
    d->want = d->got = "";
    d->va = w->va;
    snprintf(d->text, sizeof d->text, "should show PFN %llx (%s), the system maps PFN %llx there",
             (unsigned long long)w->pfn, awe_rule_name(ps.rule), (unsigned long long)frame);
}

static void diff_content(awe_state_diff *d, const awe_model *m, const awe_mapped_page *w,
                         const char *how, uint64_t got0, uint64_t got1)
{
    awe_page_state ps;
    awe_model_page_state(m, w->va, &ps);
    d->field = "content";
    d->rule = ps.content_rule;
    d->ev = awe_rule_evidence(ps.content_rule);
    d->want = d->got = "";
    d->va = w->va;
    snprintf(d->text, sizeof d->text,
             "should hold tag %llu of frame stamp %u (PFN %llx, %s), %s %016llx..%016llx",
             (unsigned long long)w->tag, (unsigned)w->stamp,
             (unsigned long long)w->pfn, awe_rule_name(ps.content_rule), how,
             (unsigned long long)got0, (unsigned long long)got1);
}

/* 1 when a seen page differs from the expected one at the same VA (fills d). */
static int page_differs(const awe_model *m, const awe_mapped_page *w, const awe_seen_page *s,
                        awe_state_diff *d)
{
    if (s->frame && s->frame != w->pfn) {
        diff_frame(d, m, w, s->frame);
        return 1;
    }
    if (s->w0 != awe_content_word(w->tag, w->stamp, 0) ||
        s->w1 != awe_content_word(w->tag, w->stamp, AWE_WORDS_PER_PAGE - 1)) {
        diff_content(d, m, w, "reads", s->w0, s->w1);
        return 1;
    }
    return 0;
}

/* The seen pages against the expected mapped pages inside the spans: 1 and d at the first
 * difference in address order. */
static int compare_spans(const awe_observer *o, const awe_model *m, awe_state_diff *d)
{
    size_t j = 0, k = 0;
    for (size_t s = 0; s < o->n_spans; s++) {
        const awe_span *sp = &o->spans[s];
        while (j < o->n_want && o->want[j].va < sp->lo)
            j++;
        for (;;) {
            const awe_mapped_page *w = j < o->n_want && o->want[j].va < sp->hi ? &o->want[j] : NULL;
            const awe_seen_page *e = k < o->n_seen && o->seen[k].va < sp->hi ? &o->seen[k] : NULL;
            if (!w && !e)
                break;
            if (w && (!e || w->va < e->va)) {
                diff_mapping(d, m, w->va, 1);
                return 1;
            }
            if (!w || e->va < w->va) {
                diff_mapping(d, m, e->va, 0);
                return 1;
            }
            if (page_differs(m, w, e, d))
                return 1;
            j++, k++;
        }
    }
    return 0;
}

/* A whole page: loaded where the layout allows it, else through the backend. */
static int read_page(struct awe_exec *x, uint64_t va, unsigned direct, uint64_t *page)
{
    if (direct & AWE_DIRECT_READ) {
        memcpy(page, (const void *)(uintptr_t)va, AWE_PAGE_SIZE);
        return 0;
    }
    return x->be->read(x->b, (const void *)(uintptr_t)va, page, AWE_PAGE_SIZE);
}

/* Every word of every mapped page (the "check" op). */
static int compare_content(struct awe_exec *x, awe_state_diff *d)
{
    uint64_t page[AWE_WORDS_PER_PAGE], tag;
    uint16_t stamp;
    awe_observer *o = &x->obs;
    size_t k = 0;
    for (size_t i = 0; i < o->n_want; i++) {
        const awe_mapped_page *w = &o->want[i];
        if (read_page(x, w->va, direct_at(o, w->va, &k), page) != 0) {
            diff_mapping(d, x->model, w->va, 1);
            return 1;
        }
        if (awe_content_decode(page, &tag, &stamp) != 0 || tag != w->tag || stamp != w->stamp) {
            diff_content(d, x->model, w, "a full read shows", page[0], page[AWE_WORDS_PER_PAGE - 1]);
            return 1;
        }
    }
    return 0;
}

static void diverge_with(struct awe_exec *x, const awe_state_diff *d)
{
    char page[40];
    if (d->want[0])
        exec_values(x, d->want, d->got);
    exec_diverge(x, d->field, d->rule, d->ev, "page %s %s",
                 awe_symbols_page_name(&x->sym, d->va, page, sizeof page), d->text);
}

/* ---- stamps ---- */

/* A frame mapped for the first time must read as the oracle says (zero when fresh: A11, C4);
 * then it gets its stamp, in the page and in the oracle. Pages the layout showed are read and
 * written directly where it allows (observe_pages before), the rest through the backend: the
 * same bytes either way. */
static int stamp_fresh(struct awe_exec *x, awe_state_diff *d)
{
    static const uint64_t zero[AWE_WORDS_PER_PAGE];
    uint64_t page[AWE_WORDS_PER_PAGE], want[AWE_WORDS_PER_PAGE];
    awe_observer *o = &x->obs;
    size_t k = 0;
    for (size_t i = 0; i < o->n_want; i++) {
        awe_mapped_page *w = &o->want[i];
        void *va = (void *)(uintptr_t)w->va;
        if (w->stamp)
            continue;
        unsigned direct = direct_at(o, w->va, &k);
        const uint64_t *got = page;
        if (direct & AWE_DIRECT_READ)
            got = va; /* compared in place */
        else if (x->be->read(x->b, va, page, sizeof page) != 0) {
            diff_mapping(d, x->model, w->va, 1);
            return 1;
        }
        const uint64_t *expect = zero;
        if (w->tag) {
            awe_content_fill(w->tag, 0, want);
            expect = want;
        }
        if (memcmp(got, expect, sizeof page) != 0) {
            diff_content(d, x->model, w, "a fresh frame reads", got[0],
                         got[AWE_WORDS_PER_PAGE - 1]);
            return 1;
        }
        uint16_t s = o->next_stamp++;
        if (o->next_stamp == 0)
            o->next_stamp = 1; /* 0 means "no stamp": stamps repeat after 65535 frames */
        awe_content_fill(w->tag, s, page);
        if (direct & AWE_DIRECT_WRITE)
            memcpy(va, page, sizeof page);
        else if (x->be->write(x->b, va, page, sizeof page) != 0) {
            diff_mapping(d, x->model, w->va, 1);
            return 1;
        }
        awe_model_stamp(x->model, w->pfn, s);
        w->stamp = s;
    }
    return 0;
}

static void remember(awe_observer *o)
{
    awe_mapped_page *p = o->prev;
    size_t c = o->cap_prev;
    o->prev = o->want, o->cap_prev = o->cap_want, o->n_prev = o->n_want;
    o->want = p, o->cap_want = c;
    awe_region_info *r = o->prev_regions;
    c = o->cap_prev_regions;
    o->prev_regions = o->regions, o->cap_prev_regions = o->cap_regions;
    o->n_prev_regions = o->n_regions;
    o->regions = r, o->cap_regions = c;
}

static void out_of_memory(struct awe_exec *x)
{
    exec_diverge(x, "harness", AWE_RULE_NONE, AWE_EV_DOC, "out of memory for the state check");
}

void exec_compare_state(struct awe_exec *x, awe_check_scope scope)
{
    char why[256];
    awe_state_diff d;
    awe_observer *o = &x->obs;
    if (!x->model || x->stop)
        return;
    if (load_model(o, x->model)) {
        out_of_memory(x);
        return;
    }
    /* The layout first (stamping changes no mapping), so that fresh frames can be stamped
     * directly; the words after the stamps, as the check compares them. */
    int rc = scope == AWE_CHECK_CHANGED ? changed_spans(o) : all_regions(o);
    if (rc || observe_pages(x)) {
        out_of_memory(x);
        return;
    }
    if (stamp_fresh(x, &d)) {
        diverge_with(x, &d);
        return;
    }
    if (read_words(x)) {
        out_of_memory(x);
        return;
    }
    if (compare_spans(o, x->model, &d) || (scope == AWE_CHECK_CONTENT && compare_content(x, &d))) {
        diverge_with(x, &d);
        return;
    }
    if (exec_check_rights(x))
        return;
    remember(o);
    if (scope == AWE_CHECK_CHANGED)
        return;
    o->since_full = 0;
    if (awe_model_check_invariants(x->model, why, sizeof why) != 0) {
        exec_diverge(x, "invariant", AWE_RULE_NONE, AWE_EV_DOC, "oracle invariant broken: %s", why);
        snprintf(x->res->key, sizeof x->res->key, "AWE-oracle-invariant");
    }
}

int exec_observation_unchanged(struct awe_exec *x, const awe_model *m, char *why, size_t why_len)
{
    awe_state_diff d;
    awe_observer *o = &x->obs;
    /* The oracle's view is loaded into the buffers of the next check, which reloads them. */
    if (load_model(o, m) || all_regions(o) || observe_pages(x) || read_words(x)) {
        snprintf(why, why_len, "out of memory for the state check");
        return 0;
    }
    if (compare_spans(o, m, &d)) {
        char page[40];
        snprintf(why, why_len, "page %s %s", awe_symbols_page_name(&x->sym, d.va, page, sizeof page),
                 d.text);
        return 0;
    }
    o->since_full = 0;
    return 1;
}
