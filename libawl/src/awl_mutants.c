/* SPDX-License-Identifier: Apache-2.0 */
/* awl_mutants.c: the run-time choice of a mutant, compiled into awl_mutable only (see
 * awl_mutants.h). */
#include "awl_mutants.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const awl_mutant_info awl_mutant_catalogue[AWL_MUTANT_ID_END - 1] = {
#define AWL_MUTANT_INFO(id, name, rules, what) {name, rules, what},
    AWL_MUTANT_LIST(AWL_MUTANT_INFO)
#undef AWL_MUTANT_INFO
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static awl_mutant_id active;

/* A misspelt name must not pass for "no mutant": the mutant tests would pass vacuously. */
static void choose(void)
{
    const char *name = getenv("AWEFUZZ_MUTANT");
    if (name == NULL || *name == '\0')
        return;
    for (int i = 0; i < AWL_MUTANT_ID_END - 1; i++) {
        if (strcmp(awl_mutant_catalogue[i].name, name) == 0) {
            active = (awl_mutant_id)(i + 1);
            return;
        }
    }
    fprintf(stderr, "awl: AWEFUZZ_MUTANT='%s' is no mutant of libawl/src/awl_mutants.h\n", name);
    exit(2);
}

awl_mutant_id awl_mutant_active(void)
{
    pthread_once(&once, choose);
    return active;
}
