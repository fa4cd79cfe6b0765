#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/mutants.sh: the mutation score. It builds the fuzz targets once over the mutable Linux
# backend (every mutant of libawl/src/awl_mutants.h compiled in, see docs/mutants.md; clang,
# libFuzzer, ASan+UBSan, in build/mutants) and, for every mutant, switches that one on
# (AWEFUZZ_MUTANT) and runs the fuzz targets against it one after the other, each on one core
# for at most T seconds with a fixed seed, seeded from the committed corpus, and stops at the
# first target that catches it. One progress line per mutant, then a
# table (mutant, caught, target, seconds to the crash in that target and in all, canonical key)
# with the median and maximum of the seconds in all. Exits nonzero when a mutant survives, or when a crash also happens without
# the mutant (then the finding is no evidence about the mutant).
#
#   bash ci/mutants.sh [--time T] [--mutants "name ..."] [--seeds corpus|none] [--seed N]
#                      [--out DIR]
#
# --seeds none starts every target from an empty corpus: how fast the fuzzers themselves find
# each bug, without the regression traces that already pin it down. Exit status 2 for a wrong
# option (checked before anything is built). --seed N: libFuzzer's -seed (default 1), to
# repeat the measurement with other random choices.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=60
only=""
seeds=corpus
seed=1
out="$AWEFUZZ_ROOT/out/mutants-$(date +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
    case "$1" in
        --time) need_value "$@"; time_box=$2; shift 2 ;;
        --mutants) need_value "$@"; only=$2; shift 2 ;;
        --seeds) need_value "$@"; seeds=$2; shift 2 ;;
        --seed) need_value "$@"; seed=$2; shift 2 ;;
        --out) need_value "$@"; out=$2; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --time --mutants --seeds --seed --out; see --help)" ;;
    esac
done
check_positive --time "$time_box"
check_positive --seed "$seed"
case "$seeds" in corpus|none) ;; *) usage_error "--seeds is 'corpus' or 'none', not '$seeds'" ;; esac
for m in $only; do check_mutant "$m"; done

args_checked
catalogue="$AWEFUZZ_ROOT/libawl/src/awl_mutants.h"
# "name rules..." per mutant, from the first line of each X(ID, "name", "rules", ...) entry.
entries=$(sed -nE 's/^ *X\([A-Z0-9_]+, "([a-z0-9-]+)", "([^"]*)".*/\1 \2/p' "$catalogue")
[ -n "$entries" ] || die "no mutants found in $catalogue"
if [ -n "$only" ]; then
    for m in $only; do
        grep -q "^$m " <<<"$entries" || die "'$m' is no mutant (see docs/mutants.md)"
    done
fi

need_toolchain
bin="$AWEFUZZ_ROOT/build/mutants"
targets_all="sequence map free args"
mkdir -p "$out"

# Configures build/mutants (no mutant compiled into awl itself) and builds what the runs need:
# the plain tool, which judges every crash, and the targets and tool over the mutable backend.
build_all() {
    local log="$out/build.log" wanted="awefuzz awefuzz_mutable"
    for t in $targets_all; do wanted+=" fuzz_${t}_mutable corpus_$t"; done
    # shellcheck disable=SC2086
    if ! { cmake -S "$AWEFUZZ_ROOT" -B "$bin" -G Ninja -DCMAKE_C_COMPILER=clang \
               -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWEFUZZ_SANITIZE=ON -DAWEFUZZ_LIBFUZZER=ON \
               -DAWEFUZZ_MUTANT= && ninja -C "$bin" -j2 $wanted; } >"$log" 2>&1; then
        cat "$log" >&2
        die "the build in build/mutants failed (log above)"
    fi
}

# Targets to try, the likeliest first: the one whose ops the mutant's first rule is about.
target_order() {
    local first
    case "$1" in
        A*|F*) first=free ;;
        M*|S*) first=map ;;
        *) first=sequence ;;
    esac
    echo "$first $(tr ' ' '\n' <<<"$targets_all" | grep -vx "$first" | tr '\n' ' ')"
}

