/* SPDX-License-Identifier: Apache-2.0 */
/* known.h: the expected differences of one implementation (known/wine-8.txt,
 * known/reactos.txt), so that a run reports them as "known" instead of stopping, and skips
 * the ops that would crash it. One entry per line, '#' starts a comment:
 *
 *     backend  op           field         expected  actual  reason, the rest of the line
 *     win32    alloc        status,error  *         120     Wine stubs the AWE calls
 *     win32    map          crash         pfns=null crash   the stub writes PageArray[0]
 *
 * The first five columns are words; each may be "*" (anything) or a comma list. backend and
 * op are the names the tools use (win32, nt; alloc, map, ...). field is the field of the
 * difference (status, error, count, state, ...). expected and actual are the values as the
 * executor prints them: the oracle's status (SUCCESS, INVALID_PARAMETER_2), and what the
 * backend reported: a status name or hex NTSTATUS for the Nt layer, the last-error number
 * (120) for the Win32 layer, SUCCESS for a Win32 call that succeeded.
 *
 * A "crash" entry describes an argument that crashes the implementation instead: expected
 * names it as <argument>=<kind> with argument cnt, arr, pfns or at and kind ok, null,
 * noaccess, ro or empty (a list of no entries), and actual is "crash". Ops passing such an
 * argument are skipped with the entry's reason. */
#ifndef AWE_KNOWN_H
#define AWE_KNOWN_H

#include <stddef.h>

typedef struct {
    char backend[32], op[64], field[64], expected[64], actual[64];
    char reason[256];
    int line;
} awe_known_entry;

typedef struct {
    size_t n;
    awe_known_entry *e;
} awe_known;

/* Reads a file / parses text into k (which must be zeroed or freed); 0, or -1 with
 * "FILE:LINE: what is wrong" in err. */
int awe_known_load(awe_known *k, const char *path, char *err, size_t err_len);
int awe_known_parse(awe_known *k, const char *text, const char *name, char *err, size_t err_len);
void awe_known_free(awe_known *k);

/* 1 when the entry's column pattern (a word, "*" or a comma list) admits value. */
int awe_known_admits(const char *pattern, const char *value);
/* The index of the first entry that admits all five values, or -1. Crash entries answer
 * only field "crash", and only they do. */
int awe_known_find(const awe_known *k, const char *backend, const char *op, const char *field,
                   const char *expected, const char *actual);
/* 1 when the entry is a crash entry (its field is "crash"). */
int awe_known_is_crash(const awe_known_entry *e);

#endif
