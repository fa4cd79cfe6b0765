/* SPDX-License-Identifier: Apache-2.0 */
/* check_main.c: runs the TEST cases registered by one test program. */
#include "check.h"

#define MAX_CASES 512

static struct check_case cases[MAX_CASES];
static int n_cases;
int check_failures;

void check_register(const char *name, check_fn fn)
{
    if (n_cases == MAX_CASES) {
        fprintf(stderr, "check: more than %d tests in one program; split it\n", MAX_CASES);
        exit(2);
    }
    cases[n_cases].name = name;
    cases[n_cases].fn = fn;
    n_cases++;
}

static int run_case(const struct check_case *c)
{
    int before = check_failures;
    c->fn();
    int failed = check_failures != before;
    printf("%s %s\n", failed ? "FAIL" : "ok  ", c->name);
    return failed;
}

int main(int argc, char **argv)
{
    int failed = 0, ran = 0;
    for (int i = 0; i < n_cases; i++) {
        int wanted = argc < 2;
        for (int a = 1; a < argc; a++)
            wanted |= strcmp(argv[a], cases[i].name) == 0;
        if (wanted) {
            failed += run_case(&cases[i]);
            ran++;
        }
    }
    if (ran == 0) {
        fprintf(stderr, "check: no test named %s; run without arguments for all\n",
                argc > 1 ? argv[1] : "(none)");
        return 2;
    }
    printf("%d passed, %d failed\n", ran - failed, failed);
    return failed ? 1 : 0;
}
