/* SPDX-License-Identifier: Apache-2.0 */
/* test_state.c: clone/equal, the invariant checker (white box: it breaks the private state
 * on purpose), page_state, and that long arrays stay linear. */
#include <stdlib.h>

#include "model_fixture.h"
#include "model_internal.h"

TEST(clone_equals_source)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 5);
    CHECK(awe_model_write(m, FX_VA(2), 0x42));
    awe_model *c = awe_model_clone(m);
    CHECK(c != NULL);
    CHECK(awe_model_equal(m, c));
    CHECK(awe_model_equal(c, m));
    CHECK_INVARIANTS(c);
    uint64_t tag = 0;
    CHECK(awe_model_read(c, FX_VA(2), &tag));
    CHECK_EQ_U64(tag, 0x42);
    awe_model_destroy(c);
    awe_model_destroy(m);
}

TEST(clone_is_independent)
{
    awe_model *m = fx_world();
    awe_model *c = awe_model_clone(m);
    fx_map_identity(c, 1);
    CHECK(!awe_model_equal(m, c));
    CHECK_EQ_U64(fx_pfn_at(m, FX_VA(0)), 0);
    CHECK_EQ_U64(fx_pfn_at(c, FX_VA(0)), FX_PFN(0));
    awe_model_destroy(m);
    CHECK_INVARIANTS(c); /* nothing shared with the destroyed source */
    awe_model_destroy(c);
}

