/* SPDX-License-Identifier: Apache-2.0 */
/* awe_rules.c: rule names and evidence tags, from the rule list (awe_rules.h). */
#include <stdlib.h>
#include <string.h>

#include "awe_rules.h"

static const char *const rule_names[AWE_RULE_COUNT] = {
    [AWE_RULE_NONE] = "-",
#define AWE_RULE_NAME(id, ev) [AWE_RULE_##id] = #id,
    AWE_RULE_LIST(AWE_RULE_NAME)
#undef AWE_RULE_NAME
};

static const awe_evidence rule_evidence[AWE_RULE_COUNT] = {
    [AWE_RULE_NONE] = AWE_EV_INF,
#define AWE_RULE_EVIDENCE(id, ev) [AWE_RULE_##id] = AWE_EV_##ev,
    AWE_RULE_LIST(AWE_RULE_EVIDENCE)
#undef AWE_RULE_EVIDENCE
};

const char *awe_rule_name(awe_rule r)
{
    return (unsigned)r < AWE_RULE_COUNT ? rule_names[r] : "-";
}

awe_rule awe_rule_parse(const char *name)
{
    if (!name)
        return AWE_RULE_NONE;
    for (int r = AWE_RULE_NONE + 1; r < AWE_RULE_COUNT; r++)
        if (strcmp(name, rule_names[r]) == 0)
            return (awe_rule)r;
    return AWE_RULE_NONE;
}

awe_evidence awe_rule_evidence(awe_rule r)
{
    return (unsigned)r < AWE_RULE_COUNT ? rule_evidence[r] : AWE_EV_INF;
}

const char *awe_rule_call(awe_rule r)
{
    static const struct { char letter; const char *call; } calls[] = {
        {'A', "ALLOC"}, {'M', "MAP"}, {'S', "SCATTER"}, {'F', "FREE"}, {'C', "ACCESS"},
        {'Q', "QUERY"}, {'P', "PROTECT"}, {'L', "LOCK"},
    };
    const char *name = awe_rule_name(r);
    if (r == AWE_RULE_NONE || (unsigned)r >= AWE_RULE_COUNT)
        return NULL;
    if (name[0] == 'V') /* V1..V5 state VirtualAlloc, V6..V9 VirtualFree */
        return atoi(name + 1) <= 5 ? "RESERVE" : "RELEASE";
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        if (calls[i].letter == name[0])
            return calls[i].call;
    return NULL;
}

const char *awe_evidence_name(awe_evidence e)
{
    switch (e) {
    case AWE_EV_DOC:
        return "DOC";
    case AWE_EV_NT52:
        return "NT52";
    default:
        return "INF";
    }
}
