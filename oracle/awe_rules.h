/* SPDX-License-Identifier: Apache-2.0 */
/* awe_rules.h: the rule ids of docs/rules.md and their evidence tags.
 * Every expectation the oracle produces names the rule that decided it. */
#ifndef AWE_RULES_H
#define AWE_RULES_H

/* DOC: Microsoft's documentation, a contract. NT52: what the Windows Server 2003 SP1 kernel
 * does (Windows Research Kernel), exact but modern Windows may differ. INF: inferred.
 * Ordered from strongest to weakest. */
typedef enum { AWE_EV_DOC = 0, AWE_EV_NT52 = 1, AWE_EV_INF = 2 } awe_evidence;

/* X(id, evidence): the rule id and the tag the rule book gives it as a whole (the weakest
 * where it gives several: "DOC/NT52" is NT52, "DOC/INF" is INF; a section header such as
 * "Checks in this order (NT52)" counts; A0 has no tag of its own, it comes from WRK). */
#define AWE_RULE_LIST(X) \
    X(A0, NT52) X(A1, NT52) X(A2, NT52) X(A3, NT52) X(A4, NT52) X(A5, DOC) X(A6, NT52) \
    X(A7, NT52) X(A8, DOC) X(A9, NT52) X(A10, INF) X(A11, NT52) X(A12, DOC) \
    X(M1, NT52) X(M2, NT52) X(M3, NT52) X(M4, NT52) X(M5, NT52) X(M6, NT52) X(M7, DOC) \
    X(M8, DOC) X(M9, DOC) X(M10, DOC) \
    X(S1, NT52) X(S2, NT52) X(S3, NT52) X(S4, NT52) X(S5, NT52) X(S6, DOC) X(S7, DOC) \
    X(S8, NT52) X(S9, NT52) \
    X(F1, NT52) X(F2, NT52) X(F3, NT52) X(F4, NT52) X(F5, NT52) X(F6, NT52) X(F7, DOC) \
    X(F8, INF) \
    X(V1, NT52) X(V2, NT52) X(V3, NT52) X(V4, NT52) X(V5, NT52) X(V6, DOC) X(V7, NT52) \
    X(V8, NT52) X(V9, NT52) \
    X(C1, DOC) X(C2, NT52) X(C3, DOC) X(C4, NT52) \
    X(Q1, NT52) X(Q2, NT52) X(Q3, DOC) X(Q4, NT52) X(Q5, NT52) X(Q6, NT52) X(Q7, NT52) \
    X(Q8, NT52) X(Q9, NT52) \
    X(P1, NT52) X(P2, NT52) X(P3, NT52) X(P4, NT52) X(P5, NT52) X(P6, NT52) X(P7, NT52) \
    X(P8, NT52) X(P9, NT52) X(P10, NT52) X(P11, NT52) X(P12, NT52) X(P13, NT52) \
    X(L1, NT52) X(L2, NT52) X(L3, NT52) X(L4, NT52) X(L5, NT52) X(L6, NT52) X(L7, NT52) \
    X(L8, NT52)

typedef enum {
    AWE_RULE_NONE = 0,
#define AWE_RULE_ENUM(id, ev) AWE_RULE_##id,
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
/* The call whose behaviour the rule states, as divergence keys name calls: "ALLOC" for A,
 * "MAP" for M, "SCATTER" for S, "FREE" for F, "RESERVE" for V1..V5, "RELEASE" for V6..V9,
 * "ACCESS" for C, "QUERY" for Q, "PROTECT" for P, "LOCK" for L; NULL for AWE_RULE_NONE. */
const char *awe_rule_call(awe_rule r);
/* "DOC", "NT52", "INF". */
const char *awe_evidence_name(awe_evidence e);

#endif
