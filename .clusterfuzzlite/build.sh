#!/bin/bash -eu
# SPDX-License-Identifier: Apache-2.0
# .clusterfuzzlite/build.sh: builds every awefuzz fuzz target the way OSS-Fuzz and
# ClusterFuzzLite expect. It honours what their `compile` step sets:
#   CC, CXX, CFLAGS, CXXFLAGS   compilers and flags (sanitizer, coverage instrumentation)
#   LIB_FUZZING_ENGINE          what links the engine: -fsanitize=fuzzer, or a library (AFL++)
#   OUT                         where the targets and their files go
#   WORK                        scratch space for the build (default: a directory under /tmp)
#   SRC                         the sources are $SRC/awefuzz when this script is not in the tree
# and writes, for every target T (fuzz_sequence, fuzz_map, fuzz_free, fuzz_args):
#   $OUT/T                      the fuzz target
#   $OUT/T_seed_corpus.zip      the committed corpus, encoded (corpus/<name>/**/*.trace)
#   $OUT/T.options              libFuzzer options (fuzz/T.options: max_len, dict = awefuzz.dict)
#   $OUT/T.dict                 the dictionary (fuzz/awefuzz.dict), also as $OUT/awefuzz.dict
# Runs outside Docker too: ci/oss-fuzz-check.sh sets the variables as OSS-Fuzz does.
set -euo pipefail # also when started as `bash build.sh`, where the #! line's flags do not apply

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -f "$here/../CMakeLists.txt" ]; then
    root=$(cd "$here/.." && pwd)
else
    root="$SRC/awefuzz" # OSS-Fuzz copies this script to $SRC/build.sh
fi
: "${CC:=clang}" "${CXX:=clang++}" "${CFLAGS:=}" "${CXXFLAGS:=}"
: "${LIB_FUZZING_ENGINE:?LIB_FUZZING_ENGINE is not set (OSS-Fuzz sets it; libFuzzer: -fsanitize=fuzzer)}"
: "${OUT:?OUT is not set: the directory the fuzz targets go to}"
: "${WORK:=${TMPDIR:-/tmp}/awefuzz-oss-fuzz-work}"
build="$WORK/awefuzz-build"
mkdir -p "$OUT" "$build"

generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
# The engine's compiler may be newer than the ones ci/test.sh holds to -Werror: warnings stay
# warnings here. Sanitizers and coverage come from CFLAGS alone (AWEFUZZ_SANITIZE=OFF).
cmake -S "$root" -B "$build" "${generator[@]}" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
    -DCMAKE_BUILD_TYPE= -DAWEFUZZ_SANITIZE=OFF -DAWEFUZZ_LIBFUZZER=OFF -DAWEFUZZ_WERROR=OFF -DAWEFUZZ_MUTANT= \
    -DAWEFUZZ_ENGINE_FLAGS="$LIB_FUZZING_ENGINE"

names=$(sed -nE 's/^AWEFUZZ_TARGETS:INTERNAL=(.*)/\1/p' "$build/CMakeCache.txt" | tr ';' ' ')
[ -n "$names" ] || { echo "build.sh: no fuzz targets in $build/CMakeCache.txt" >&2; exit 1; }
build_targets=()
for name in $names; do
    build_targets+=("fuzz_$name" "corpus_$name")
done
# The corpus is encoded by the awefuzz tool of this same build; a coverage build would leave
# its profile behind, and a leak check is the tests' job, not the build's.
LLVM_PROFILE_FILE=/dev/null ASAN_OPTIONS=detect_leaks=0 \
    cmake --build "$build" --parallel "$(nproc 2>/dev/null || echo 2)" --target "${build_targets[@]}"

cp "$root/fuzz/awefuzz.dict" "$OUT/awefuzz.dict"
for name in $names; do
    target="fuzz_$name"
    cp "$build/fuzz/$target" "$OUT/$target"
    rm -f "$OUT/${target}_seed_corpus.zip"
    (cd "$build/corpus/$name" && cmake -E tar cf "$OUT/${target}_seed_corpus.zip" --format=zip -- *.bin)
    cp "$root/fuzz/awefuzz.dict" "$OUT/$target.dict" # found by name; the options name it too
    if [ -f "$root/fuzz/$target.options" ]; then
        cp "$root/fuzz/$target.options" "$OUT/$target.options"
    fi
    echo "build.sh: $OUT/$target, $(ls "$build/corpus/$name" | wc -l) seeds"
done
