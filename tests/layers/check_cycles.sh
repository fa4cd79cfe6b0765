#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/layers/check_cycles.sh SOURCE_DIR BUILD_DIR: fails when the product code (everything
# but tests/) has a file-level dependency cycle. A file is a module: x.c and x.h together. A
# depends on B when A includes B's header, or when A's object file takes a symbol that B's
# object file defines (nm). Prints each edge that lies on a cycle. x.c and x.h are separate
# files: a header depends on the headers it includes, a source file on the headers it
# includes and on the source files whose symbols it takes.
set -euo pipefail
src=${1:?usage: check_cycles.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: check_cycles.sh SOURCE_DIR BUILD_DIR}
command -v nm >/dev/null || { echo "check_cycles: nm (binutils) is needed" >&2; exit 2; }
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The product's files, by module name (path without .c/.h).
git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^tests/' >"$tmp/files" ||
    find . -name '*.[ch]' -not -path './tests/*' -not -path './build/*' | sed 's|^\./||' >"$tmp/files"
awk '{ b = $0; sub(/.*\//, "", b); print b, $0 }' "$tmp/files" >"$tmp/base"

# Include edges: a quoted include names a file by its basename (every basename is unique).
while read -r f; do
    grep -ho '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*"' "$f" 2>/dev/null |
        sed 's/.*"\(.*\)"/\1/; s|.*/||' | while read -r inc; do
        printf '%s %s\n' "$f" "$inc"
    done || true
done <"$tmp/files" >"$tmp/inc_raw"
awk 'NR == FNR { mod[$1] = $2; next } ($2 in mod) && mod[$2] != $1 { print $1, mod[$2] }' \
    "$tmp/base" "$tmp/inc_raw" >"$tmp/edges"

# Symbol edges: each object file of the build, named by its source file's basename.
find "$build" -name '*.c.o' -path '*CMakeFiles*' -not -path '*/tests/*' | while read -r o; do
    b=$(basename "$o" .o) # x.c
    nm --defined-only "$o" 2>/dev/null | awk -v b="$b" '$2 ~ /^[TDBR]$/ { print "D", b, $3 }'
    nm -u "$o" 2>/dev/null | awk -v b="$b" '{ print "U", b, $2 }'
done | sort -u >"$tmp/syms"
awk 'NR == FNR { mod[$1] = $2; next }
     $1 == "D" { def[$3] = $2; next }
     $1 == "U" { use[++n] = $2 " " $3 }
     END { for (i = 1; i <= n; i++) { split(use[i], u, " ");
             if ((u[2] in def) && (u[1] in mod) && (def[u[2]] in mod) && def[u[2]] != u[1])
                 print mod[u[1]], mod[def[u[2]]] } }' "$tmp/base" "$tmp/syms" >>"$tmp/edges"
sort -u "$tmp/edges" -o "$tmp/edges"
[ -s "$tmp/edges" ] || { echo "check_cycles: no dependencies found (wrong build dir?)" >&2; exit 2; }

# Peel off every module that depends on nothing left or that nothing left depends on; what
# remains lies on cycles (or between two of them).
awk '{ out[$1] = out[$1] " " $2; in_[$2] = in_[$2] " " $1; node[$1]; node[$2]; edge[NR] = $0 }
     END {
         do { changed = 0
             for (n in node) { outs = 0; ins = 0
                 k = split(out[n], d, " "); for (i = 1; i <= k; i++) if (d[i] in node) outs = 1
                 k = split(in_[n], d, " "); for (i = 1; i <= k; i++) if (d[i] in node) ins = 1
                 if (!outs || !ins) { delete node[n]; changed = 1 } }
         } while (changed)
         for (e in edge) { split(edge[e], p, " "); if ((p[1] in node) && (p[2] in node)) print "cycle edge: " p[1] " -> " p[2] }
     }' "$tmp/edges" | sort >"$tmp/cycles"
if [ -s "$tmp/cycles" ]; then
    cat "$tmp/cycles"
    echo "check_cycles: $(wc -l <"$tmp/cycles") dependency edges lie on or between cycles; dependencies must point one way (ARCHITECTURE.md)"
    exit 1
fi
echo "check_cycles: $(wc -l <"$tmp/edges") file dependencies, no cycle"
