/* SPDX-License-Identifier: Apache-2.0 */
/* files.c: file and directory input (see files.h). */
#define _DEFAULT_SOURCE
#include "files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <dirent.h>
#endif

#define AWE_MAX_INPUT_BYTES (4u << 20)
/* Deeper than any corpus; a symbolic link to a parent directory ends here, not in a crash. */
#define AWE_MAX_WALK_DEPTH 32

/* What a path names: stat() follows symbolic links, so a dangling one is "missing" although
 * its directory entry exists (the walker tells the two apart with lstat). */
typedef enum { PATH_MISSING, PATH_DIR, PATH_FILE, PATH_OTHER } path_kind;

static path_kind kind_of(const char *path)
{
#ifdef _WIN32
    DWORD a = GetFileAttributesA(path);
    if (a == INVALID_FILE_ATTRIBUTES)
        return PATH_MISSING;
    return (a & FILE_ATTRIBUTE_DIRECTORY) ? PATH_DIR : (a & FILE_ATTRIBUTE_DEVICE) ? PATH_OTHER : PATH_FILE;
#else
    struct stat st;
    if (stat(path, &st) != 0)
        return PATH_MISSING;
    return S_ISDIR(st.st_mode) ? PATH_DIR : S_ISREG(st.st_mode) ? PATH_FILE : PATH_OTHER;
#endif
}

/* 1 when the directory entry itself exists (a dangling symbolic link does). */
static int entry_exists(const char *path)
{
#ifdef _WIN32
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
#else
    struct stat st;
    return lstat(path, &st) == 0;
#endif
}

