/* SPDX-License-Identifier: Apache-2.0 */
/* targets.h: the fuzz targets. Each is a set of op kinds (the op list's targets column,
 * ops.h); a program run for a target keeps only those ops. The targets' own files are one
 * line each (fuzz/fuzz_<name>.c).
 *
 * X(ENUM, name, purpose) */
#ifndef AWE_TARGETS_H
#define AWE_TARGETS_H

#define AWE_TARGET_LIST(X)                                                                    \
    X(SEQUENCE, "sequence", "every op")                                                       \
    X(MAP, "map", "Map and Scatter with what their rules need: reserve, release, alloc, free, " \
                  "contents, faults")                                                         \
    X(FREE, "free", "Allocate and Free: partial grants and frees, limits, pool, contents")      \
    X(ARGS, "args", "every call with its bad-argument forms, no content traffic")

enum {
#define AWE_TARGET_BIT(e, name, purpose) AWE_T_BIT_##e,
    AWE_TARGET_LIST(AWE_TARGET_BIT)
#undef AWE_TARGET_BIT
    AWE_TARGET_COUNT
};

/* The bit of target NAME in an op mask's targets column: AWE_T(MAP). */
#define AWE_T(name) (1u << AWE_T_BIT_##name)

#endif