# The unmutated backend must pass the corpus, and it judges every crash found below.
echo "awefuzz: building the fuzz targets over the mutable backend in build/mutants"
build_all
cp "$bin/tools/awefuzz" "$out/awefuzz-unmutated"
for t in $targets_all; do
    "$out/awefuzz-unmutated" replay --quiet --target "$t" "$bin/corpus/$t" >"$out/baseline-$t.log" 2>&1 ||
        die "the unmutated backend fails the $t corpus (see $out/baseline-$t.log)"
done

count=$(grep -c . <<<"$entries")
[ -z "$only" ] || count=$(wc -w <<<"$only")
echo "awefuzz: $count mutants, at most ${time_box}s per target, seeds: $seeds, -seed=$seed, one core"
table=""
secs_caught=""
survivors=0
i=0
while read -r name rules <&3; do
    [ -z "$only" ] || [[ " $only " == *" $name "* ]] || continue
    i=$((i + 1))
    export AWEFUZZ_MUTANT=$name
    caught=no by=- secs=- total=- key=-
    first_start=$(date +%s.%N)
    for t in $(target_order "$rules"); do
        work="$out/$name/$t"
        rm -rf "$work"
        mkdir -p "$work/new"
        seed_dirs=("$bin/corpus/$t")
        [ "$seeds" = corpus ] || seed_dirs=()
        start=$(date +%s.%N)
        mapfile -t options < <(libfuzzer_options "$t")
        "$bin/fuzz/fuzz_${t}_mutable" "${options[@]}" -seed="$seed" -max_total_time="$time_box" \
            -artifact_prefix="$work/" "$work/new" "${seed_dirs[@]}" </dev/null >"$work/log" 2>&1 || true
        end=$(date +%s.%N)
        crash=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \) | sed -n 1p)
        [ -n "$crash" ] || continue
        by=$t
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
        total=$(awk -v a="$first_start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
        key=$("$bin/tools/awefuzz_mutable" replay --no-notes --target "$t" "$crash" 2>/dev/null |
              sed -nE 's/^key: (.*)/\1/p' | head -n 1 || true)
        [ -n "$key" ] || key="no-key:$(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+' "$work/log" || echo crash)"
        if AWEFUZZ_MUTANT= "$out/awefuzz-unmutated" replay --no-notes --target "$t" "$crash" >/dev/null 2>&1; then
            caught=yes
            secs_caught+="$total"$'\n'
        else
            caught=SPURIOUS # the input fails without the mutant too
        fi
        break
    done
    [ "$caught" = yes ] || survivors=$((survivors + 1))
    printf '[%2d/%d] %-30s %-8s %-8s %6s s (%s s in all)  %s\n' "$i" "$count" "$name" "$caught" \
        "$by" "$secs" "$total" "$key"
    table+=$(printf '%-30s %-8s %-8s %7s %7s  %s' "$name" "$caught" "$by" "$secs" "$total" "$key")$'\n'
done 3<<<"$entries"

unset AWEFUZZ_MUTANT

n_caught=$(grep -c . <<<"$secs_caught" || true)
stats=$(sort -n <<<"$secs_caught" | awk 'NF { v[n++] = $1 }
    END { if (n == 0) { print "-", "-"; exit }
          m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
          printf "%.1f %.1f\n", m, v[n - 1] }')
read -r median max <<<"$stats"
{
    echo "---- awefuzz mutation score: $n_caught of $i mutants caught ----"
    echo "each mutant is fuzzed by one target after the other (its rule's target first:"
    echo "A/F free, M/S map, other sequence; then the rest of: $targets_all) and stops at the"
    echo "first that catches it; ${time_box}s per target, -seed=$seed, one core, seeds: $seeds;"
    echo "seconds: from the start of the catching target's run to its crash; in all: from the"
    echo "start of the mutant's first target (earlier targets' full time boxes included)"
    printf '%-30s %-8s %-8s %7s %7s  %s\n' mutant caught target seconds "in all" key
    printf '%s' "$table"
    echo "seconds to catch (in all): median $median, max $max"
    echo "everything is in $out"
} | tee "$out/table.txt"
[ "$survivors" = 0 ]