TEST(equal_ignores_history_of_table_layout)
{
    awe_model *a = fx_world(), *b = fx_world();
    fx_map_identity(a, 8);
    for (int i = 7; i >= 0; i--) { /* same mappings, built in another order with detours */
        uint64_t pfn = FX_PFN(i), other = FX_PFN(15);
        CHECK_EQ_U64(fx_map(b, FX_VA(i), 1, &other, NULL), AWE_STATUS_SUCCESS);
        CHECK_EQ_U64(fx_map(b, FX_VA(i), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    }
    CHECK(awe_model_equal(a, b)); /* same pages, PFNs, rules and contents */
    awe_model_destroy(a);
    awe_model_destroy(b);
}

TEST(equal_detects_each_kind_of_difference)
{
    awe_model *a = fx_world();
    fx_map_identity(a, 2);
    awe_model *b = awe_model_clone(a);
    CHECK(awe_model_write(b, FX_VA(0), 1));
    CHECK(!awe_model_equal(a, b));
    awe_model_destroy(b);
    b = awe_model_clone(a);
    awe_model_set_privilege(b, 0);
    CHECK(!awe_model_equal(a, b));
    awe_model_destroy(b);
    b = awe_model_clone(a);
    CHECK_EQ_U64(fx_vfree(b, AWE_API_NT, FX_PLAIN, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK(!awe_model_equal(a, b));
    awe_model_destroy(b);
    b = awe_model_clone(a);
    uint64_t pfn = FX_PFN(9);
    CHECK_EQ_U64(fx_free(b, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK(!awe_model_equal(a, b));
    awe_model_destroy(b);
    awe_model_destroy(a);
}

TEST(equal_same_state_different_order)
{
    awe_model *a = fx_model(0), *b = fx_model(0);
    CHECK_EQ_U64(fx_alloc(a, 4, 0x100), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_alloc(b, 2, 0x102), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_alloc(b, 2, 0x100), AWE_STATUS_SUCCESS);
    CHECK(awe_model_equal(a, b));
    awe_model_destroy(a);
    awe_model_destroy(b);
}

TEST(invariants_hold_on_fresh_and_busy_model)
{
    awe_model *m = fx_model(0);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
    m = fx_world();
    fx_map_identity(m, 10);
    uint64_t vas[3] = {FX_VA(0), FX_BASE2, FX_VA(0)}, pfns[3] = {FX_PFN(12), FX_PFN(13), 0};
    CHECK_EQ_U64(fx_scatter(m, vas, 3, pfns, NULL), AWE_STATUS_SUCCESS);
    uint64_t f[2] = {FX_PFN(3), FX_PFN(13)};
    CHECK_EQ_U64(fx_free(m, 2, f, NULL), AWE_STATUS_SUCCESS);
    CHECK_INVARIANTS(m);
    char why[8] = "x";
    CHECK_EQ_U64(awe_model_check_invariants(m, why, sizeof why), 0);
    CHECK_EQ_U64(why[0], 0);
    awe_model_destroy(m);
}

static void check_broken(const awe_model *m)
{
    char why[200] = "";
    CHECK_EQ_U64(awe_model_check_invariants(m, why, sizeof why), (uint64_t)-1);
    CHECK(why[0] != '\0');
}

TEST(invariants_detect_non_injective_map)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    model_slot *s = slot_find(m, vpn_of(FX_VA(1)));
    s->pfn = FX_PFN(0); /* PFN 0 now at two VAs */
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_unowned_mapped_pfn)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    table_remove(&m->pfns, FX_PFN(0));
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_mapping_outside_awe_region)
{
    awe_model *m = fx_world();
    model_slot *s = table_insert(&m->slots, vpn_of(FX_PLAIN));
    CHECK(s != NULL);
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_overlapping_regions)
{
    awe_model *m = fx_world();
    m->live.v[1].base = FX_BASE + 0x10000; /* inside the first region */
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_pages_without_bitmap)
{
    awe_model *m = fx_world();
    m->has_bitmap = 0;
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_record_pointing_elsewhere)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    model_pfn *p = pfn_find(m, FX_PFN(0));
    p->vpn = vpn_of(FX_VA(5));
    check_broken(m);
    awe_model_destroy(m);
}

TEST(invariants_detect_a_wrong_mapped_count)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 2);
    m->mapped++;
    check_broken(m);
    awe_model_destroy(m);
}

/* The mapped count follows every way a PFN is mapped and unmapped, and survives a clone. */
TEST(mapped_count_follows_map_scatter_free_and_release)
{
    awe_model *m = fx_world();
    CHECK_EQ_U64(awe_model_mapped_count(m), 0);
    fx_map_identity(m, 10);
    CHECK_EQ_U64(awe_model_mapped_count(m), 10);
    uint64_t again = FX_PFN(3); /* mapped at VA 3 already: M6 refuses, nothing changes */
    CHECK(fx_map(m, FX_VA(0), 1, &again, NULL) != AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_mapped_count(m), 10);
    uint64_t vas[3] = {FX_VA(0), FX_BASE2, FX_VA(1)}, pfns[3] = {FX_PFN(12), FX_PFN(13), 0};
    CHECK_EQ_U64(fx_scatter(m, vas, 3, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_mapped_count(m), 10); /* 12 displaces 0, 13 is new, VA 1 unmapped */
    uint64_t f[2] = {FX_PFN(3), FX_PFN(14)};
    CHECK_EQ_U64(fx_free(m, 2, f, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_mapped_count(m), 9);
    awe_model *c = awe_model_clone(m);
    CHECK(c != NULL);
    CHECK_EQ_U64(awe_model_mapped_count(c), 9);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE2, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_mapped_count(m), 8);
    CHECK_EQ_U64(awe_model_mapped_count(c), 9);
    CHECK_INVARIANTS(m);
    CHECK_INVARIANTS(c);
    awe_model_destroy(c);
    awe_model_destroy(m);
}

TEST(page_state_fills_every_field)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_write(m, FX_VA(0), 0x33));
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0) + 0x10, &ps);
    CHECK(ps.in_awe_region);
    CHECK(ps.mapped);
    CHECK_EQ_U64(ps.pfn, FX_PFN(0));
    CHECK_EQ_U64(ps.tag, 0x33);
    CHECK_EQ_U64(ps.rule, AWE_RULE_M9);
    CHECK_EQ_U64(ps.ev, AWE_EV_DOC);
    CHECK_EQ_U64(ps.content_rule, AWE_RULE_C1);
    awe_model_page_state(m, FX_VA(1), &ps);
    CHECK_EQ_U64(ps.content_rule, AWE_RULE_NONE);
    CHECK_EQ_U64(ps.pfn, 0);
    awe_model_destroy(m);
}

TEST(queries_report_ownership_and_mapping)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_has_bitmap(m));
    CHECK_EQ_U64(awe_model_owned_count(m), FX_PAGES);
    CHECK(awe_model_pfn_owned(m, FX_PFN(15)));
    CHECK(!awe_model_pfn_owned(m, FX_PFN(16)));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(0)), FX_VA(0));
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(16)), 0);
    CHECK_EQ_U64(awe_model_pfn_tag(m, FX_PFN(16)), 0);
    awe_model_destroy(m);
}

