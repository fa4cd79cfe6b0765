/* files.c: file and directory input (see files.h). */
#define _DEFAULT_SOURCE
#include "files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <dirent.h>
#include <sys/stat.h>
#endif

#define AWE_MAX_INPUT_BYTES (4u << 20)

uint8_t *awe_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "awefuzz: cannot open %s\n", path);
        return NULL;
    }
    uint8_t *buf = malloc(AWE_MAX_INPUT_BYTES + 1);
    size_t n = buf ? fread(buf, 1, AWE_MAX_INPUT_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf || n > AWE_MAX_INPUT_BYTES) {
        fprintf(stderr, "awefuzz: %s is larger than %u bytes; programs are far smaller\n", path,
                AWE_MAX_INPUT_BYTES);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int awe_is_text_path(const char *path)
{
    size_t n = strlen(path);
    return (n > 6 && strcmp(path + n - 6, ".trace") == 0) || (n > 4 && strcmp(path + n - 4, ".txt") == 0);
}

int awe_load_program(const char *path, awe_program *out)
{
    size_t len;
    char err[256];
    uint8_t *data = awe_read_file(path, &len);
    if (!data)
        return -1;
    int rc = 0;
    if (!awe_is_text_path(path)) {
        awe_program_decode(data, len, out);
    } else if (memchr(data, '\0', len)) {
        fprintf(stderr, "awefuzz: %s: a .trace file must be text, this one holds NUL bytes\n", path);
        rc = -1;
    } else if (awe_program_parse((const char *)data, out, err, sizeof err) != 0) {
        fprintf(stderr, "awefuzz: %s: %s\n", path, err);
        rc = -1;
    }
    free(data);
    return rc;
}

int awe_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "awefuzz: cannot write %s\n", path);
        if (f)
            fclose(f);
        return -1;
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends a copy of name to the growing list; -1 when out of memory. */
static int add_name(char ***names, size_t *n, size_t *cap, const char *name)
{
    if (*n == *cap) {
        size_t grown_cap = *cap ? 2 * *cap : 64;
        char **grown = realloc(*names, grown_cap * sizeof **names);
        if (!grown)
            return -1;
        *names = grown;
        *cap = grown_cap;
    }
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy)
        return -1;
    memcpy(copy, name, len);
    (*names)[(*n)++] = copy;
    return 0;
}

/* The entries of a directory, dot files left out, unsorted; -1 when it cannot be read. */
static int list_dir(const char *path, char ***names, size_t *n)
{
    size_t cap = 0;
#ifdef _WIN32
    char pattern[4096];
    WIN32_FIND_DATAA e;
    snprintf(pattern, sizeof pattern, "%s/*", path);
    HANDLE h = FindFirstFileA(pattern, &e);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        if (e.cFileName[0] != '.' && add_name(names, n, &cap, e.cFileName) != 0)
            break;
    } while (FindNextFileA(h, &e));
    FindClose(h);
#else
    DIR *d = opendir(path);
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.' && add_name(names, n, &cap, e->d_name) != 0)
            break;
    closedir(d);
#endif
    return 0;
}

static int walk_dir(const char *path, awe_file_fn fn, void *ctx)
{
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    if (list_dir(path, &names, &n) != 0) {
        fprintf(stderr, "awefuzz: cannot read directory %s\n", path);
        return -1;
    }
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, names[i]);
        if (rc == 0)
            rc = awe_walk(sub, fn, ctx);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* 1 for a directory, 0 for anything else that exists, -1 when nothing is there. */
static int path_kind(const char *path)
{
#ifdef _WIN32
    DWORD a = GetFileAttributesA(path);
    return a == INVALID_FILE_ATTRIBUTES ? -1 : (a & FILE_ATTRIBUTE_DIRECTORY) != 0;
#else
    struct stat st;
    return stat(path, &st) != 0 ? -1 : S_ISDIR(st.st_mode) != 0;
#endif
}

int awe_is_dir(const char *path)
{
    return path_kind(path) == 1;
}

int awe_walk(const char *path, awe_file_fn fn, void *ctx)
{
    int kind = path_kind(path);
    if (kind < 0) {
        fprintf(stderr, "awefuzz: no such file or directory: %s\n", path);
        return -1;
    }
    return kind ? walk_dir(path, fn, ctx) : fn(path, ctx);
}
