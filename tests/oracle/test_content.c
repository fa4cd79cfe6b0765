/* SPDX-License-Identifier: Apache-2.0 */
/* test_content.c: contents and access through VAs in the model (C1..C4). */
#include "model_fixture.h"

TEST(C1_content_survives_unmap_and_remap_elsewhere)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_write(m, FX_VA(0), 0x5151));
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, NULL, NULL), AWE_STATUS_SUCCESS);
    uint64_t pfn = FX_PFN(0), tag = 0;
    CHECK_EQ_U64(fx_map(m, FX_VA(9), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK(awe_model_read(m, FX_VA(9), &tag));
    CHECK_EQ_U64(tag, 0x5151);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(9), &ps);
    CHECK_EQ_U64(ps.tag, 0x5151);
    CHECK_EQ_U64(ps.content_rule, AWE_RULE_C1);
    awe_model_destroy(m);
}

TEST(C1_content_moves_to_another_region)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_write(m, FX_VA(0), 0x77));
    uint64_t vas[2] = {FX_VA(0), FX_BASE2}, pfns[2] = {0, FX_PFN(0)};
    CHECK_EQ_U64(fx_scatter(m, vas, 1, pfns, NULL), AWE_STATUS_SUCCESS); /* unmap first */
    CHECK_EQ_U64(fx_scatter(m, vas + 1, 1, pfns + 1, NULL), AWE_STATUS_SUCCESS);
    uint64_t tag = 0;
    CHECK(awe_model_read(m, FX_BASE2 + 0x800, &tag));
    CHECK_EQ_U64(tag, 0x77);
    awe_model_destroy(m);
}

TEST(C1_content_survives_region_release)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_write(m, FX_VA(0), 0x88));
    CHECK_EQ_U64(fx_vfree(m, AWE_API_NT, FX_BASE, 0, AWE_MEM_RELEASE, NULL), AWE_STATUS_SUCCESS);
    uint64_t pfn = FX_PFN(0), tag = 0;
    CHECK_EQ_U64(fx_map(m, FX_BASE2, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK(awe_model_read(m, FX_BASE2, &tag));
    CHECK_EQ_U64(tag, 0x88);
    awe_model_destroy(m);
}

TEST(C2_unmapped_page_of_awe_region_faults)
{
    awe_model *m = fx_world();
    uint64_t tag = 5;
    CHECK(!awe_model_read(m, FX_VA(3), &tag));
    CHECK_EQ_U64(tag, 0);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(3), &ps);
    CHECK(ps.in_awe_region);
    CHECK(!ps.mapped);
    CHECK_EQ_U64(ps.rule, AWE_RULE_V1); /* nothing mapped since it was reserved */
    awe_model_destroy(m);
}

TEST(C2_outside_any_region_and_plain_memory_fault)
{
    awe_model *m = fx_world();
    uint64_t tag;
    CHECK(!awe_model_read(m, 0x40000000, &tag));
    CHECK(!awe_model_write(m, 0x40000000, 1));
    CHECK(!awe_model_read(m, FX_PLAIN, &tag));
    awe_page_state ps;
    awe_model_page_state(m, 0x40000000, &ps);
    CHECK(!ps.in_awe_region);
    CHECK_EQ_U64(ps.rule, AWE_RULE_C2);
    CHECK_EQ_U64(ps.ev, AWE_EV_INF);
    awe_model_destroy(m);
}

TEST(C2_write_to_unmapped_page_faults_and_changes_nothing)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    awe_model *before = awe_model_clone(m);
    CHECK(!awe_model_write(m, FX_VA(1), 0x99));
    CHECK(awe_model_equal(m, before));
    awe_model_destroy(before);
    awe_model_destroy(m);
}

TEST(C3_freed_page_unreachable_from_any_va)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 4);
    uint64_t pfns[2] = {FX_PFN(1), FX_PFN(3)};
    CHECK_EQ_U64(fx_free(m, 2, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_pfn_va(m, FX_PFN(1)), 0);
    for (unsigned i = 0; i < 64; i++)
        CHECK(fx_pfn_at(m, FX_VA(i)) != FX_PFN(1) && fx_pfn_at(m, FX_VA(i)) != FX_PFN(3));
    uint64_t tag;
    CHECK(!awe_model_read(m, FX_VA(3), &tag));
    CHECK(awe_model_read(m, FX_VA(2), &tag));
    awe_model_destroy(m);
}

TEST(C3_freed_page_cannot_be_mapped_again)
{
    awe_model *m = fx_world();
    uint64_t pfn = FX_PFN(2);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_expect e;
    uint64_t va = FX_VA(0);
    fx_scatter(m, &va, 1, &pfn, &e);
    CHECK_EXPECT(e, AWE_RULE_S5, AWE_STATUS_CONFLICTING_ADDRESSES);
    awe_model_destroy(m);
}

