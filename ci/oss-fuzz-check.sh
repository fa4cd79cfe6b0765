#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/oss-fuzz-check.sh: runs the OSS-Fuzz / ClusterFuzzLite build script (.clusterfuzzlite/build.sh)
# outside Docker, with the variables OSS-Fuzz's `compile` sets for one sanitizer, into a scratch
# $OUT, and checks what it produced: every fuzz target (instrumented for that sanitizer), its
# seed corpus zip holding every committed trace of the target, its .options (and the dictionary
# they name) and .dict; then each target runs its whole seed corpus once.
#
#   bash ci/oss-fuzz-check.sh [--sanitizer address|undefined|coverage] [--work DIR] [--keep-out DIR]
#
# --work keeps the build between runs (default build/oss-fuzz-<sanitizer>); --keep-out writes
# $OUT there instead of a temporary directory that is removed at the end. Exit status 2 for a
# wrong option.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sanitizer=address
work=""
keep_out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --sanitizer) need_value "$@"; sanitizer=$2; shift 2 ;;
        --work) need_value "$@"; work=$2; shift 2 ;;
        --keep-out) need_value "$@"; keep_out=$2; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --sanitizer --work --keep-out; see --help)" ;;
    esac
done

# The flags OSS-Fuzz's base-builder image uses (SANITIZER_FLAGS_*, COVERAGE_FLAGS*).
base="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
case "$sanitizer" in
    address)
        flags="-fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
        marker=__asan_report_load8 ;;
    undefined)
        checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr
        fatal=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
        flags="-fsanitize=$checks -fno-sanitize-recover=$fatal -fsanitize=fuzzer-no-link"
        marker=__ubsan_handle_
        export UBSAN_OPTIONS=silence_unsigned_overflow=1 ;;
    coverage)
        flags="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
        marker=__llvm_profile_
        export LLVM_PROFILE_FILE=/dev/null ;;
    *) usage_error "--sanitizer takes address, undefined or coverage, not '$sanitizer'" ;;
esac

args_checked
need_packages "clang cmake" "clang libclang-rt-14-dev cmake"
need_libfuzzer
root="$AWEFUZZ_ROOT"
work=${work:-$root/build/oss-fuzz-$sanitizer}
if [ -n "$keep_out" ]; then
    out=$keep_out
    rm -rf "$out"
else
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out" "$work"
work=$(cd "$work" && pwd)
out=$(cd "$out" && pwd)

log="$work/build.log"
if ! env CC=clang CXX=clang++ CFLAGS="$base $flags" CXXFLAGS="$base $flags" \
        LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT="$out" WORK="$work" SRC="$(dirname "$root")" \
        SANITIZER="$sanitizer" FUZZING_ENGINE=libfuzzer \
        bash "$root/.clusterfuzzlite/build.sh" >"$log" 2>&1; then
    cat "$log" >&2
    die "the build script failed ($sanitizer; log above)"
fi

failures=0
fail() {
    echo "oss-fuzz-check: FAIL: $*" >&2
    failures=$((failures + 1))
}

names=$(sed -nE 's/^awe_fuzz_target\(([a-z_]+)\)$/\1/p' "$root/fuzz/CMakeLists.txt")
[ -n "$names" ] || die "no awe_fuzz_target(...) lines in fuzz/CMakeLists.txt"
seeds_dir="$work/seeds"
for name in $names; do
    t="fuzz_$name"
    before=$failures
    [ -x "$out/$t" ] || { fail "$t: no executable in \$OUT"; continue; }
    symbols=$(nm "$out/$t" 2>/dev/null || true)
    grep -q "$marker" <<<"$symbols" || fail "$t: not instrumented for $sanitizer (no $marker*)"
    traces=$(find "$root/corpus/$name" -name '*.trace' | wc -l)
    rm -rf "$seeds_dir" && mkdir -p "$seeds_dir"
    if [ -f "$out/${t}_seed_corpus.zip" ]; then
        (cd "$seeds_dir" && cmake -E tar xf "$out/${t}_seed_corpus.zip")
    else
        fail "$t: no ${t}_seed_corpus.zip"
    fi
    seeds=$(find "$seeds_dir" -type f | wc -l)
    [ "$seeds" -eq "$traces" ] || fail "$t: the seed corpus holds $seeds inputs, corpus/$name has $traces traces"
    [ -s "$out/$t.dict" ] || fail "$t: no $t.dict"
    if [ -f "$out/$t.options" ]; then
        grep -q '^\[libfuzzer\]' "$out/$t.options" || fail "$t.options: no [libfuzzer] section"
        dict=$(sed -nE 's/^dict *= *(.*)$/\1/p' "$out/$t.options")
        [ -z "$dict" ] || [ -s "$out/$dict" ] || fail "$t.options names dict $dict, which is not in \$OUT"
    else
        fail "$t: no $t.options"
    fi
    # Each seed once (-runs=0 reads the corpus, runs every input, stops), as a fuzzer starts.
    if ! (cd "$out" && "./$t" -runs=0 "$seeds_dir") >"$work/$t.run" 2>&1; then
        cat "$work/$t.run" >&2
        fail "$t: running its seed corpus failed"
        continue
    fi
    grep -q 'INITED' "$work/$t.run" || fail "$t: libFuzzer did not start (no INITED line; see $work/$t.run)"
    # A coverage build has no libFuzzer feedback, hence no "cov:".
    cov=$(sed -nE 's/.*INITED cov: ([0-9]+).*/\1/p' "$work/$t.run" | sed -n 1p)
    [ "$failures" != "$before" ] ||
        echo "oss-fuzz-check: $t ($sanitizer): ok: $seeds seeds run${cov:+ (cov $cov)}, .options, .dict"
done
rm -rf "$seeds_dir"
[ "$failures" = 0 ] || die "$failures problems in the OSS-Fuzz build ($sanitizer)"
echo "oss-fuzz-check: the build script produced every target, seed corpus, options and dictionary ($sanitizer)"
