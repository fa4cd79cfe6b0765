/* replay_main.c: the standalone driver every fuzz target also links with (no libFuzzer, any
 * compiler): runs each file given, or every file under each directory given (sorted, so runs
 * are repeatable), through LLVMFuzzerTestOneInput. A divergence aborts inside the target with
 * its report, as under libFuzzer. Arguments starting with '-' are libFuzzer options: ignored. */
#include <stdio.h>
#include <stdlib.h>

#include "files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, void *ctx)
{
    size_t len, *replayed = ctx;
    uint8_t *data = awe_read_file(path, &len);
    if (!data)
        return -1;
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    (*replayed)++;
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, paths = 0;
    size_t replayed = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        paths++;
        rc |= awe_walk(argv[i], run_file, &replayed);
    }
    if (paths == 0) {
        fprintf(stderr, "usage: %s FILE_OR_DIR... (replays inputs through the fuzz target)\n", argv[0]);
        return 2;
    }
    printf("replayed %zu inputs\n%zu passed, 0 failed\n", replayed, replayed);
    return rc ? 1 : 0;
}
