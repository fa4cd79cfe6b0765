#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/bench.sh: what checking costs. Builds the release, gcc-asan and clang-fuzz presets, then
# for each fuzz target:
#   - fuzzes it from an empty corpus (libFuzzer -seed=1, one process) for a time box, and
#     prints its exec/s; the inputs it kept are the campaign corpus for the next step;
#   - replays that corpus with each build twice, against the oracle and on the backend alone
#     (awefuzz replay --no-notes --repeat N, then the same with --no-oracle), and prints
#         harness/backend ratio: <target> <ratio> (<build>)
#     the backend-alone time over the harness time (1.0: checking costs nothing);
# and last the table of libawl's own benchmark (bench_linux). One run each: on a loaded machine
# run it a few times and take medians.
#
#   bash ci/bench.sh [--time SECONDS] [--repeat N] [--targets "map free"] [--out DIR]
#
# --time is each target's fuzzing time box (default 30), --repeat how often every program is
# replayed (default 5), --out keeps the corpora and logs (default: a temporary directory).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=30
repeat=5
targets=$(fuzz_targets_all)
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_box=${2:?--time needs seconds}; shift 2 ;;
        --repeat) repeat=${2:?--repeat needs a count}; shift 2 ;;
        --targets) targets=${2:?--targets needs names}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        -h|--help) sed -n '3,/^set /{/^#/p}' "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (see bash ci/bench.sh --help)" ;;
    esac
done
case "$time_box" in ''|*[!0-9]*|0) usage_error "--time takes whole seconds, not '$time_box'" ;; esac
case "$repeat" in ''|*[!0-9]*|0) usage_error "--repeat takes a count, not '$repeat'" ;; esac
check_targets "$targets"

need_toolchain
for preset in release gcc-asan clang-fuzz; do
    build_preset "$preset"
done

if [ -z "$out" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

# Seconds a replay took, from its closing "... ops in S s" line.
replay_seconds() {
    "$@" | sed -nE 's/.* ops in ([0-9.]+) s .*/\1/p'
}

for t in $targets; do
    corpus="$out/$t"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    "$AWEFUZZ_ROOT/build/clang-fuzz/fuzz/fuzz_$t" -seed=1 -max_total_time="$time_box" \
        -print_final_stats=1 "$corpus" >"$out/fuzz_$t.log" 2>&1 ||
        die "fuzz_$t failed or found something (log: $out/fuzz_$t.log)"
    execs=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$out/fuzz_$t.log")
    echo "fuzz exec/s: $t ${execs:-?} (clang-fuzz, ${time_box} s, from an empty corpus)"
    for build in release asan; do
        dir=$build
        [ "$build" = asan ] && dir=gcc-asan
        tool="$AWEFUZZ_ROOT/build/$dir/tools/awefuzz"
        args=(replay --no-notes --quiet --repeat "$repeat" --target "$t" "$corpus")
        harness=$(replay_seconds "$tool" "${args[@]}" || true)
        alone=$(replay_seconds "$tool" "${args[@]}" --no-oracle || true)
        [ -n "$harness" ] && [ -n "$alone" ] || die "the $build replay of $t printed no timing"
        ratio=$(awk -v a="$alone" -v h="$harness" 'BEGIN { printf "%.2f", (h > 0 ? a / h : 0) }')
        echo "harness/backend ratio: $t $ratio ($build)"
    done
done

echo "libawl on its own (bench_linux, release):"
"$AWEFUZZ_ROOT/build/release/libawl/bench/bench_linux"