uint8_t *awe_read_file(const char *path, size_t *len)
{
    /* Checked before opening: opening a FIFO blocks until something writes to it. */
    path_kind kind = kind_of(path);
    if (kind == PATH_MISSING) {
        fprintf(stderr, "awefuzz: cannot open %s: %s\n", path,
                entry_exists(path) ? "a symbolic link to nothing" : "no such file");
        return NULL;
    }
    if (kind != PATH_FILE) {
        fprintf(stderr, "awefuzz: %s is not a regular file; give a program file or a directory\n", path);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "awefuzz: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(AWE_MAX_INPUT_BYTES + 1);
    if (!buf) {
        fclose(f);
        fprintf(stderr, "awefuzz: out of memory reading %s\n", path);
        return NULL;
    }
    size_t n = fread(buf, 1, AWE_MAX_INPUT_BYTES + 1, f);
    int failed = ferror(f);
    fclose(f);
    if (failed || n > AWE_MAX_INPUT_BYTES) {
        if (failed)
            fprintf(stderr, "awefuzz: cannot read %s\n", path);
        else
            fprintf(stderr, "awefuzz: %s is larger than %u bytes; programs are far smaller\n", path,
                    AWE_MAX_INPUT_BYTES);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

int awe_is_text_path(const char *path)
{
    return ends_with(path, ".trace") || ends_with(path, ".txt");
}

int awe_is_input_name(const char *name)
{
    static const char *const not_inputs[] = {"README", "LICENSE", "COPYING", "Makefile"};
    if (ends_with(name, ".trace") || ends_with(name, ".bin") || ends_with(name, ".input"))
        return 1;
    if (strncmp(name, "id:", 3) == 0)
        return 1;
    if (strchr(name, '.'))
        return 0; /* CMakeLists.txt, notes.md, a log, a report, ...: not a program */
    for (size_t i = 0; i < sizeof not_inputs / sizeof not_inputs[0]; i++)
        if (strcmp(name, not_inputs[i]) == 0)
            return 0;
    return 1;
}

int awe_load_program_flags(const char *path, awe_program *out, unsigned flags)
{
    size_t len;
    char err[256];
    uint8_t *data = awe_read_file(path, &len);
    if (!data)
        return -1;
    int rc = 0;
    if (!awe_is_text_path(path)) {
        awe_program_decode(data, len, out);
        /* A fuzzer's bytes decode to notes too, meaning nothing: see files.h. */
        for (size_t i = 0; i < out->n && !(flags & AWE_LOAD_BINARY_NOTES); i++)
            memset(&out->op[i].note, 0, sizeof out->op[i].note);
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

int awe_load_program(const char *path, awe_program *out)
{
    return awe_load_program_flags(path, out, 0);
}

int awe_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "awefuzz: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    int failed = fwrite(data, 1, len, f) != len;
    /* fclose releases the stream even when it fails: closing it again would be a double free. */
    failed |= fclose(f) != 0;
    if (failed) {
        fprintf(stderr, "awefuzz: cannot write %s (disk full?)\n", path);
        return -1;
    }
    return 0;
}

int awe_is_dir(const char *path)
{
    return kind_of(path) == PATH_DIR;
}

int awe_same_file(const char *a, const char *b)
{
#ifdef _WIN32
    char fa[MAX_PATH], fb[MAX_PATH];
    if (kind_of(a) == PATH_MISSING || kind_of(b) == PATH_MISSING)
        return 0;
    if (!GetFullPathNameA(a, sizeof fa, fa, NULL) || !GetFullPathNameA(b, sizeof fb, fb, NULL))
        return 0;
    return _stricmp(fa, fb) == 0; /* NTFS names compare without case */
#else
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#endif
}

static int make_one_dir(const char *path)
{
#ifdef _WIN32
    return CreateDirectoryA(path, NULL) || GetLastError() == ERROR_ALREADY_EXISTS ? 0 : -1;
#else
    return mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
#endif
}

int awe_make_dirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        fprintf(stderr, "awefuzz: the path %s is too long\n", path);
        return -1;
    }
    /* Each parent in turn, then the directory itself. */
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/' && *p != '\\')
            continue;
        char c = *p;
        *p = '\0';
        if (make_one_dir(buf) != 0 && !awe_is_dir(buf)) {
            fprintf(stderr, "awefuzz: cannot create the directory %s: %s\n", buf, strerror(errno));
            return -1;
        }
        *p = c;
    }
    if (make_one_dir(buf) != 0 || !awe_is_dir(buf)) {
        fprintf(stderr, "awefuzz: cannot create the directory %s: %s\n", buf,
                awe_is_dir(buf) || errno == 0 ? "a file of that name exists" : strerror(errno));
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

/* The entries of a directory, dot files left out, unsorted; -1 when it cannot be read (or
 * memory ran out: a partial list would silently leave inputs out). */
static int list_dir(const char *path, char ***names, size_t *n)
{
    size_t cap = 0;
    int rc = 0;
#ifdef _WIN32
    char pattern[4096];
    WIN32_FIND_DATAA e;
    snprintf(pattern, sizeof pattern, "%s/*", path);
    HANDLE h = FindFirstFileA(pattern, &e);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : -1;
    do {
        if (e.cFileName[0] != '.' && add_name(names, n, &cap, e.cFileName) != 0)
            rc = -1;
    } while (rc == 0 && FindNextFileA(h, &e));
    FindClose(h);
#else
    DIR *d = opendir(path);
    if (!d)
        return -1;
    for (struct dirent *e; rc == 0 && (e = readdir(d));)
        if (e->d_name[0] != '.' && add_name(names, n, &cap, e->d_name) != 0)
            rc = -1;
    closedir(d);
#endif
    return rc;
}

/* One walk: the callback, what it met, and whether the callback ended it. */
typedef struct {
    awe_file_fn fn;
    void *ctx;
    awe_walk_stats *st;
    int problems; /* lines printed about paths or entries (the walk went on) */
    int stopped;  /* fn's nonzero return, which ends the walk */
} walker;

static void walk(walker *w, const char *path, int depth, int named);

static void walk_dir(walker *w, const char *path, int depth)
{
    char **names = NULL;
    size_t n = 0;
    if (depth > AWE_MAX_WALK_DEPTH) {
        fprintf(stderr, "awefuzz: %s is more than %d directories deep (a link loop?); skipped\n", path,
                AWE_MAX_WALK_DEPTH);
        w->st->unreadable++, w->problems++;
        return;
    }
    if (list_dir(path, &names, &n) != 0) {
        fprintf(stderr, "awefuzz: cannot read the directory %s: %s\n", path, strerror(errno));
        w->st->unreadable++, w->problems++;
    }
    if (n > 1) /* qsort's array may not be NULL, even for no elements */
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char sub[4096];
        /* once fn has ended the walk, the names are only freed */
        int fits = !w->stopped && snprintf(sub, sizeof sub, "%s/%s", path, names[i]) < (int)sizeof sub;
        if (fits)
            walk(w, sub, depth + 1, 0);
        else if (!w->stopped) {
            fprintf(stderr, "awefuzz: the path %s/%s is too long; skipped\n", path, names[i]);
            w->st->unreadable++, w->problems++;
        }
        free(names[i]);
    }
    free(names);
}

/* `named`: given by the user rather than found in a directory, which makes any regular file
 * an input, and a directory without inputs a mistake. */
static void walk(walker *w, const char *path, int depth, int named)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    switch (kind_of(path)) {
    case PATH_MISSING:
        if (!entry_exists(path))
            fprintf(stderr, "awefuzz: no such file or directory: %s\n", path);
        else
            fprintf(stderr, "awefuzz: %s is a symbolic link to nothing%s\n", path, named ? "" : "; skipped");
        w->st->unreadable++, w->problems++;
        return;
    case PATH_OTHER:
        fprintf(stderr, "awefuzz: %s is not a regular file (a FIFO, socket or device); skipped\n", path);
        if (named)
            w->st->unreadable++, w->problems++;
        else
            w->st->skipped++;
        return;
    case PATH_DIR: {
        size_t before = w->st->inputs;
        walk_dir(w, path, depth);
        if (named && !w->stopped && w->st->inputs == before) {
            fprintf(stderr, "awefuzz: no inputs found in %s (inputs are *.trace, *.bin, *.input "
                            "and fuzzer-named files)\n", path);
            w->problems++;
        }
        return;
    }
    case PATH_FILE:
        break;
    }
    if (!named && !awe_is_input_name(base)) {
        w->st->skipped++;
        return;
    }
    w->st->inputs++;
    w->stopped = w->fn(path, w->ctx);
}

int awe_walk_counted(const char *path, awe_file_fn fn, void *ctx, awe_walk_stats *st)
{
    walker w = {fn, ctx, st, 0, 0};
    walk(&w, path, 0, 1);
    return w.stopped ? w.stopped : w.problems ? -1 : 0;
}

int awe_walk(const char *path, awe_file_fn fn, void *ctx)
{
    awe_walk_stats st = {0};
    return awe_walk_counted(path, fn, ctx, &st);
}
