#!/usr/bin/env bash
# ci/fuzz.sh: the main job. Builds the libFuzzer targets with clang (ASan+UBSan) and fuzzes
# the default backend: every target in turn for a time box, on all cores (libFuzzer -fork),
# seeded from the committed corpus. Findings are deduplicated by canonical key, each shrunk
# to a small runnable trace, and listed at the end with executions, exec/s and coverage.
#
#   bash ci/fuzz.sh [--time SECONDS_PER_TARGET] [--targets "map free"] [--jobs N] [--out DIR]
#                   [--backend NAME]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

time_box=60
targets="sequence map free args"
jobs=$(nproc 2>/dev/null || echo 2)
out="$AWEFUZZ_ROOT/out/fuzz-$(date +%Y%m%d-%H%M%S)"
backend=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_box=${2:?--time needs seconds}; shift 2 ;;
        --targets) targets=${2:?--targets needs names}; shift 2 ;;
        --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --backend) backend=${2:?--backend needs a name}; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) die "unknown option '$1' (options: --time --targets --jobs --out --backend)" ;;
    esac
done
case "$time_box" in ''|*[!0-9]*) die "--time takes whole seconds, not '$time_box'" ;; esac

need_toolchain
build_preset clang-fuzz
bin="$AWEFUZZ_ROOT/build/clang-fuzz"
[ -n "$backend" ] && export AWEFUZZ_BACKEND="$backend"
mkdir -p "$out/crashes"

# The last libFuzzer status line: "#N ... cov: C ft: F corp: K ... exec/s: E ..."
stat_of() { grep -E '^#[0-9]+' "$1" | tail -n 1; }
field() { sed -nE "s/.*[ ]$2:? ([0-9]+).*/\1/p" <<<"$1" | head -n 1; }

summary=""
for t in $targets; do
    fuzzer="$bin/fuzz/fuzz_$t"
    [ -x "$fuzzer" ] || die "no fuzz target '$t' (targets: sequence map free args)"
    work="$out/$t"
    mkdir -p "$work/corpus" "$out/crashes/$t"
    cp "$bin/corpus/$t"/*.bin "$work/corpus/" 2>/dev/null || true
    echo "awefuzz: fuzzing $t for ${time_box}s on $jobs cores"
    start=$(date +%s)
    "$fuzzer" -fork="$jobs" -ignore_crashes=1 -max_total_time="$time_box" -max_len=2048 \
        -artifact_prefix="$out/crashes/$t/" -dict="$AWEFUZZ_ROOT/fuzz/awefuzz.dict" \
        "$work/corpus" "$bin/corpus/$t" >"$work/log" 2>&1 || true
    secs=$(( $(date +%s) - start ))
    line=$(stat_of "$work/log")
    execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
    cov=$(field "$line" cov); ft=$(field "$line" ft); corp=$(field "$line" corp)
    found=$(find "$out/crashes/$t" -type f | wc -l)
    rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
    summary+=$(printf '%-9s %10s execs %7s exec/s  cov %6s  ft %6s  corpus %5s  crash files %s' \
        "$t" "${execs:-0}" "$rate" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found")$'\n'
done

# Each crash file replays to a key; one shrunk trace per key.
declare -A seen=()
findings=0
for t in $targets; do
    for crash in "$out/crashes/$t"/*; do
        [ -f "$crash" ] || continue
        key=$("$bin/tools/awefuzz" replay --target "$t" --no-notes "$crash" 2>/dev/null |
              sed -nE 's/^key: (.*)/\1/p' | head -n 1)
        [ -n "$key" ] || key="unreproducible-$(basename "$crash")"
        [ -n "${seen[$key]:-}" ] && continue
        seen[$key]=1
        findings=$((findings + 1))
        "$bin/tools/awefuzz" shrink --target "$t" "$crash" -o "$out/$key.trace" >/dev/null 2>&1 ||
            cp "$crash" "$out/$key.input"
        echo "finding: $key  ($t, $(basename "$crash")) -> $out/$key.trace"
    done
done

echo "---- awefuzz fuzzing summary (backend ${backend:-default}, ${time_box}s per target, $jobs jobs) ----"
printf '%s' "$summary"
echo "distinct findings: $findings"
echo "everything is in $out"
[ "$findings" = 0 ]
