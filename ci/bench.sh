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
#                    [--against REV]
#
# --time is each target's fuzzing time box (default 30), --repeat how often every program is
# replayed (default 5), --out keeps the corpora and logs (default: a temporary directory).
# --against REV also builds the fuzz targets of an older commit (a git worktree of it in the
# output directory) and fuzzes each target of both at the same time, one process per core, same
# seed and time box, from empty corpora, and prints
#     fuzz exec/s: <target> <now> against <then> at <REV> (<now/then>x)
# The two share the machine evenly only with two cores or more to spare.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=30
repeat=5
targets=$(fuzz_targets_all)
out=""
against=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_box=${2:?--time needs seconds}; shift 2 ;;
        --repeat) repeat=${2:?--repeat needs a count}; shift 2 ;;
        --targets) targets=${2:?--targets needs names}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --against) against=${2:?--against needs a commit}; shift 2 ;;
        -h|--help) sed -n '3,/^set /{/^#/p}' "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (see bash ci/bench.sh --help)" ;;
    esac
done
case "$time_box" in ''|*[!0-9]*|0) usage_error "--time takes whole seconds, not '$time_box'" ;; esac
case "$repeat" in ''|*[!0-9]*|0) usage_error "--repeat takes a count, not '$repeat'" ;; esac
check_targets "$targets"
then_rev=""
if [ -n "$against" ]; then
    then_rev=$(git -C "$AWEFUZZ_ROOT" rev-parse --verify --quiet "$against^{commit}") ||
        usage_error "--against: '$against' names no commit of this repository (git log shows them)"
fi
args_checked

need_toolchain
for preset in release gcc-asan clang-fuzz; do
    build_preset "$preset"
done

own_out=0
if [ -z "$out" ]; then
    out=$(mktemp -d)
    own_out=1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
then_tree=""
then_pid=""
# The older commit's fuzzer stops and its worktree goes in any case (its build is large), the
# output directory only when this script made it.
cleanup() {
    if [ -n "$then_pid" ]; then
        kill "$then_pid" 2>/dev/null || true
        wait "$then_pid" 2>/dev/null || true
    fi
    if [ -n "$then_tree" ]; then
        git -C "$AWEFUZZ_ROOT" worktree remove --force "$then_tree" >/dev/null 2>&1 || true
    fi
    if [ "$own_out" = 1 ]; then
        rm -rf "$out"
    fi
}
trap cleanup EXIT

# The older commit's fuzz targets, built by its own presets in a worktree of it.
if [ -n "$then_rev" ]; then
    then_tree="$out/then-${then_rev:0:12}"
    git -C "$AWEFUZZ_ROOT" worktree remove --force "$then_tree" >/dev/null 2>&1 || true
    git -C "$AWEFUZZ_ROOT" worktree add --detach "$then_tree" "$then_rev" >/dev/null 2>&1 ||
        die "could not check out $against in $then_tree"
    log="$out/then-build.log"
    (cd "$then_tree" && cmake --preset clang-fuzz >"$log" 2>&1 &&
        cmake --build --preset clang-fuzz >>"$log" 2>&1) ||
        die "the clang-fuzz build of $against failed (log: $log)"
    echo "awefuzz: built clang-fuzz of $against (${then_rev:0:12}) in $then_tree"
fi

# Runs the fuzzer binary $1 from the empty corpus $2 for the time box; the log goes to $3.
fuzz_box() {
    "$1" -seed=1 -max_total_time="$time_box" -print_final_stats=1 "$2" >"$3" 2>&1
}

execs_of() {
    sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$1"
}

# Seconds a replay took, from its closing "... ops in S s" line.
replay_seconds() {
    "$@" | sed -nE 's/.* ops in ([0-9.]+) s .*/\1/p'
}

for t in $targets; do
    corpus="$out/$t"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    if [ -n "$then_rev" ]; then
        rm -rf "$out/then_$t"
        mkdir -p "$out/then_$t"
        fuzz_box "$then_tree/build/clang-fuzz/fuzz/fuzz_$t" "$out/then_$t" "$out/then_fuzz_$t.log" &
        then_pid=$!
    fi
    fuzz_box "$AWEFUZZ_ROOT/build/clang-fuzz/fuzz/fuzz_$t" "$corpus" "$out/fuzz_$t.log" ||
        die "fuzz_$t failed or found something (log: $out/fuzz_$t.log)"
    execs=$(execs_of "$out/fuzz_$t.log")
    echo "fuzz exec/s: $t ${execs:-?} (clang-fuzz, ${time_box} s, from an empty corpus)"
    if [ -n "$then_pid" ]; then
        then_ok=1
        wait "$then_pid" || then_ok=0
        then_pid=""
        then_execs=$(execs_of "$out/then_fuzz_$t.log")
        if [ "$then_ok" = 1 ] && [ -n "$execs" ] && [ -n "$then_execs" ]; then
            echo "fuzz exec/s: $t $execs against $then_execs at $against ($(awk -v a="$execs" \
                -v b="$then_execs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')x)"
        else
            # an older commit may have bugs its fuzzer finds: its time box then ended early
            echo "fuzz exec/s: $t $execs, no comparison: fuzz_$t of $against stopped early" \
                "(a finding or a failure; log: $out/then_fuzz_$t.log)"
        fi
    fi
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