TEST(C4_reallocated_pfn_reads_zero)
{
    awe_model *m = fx_world();
    fx_map_identity(m, 1);
    CHECK(awe_model_write(m, FX_VA(0), 0xDEAD));
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_alloc(m, 1, FX_PFN(0)), AWE_STATUS_SUCCESS); /* the same frame again */
    CHECK_EQ_U64(awe_model_pfn_tag(m, FX_PFN(0)), 0);
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    uint64_t tag = 1;
    CHECK(awe_model_read(m, FX_VA(0), &tag));
    CHECK_EQ_U64(tag, 0);
    awe_page_state ps;
    awe_model_page_state(m, FX_VA(0), &ps);
    CHECK_EQ_U64(ps.content_rule, AWE_RULE_A11);
    awe_model_destroy(m);
}

TEST(C1_frame_stamp_moves_with_the_pfn_and_A11_dies_with_it)
{
    awe_model *m = fx_world();
    awe_page_state ps;
    fx_map_identity(m, 2);
    awe_model_stamp(m, FX_PFN(0), 7);
    uint64_t pfn = FX_PFN(0);
    CHECK_EQ_U64(fx_map(m, FX_VA(0), 1, NULL, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_map(m, FX_VA(5), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_page_state(m, FX_VA(5), &ps);
    CHECK_EQ_U64(ps.stamp, 7);
    awe_model *copy = awe_model_clone(m);
    CHECK(awe_model_equal(m, copy));
    awe_model_stamp(copy, FX_PFN(0), 8);
    CHECK(!awe_model_equal(m, copy)); /* a stamp is state: an M7 rollback restores it */
    awe_model_destroy(copy);
    /* Freed (Free unmaps it, F7) and granted again: a fresh frame without a stamp. */
    CHECK_EQ_U64(fx_free(m, 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_alloc(m, 1, FX_PFN(0)), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(fx_map(m, FX_VA(6), 1, &pfn, NULL), AWE_STATUS_SUCCESS);
    awe_model_page_state(m, FX_VA(6), &ps);
    CHECK_EQ_U64(ps.stamp, 0);
    awe_model_destroy(m);
}

TEST(mapped_pages_are_listed_in_va_order)
{
    awe_model *m = fx_world();
    uint64_t vas[3] = {FX_VA(9), FX_BASE2, FX_VA(2)}, pfns[3] = {FX_PFN(0), FX_PFN(1), FX_PFN(2)};
    CHECK_EQ_U64(fx_scatter(m, vas, 3, pfns, NULL), AWE_STATUS_SUCCESS);
    CHECK(awe_model_write(m, FX_VA(9), 3));
    awe_model_stamp(m, FX_PFN(0), 4);
    awe_mapped_page got[3];
    CHECK_EQ_U64(awe_model_mapped_pages(m, got, 1), 3); /* too small: counted, not sorted */
    CHECK_EQ_U64(awe_model_mapped_pages(m, got, 3), 3);
    CHECK_EQ_U64(got[0].va, FX_VA(2));
    CHECK_EQ_U64(got[0].pfn, FX_PFN(2));
    CHECK_EQ_U64(got[1].va, FX_VA(9));
    CHECK_EQ_U64(got[1].tag, 3);
    CHECK_EQ_U64(got[1].stamp, 4);
    CHECK_EQ_U64(got[2].va, FX_BASE2);
    awe_model_destroy(m);
}

/* The list is the same whichever table is walked: the owned PFNs when they are fewer than the
 * touched VA pages (below), the touched pages otherwise (above: 16 owned, 3 touched). */
TEST(mapped_pages_listed_from_either_table)
{
    awe_model *m = fx_world();
    awe_mapped_page got[16];
    CHECK_EQ_U64(awe_model_mapped_pages(m, got, 16), 0);
    fx_map_identity(m, 12);
    uint64_t spare[4] = {FX_PFN(12), FX_PFN(13), FX_PFN(14), FX_PFN(15)};
    CHECK_EQ_U64(fx_free(m, 4, spare, NULL), AWE_STATUS_SUCCESS); /* 12 owned, 12 touched */
    CHECK_EQ_U64(fx_map(m, FX_VA(3), 1, NULL, NULL), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(awe_model_mapped_pages(m, got, 16), 11);
    for (unsigned i = 0; i < 11; i++) {
        unsigned page = i < 3 ? i : i + 1;
        CHECK_EQ_U64(got[i].va, FX_VA(page));
        CHECK_EQ_U64(got[i].pfn, FX_PFN(page));
        CHECK_EQ_U64(got[i].protect, AWE_PAGE_READWRITE);
    }
    awe_model_destroy(m);
}
