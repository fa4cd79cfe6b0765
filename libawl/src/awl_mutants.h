/* SPDX-License-Identifier: Apache-2.0 */
/* awl_mutants.h: the catalogue of injected bugs ("mutants") the test suite must catch
 * (docs/mutants.md, tests/mutants, ci/mutants.sh). Each is a plausible slip placed at the one
 * spot of this library that implements its rule, guarded there by AWL_MUTANT(ID):
 *   - a normal build: AWL_MUTANT(ID) is the constant 0, no mutant is compiled in;
 *   - configured with -DAWEFUZZ_MUTANT=<name>: that one mutant is always on (CMake passes
 *     AWL_MUTANT_SELECTED to the awl library only);
 *   - the awl_mutable library (AWL_MUTANT_RUNTIME): the mutant named by the environment
 *     variable AWEFUZZ_MUTANT is on, none when it is unset, so one build replays them all.
 * Entry: X(ID, "name", "rules", "what the slip does"); the name is the ID in lower case with
 * dashes. CMake and ci/mutants.sh read the first line of each entry: keep ID, name and rules
 * on it. */
#ifndef AWL_MUTANTS_H
#define AWL_MUTANTS_H

#define AWL_MUTANT_LIST(X)                                                                       \
    X(FREE_COUNT_OFF_BY_ONE, "free-count-off-by-one", "F5 F1",                                   \
      "a partial Free reports one page more than it freed (the PFN that stopped it is counted)")  \
    X(FREE_WITHOUT_PREFIX, "free-without-prefix", "F5",                                          \
      "Free skips the PFNs it does not own and frees every other one listed, then fails")         \
    X(MAP_NOT_ATOMIC, "map-not-atomic", "M7 M6",                                                 \
      "Map applies the pages before the first bad PFN, then fails")                               \
    X(SCATTER_NOT_ATOMIC, "scatter-not-atomic", "S7 S5",                                         \
      "Scatter applies the entries before the first bad PFN, then fails")                         \
    X(PFN_AT_TWO_VAS, "pfn-at-two-vas", "M6 S5",                                                 \
      "the already-mapped test only refuses a PFN sitting at its target VA: one PFN, two VAs")    \
    X(DUPLICATE_PFN_ACCEPTED, "duplicate-pfn-accepted", "M6 S5",                                 \
      "a PFN listed twice in one array is not detected")                                          \
    X(REMAP_IN_PLACE, "remap-in-place", "M6",                                                    \
      "a PFN already mapped at the VA it is to go to counts as no change and succeeds")           \
    X(RANGE_END_OFF_BY_ONE, "range-end-off-by-one", "M5 S4",                                     \
      "the end-of-region test is one page short: a range ending on the last page is refused")     \
    X(UNALIGNED_ADDRESS_REJECTED, "unaligned-address-rejected", "M2",                            \
      "Map refuses an address inside a page (INVALID_PARAMETER_1) instead of rounding it down")   \
    X(ALLOC_ZERO_COUNT_INVALID, "alloc-zero-count-invalid", "A1",                                \
      "Allocate with a zero count fails with INVALID_PARAMETER_2 (Free's rule)")                  \
    X(FREE_ZERO_COUNT_SUCCEEDS, "free-zero-count-succeeds", "F2",                                \
      "Free with a zero count succeeds (Allocate's rule)")                                        \
    X(MAP_ZERO_COUNT_SUCCEEDS, "map-zero-count-succeeds", "M2",                                  \
      "Map with a zero count succeeds at any address (Scatter's rule)")                           \
    X(SCATTER_ZERO_COUNT_INVALID, "scatter-zero-count-invalid", "S2",                            \
      "Scatter with a zero count fails with INVALID_PARAMETER_2 (Map's rule)")                    \
    X(PARTIAL_GRANT_FAILS, "partial-grant-fails", "A8 A9",                                       \
      "a grant cut short by the pool is handed back but reported as INSUFFICIENT_RESOURCES")      \
    X(FAILED_ALLOC_WRITES_COUNT, "failed-alloc-writes-count", "A9",                              \
      "Allocate zeroes *NumberOfPages up front as Free does, so a failed call leaves 0 there")    \
    X(FREE_KEEPS_MAPPING, "free-keeps-mapping", "F7 C3",                                         \
      "Free releases a mapped page without unmapping it: its VA still reaches the page")          \
    X(RELEASE_FREES_PAGES, "release-frees-pages", "V6",                                          \
      "releasing a region frees the PFNs that were mapped in it")                                 \
    X(RELEASE_KEEPS_MAPPINGS, "release-keeps-mappings", "V6",                                    \
      "releasing a region with pages mapped succeeds but leaves the region and its mappings")     \
    X(FREED_PAGE_KEEPS_DATA, "freed-page-keeps-data", "A11 C4",                                  \
      "Free does not drop the data of the freed pages: a reused PFN shows its old content")       \
    X(REMAP_KEEPS_OLD_PAGE, "remap-keeps-old-page", "M9",                                        \
      "Map leaves a slot that holds a PFN as it is: stale content, yet the call succeeds")        \
    X(DESCENDING_RUN_SHIFTED, "descending-run-shifted", "C1 M9",                                 \
      "PFNs n+1, n at consecutive VAs join one mmap run: the second VA shows PFN n+2")            \
    X(UNOWNED_PFN_INVALID_PARAMETER, "unowned-pfn-invalid-parameter", "M6 S5",                   \
      "an unowned PFN fails Map/Scatter with INVALID_PARAMETER_3 (87), not CONFLICTING (487)")    \
    X(PRIVILEGE_NOT_CHECKED, "privilege-not-checked", "A5",                                      \
      "Allocate does not check SeLockMemoryPrivilege")                                            \
    X(SCATTER_ZERO_NOT_UNMAPPING, "scatter-zero-not-unmapping", "S5",                            \
      "a zero Scatter entry is skipped instead of unmapping its address")                         \
    X(SCATTER_DUPLICATE_FIRST_WINS, "scatter-duplicate-first-wins", "S8",                        \
      "an address listed twice in one Scatter ends with the first entry's PFN, not the last's")   \
    X(FAULT_NO_ROLLBACK, "fault-no-rollback", "M7 S7 F7",                                        \
      "when an mmap fails midway (fault injection) the runs already applied are not undone")      \
    X(FREE_UNMAPS_FIRST_EIGHT, "free-unmaps-first-eight", "F7 C3",                               \
      "Free unmaps at most 8 of the mapped pages it frees: from the 9th on, the VA stays mapped") \
    X(FREED_LONG_RUN_KEEPS_DATA, "freed-long-run-keeps-data", "A11 C4",                          \
      "Free punches at most 8 pages of a run of consecutive PFNs: the rest keeps its data")       \
    X(MARKS_OUTLIVE_LONG_LIST, "marks-outlive-long-list", "M6 S5 F5",                            \
      "duplicate marks are cleared for 8 entries only: a later call sees the 9th as a repeat")    \
    X(SCATTER_SINGLE_REGION, "scatter-single-region", "S4",                                      \
      "Scatter applies Map's one-region test: an address outside the first one's region fails")   \
    X(MAPPED_CHECK_ONE_REGION, "mapped-check-one-region", "M6 S5",                               \
      "the already-mapped test looks in the target's region only: a PFN maps in two regions")     \
    X(REGION_LOOKUP_TOP_ONLY, "region-lookup-top-only", "M5 S4",                                 \
      "the AWE region lookup only tries the region of highest base: lower regions are refused")   \
    X(RANGE_CHECK_FIRST_REGION_SIZE, "range-check-first-region-size", "M5 S4",                   \
      "the end-of-region test also uses the size of the table's first region (lowest base)")      \
    X(WINDOW_MISSES_LAST_PAGE, "window-misses-last-page", "M8",                                  \
      "the NULL-array Map's window of mapped pages stops before the region's last page")          \
    X(RELEASE_ZEROES_FRAMES, "release-zeroes-frames", "V6 C1",                                   \
      "releasing a region drops the data of the PFNs mapped in it, as a decommit would")          \
    X(DISPLACED_PAGE_ZEROED, "displaced-page-zeroed", "M9 C1",                                   \
      "a PFN displaced by Map or Scatter loses its data as if it had been freed")                 \
    X(UNMAP_BRIDGE_OVER_MAPPED, "unmap-bridge-over-mapped", "S5 F7",                             \
      "an unmap run bridges a gap without looking at it: a mapped page in the gap is unmapped")   \
    X(FREE_PUNCHES_UNSORTED, "free-punches-unsorted", "C1 C4 A11",                               \
      "Free punches at the caller's PFNs with the sorted list's run lengths: wrong pages zeroed") \
    X(ZEROING_STOPS_AT_CLEAN_PAGE, "zeroing-stops-at-clean-page", "A11 C4",                      \
      "Allocate's zeroing of not-yet-punched pages stops at the first clean page it meets")       \
    X(PARTIAL_FREE_KEEPS_MAPPINGS, "partial-free-keeps-mappings", "F7 F5 C3",                    \
      "a partial Free (stopped by an unowned PFN) does not unmap the prefix it frees")

