/* cmd_codec.c: awefuzz decode (binary -> text) and encode (text -> binary). */
#include <stdio.h>
#include <string.h>

#include "files.h"
#include "tool.h"

static int decode_one(const char *path, void *ctx)
{
    const tool_opts *o = ctx;
    awe_program p;
    if (awe_load_program(path, &p) != 0)
        return -1;
    FILE *out = stdout;
    if (o->out && !(out = fopen(o->out, "w"))) {
        fprintf(stderr, "awefuzz decode: cannot write %s\n", o->out);
        return -1;
    }
    if (o->n_paths > 1 || !o->out)
        fprintf(out, "# %s\n", path);
    awe_program_print(&p, out);
    if (out != stdout)
        fclose(out);
    return 0;
}

int cmd_decode(const tool_opts *o)
{
    int rc = 0;
    if (o->out && o->n_paths > 1) {
        fprintf(stderr, "awefuzz decode: -o takes one input; without -o every input goes to stdout\n");
        return 2;
    }
    for (int i = 0; i < o->n_paths; i++)
        rc |= awe_walk(o->paths[i], decode_one, (void *)o) != 0;
    return rc;
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
        return 0; /* a directory may hold notes or binaries next to the traces */
    if (awe_load_program(path, &p) != 0)
        return -1;
    size_t len = awe_program_encode(&p, bytes, sizeof bytes);
    output_path(o, path, out, sizeof out);
    return awe_write_file(out, bytes, len);
}

int cmd_encode(const tool_opts *o)
{
    if (!o->out) {
        fprintf(stderr, "awefuzz encode: -o OUT is required (a file, or a directory for many inputs)\n");
        return 2;
    }
    if ((o->n_paths > 1 || awe_is_dir(o->paths[0])) && !awe_is_dir(o->out)) {
        fprintf(stderr, "awefuzz encode: several inputs need -o to name an existing directory\n");
        return 2;
    }
    for (int i = 0; i < o->n_paths; i++)
        if (awe_walk(o->paths[i], encode_one, (void *)o) != 0)
            return 1;
    return 0;
}
