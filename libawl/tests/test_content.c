/* SPDX-License-Identifier: Apache-2.0 */
/* test_content.c: contents and access (C1..C4), plain loads and stores through AWE
 * mappings, and the library's own life cycle (init, reset without leaks, statistics). */
#include <string.h>
#include <sys/mman.h>

#include "tu.h"

TEST(C1_data_survives_unmap_remap_and_region_release)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 2, pfns), AWE_STATUS_SUCCESS);
    memset(r, 0xab, PG);            /* plain stores */
    memset(r + PG, 0xcd, PG);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 2, NULL), AWE_STATUS_SUCCESS);
    AWL_ULONG_PTR swapped[] = {pfns[1], pfns[0]};
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 8 * PG, 2, swapped), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r[8 * PG + 17], 0xcd);  /* plain loads */
    CHECK_EQ_U64(r[9 * PG + PG - 1], 0xab);
    CHECK(AwlVirtualFree(r, 0, AWE_MEM_RELEASE));
    uint8_t *r2 = tu_region(16);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r2 + 3 * PG, 2, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(r2[3 * PG + 100], 0xab);
    CHECK_EQ_U64(r2[4 * PG + 100], 0xcd);
}

TEST(C2_unmapped_page_of_a_region_faults)
{
    tu_default();
    uint8_t *r = tu_region(16);
    for (int i = 0; i < 16; i++)
        CHECK(tu_faults(r + i * PG));
    AWL_ULONG_PTR pfn;
    tu_alloc(&pfn, 1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 4 * PG, 1, &pfn), AWE_STATUS_SUCCESS);
    CHECK(tu_faults(r + 3 * PG));
    CHECK(tu_faults(r + 5 * PG));
    CHECK(!tu_faults(r + 4 * PG));
}

TEST(C3_freed_page_unreachable)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[3];
    tu_alloc(pfns, 3);
    tu_map_tagged(r, pfns, 3, 1);
    AWL_ULONG_PTR n = 3;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns), AWE_STATUS_SUCCESS);
    for (int i = 0; i < 3; i++)
        CHECK(tu_faults(r + i * PG));
}

TEST(C4_reused_pfn_reads_zero_everywhere)
{
    tu_fresh(4, 0, 1);
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[4];
    tu_alloc(pfns, 4);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 4, pfns), AWE_STATUS_SUCCESS);
    memset(r, 0xee, 4 * PG);
    AWL_ULONG_PTR n = 4;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(AWL_CURRENT_PROCESS, &n, pfns), AWE_STATUS_SUCCESS);
    tu_alloc(pfns, 4);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 8 * PG, 4, pfns), AWE_STATUS_SUCCESS);
    for (size_t i = 0; i < 4 * PG; i++)
        if (r[8 * PG + i] != 0) {
            CHECK(!"old data crossed a free");
            break;
        }
}

TEST(C_mapping_is_shared_memory_of_the_pfn_not_a_copy)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfn;
    tu_alloc(&pfn, 1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, &pfn), AWE_STATUS_SUCCESS);
    r[10] = 1;
    CHECK(tu_poke(r + 16, 0x1234));
    CHECK_EQ_U64(*(volatile uint64_t *)(r + 16), 0x1234);
    CHECK_EQ_U64(r[10], 1);
}

TEST(L_init_same_config_keeps_state_other_config_starts_over)
{
    awl_config cfg = {32, 0, 1};
    CHECK(awl_init(&cfg) == 0);
    CHECK(awl_reset() == 0);
    AWL_ULONG_PTR pfn;
    tu_alloc(&pfn, 1);
    CHECK(awl_init(&cfg) == 0);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 1);
    cfg.pool_pages = 8;
    CHECK(awl_init(&cfg) == 0);
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    CHECK_EQ_U64(st.pool_free, 8);
    cfg.pool_pages = (size_t)1 << 40;
    CHECK(awl_init(&cfg) == -1);
}

TEST(L_shutdown_then_use_sets_up_again)
{
    tu_default();
    awl_shutdown();
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pool_free, 0); /* nothing set up */
    AWL_ULONG_PTR pfn, n = 1;
    /* a ported program never calls awl_init: defaults, privilege held */
    CHECK(AwlAllocateUserPhysicalPages(AWL_CURRENT_PROCESS, &n, &pfn));
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 1);
    CHECK_EQ_U64(st.pool_free, 65535);
    awl_shutdown();
}

static void busy_session(void)
{
    uint8_t *r = tu_region(64), *r2 = tu_region(32);
    AWL_ULONG_PTR pfns[40];
    tu_alloc(pfns, 40);
    for (int i = 0; i < 40; i += 2)
        CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + i * PG, 1, pfns + i), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r2, 16, pfns + 20), AWE_STATUS_INVALID_PARAMETER_3);
    AWL_ULONG_PTR odd[20];
    for (int i = 0; i < 20; i++)
        odd[i] = pfns[2 * i + 1];
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r2, 20, odd), AWE_STATUS_SUCCESS);
    memset(r2, 0x11, 20 * PG);
    CHECK(AwlVirtualAlloc(NULL, 8 * PG, AWE_MEM_RESERVE | AWE_MEM_COMMIT, AWE_PAGE_READWRITE) != NULL);
    AWL_HANDLE h = awl_open_process(AWE_PROCESS_VM_OPERATION);
    CHECK(h != NULL);
    AWL_ULONG_PTR n = 5;
    CHECK_EQ_U64(AwlNtFreeUserPhysicalPages(h, &n, pfns), AWE_STATUS_SUCCESS);
}

