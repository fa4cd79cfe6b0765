/* awe_rules.c: rule names and the evidence tag of every rule as the spec gives it (the
 * weakest where it gives several: "DOC/NT52" is NT52, "DOC/INF" is INF). */
#include <string.h>

#include "awe_rules.h"

static const char *const rule_names[AWE_RULE_COUNT] = {
    [AWE_RULE_NONE] = "-",
#define AWE_RULE_NAME(id) [AWE_RULE_##id] = #id,
    AWE_RULE_LIST(AWE_RULE_NAME)
#undef AWE_RULE_NAME
};

/* Section headers count: "Checks in this order (NT52)" makes M1..M6 and F1..F6 NT52 even
 * where a line adds DOC. A0 has no tag of its own; it comes from WRK (bitmap never freed). */
static const awe_evidence rule_evidence[AWE_RULE_COUNT] = {
    [AWE_RULE_NONE] = AWE_EV_INF,
    [AWE_RULE_A0] = AWE_EV_NT52,  [AWE_RULE_A1] = AWE_EV_NT52,  [AWE_RULE_A2] = AWE_EV_NT52,
    [AWE_RULE_A3] = AWE_EV_NT52,  [AWE_RULE_A4] = AWE_EV_NT52,  [AWE_RULE_A5] = AWE_EV_DOC,
    [AWE_RULE_A6] = AWE_EV_NT52,  [AWE_RULE_A7] = AWE_EV_NT52,  [AWE_RULE_A8] = AWE_EV_DOC,
    [AWE_RULE_A9] = AWE_EV_NT52,  [AWE_RULE_A10] = AWE_EV_INF,  [AWE_RULE_A11] = AWE_EV_NT52,
    [AWE_RULE_A12] = AWE_EV_DOC,
    [AWE_RULE_M1] = AWE_EV_NT52,  [AWE_RULE_M2] = AWE_EV_NT52,  [AWE_RULE_M3] = AWE_EV_NT52,
    [AWE_RULE_M4] = AWE_EV_NT52,  [AWE_RULE_M5] = AWE_EV_NT52,  [AWE_RULE_M6] = AWE_EV_NT52,
    [AWE_RULE_M7] = AWE_EV_DOC,   [AWE_RULE_M8] = AWE_EV_DOC,   [AWE_RULE_M9] = AWE_EV_DOC,
    [AWE_RULE_M10] = AWE_EV_DOC,
    [AWE_RULE_S1] = AWE_EV_NT52,  [AWE_RULE_S2] = AWE_EV_NT52,  [AWE_RULE_S3] = AWE_EV_NT52,
    [AWE_RULE_S4] = AWE_EV_NT52,  [AWE_RULE_S5] = AWE_EV_NT52,  [AWE_RULE_S6] = AWE_EV_DOC,
    [AWE_RULE_S7] = AWE_EV_DOC,   [AWE_RULE_S8] = AWE_EV_NT52,  [AWE_RULE_S9] = AWE_EV_NT52,
    [AWE_RULE_F1] = AWE_EV_NT52,  [AWE_RULE_F2] = AWE_EV_NT52,  [AWE_RULE_F3] = AWE_EV_NT52,
    [AWE_RULE_F4] = AWE_EV_NT52,  [AWE_RULE_F5] = AWE_EV_NT52,  [AWE_RULE_F6] = AWE_EV_NT52,
    [AWE_RULE_F7] = AWE_EV_DOC,   [AWE_RULE_F8] = AWE_EV_INF,
    [AWE_RULE_V1] = AWE_EV_NT52,  [AWE_RULE_V2] = AWE_EV_NT52,  [AWE_RULE_V3] = AWE_EV_NT52,
    [AWE_RULE_V4] = AWE_EV_NT52,  [AWE_RULE_V5] = AWE_EV_NT52,  [AWE_RULE_V6] = AWE_EV_DOC,
    [AWE_RULE_V7] = AWE_EV_NT52,  [AWE_RULE_V8] = AWE_EV_NT52,  [AWE_RULE_V9] = AWE_EV_NT52,
    [AWE_RULE_C1] = AWE_EV_DOC,   [AWE_RULE_C2] = AWE_EV_NT52,  [AWE_RULE_C3] = AWE_EV_DOC,
    [AWE_RULE_C4] = AWE_EV_NT52,
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
