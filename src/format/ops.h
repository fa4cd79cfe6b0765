/* SPDX-License-Identifier: Apache-2.0 */
/* ops.h: the op list. One row per operation; everything else that is per op is derived from
 * these rows: the awe_op_kind enum, the op table (optable.c: names, binary ids, operands), the
 * text codec's op words, the fuzz targets' op masks, the conformance report's rule per op,
 * the fuzzing dictionary and the generator's seeds (the examples), and the dispatch tables of
 * the executor (src/exec/exec_dispatch.c) and of the reproducer exporter (tools/), which do
 * not compile while a row lacks its function.
 *
 * X(ENUM, name, id, targets, rule, examples, operands)
 *   ENUM      AWE_OP_<ENUM>; also the op's word in divergence keys that no rule names (AWE-oracle-MAP-note).
 *   name      the op's word in text programs; the executor's function is awe_exec_<name>.
 *   id        the op's one-byte id in the binary encoding. FROZEN: stored corpora and crash
 *             files decode by it. A new op takes an unused value; an id is never changed or
 *             reused (test_codec pins every one). 0x00 is the note record.
 *   targets   the fuzz targets whose programs may hold the op (AWE_T(NAME) bits, targets.h).
 *   rule      the rule a passing run of the op counts for in the conformance report when
 *             the oracle named none (a skipped op): the op's main rule.
 *   examples  typical valid forms, as text: the fuzzing dictionary and the generator's seeds.
 *   operands  the op's operands in binary and text order: AWE_ARG(FIELD, "key"), key NULL for
 *             a positional operand or the @nt/@win32 suffix (operands.h describes each).
 */
#ifndef AWE_OPS_H
#define AWE_OPS_H

#include "targets.h"

#define AWE_ALL_TARGETS (AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(FREE) | AWE_T(ARGS))

