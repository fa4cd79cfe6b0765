/* files.h: reading inputs for the tools and the replay driver: one file (text trace if its name ends
 * in .trace or .txt, binary otherwise) or every file under a directory, in sorted order. */
#ifndef AWE_FILES_H
#define AWE_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

/* Reads a whole file; NULL with a message on stderr when it cannot. *len gets the size. */
uint8_t *awe_read_file(const char *path, size_t *len);
int awe_is_text_path(const char *path);
/* Loads a program from a file. Returns 0, or -1 after printing one line saying what is wrong. */
int awe_load_program(const char *path, awe_program *out);
int awe_write_file(const char *path, const void *data, size_t len);
/* 1 when path names a directory. */
int awe_is_dir(const char *path);

/* Calls fn for every regular file under path (or path itself); stops at the first nonzero
 * return and returns it. Missing paths print one line and return -1. */
typedef int (*awe_file_fn)(const char *path, void *ctx);
int awe_walk(const char *path, awe_file_fn fn, void *ctx);

#endif
