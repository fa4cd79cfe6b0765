/* awe_rules.h: the rule ids of docs/rules.md and their evidence tags.
 * Every expectation the oracle produces names the rule that decided it. */
#ifndef AWE_RULES_H
#define AWE_RULES_H

/* DOC: Microsoft's documentation, a contract. NT52: what the Windows Server 2003 SP1 kernel
 * does (Windows Research Kernel), exact but modern Windows may differ. INF: inferred.
 * Ordered from strongest to weakest. */
typedef enum { AWE_EV_DOC = 0, AWE_EV_NT52 = 1, AWE_EV_INF = 2 } awe_evidence;

#define AWE_RULE_LIST(X) \
    X(A0) X(A1) X(A2) X(A3) X(A4) X(A5) X(A6) X(A7) X(A8) X(A9) X(A10) X(A11) X(A12) \
    X(M1) X(M2) X(M3) X(M4) X(M5) X(M6) X(M7) X(M8) X(M9) X(M10) \
    X(S1) X(S2) X(S3) X(S4) X(S5) X(S6) X(S7) X(S8) X(S9) \
    X(F1) X(F2) X(F3) X(F4) X(F5) X(F6) X(F7) X(F8) \
    X(V1) X(V2) X(V3) X(V4) X(V5) X(V6) X(V7) X(V8) X(V9) \
    X(C1) X(C2) X(C3) X(C4)

typedef enum {
    AWE_RULE_NONE = 0,
#define AWE_RULE_ENUM(id) AWE_RULE_##id,
    AWE_RULE_LIST(AWE_RULE_ENUM)
#undef AWE_RULE_ENUM
    AWE_RULE_COUNT
} awe_rule;

/* "A1", "M6", ...; "-" for AWE_RULE_NONE. */
const char *awe_rule_name(awe_rule r);
/* AWE_RULE_NONE when the name is unknown. */
awe_rule awe_rule_parse(const char *name);
/* The tag the spec gives the rule as a whole (the weakest where it gives several). */
awe_evidence awe_rule_evidence(awe_rule r);
/* "DOC", "NT52", "INF". */
const char *awe_evidence_name(awe_evidence e);

#endif
