#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/fuzz.sh: the main job, a fuzzing campaign on one machine. Builds the libFuzzer targets with
# clang (ASan+UBSan) and fuzzes the default backend: every target in turn for a time box, on
# all cores (libFuzzer -fork), seeded from the committed corpus, with the target's options
# (fuzz/fuzz_<target>.options). Crash inputs are collected under OUT/crashes/<target>/,
# deduplicated by canonical key, and each key is shrunk to a small runnable trace
# (OUT/<key>.trace, with OUT/<key>.input and OUT/<key>.report). The summary lists executions,
# exec/s and coverage per target. New inputs stay in OUT/<target>/corpus; --merge keeps those
# that add coverage in corpus/<target>/found/ (ci/corpus.sh merge). Exit status 1 on findings.
#
#   bash ci/fuzz.sh [--time SECONDS_PER_TARGET] [--targets "map free"] [--jobs N] [--out DIR]
#                   [--backend NAME] [--build DIR] [--mutant NAME] [--status SECONDS]
#                   [--merge] [--triage-only]
#
# --status SECONDS: a status line that often while a target runs (default 10, 0: none):
# executions, exec/s, corpus size, crash files, distinct findings so far, time left.
# --mutant NAME fuzzes a build with that injected bug (libawl/src/awl_mutants.h) in its own
# build directory: a campaign that finds nothing there is not working.
# --triage-only fuzzes nothing: it triages the crash files already in OUT/crashes/<target>/
# (a CI artifact, say; FUZZING.md "Reproducing a CI crash").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=60
targets=$(fuzz_targets_all)
jobs=$(nproc 2>/dev/null || echo 2)
out="$AWEFUZZ_ROOT/out/fuzz-$(date +%Y%m%d-%H%M%S)"
backend=""
bin=""
mutant=""
merge=0
triage_only=0
status_every=10
while [ $# -gt 0 ]; do
    case "$1" in
        --time) need_value "$@"; time_box=$2; shift 2 ;;
        --targets) need_value "$@"; targets=$2; shift 2 ;;
        --jobs) need_value "$@"; jobs=$2; shift 2 ;;
        --out) need_value "$@"; out=$2; shift 2 ;;
        --backend) need_value "$@"; backend=$2; shift 2 ;;
        --build) need_value "$@"; bin=$2; shift 2 ;;
        --mutant) need_value "$@"; mutant=$2; shift 2 ;;
        --status) need_value "$@"; status_every=$2; shift 2 ;;
        --merge) merge=1; shift ;;
        --triage-only) triage_only=1; shift ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --time --targets --jobs --out --backend --build --mutant --status --merge --triage-only; see --help)" ;;
    esac
done
# Every option is checked before anything is installed or built.
# -max_total_time=0 would mean no limit at all.
check_positive --time "$time_box"
check_positive --jobs "$jobs"
case "$status_every" in ''|*[!0-9]*) usage_error "--status takes seconds (0: no status lines), not '$status_every'" ;; esac
check_targets "$targets"
[ -z "$backend" ] || check_backend "$backend"
[ -z "$mutant" ] || check_mutant "$mutant"
[ "$merge" = 0 ] || [ -z "$mutant" ] ||
    usage_error "--merge with --mutant would keep inputs judged by a broken backend; merge from a clean build"
if [ "$triage_only" = 1 ]; then
    [ -d "$out/crashes" ] || usage_error "--triage-only needs --out DIR holding DIR/crashes/<target>/ (no $out/crashes)"
fi

args_checked
need_toolchain
# Named even when empty: a build directory that once held a mutant must not keep it.
extra="-DAWEFUZZ_MUTANT=$mutant"
[ -z "$mutant" ] || bin=${bin:-$AWEFUZZ_ROOT/build/clang-fuzz-mutant-$mutant}
bin=${bin:-$AWEFUZZ_ROOT/build/clang-fuzz}
mkdir -p "$bin" "$out/crashes"
bin=$(cd "$bin" && pwd)
out=$(cd "$out" && pwd)
build_list=(awefuzz)
for t in $targets; do build_list+=("fuzz_$t" "corpus_$t"); done
build_in clang-fuzz "$bin" "$extra" "${build_list[@]}"
[ -n "$backend" ] && export AWEFUZZ_BACKEND="$backend"
tool="$bin/tools/awefuzz"

# The last libFuzzer status line: "#N ... cov: C ft: F corp: K ... exec/s: E ..."
stat_of() { grep -E '^#[0-9]+' "$1" | tail -n 1 || true; }
field() { sed -nE "s/.*[ ]$2:? ([0-9]+).*/\1/p" <<<"$1" | sed -n 1p; }

summary=""
for t in $targets; do
    [ "$triage_only" = 0 ] || break
    fuzzer="$bin/fuzz/fuzz_$t"
    work="$out/$t"
    mkdir -p "$work/corpus" "$out/crashes/$t"
    mapfile -t options < <(libfuzzer_options "$t")
    echo "awefuzz: fuzzing $t for ${time_box}s on $jobs cores (${options[*]##*/})"
    start=$(date +%s)
    # New inputs go to OUT/<target>/corpus; the committed corpus is only read. The outer
    # timeout is a guard: -max_total_time ends the run.
    # Every --status seconds a line says how it goes (libfuzzer_status, ci/fuzz-lib.sh).
    timeout $((time_box + 120)) "$fuzzer" -fork="$jobs" -ignore_crashes=1 -timeout=25 \
        -max_total_time="$time_box" "${options[@]}" -artifact_prefix="$out/crashes/$t/" \
        "$work/corpus" "$bin/corpus/$t" >"$work/log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null' EXIT
    watch_run "$pid" "$status_every" libfuzzer_status "$tool" "$t" "$work/log" "$out/crashes/$t" "$start" "$time_box"
    wait "$pid" || true
    trap - EXIT
    secs=$(( $(date +%s) - start ))
    line=$(stat_of "$work/log")
    execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
    cov=$(field "$line" cov); ft=$(field "$line" ft); corp=$(field "$line" corp)
    found=$(find "$out/crashes/$t" -type f | wc -l)
    rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
    summary+=$(printf '%-9s %10s execs %7s exec/s  cov %6s  ft %6s  corpus %5s  crash files %s' \
        "$t" "${execs:-0}" "$rate" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found")$'\n'
done

# Each crash file replays to a key; one shrunk trace per key (ci/fuzz-lib.sh).
triage "$out" "$tool" "$bin/fuzz" "$targets" 1
findings=$FINDINGS

if [ "$triage_only" = 1 ]; then
    echo "distinct findings: $findings (triage only, of $out/crashes)"
    [ "$findings" = 0 ]
    exit
fi
if [ "$merge" = 1 ]; then
    bash "$AWEFUZZ_ROOT/ci/corpus.sh" merge --build "$bin" --targets "$targets" "$out"
else
    echo "awefuzz: new inputs are in $out/<target>/corpus; keep those adding coverage with:"
    echo "    bash ci/corpus.sh merge --targets \"${targets% }\" $out"
fi

echo "---- awefuzz fuzzing summary (backend ${backend:-default}${mutant:+, mutant $mutant}, ${time_box}s per target, $jobs jobs) ----"
printf '%s' "$summary"
echo "distinct findings: $findings"
echo "everything is in $out"
[ "$findings" = 0 ]
