#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/coverage.sh: how much of the oracle and of the harness and backend the corpus reaches.
# Builds the coverage preset (clang -fprofile-instr-generate -fcoverage-mapping, no
# sanitizers), replays the committed corpus of every target through its replay_<target>
# driver (plus, with --with, the new inputs of a fuzzing run), and writes an llvm-cov HTML
# report of oracle/ and src/ and a one-line summary: line and branch coverage of each.
#
#   bash ci/coverage.sh [--out DIR] [--build DIR] [--with DIR]...
#
# --with takes a ci/fuzz.sh or ci/afl.sh output directory (DIR/<target>/corpus) or a directory
# of per-target corpora (DIR/<target> or DIR/fuzz_<target>). Writes DIR/html/index.html,
# DIR/report.txt (per file) and DIR/summary.txt (the line printed last); default DIR out/coverage.
# Exit status 2 for a wrong option (checked before anything is built).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

out="$AWEFUZZ_ROOT/out/coverage"
bin="$AWEFUZZ_ROOT/build/coverage"
extra_dirs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) need_value "$@"; out=$2; shift 2 ;;
        --build) need_value "$@"; bin=$2; shift 2 ;;
        --with) need_value "$@"; extra_dirs+=("$2"); shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --out --build --with; see --help)" ;;
    esac
done
# Every --with must hold a corpus of some target: checked before anything is built.
for d in "${extra_dirs[@]}"; do
    [ -d "$d" ] || usage_error "--with: no directory '$d' (a ci/fuzz.sh output or per-target corpora)"
    found=""
    for t in $(fuzz_targets_all); do
        for sub in "$d/$t/corpus" "$d/$t" "$d/fuzz_$t"; do [ -d "$sub" ] && found=1; done
    done
    [ -n "$found" ] || usage_error "--with $d holds no corpus (expected $d/<target>/corpus, $d/<target> or $d/fuzz_<target>)"
done

args_checked
need_packages "clang cmake ninja llvm-profdata llvm-cov" "clang llvm cmake ninja-build"
targets=$(fuzz_targets_all)
build_list=(awefuzz)
for t in $targets; do build_list+=("replay_$t" "corpus_$t"); done
mkdir -p "$bin" "$out"
bin=$(cd "$bin" && pwd)
out=$(cd "$out" && pwd)
build_in coverage "$bin" "-DAWEFUZZ_MUTANT=" "${build_list[@]}"

prof="$out/profiles"
rm -rf "$prof" "$out/html"
mkdir -p "$prof"
objects=()
for t in $targets; do
    inputs=("$bin/corpus/$t")
    for d in "${extra_dirs[@]}"; do
        for sub in "$d/$t/corpus" "$d/$t" "$d/fuzz_$t"; do
            [ -d "$sub" ] && inputs+=("$sub") && break
        done
    done
    # %p: one profile per process, merged below.
    if ! LLVM_PROFILE_FILE="$prof/$t-%p.profraw" "$bin/fuzz/replay_$t" "${inputs[@]}" \
            >"$prof/$t.log" 2>&1; then
        cat "$prof/$t.log" >&2
        die "replay_$t failed on its corpus: fix that before measuring coverage"
    fi
    echo "awefuzz: replayed $(sed -nE 's/^replayed ([0-9]+) inputs/\1/p' "$prof/$t.log") inputs through replay_$t"
    if [ ${#objects[@]} -eq 0 ]; then
        objects+=("$bin/fuzz/replay_$t")
    else
        objects+=(-object "$bin/fuzz/replay_$t")
    fi
done
llvm-profdata merge -sparse "$prof"/*.profraw -o "$prof/corpus.profdata"

sources=("$AWEFUZZ_ROOT/oracle" "$AWEFUZZ_ROOT/src")
llvm-cov show "${objects[@]}" -instr-profile="$prof/corpus.profdata" -format=html \
    -show-branches=count -show-line-counts-or-regions -output-dir="$out/html" \
    -project-title="awefuzz: the committed corpus${extra_dirs[*]:+ and ${extra_dirs[*]}}" "${sources[@]}"
llvm-cov report "${objects[@]}" -instr-profile="$prof/corpus.profdata" -show-branch-summary \
    "${sources[@]}" >"$out/report.txt"

# "TOTAL regions missed cover functions missed executed lines missed cover branches missed cover"
cover_of() {
    llvm-cov report "${objects[@]}" -instr-profile="$prof/corpus.profdata" -show-branch-summary "$1" |
        awk '$1 == "TOTAL" { printf "lines %s (%d/%d) branches %s (%d/%d)", $10, $8 - $9, $8, $13, $11 - $12, $11 }'
}
summary="coverage of the corpus: oracle/ $(cover_of "$AWEFUZZ_ROOT/oracle") | src/ $(cover_of "$AWEFUZZ_ROOT/src")"
echo "$summary" >"$out/summary.txt"
echo "awefuzz: report in $out/html/index.html, per file in $out/report.txt"
echo "$summary"
