/* SPDX-License-Identifier: Apache-2.0 */
/* files.h: reading inputs for the tools and the replay driver.
 *
 * A file named on the command line is an input whatever its name: a text trace if the name
 * ends in .trace or .txt, a binary program otherwise. In a directory (walked recursively, in
 * sorted order, dot files left out) only names that inputs have are taken:
 *   - *.trace: text traces;
 *   - *.bin, *.input: binary programs (the build's encoded corpus, ci/fuzz.sh's KEY.input);
 *   - names without a dot: what fuzzers write (libFuzzer's <sha1>, crash-<sha1>, leak-,
 *     timeout-, oom-, slow-unit-), except README, LICENSE, COPYING and Makefile;
 *   - names starting with "id:": AFL++'s queue and crashes (they may carry a seed's name).
 * Every other file (CMakeLists.txt, *.md, *.txt, *.log, *.report, *.options, *.dict, ...) is
 * left out silently; anything that is neither a regular file nor a directory (a FIFO, a
 * socket, a device) is left out with one line and never opened; an entry that cannot be
 * examined (a dangling symbolic link) is reported in one line and counted as unreadable, and
 * the walk goes on. A directory in which nothing is taken is an error: "no inputs found".
 *
 * Notes: the "->" outcomes of a text trace were written or reviewed by a person, so they are
 * held against the oracle. A binary input's bytes also decode to notes, but for an input a
 * fuzzer made those are whatever its mutations produced: awe_load_program drops them, unless
 * the caller asks for AWE_LOAD_BINARY_NOTES (inputs `awefuzz encode` made from a trace). */
#ifndef AWE_FILES_H
#define AWE_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

/* Reads a whole regular file; NULL after printing one line when it cannot (missing, not a
 * regular file, unreadable, too large). *len gets the size. */
uint8_t *awe_read_file(const char *path, size_t *len);
/* 1 when a file of that name is read as a text trace (.trace, .txt). */
int awe_is_text_path(const char *path);
/* 1 when a directory walk takes a file of this name (without directory) as an input. */
int awe_is_input_name(const char *name);

#define AWE_LOAD_BINARY_NOTES 1u /* keep the "->" notes a binary input decodes to */
/* Loads a program from a file. Returns 0, or -1 after printing one line saying what is wrong.
 * The notes of a binary input are dropped (see above) unless flags has AWE_LOAD_BINARY_NOTES. */
int awe_load_program_flags(const char *path, awe_program *out, unsigned flags);
int awe_load_program(const char *path, awe_program *out);
/* Writes a whole file; -1 after printing one line. */
int awe_write_file(const char *path, const void *data, size_t len);
/* 1 when path names a directory. */
int awe_is_dir(const char *path);
/* 1 when both paths name the same existing file (hard links, symbolic links and different
 * spellings included), so that an output never overwrites its own input. */
int awe_same_file(const char *a, const char *b);
/* Creates a directory and its missing parents (mkdir -p); -1 after printing one line. */
int awe_make_dirs(const char *path);

/* Calls fn for every input under path (path itself when it is a file, see above); stops at
 * the first nonzero return of fn and returns it. Returns -1 after printing one line for each
 * problem (a missing path, an unreadable entry, a directory without inputs), after walking
 * on past it. */
typedef int (*awe_file_fn)(const char *path, void *ctx);
int awe_walk(const char *path, awe_file_fn fn, void *ctx);

/* What a walk met, for the callers' summaries; awe_walk_counted adds to it. */
typedef struct {
    size_t inputs;     /* files fn was called for */
    size_t unreadable; /* paths or entries that could not be examined or read, one line each */
    size_t skipped;    /* files left out: not inputs by name, or not regular files */
} awe_walk_stats;
int awe_walk_counted(const char *path, awe_file_fn fn, void *ctx, awe_walk_stats *st);

#endif
