/* SPDX-License-Identifier: Apache-2.0 */
/* test_pool.c: Allocate against a known pool (A7, A8 exact). A backend that reports its pool
 * gets no allowance: the grant is min(request, limit - owned, pool free), the pool follows
 * Allocate (takes), Free (gives back) and the pool control (sets), and only an empty pool
 * allows INSUFFICIENT_RESOURCES. */
#include <stdlib.h>
#include <string.h>

#include "model_fixture.h"

static void expect_n(const awe_model *m, uint64_t n, awe_expect *e)
{
    awe_buf cnt = fx_ok(1), arr = fx_ok(n);
    awe_model_allocate_expect(m, AWE_API_NT, AWE_HANDLE_CURRENT, &cnt, n, &arr, 0, 0, e);
}

/* Adopts a grant of `got` pages at first_pfn.. with status st; adopt's return value. */
static int adopt(awe_model *m, const awe_expect *e, awe_ntstatus st, uint64_t got,
                 uint64_t first_pfn, awe_mismatch *mm)
{
    uint64_t pfns[64];
    for (uint64_t i = 0; i < got && i < 64; i++)
        pfns[i] = first_pfn + i;
    return awe_model_allocate_adopt(m, e, st, got, pfns, mm);
}

static uint64_t pool_of(const awe_model *m)
{
    uint64_t n = ~0ull;
    CHECK(awe_model_pool_free(m, &n));
    return n;
}

TEST(A8_known_pool_grant_is_exact)
{
    awe_model *m = fx_model_pool(0, 5);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 3, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.grant_min, 3);
    CHECK_EQ_U64(e.grant_max, 3);
    CHECK_EQ_U64(e.may_fail_resources, 0);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 3, 0x100, &mm), 0);
    CHECK_EQ_U64(pool_of(m), 2); /* Allocate takes its grant out of the pool */
    expect_n(m, 10, &e);         /* a partial grant: exactly what is left */
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.grant_min, 2);
    CHECK_EQ_U64(e.grant_max, 2);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 2, 0x200, &mm), 0);
    CHECK_EQ_U64(pool_of(m), 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 5);
    CHECK_INVARIANTS(m);
    awe_model_destroy(m);
}

TEST(A8_known_pool_refused_partial_grant_is_a_status_mismatch)
{
    awe_model *m = fx_model_pool(0, 3);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 5, &e);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 5, 0, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A8);
    CHECK_EQ_U64(mm.ev, AWE_EV_DOC); /* "otherwise success, possibly with fewer pages" */
    CHECK(!awe_model_has_bitmap(m)); /* a refused adopt changes nothing */
    CHECK_EQ_U64(pool_of(m), 3);
    awe_model_destroy(m);
}

TEST(A8_known_pool_large_request_must_not_fail)
{
    /* An implementation failing every request over 16 pages, with the pool holding plenty. */
    awe_model *m = fx_model_pool(0, 100);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 17, &e);
    CHECK_EQ_U64(e.grant_max, 17);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 17, 0, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A8);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 17, 0x100, &mm), 0);
    CHECK_EQ_U64(pool_of(m), 83);
    awe_model_destroy(m);
}

TEST(A8_known_pool_grant_other_than_exact_is_a_count_mismatch)
{
    awe_model *m = fx_model_pool(0, 3);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 5, &e);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 2, 0x100, &mm), (uint64_t)-1); /* too few */
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A8);
    CHECK(strstr(mm.detail, "exactly 3") != NULL);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 4, 0x100, &mm), (uint64_t)-1); /* too many */
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    CHECK_EQ_U64(pool_of(m), 3);
    awe_model_destroy(m);
}

TEST(A7_empty_known_pool_is_insufficient_resources)
{
    awe_model *m = fx_model_pool(0, 0);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 2, &e);
    CHECK_EXPECT(e, AWE_RULE_A7, AWE_STATUS_INSUFFICIENT_RESOURCES);
    CHECK_EQ_U64(e.win32_error, AWE_ERROR_NO_SYSTEM_RESOURCES);
    CHECK_EQ_U64(e.count, 2); /* A9: left unchanged */
    CHECK_EQ_U64(e.may_fail_resources, 0);
    /* a grant out of an empty pool is wrong */
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 1, 0x100, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A7);
    /* so is a failure that writes the count */
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 0, 0, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "count") == 0);
    CHECK_EQ_U64(mm.rule, AWE_RULE_A9);
    CHECK(!awe_model_has_bitmap(m));
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_INSUFFICIENT_RESOURCES, 2, 0, &mm), 0);
    CHECK(awe_model_has_bitmap(m)); /* A0: created before the pages were sought */
    CHECK_EQ_U64(awe_model_owned_count(m), 0);
    awe_model_destroy(m);
}

