/* SPDX-License-Identifier: Apache-2.0 */
/* test_symbols.c: symbolic operands resolve to the values the run produced. */
#include "check.h"
#include "symbols.h"

TEST(live_and_stale_pfns_follow_grant_order_and_frees)
{
    static awe_symbols s;
    uint64_t granted[] = {0x1000, 0x1001, 0x1002};
    awe_symbols_reset(&s, 0x7000);
    awe_symbols_grant(&s, granted, 3);
    awe_pfn_ref l1 = {.kind = AWE_PFN_LIVE, .index = 1}, l4 = {.kind = AWE_PFN_LIVE, .index = 4}, s0 = {.kind = AWE_PFN_STALE, .index = 0};
    CHECK_EQ_U64(awe_resolve_pfn(&s, &l1), 0x1001);
    CHECK_EQ_U64(awe_resolve_pfn(&s, &l4), 0x1001); /* cycles through the live ones */
    awe_symbols_free(&s, &granted[1], 1);
    CHECK_EQ_U64(awe_resolve_pfn(&s, &l1), 0x1002);
    CHECK_EQ_U64(awe_resolve_pfn(&s, &s0), 0x1001);
}

TEST(garbage_pfns_are_never_granted_values)
{
    static awe_symbols s;
    uint64_t granted[] = {0x1000, 0x1001};
    awe_symbols_reset(&s, 0x7000);
    awe_symbols_grant(&s, granted, 2);
    for (uint8_t g = 0; g < AWE_GARBAGE_COUNT; g++) {
        awe_pfn_ref r = {.kind = AWE_PFN_GARBAGE, .index = g};
        uint64_t v = awe_resolve_pfn(&s, &r);
        CHECK(v != 0 && v != 0x1000 && v != 0x1001);
    }
    awe_pfn_ref z = {.kind = AWE_PFN_ZERO, .index = 0};
    CHECK_EQ_U64(awe_resolve_pfn(&s, &z), 0);
}

TEST(addresses_resolve_against_the_regions_created)
{
    static awe_symbols s;
    awe_symbols_reset(&s, 0x7000);
    awe_addr a = {.kind = AWE_ADDR_REGION, .region = 1, .page = 3, .offset = 16};
    CHECK_EQ_U64(awe_resolve_addr(&s, &a), 0x7000 + 16); /* no region yet: ordinary memory */
    awe_symbols_add_region(&s, 0x100000, 16, 1);
    awe_symbols_add_region(&s, 0x200000, 16, 0);
    CHECK_EQ_U64(awe_resolve_addr(&s, &a), 0x200000 + 3 * 4096 + 16);
    awe_addr k = {.kind = AWE_ADDR_KERNEL};
    CHECK_EQ_U64(awe_resolve_addr(&s, &k), AWE_KERNEL_ADDRESS);
}

TEST(counts_resolve_to_the_boundaries_of_M1)
{
    awe_count huge = {AWE_COUNT_HUGE, 0}, edge = {AWE_COUNT_EDGE, 0}, autoc = {AWE_COUNT_AUTO, 0};
    CHECK_EQ_U64(awe_resolve_count(&huge, 3), UINT64_MAX / 4096 + 1);
    CHECK_EQ_U64(awe_resolve_count(&edge, 3), UINT64_MAX / 4096);
    CHECK_EQ_U64(awe_resolve_count(&autoc, 3), 3);
}

TEST(only_live_awe_regions_take_accesses)
{
    static awe_symbols s;
    awe_symbols_reset(&s, 0x7000);
    awe_symbols_add_region(&s, 0x100000, 4, 1);
    awe_symbols_add_region(&s, 0x200000, 4, 0);
    CHECK(awe_symbols_in_live_awe(&s, 0x103000));
    CHECK(!awe_symbols_in_live_awe(&s, 0x104000)); /* past the end */
    CHECK(!awe_symbols_in_live_awe(&s, 0x200000)); /* plain */
    CHECK(!awe_symbols_in_live_awe(&s, 0x7000));   /* ordinary */
    awe_symbols_release(&s, 0x100010);
    CHECK(!awe_symbols_in_live_awe(&s, 0x103000));
}