#define AWE_OP_LIST(X)                                                                            \
    X(RESERVE, reserve, 0x36, AWE_ALL_TARGETS, V1,                                               \
      ("reserve pages=16", "reserve pages=4 type=RESERVE|COMMIT"),                              \
      (AWE_ARG(API, NULL), AWE_ARG(PAGES, "pages"), AWE_ARG(ATYPE, "type"),                      \
       AWE_ARG(PROT, "prot"), AWE_ARG(ADDR, "at")))                                             \
    X(RELEASE, release, 0xA8, AWE_ALL_TARGETS, V6,                                               \
      ("release at=R0+0"),                                                                       \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(PAGES, "size"), AWE_ARG(FTYPE, "type"))) \
    X(ALLOC, alloc, 0xFE, AWE_ALL_TARGETS, A8, ("alloc n=8", "alloc n=64"),                      \
      (AWE_ARG(API, NULL), AWE_ARG(N, "n"), AWE_ARG(HANDLE, "h"), AWE_ARG(CNTPTR, "cnt"),        \
       AWE_ARG(ARRKIND, "arr"), AWE_ARG(CAP, "cap"), AWE_ARG(FLAG, "numa"),                      \
       AWE_ARG(NUM, "node")))                                                                    \
    X(FREE, free, 0x07, AWE_ALL_TARGETS, F8, ("free pfns=[L0 L1]", "free pfns=[L0 G0 L1]"),      \
      (AWE_ARG(API, NULL), AWE_ARG(PFNS, "pfns"), AWE_ARG(COUNT, "n"), AWE_ARG(HANDLE, "h"),     \
       AWE_ARG(CNTPTR, "cnt")))                                                                  \
    X(MAP, map, 0x2A, AWE_ALL_TARGETS, M9,                                                       \
      ("map at=R0+0 pfns=[L0 L1 L2 L3]", "map at=R0+0 pfns=null n=4", "map at=R1+2 pfns=[L4]"), \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(PFNS, "pfns"), AWE_ARG(COUNT, "n")))     \
    X(SCATTER, scatter, 0x6D, AWE_ALL_TARGETS, S5,                                               \
      ("scatter at=[R0+0 R0+1] pfns=[L0 0]", "scatter at=[R0+3 R0+3] pfns=[L1 L2]"),            \
      (AWE_ARG(API, NULL), AWE_ARG(ADDRS, "at"), AWE_ARG(PFNS, "pfns"), AWE_ARG(COUNT, "n")))    \
    X(WRITE, write, 0x94, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(FREE), C1, ("write at=R0+0 tag=7"),  \
      (AWE_ARG(ADDR, "at"), AWE_ARG(TAG, "tag")))                                                \
    X(READ, read, 0x70, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(FREE), C1, ("read at=R0+0"),           \
      (AWE_ARG(ADDR, "at")))                                                                     \
    X(CHECK, check, 0xB0, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(FREE), NONE, ("check"), ())          \
    X(PRIV, priv, 0x5D, AWE_T(SEQUENCE) | AWE_T(FREE) | AWE_T(ARGS), A5, ("priv off"),              \
      (AWE_ARG(FLAG, NULL)))                                                                     \
    X(FAULT, fault, 0xDD, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(FREE), NONE, ("fault 1"),            \
      (AWE_ARG(NUM, NULL)))                                                                      \
    X(LIMIT, limit, 0xC8, AWE_T(SEQUENCE) | AWE_T(FREE) | AWE_T(ARGS), A6, ("limit 8"),             \
      (AWE_ARG(NUM, NULL)))                                                                      \
    X(POOL, pool, 0xDA, AWE_T(SEQUENCE) | AWE_T(FREE), A7, ("pool 2"), (AWE_ARG(NUM, NULL)))     \
    X(QUERY, query, 0x4B, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(ARGS), Q6,                          \
      ("query at=R0+0", "query@win32 at=R0+2.16", "query at=R0+0 buf=47"),                       \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(QBUF, "buf"), AWE_ARG(RETLEN, "retlen"), \
       AWE_ARG(HANDLE, "h")))                                                                     \
    X(PROTECT, protect, 0x8E, AWE_T(SEQUENCE) | AWE_T(MAP) | AWE_T(ARGS), P9,                      \
      ("protect at=R0+0 prot=READONLY", "protect@win32 at=R0+0 size=8192 prot=NOACCESS",         \
       "protect at=R0+1 size=2 prot=READWRITE|GUARD"),                                           \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(SIZE, "size"), AWE_ARG(NEWPROT, "prot"), \
       AWE_ARG(OLDPTR, "oldptr"), AWE_ARG(BASEPTR, "baseptr"), AWE_ARG(SIZEPTR, "sizeptr"),      \
       AWE_ARG(HANDLE, "h")))                                                                     \
    X(LOCK, lock, 0x19, AWE_T(SEQUENCE) | AWE_T(ARGS), L5,                                         \
      ("lock at=R0+0", "lock@win32 at=R0+0 size=8192", "lock at=ordinary maptype=2"),            \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(SIZE, "size"), AWE_ARG(MAPTYPE, "maptype"), \
       AWE_ARG(BASEPTR, "baseptr"), AWE_ARG(SIZEPTR, "sizeptr"), AWE_ARG(HANDLE, "h")))            \
    X(UNLOCK, unlock, 0xE3, AWE_T(SEQUENCE) | AWE_T(ARGS), L8,                                     \
      ("unlock at=R0+0", "unlock@win32 at=R0+0 size=8192", "unlock at=ordinary"),                \
      (AWE_ARG(API, NULL), AWE_ARG(ADDR, "at"), AWE_ARG(SIZE, "size"), AWE_ARG(MAPTYPE, "maptype"), \
       AWE_ARG(BASEPTR, "baseptr"), AWE_ARG(SIZEPTR, "sizeptr"), AWE_ARG(HANDLE, "h")))

/* Expands a parenthesized row column into its elements. */
#define AWE_UNPAREN(...) __VA_ARGS__

#endif
