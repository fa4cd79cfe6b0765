/* SPDX-License-Identifier: Apache-2.0 */
/* cmd_codec.c: awefuzz decode (binary -> text) and encode (text -> binary). Neither ever
 * writes over one of its inputs (main checks -o against the inputs named, encode_one each
 * output it derives from a directory's names). */
#include <stdio.h>
#include <string.h>

#include "files.h"
#include "tool.h"

typedef struct {
    const tool_opts *o;
    FILE *out;   /* stdout, or -o's file, opened once for every input */
    int headers; /* "# path" before each program: several inputs, or stdout */
    int failed;
} decode_ctx;

static int decode_one(const char *path, void *ctx)
{
    decode_ctx *c = ctx;
    static awe_program p;
    if (awe_load_program_flags(path, &p, c->o->binary_notes ? AWE_LOAD_BINARY_NOTES : 0) != 0) {
        c->failed = 1; /* said why; the other inputs are still decoded */
        return 0;
    }
    if (c->headers)
        fprintf(c->out, "# %s\n", path);
    awe_program_print(&p, c->out);
    return 0;
}

int cmd_decode(const tool_opts *o)
{
    decode_ctx c = {o, stdout, 0, 0};
    int rc = 0;
    if (o->out && o->n_paths > 1) {
        fprintf(stderr, "awefuzz decode: -o takes one input; without -o every input goes to stdout\n");
        return 2;
    }
    c.headers = !o->out || awe_is_dir(o->paths[0]);
    /* opened once: reopening it per input would keep only the last program of a directory */
    if (o->out && !(c.out = fopen(o->out, "w"))) {
        fprintf(stderr, "awefuzz decode: cannot write %s\n", o->out);
        return 2;
    }
    for (int i = 0; i < o->n_paths; i++)
        rc |= awe_walk(o->paths[i], decode_one, &c) != 0;
    if (c.out != stdout && fclose(c.out) != 0) {
        fprintf(stderr, "awefuzz decode: cannot write %s (disk full?)\n", o->out);
        rc = 1;
    }
    return rc || c.failed ? 2 : 0;
}

/* OUT/<name without .trace>.bin when OUT is a directory, else OUT itself. */
static void output_path(const tool_opts *o, const char *in, char *buf, size_t cap)
{
    if (!awe_is_dir(o->out)) {
        snprintf(buf, cap, "%s", o->out);
        return;
    }
    const char *base = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;
    size_t len = strlen(base);
    if (len > 6 && strcmp(base + len - 6, ".trace") == 0)
        len -= 6;
    snprintf(buf, cap, "%s/%.*s.bin", o->out, (int)len, base);
}

static int encode_one(const char *path, void *ctx)
{
    const tool_opts *o = ctx;
    static awe_program p;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    char out[4096];
    if (!awe_is_text_path(path))
        return 0; /* a directory may hold binaries next to the traces */
    if (awe_load_program(path, &p) != 0)
        return -1;
    size_t len = awe_program_encode(&p, bytes, sizeof bytes);
    output_path(o, path, out, sizeof out);
    if (awe_same_file(path, out)) {
        fprintf(stderr, "awefuzz encode: the output %s is the input %s: give another -o, the input is kept\n",
                out, path);
        return -1;
    }
    return awe_write_file(out, bytes, len);
}

int cmd_encode(const tool_opts *o)
{
    if (!o->out) {
        fprintf(stderr, "awefuzz encode: -o OUT is required (a file, or a directory for many inputs)\n");
        return 2;
    }
    /* several inputs: -o is a directory, created as mkdir -p would (fails on a file) */
    if ((o->n_paths > 1 || awe_is_dir(o->paths[0])) && awe_make_dirs(o->out) != 0)
        return 2;
    for (int i = 0; i < o->n_paths; i++)
        if (awe_walk(o->paths[i], encode_one, (void *)o) != 0)
            return 2;
    return 0;
}