TEST(long_arrays_stay_linear)
{
    enum { N = 100000 };
    awe_model *m = fx_model(0);
    CHECK_EQ_U64(fx_alloc(m, N, 0x100000), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_reserve(m, 0x100000000ull, N + 16), 0);
    uint64_t *pfns = malloc(N * sizeof *pfns), *vas = malloc(N * sizeof *vas);
    for (uint64_t i = 0; i < N; i++) {
        pfns[i] = 0x100000 + i;
        vas[i] = 0x100000000ull + (N - 1 - i) * AWE_PAGE_SIZE;
    }
    CHECK_EQ_U64(fx_map(m, 0x100000000ull, N, pfns, NULL), AWE_STATUS_SUCCESS);
    pfns[N - 1] = pfns[0]; /* a duplicate found at the very end */
    awe_expect e;
    fx_map(m, 0x100000000ull, N, pfns, &e);
    CHECK_EXPECT(e, AWE_RULE_M6, AWE_STATUS_INVALID_PARAMETER_3);
    CHECK_EQ_U64(fx_scatter(m, vas, N, NULL, NULL), AWE_STATUS_SUCCESS);
    pfns[N - 1] = 0x100000 + N - 1;
    CHECK_EQ_U64(fx_scatter(m, vas, N, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_INVARIANTS(m);
    CHECK_EQ_U64(fx_free(m, N, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    CHECK_INVARIANTS(m);
    free(pfns);
    free(vas);
    awe_model_destroy(m);
}

TEST(table_survives_many_inserts_and_removes)
{
    model_table t;
    table_init(&t, sizeof(model_pfn));
    for (uint64_t k = 1; k <= 5000; k++)
        CHECK(table_insert(&t, k * 7919) != NULL);
    for (uint64_t k = 1; k <= 5000; k += 2)
        table_remove(&t, k * 7919);
    CHECK_EQ_U64(t.count, 2500);
    for (uint64_t k = 1; k <= 5000; k++)
        CHECK((table_find(&t, k * 7919) != NULL) == (k % 2 == 0));
    for (size_t i = 0; i < t.count; i++) {
        const model_pfn *p = table_at(&t, i);
        CHECK(table_find(&t, p->pfn) == p);
    }
    table_remove(&t, 12345); /* absent: no effect */
    CHECK_EQ_U64(t.count, 2500);
    table_free(&t);
}

TEST(invariants_catch_protection_on_unmapped_page_and_stray_lock)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    awe_buf ok = fx_ok(1);
    awe_expect e;
    uint64_t ob, os;
    awe_model_lock(m, AWE_API_NT, 0, AWE_HANDLE_CURRENT, &ok, &ok, FX_PLAIN, 1, AWE_MAP_PROCESS,
                   &e, &ob, &os);
    CHECK_INVARIANTS(m);
    model_slot *s = slot_find(m, vpn_of(FX_VA(0)));
    s->protect = AWE_PAGE_EXECUTE_READ; /* no AWE page can hold it (P6) */
    CHECK(awe_model_check_invariants(m, NULL, 0) != 0);
    s->protect = AWE_PAGE_READWRITE;
    CHECK_INVARIANTS(m);
    slot_set(m, s, 0, AWE_RULE_M8, AWE_EV_DOC);
    CHECK_INVARIANTS(m);
    s->protect = AWE_PAGE_READONLY; /* an unmapped page remembers nothing (P9) */
    CHECK(awe_model_check_invariants(m, NULL, 0) != 0);
    s->protect = 0;
    model_plain_page *p = table_find(&m->plain_pages, vpn_of(FX_PLAIN));
    CHECK(p != NULL && p->locked);
    p->protect = 0; /* a reserved page cannot be locked */
    CHECK(awe_model_check_invariants(m, NULL, 0) != 0);
    p->protect = AWE_PAGE_READWRITE;
    CHECK_INVARIANTS(m);
    model_plain_page *stray = table_insert(&m->plain_pages, vpn_of(0x40000000));
    stray->protect = AWE_PAGE_READONLY; /* plain page state outside any plain region */
    CHECK(awe_model_check_invariants(m, NULL, 0) != 0);
    table_remove(&m->plain_pages, vpn_of(0x40000000));
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}
