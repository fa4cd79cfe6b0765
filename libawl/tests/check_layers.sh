#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# check_layers.sh NM SRC_DIR ARCHIVE...: fails when the source files of libawl depend on each
# other in a circle. A file depends on another when its object uses a symbol the other's object
# defines (read from the built archives with nm, so the check sees what the compiler really
# linked against, mutant builds included) or when it includes the other module's header
# (awl_x.h of awl_x.c). A circle means no file of it can be understood or tested without the
# others; tsort finds one when there is any. On success prints the files bottom layer first.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 NM SRC_DIR ARCHIVE..." >&2
    exit 2
fi
nm_tool=$1
src=$2
shift 2

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT

# Symbol edges: "user used" per symbol the user takes from another member of the same archive.
# nm -A -P prints "archive[member.c.o]: symbol TYPE ..." per symbol.
for archive in "$@"; do
    "$nm_tool" -A -P "$archive" | awk '
        {
            member = $1
            sub(/^.*\[/, "", member); sub(/\]:$/, "", member); sub(/\.o$/, "", member)
            nodes[member] = 1
            if ($3 == "U")
                uses[++n] = member SUBSEP $2
            else if ($3 ~ /^[A-TV-Z]$/)
                defined_in[$2] = member
        }
        END {
            for (m in nodes)
                print m, m
            for (i = 1; i <= n; i++) {
                split(uses[i], u, SUBSEP)
                if ((u[2] in defined_in) && defined_in[u[2]] != u[1])
                    print u[1], defined_in[u[2]]
            }
        }'
done >"$edges"

if ! [ -s "$edges" ]; then
    echo "check_layers: no objects found in $*" >&2
    exit 1
fi

# Header edges: a source including the header of a module that has its own source file.
for file in "$src"/*.c; do
    user=$(basename "$file")
    for module in $(sed -n 's/^#include "\([a-z0-9_]*\)\.h".*/\1/p' "$file"); do
        if [ -f "$src/$module.c" ] && [ "$module.c" != "$user" ]; then
            echo "$user $module.c"
        fi
    done
done >>"$edges"

if ! order=$(tsort "$edges" 2>&1); then
    echo "check_layers: libawl's source files depend on each other in a circle:" >&2
    # tsort names every loop it breaks; the first one is enough to see the circle.
    echo "$order" | awk '/input contains a loop/ { n++; next } n == 1 && /^tsort: / { print "  " $2 }' >&2
    echo "dependencies (user used):" >&2
    sort -u "$edges" | awk '$1 != $2' >&2
    exit 1
fi
echo "libawl layers, bottom first:"
echo "$order" | tac