TEST(L_reset_leaks_no_fd_vma_or_page)
{
    tu_default();
    busy_session(); /* warm up the test's own allocations (and the counters') */
    CHECK(awl_reset() == 0);
    tu_count_maps();
    tu_count_fds();
    size_t maps = tu_count_maps(), fds = tu_count_fds();
    busy_session();
    CHECK(tu_count_maps() > maps);
    CHECK(awl_reset() == 0);
    CHECK_EQ_U64(tu_count_maps(), maps);
    CHECK_EQ_U64(tu_count_fds(), fds);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.pages_owned, 0);
    CHECK_EQ_U64(st.pages_mapped, 0);
    CHECK_EQ_U64(st.regions, 0);
    CHECK_EQ_U64(st.pool_free, 256);
    CHECK_EQ_U64(tu_pool_blocks(), 0);
}

/* A reset empties the pages a session used, wherever they lie in the pool, and a later
 * session that uses few pages leaves the pool as empty after its reset. */
TEST(L_reset_empties_the_pages_used_anywhere_in_the_pool)
{
    tu_default();
    CHECK(awl_reset() == 0);
    static AWL_ULONG_PTR pfns[256];
    tu_alloc(pfns, 256);
    uint8_t *r = tu_region(4);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 2, &pfns[254]), AWE_STATUS_SUCCESS);
    memset(r, 0x5a, 2 * PG);
    CHECK(tu_pool_blocks() > 0);
    CHECK(awl_reset() == 0);
    CHECK_EQ_U64(tu_pool_blocks(), 0);
    tu_alloc(pfns, 256);
    r = tu_region(4);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 2, &pfns[254]), AWE_STATUS_SUCCESS);
    uint64_t w = 1;
    CHECK(tu_peek(r + PG + 8, &w));
    CHECK_EQ_U64(w, 0);
    CHECK(awl_reset() == 0);
    tu_alloc(pfns, 1);
    r = tu_region(1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 1, pfns), AWE_STATUS_SUCCESS);
    memset(r, 0x5a, PG);
    CHECK(awl_reset() == 0);
    CHECK_EQ_U64(tu_pool_blocks(), 0);
}

TEST(L_stats_count_coalesced_mappings)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[8];
    tu_alloc(pfns, 8);
    awl_stats st;
    awl_get_stats(&st);
    CHECK_EQ_U64(st.vmas_estimate, 1);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 4 * PG, 4, pfns), AWE_STATUS_SUCCESS);
    awl_get_stats(&st);
    CHECK_EQ_U64(st.vmas_estimate, 3); /* none, pfns 0..3, none */
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 8 * PG, 1, pfns + 5), AWE_STATUS_SUCCESS);
    awl_get_stats(&st);
    CHECK_EQ_U64(st.vmas_estimate, 4);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 9 * PG, 1, pfns + 6), AWE_STATUS_SUCCESS);
    awl_get_stats(&st);
    CHECK_EQ_U64(st.vmas_estimate, 4); /* 5, 6 continue one run */
    CHECK_EQ_U64(st.pages_mapped, 6);
}

TEST(L_probe_words_marks_each_address)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + PG, 1, pfns), AWE_STATUS_SUCCESS);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r + 3 * PG, 1, pfns + 1), AWE_STATUS_SUCCESS);
    CHECK(tu_poke(r + PG, 11));
    CHECK(tu_poke(r + 3 * PG, 33));
    uint64_t local = 99;
    const void *addrs[] = {r, r + PG, r + 2 * PG, r + 3 * PG, &local, NULL, r + 4 * PG - 4};
    uint64_t words[7];
    unsigned char ok[7];
    CHECK_EQ_U64(awl_probe_words(addrs, 7, words, ok), 3);
    const unsigned char want_ok[] = {0, 1, 0, 1, 1, 0, 0}; /* the last word straddles into a hole */
    for (int i = 0; i < 7; i++)
        CHECK_EQ_U64(ok[i], want_ok[i]);
    CHECK_EQ_U64(words[1], 11);
    CHECK_EQ_U64(words[3], 33);
    CHECK_EQ_U64(words[4], 99);
}

TEST(L_probe_words_in_batches_larger_than_one_call)
{
    tu_default();
    uint8_t *r = tu_region(16);
    AWL_ULONG_PTR pfns[2];
    tu_alloc(pfns, 2);
    CHECK_EQ_U64(AwlNtMapUserPhysicalPages(r, 2, pfns), AWE_STATUS_SUCCESS);
    CHECK(tu_poke(r, 5));
    CHECK(tu_poke(r + PG, 6));
    enum { M = 1300 };
    const void **addrs = malloc(M * sizeof *addrs);
    uint64_t *words = malloc(M * sizeof *words);
    unsigned char *ok = malloc(M);
    size_t want = 0;
    for (int i = 0; i < M; i++) {
        int mapped = (i % 7) != 3; /* a fault every seventh entry */
        addrs[i] = mapped ? r + (i % 2) * PG : r + 2 * PG;
        want += mapped;
    }
    CHECK_EQ_U64(awl_probe_words(addrs, M, words, ok), want);
    for (int i = 0; i < M; i++) {
        CHECK_EQ_U64(ok[i], (i % 7) != 3);
        if (ok[i])
            CHECK_EQ_U64(words[i], 5 + (uint64_t)(i % 2));
    }
    free(addrs);
    free(words);
    free(ok);
}