TEST(A7_other_failures_past_a6_are_refused_with_the_pool_known)
{
    awe_model *m = fx_model_pool(0, 4);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 2, &e);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_NO_MEMORY, 2, 0, &mm), (uint64_t)-1);
    CHECK(strcmp(mm.field, "status") == 0);
    CHECK(strstr(mm.detail, "expected SUCCESS,") != NULL);
    awe_model_destroy(m);
}

TEST(A7_free_gives_pages_back_to_the_known_pool)
{
    awe_model *m = fx_model_pool(0, 2);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 2, &e);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 2, 0x100, &mm), 0);
    expect_n(m, 1, &e);
    CHECK_EXPECT(e, AWE_RULE_A7, AWE_STATUS_INSUFFICIENT_RESOURCES);
    /* F5: only the freed prefix comes back (0x100), not the unowned PFN that stopped it */
    uint64_t pfns[3] = {0x100, 0x999, 0x101};
    CHECK_EQ_U64(fx_free(m, 3, pfns, NULL), AWE_STATUS_CONFLICTING_ADDRESSES);
    CHECK_EQ_U64(pool_of(m), 1);
    expect_n(m, 5, &e);
    CHECK_EXPECT(e, AWE_RULE_A8, AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(e.grant_max, 1);
    CHECK_EQ_U64(e.grant_min, 1);
    uint64_t last = 0x101;
    CHECK_EQ_U64(fx_free(m, 1, &last, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(pool_of(m), 2);
    awe_model_destroy(m);
}

TEST(A7_released_region_keeps_its_pages_out_of_the_pool)
{
    awe_model *m = fx_model_pool(0, 4);
    CHECK_EQ_U64(fx_reserve(m, FX_BASE, 4), 0);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 2, &e);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 2, 0x100, &mm), 0);
    uint64_t pfns[2] = {0x100, 0x101};
    CHECK_EQ_U64(fx_map(m, FX_BASE, 2, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(pool_of(m), 2); /* V6: the PFNs stay owned */
    awe_model_destroy(m);
}

TEST(A6_limit_and_known_pool_both_bound_the_grant)
{
    awe_model *m = fx_model_pool(4, 10);
    awe_expect e;
    awe_mismatch mm;
    expect_n(m, 10, &e);
    CHECK_EQ_U64(e.grant_max, 4); /* the limit is tighter */
    CHECK_EQ_U64(e.grant_min, 4);
    CHECK_EQ_U64(adopt(m, &e, AWE_STATUS_SUCCESS, 4, 0x100, &mm), 0);
    expect_n(m, 1, &e);
    CHECK_EXPECT(e, AWE_RULE_A6, AWE_STATUS_COMMITMENT_LIMIT); /* A6 before the pool */
    awe_model_set_page_limit(m, 0);
    expect_n(m, 10, &e);
    CHECK_EQ_U64(e.grant_max, 6); /* now the pool is */
    CHECK_EQ_U64(e.grant_min, 6);
    awe_model_destroy(m);
}

TEST(A7_pool_control_makes_the_pool_known)
{
    awe_model *m = fx_model(0);
    uint64_t n = 77;
    CHECK_EQ_U64(awe_model_pool_free(m, &n), 0);
    CHECK_EQ_U64(n, 77);
    awe_expect e;
    expect_n(m, 3, &e);
    CHECK(e.may_fail_resources); /* unknown: the allowance of a real Windows */
    CHECK_EQ_U64(e.grant_min, 1);
    awe_model_set_pool_free(m, 1);
    expect_n(m, 3, &e);
    CHECK_EQ_U64(e.may_fail_resources, 0);
    CHECK_EQ_U64(e.grant_min, 1);
    CHECK_EQ_U64(e.grant_max, 1);
    awe_model_set_pool_free(m, 0);
    expect_n(m, 3, &e);
    CHECK_EXPECT(e, AWE_RULE_A7, AWE_STATUS_INSUFFICIENT_RESOURCES);
    awe_model_destroy(m);
}

TEST(A7_pool_takes_part_in_clone_and_equal)
{
    awe_model *a = fx_model_pool(0, 8);
    awe_model *b = awe_model_clone(a);
    CHECK(b != NULL);
    CHECK(awe_model_equal(a, b));
    CHECK_EQ_U64(pool_of(b), 8);
    awe_model_set_pool_free(b, 7);
    CHECK(!awe_model_equal(a, b));
    awe_model *u = fx_model(0); /* unknown differs from known */
    CHECK(!awe_model_equal(a, u));
    awe_model_destroy(a);
    awe_model_destroy(b);
    awe_model_destroy(u);
}