typedef enum {
    AWL_MUTANT_ID_NONE = 0,
#define AWL_MUTANT_ENUM(id, name, rules, what) AWL_MUTANT_ID_##id,
    AWL_MUTANT_LIST(AWL_MUTANT_ENUM)
#undef AWL_MUTANT_ENUM
    AWL_MUTANT_ID_END
} awl_mutant_id;

#if defined(AWL_MUTANT_RUNTIME)
/* The mutant AWEFUZZ_MUTANT names (read once; an unknown name ends the process). */
awl_mutant_id awl_mutant_active(void);
#define AWL_MUTANT(id) (awl_mutant_active() == AWL_MUTANT_ID_##id)
#elif defined(AWL_MUTANT_SELECTED)
#define AWL_MUTANT(id) (AWL_MUTANT_ID_##id == (int)AWL_MUTANT_SELECTED)
#else
#define AWL_MUTANT(id) (AWL_MUTANT_ID_##id == AWL_MUTANT_ID_NONE)
#endif

#if defined(AWL_MUTANT_RUNTIME)
typedef struct {
    const char *name, *rules, *what;
} awl_mutant_info;
/* The catalogue, indexed by awl_mutant_id - 1 (awl_mutants.c, in awl_mutable only). */
extern const awl_mutant_info awl_mutant_catalogue[AWL_MUTANT_ID_END - 1];
#endif

#endif
