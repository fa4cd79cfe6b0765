#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/afl.sh: AFL++ as a second engine on the same targets. Builds them with afl-clang-fast
# (the afl preset: ASan+UBSan, LLVMFuzzerTestOneInput driven by AFL++'s libAFLDriver through
# -fsanitize=fuzzer), installs Debian's afl++ when it is missing, fuzzes one target for a time
# box seeded from the committed corpus with the same dictionary, then collects the crashes
# under OUT/crashes/<target>/ and triages them as ci/fuzz.sh does: one shrunk trace per key.
#
#   bash ci/afl.sh [--time SECONDS] [--target map] [--out DIR] [--build DIR] [--mutant NAME]
#                  [--status SECONDS]
#
# --status SECONDS: a status line that often (default 10, 0: none): executions, exec/s, corpus
# size, crashes, distinct findings so far, time left.
# New inputs stay in OUT/afl/default/queue; `bash ci/corpus.sh merge --targets T OUT/afl/default/queue`
# keeps those adding coverage. Exit status 1 on findings, 2 for a wrong option.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=60
target=map
out="$AWEFUZZ_ROOT/out/afl-$(date +%Y%m%d-%H%M%S)"
bin=""
mutant=""
status_every=10
while [ $# -gt 0 ]; do
    case "$1" in
        --time) need_value "$@"; time_box=$2; shift 2 ;;
        --target) need_value "$@"; target=$2; shift 2 ;;
        --out) need_value "$@"; out=$2; shift 2 ;;
        --build) need_value "$@"; bin=$2; shift 2 ;;
        --mutant) need_value "$@"; mutant=$2; shift 2 ;;
        --status) need_value "$@"; status_every=$2; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --time --target --out --build --mutant --status; see --help)" ;;
    esac
done
# Every option is checked before anything is installed or built.
check_positive --time "$time_box"
case "$status_every" in ''|*[!0-9]*) usage_error "--status takes seconds (0: no status lines), not '$status_every'" ;; esac
[ "$(wc -w <<<"$target")" = 1 ] || usage_error "--target takes one target (AFL++ runs one at a time), not '$target'"
check_targets "$target"
[ -z "$mutant" ] || check_mutant "$mutant"

args_checked
need_packages "clang cmake ninja" "clang cmake ninja-build"
need_libfuzzer # the same package holds the sanitizer runtimes afl-clang-fast links
need_packages "afl-fuzz afl-clang-fast" "afl++"
# Named even when empty: a build directory that once held a mutant must not keep it.
extra="-DAWEFUZZ_MUTANT=$mutant"
[ -z "$mutant" ] || bin=${bin:-$AWEFUZZ_ROOT/build/afl-mutant-$mutant}
bin=${bin:-$AWEFUZZ_ROOT/build/afl}
mkdir -p "$bin" "$out/crashes/$target"
bin=$(cd "$bin" && pwd)
out=$(cd "$out" && pwd)
AFL_QUIET=1 build_in afl "$bin" "$extra" awefuzz "fuzz_$target" "corpus_$target"
fuzzer="$bin/fuzz/fuzz_$target"

# A shared CI machine: no core binding, no CPU governor or core_pattern demands, no UI; the
# run ends itself after the time box (-V), the outer timeout is a guard.
export AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
rm -rf "$out/afl"
echo "awefuzz: AFL++ fuzzing $target for ${time_box}s ($(afl-fuzz -h 2>&1 | sed -nE 's/.*(afl-fuzz\+\+[0-9.a-z]+).*/\1/p' | sed -n 1p))"
start=$(date +%s)
timeout $((time_box + 120)) afl-fuzz -i "$bin/corpus/$target" -o "$out/afl" \
    -x "$AWEFUZZ_ROOT/fuzz/awefuzz.dict" -m none -t 1000+ -V "$time_box" -- "$fuzzer" \
    >"$out/afl.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null' EXIT

# A status line every --status seconds from the last row of AFL++'s plot_data (written every
# few seconds; its header names the columns: total_execs, execs_per_sec, corpus_count, ...).
afl_status() {
    local plot="$out/afl/default/plot_data" elapsed
    elapsed=$(( $(date +%s) - start ))
    [ -f "$plot" ] || { echo "awefuzz: $target ${elapsed}s of ${time_box}s: afl-fuzz is starting"; return; }
    awk -F', *' -v t="$target" -v e="$elapsed" -v box="$time_box" \
        -v found="$(distinct_findings "$bin/tools/awefuzz" "$target" "$out/afl/default/crashes")" '
        /^#/ { sub(/^# */, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
        { last = $0 }
        END { n = split(last, v, /, */)
              printf "awefuzz: %-9s %5ss of %ss  %10s execs %7s exec/s  corpus %5s  crash files %3s  distinct findings %s  %ss left\n",
                  t, e, box, v[col["total_execs"]], v[col["execs_per_sec"]], v[col["corpus_count"]],
                  v[col["saved_crashes"]], found, (box > e ? box - e : 0) }' "$plot"
}
watch_run "$pid" "$status_every" afl_status
wait "$pid" || {
    tail -n 30 "$out/afl.log" >&2
    die "afl-fuzz failed (the end of $out/afl.log is above)"
}
trap - EXIT

stats="$out/afl/default/fuzzer_stats"
[ -f "$stats" ] || die "afl-fuzz wrote no $stats (see $out/afl.log)"
afl_stat() { sed -nE "s/^$1 *: *(.*)$/\1/p" "$stats" | sed -n 1p; }
for crash in "$out/afl/default/crashes"/id:*; do
    if [ -f "$crash" ]; then cp "$crash" "$out/crashes/$target/"; fi
done

# AFL++'s binary runs a file it is given once, as libFuzzer does: the same triage, without
# libFuzzer's crash minimizer.
triage "$out" "$bin/tools/awefuzz" "$bin/fuzz" "$target" 0
findings=$FINDINGS

echo "---- awefuzz AFL++ summary ($target${mutant:+, mutant $mutant}, ${time_box}s) ----"
printf '%-9s %10s execs %7s exec/s  edges %s (%s of the map)  corpus %s  crashes %s\n' "$target" \
    "$(afl_stat execs_done)" "$(afl_stat execs_per_sec)" "$(afl_stat edges_found)" \
    "$(afl_stat bitmap_cvg)" "$(afl_stat corpus_count)" "$(afl_stat saved_crashes)"
echo "distinct findings: $findings"
echo "everything is in $out"
[ "$findings" = 0 ]
