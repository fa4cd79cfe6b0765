/* SPDX-License-Identifier: Apache-2.0 */
/* test_rules.c: rule names, parsing and the evidence table (awe_rules.c). */
#include "model_fixture.h"

TEST(rules_every_name_parses_back)
{
    for (int r = AWE_RULE_NONE + 1; r < AWE_RULE_COUNT; r++)
        CHECK_EQ_U64(awe_rule_parse(awe_rule_name((awe_rule)r)), r);
    CHECK(strcmp(awe_rule_name(AWE_RULE_M6), "M6") == 0);
    CHECK(strcmp(awe_rule_name(AWE_RULE_A12), "A12") == 0);
    CHECK(strcmp(awe_rule_name(AWE_RULE_NONE), "-") == 0);
    CHECK(strcmp(awe_rule_name(AWE_RULE_COUNT), "-") == 0);
}

TEST(rules_unknown_names_are_none)
{
    CHECK_EQ_U64(awe_rule_parse("Z9"), AWE_RULE_NONE);
    CHECK_EQ_U64(awe_rule_parse("-"), AWE_RULE_NONE);
    CHECK_EQ_U64(awe_rule_parse(""), AWE_RULE_NONE);
    CHECK_EQ_U64(awe_rule_parse("m6"), AWE_RULE_NONE);
    CHECK_EQ_U64(awe_rule_parse(NULL), AWE_RULE_NONE);
}

TEST(rules_evidence_is_weakest_tag)
{
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_A5), AWE_EV_DOC);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_A4), AWE_EV_NT52);  /* DOC (right), NT52 (order) */
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_A10), AWE_EV_INF);  /* DOC/INF */
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_M9), AWE_EV_DOC);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_S8), AWE_EV_NT52);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_F8), AWE_EV_INF);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_V6), AWE_EV_DOC);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_C4), AWE_EV_NT52);
    CHECK_EQ_U64(awe_rule_evidence(AWE_RULE_NONE), AWE_EV_INF);
}

TEST(rules_evidence_names)
{
    CHECK(strcmp(awe_evidence_name(AWE_EV_DOC), "DOC") == 0);
    CHECK(strcmp(awe_evidence_name(AWE_EV_NT52), "NT52") == 0);
    CHECK(strcmp(awe_evidence_name(AWE_EV_INF), "INF") == 0);
}
