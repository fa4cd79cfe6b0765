#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/layers/check_cycles_selftest.sh CC: the cycle check itself must see a cycle: two
# files calling each other fail it, the same files calling one way pass.
set -euo pipefail
cc=${1:-cc}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_tree() { # $1: 1 when b calls back into a
    rm -rf "$tmp/src" && mkdir -p "$tmp/src/build/CMakeFiles/t.dir"
    printf 'int b(void);\nint a(void) { return b() + 1; }\n' >"$tmp/src/a.c"
    if [ "$1" = 1 ]; then
        printf 'int a(void);\nint b(void) { return a(); }\n' >"$tmp/src/b.c"
    else
        printf 'int b(void) { return 2; }\n' >"$tmp/src/b.c"
    fi
    for f in a b; do "$cc" -c "$tmp/src/$f.c" -o "$tmp/src/build/CMakeFiles/t.dir/$f.c.o"; done
}
make_tree 1
if (cd "$tmp/src" && bash "$here/check_cycles.sh" . build >/dev/null); then
    echo "selftest: a.c <-> b.c was not reported as a cycle"; exit 1
fi
make_tree 0
(cd "$tmp/src" && bash "$here/check_cycles.sh" . build >/dev/null) ||
    { echo "selftest: a.c -> b.c was reported as a cycle"; exit 1; }
echo "selftest: the cycle check sees a cycle and passes a one-way dependency"
