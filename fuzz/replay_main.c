/* SPDX-License-Identifier: Apache-2.0 */
/* replay_main.c: the standalone driver every fuzz target also links with (no libFuzzer, any
 * compiler): runs each file given, or every input under each directory given (sorted, so runs
 * are repeatable; files.h says which files a directory walk takes), through
 * LLVMFuzzerTestOneInput. A text trace (.trace) is parsed and encoded first, so the target
 * sees the program the trace shows, not its characters; its notes are not checked (the fuzz
 * target never checks notes: `awefuzz replay` does that). A divergence aborts inside the
 * target with its report, as under libFuzzer. Arguments starting with '-' are libFuzzer
 * options: ignored. Exit status 2 when an input could not be read or a directory held none. */
#include <stdio.h>
#include <stdlib.h>

#include "files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t replayed, unreadable;
} replay_counts;

static int run_file(const char *path, void *ctx)
{
    static awe_program p;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    replay_counts *n = ctx;
    size_t len;
    if (awe_is_text_path(path)) {
        if (awe_load_program(path, &p) != 0) {
            n->unreadable++; /* said why; the other inputs still run */
            return 0;
        }
        len = awe_program_encode(&p, bytes, sizeof bytes);
        LLVMFuzzerTestOneInput(bytes, len);
    } else {
        uint8_t *data = awe_read_file(path, &len);
        if (!data) {
            n->unreadable++;
            return 0;
        }
        LLVMFuzzerTestOneInput(data, len);
        free(data);
    }
    n->replayed++;
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, paths = 0;
    replay_counts n = {0, 0};
    awe_walk_stats st = {0};
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        paths++;
        rc |= awe_walk_counted(argv[i], run_file, &n, &st) != 0;
    }
    if (paths == 0) {
        fprintf(stderr, "usage: %s FILE_OR_DIR... (replays inputs through the fuzz target)\n", argv[0]);
        return 2;
    }
    n.unreadable += st.unreadable;
    printf("replayed %zu inputs\n%zu passed, 0 failed", n.replayed, n.replayed);
    if (n.unreadable)
        printf(", %zu could not be read (see the lines above)", n.unreadable);
    printf("\n");
    return rc || n.unreadable ? 2 : 0;
}
