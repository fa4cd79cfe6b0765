/* SPDX-License-Identifier: Apache-2.0 */
/* check.h: the unit-test harness shared by every test program. A test is
 *     TEST(F5_partial_free_stops_at_first_unowned) { ... CHECK(...); ... }
 * CMake (awe_add_test_program in tests/CMakeLists.txt) scans the source for TEST( lines and
 * registers each test with ctest under its own name; the program runs the one test named on
 * its command line, or all of them without arguments. */
#ifndef AWE_CHECK_H
#define AWE_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*check_fn)(void);
struct check_case {
    const char *name;
    check_fn fn;
};

void check_register(const char *name, check_fn fn);
extern int check_failures;

#define TEST(name)                                                             \
    static void test_##name(void);                                             \
    __attribute__((constructor)) static void register_##name(void)             \
    {                                                                          \
        check_register(#name, test_##name);                                    \
    }                                                                          \
    static void test_##name(void)

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                     \
    do {                                                                       \
        const char *check_a_ = (a), *check_b_ = (b);                           \
        if (strcmp(check_a_, check_b_) != 0) {                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (\"%s\" != \"%s\")\n", \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_);           \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_EQ_U64(a, b)                                                     \
    do {                                                                       \
        uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b);          \
        if (check_a_ != check_b_) {                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s (0x%" PRIx64        \
                    " != 0x%" PRIx64 ")\n",                                    \
                    __FILE__, __LINE__, #a, #b, check_a_, check_b_);           \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#endif
