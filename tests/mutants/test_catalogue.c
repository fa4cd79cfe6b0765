/* SPDX-License-Identifier: Apache-2.0 */
/* test_catalogue.c: the mutant catalogue (libawl/src/awl_mutants.h) that the mutant tests,
 * ci/mutants.sh and docs/mutants.md all read: big enough, well formed, documented. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awe_rules.h"
#include "awl_mutants.h"
#include "check.h"

#define N_MUTANTS ((int)AWL_MUTANT_ID_END - 1)

static const char *const ids[] = {
#define AWL_MUTANT_ID_TEXT(id, name, rules, what) #id,
    AWL_MUTANT_LIST(AWL_MUTANT_ID_TEXT)
#undef AWL_MUTANT_ID_TEXT
};

TEST(catalogue_has_at_least_20_mutants)
{
    CHECK(N_MUTANTS >= 20);
    CHECK_EQ_U64(sizeof ids / sizeof ids[0], N_MUTANTS);
}

/* The name is what CMake, the tests and the script use: the ID in lower case with dashes. */
TEST(names_are_the_ids_in_lower_case_and_unique)
{
    for (int i = 0; i < N_MUTANTS; i++) {
        const char *name = awl_mutant_catalogue[i].name, *id = ids[i];
        CHECK_EQ_U64(strlen(name), strlen(id));
        for (size_t k = 0; name[k] && id[k]; k++)
            CHECK(name[k] == (id[k] == '_' ? '-' : tolower((unsigned char)id[k])));
        for (int j = 0; j < i; j++)
            CHECK(strcmp(name, awl_mutant_catalogue[j].name) != 0);
    }
}

TEST(every_mutant_cites_spec_rules_and_says_what_it_does)
{
    for (int i = 0; i < N_MUTANTS; i++) {
        char rules[64];
        snprintf(rules, sizeof rules, "%s", awl_mutant_catalogue[i].rules);
        int cited = 0;
        for (char *r = strtok(rules, " "); r; r = strtok(NULL, " ")) {
            CHECK(awe_rule_parse(r) != AWE_RULE_NONE);
            cited++;
        }
        CHECK(cited > 0);
        CHECK(strlen(awl_mutant_catalogue[i].what) > 20);
    }
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* docs/mutants.md has a row "| `name` | rules | ..." for every mutant, and no other rows. */
TEST(docs_list_every_mutant_with_its_rules)
{
    const char *doc = read_file(AWE_MUTANTS_DOC);
    CHECK(doc != NULL);
    if (!doc)
        return;
    int rows = 0;
    for (const char *p = doc; (p = strstr(p, "\n| `")); p++)
        rows++;
    CHECK_EQ_U64(rows, N_MUTANTS);
    for (int i = 0; i < N_MUTANTS; i++) {
        char row[160];
        snprintf(row, sizeof row, "\n| `%s` | %s |", awl_mutant_catalogue[i].name,
                 awl_mutant_catalogue[i].rules);
        if (!strstr(doc, row)) {
            fprintf(stderr, "docs/mutants.md lacks the row%s\n", row);
            CHECK(0);
        }
    }
}
