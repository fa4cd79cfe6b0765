#!/usr/bin/env bash
# ci/afl.sh: AFL++ as a second engine on the same targets. Builds them with afl-clang-fast
# (the afl preset: ASan+UBSan, LLVMFuzzerTestOneInput driven by AFL++'s libAFLDriver through
# -fsanitize=fuzzer), installs Debian's afl++ when it is missing, fuzzes one target for a time
# box seeded from the committed corpus with the same dictionary, then collects the crashes
# under OUT/crashes/<target>/ and triages them as ci/fuzz.sh does: one shrunk trace per key.
#
#   bash ci/afl.sh [--time SECONDS] [--target map] [--out DIR] [--build DIR] [--mutant NAME]
#
# New inputs stay in OUT/afl/default/queue; `bash ci/corpus.sh merge --targets T OUT/afl/default/queue`
# keeps those adding coverage. Exit status 1 on findings.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

time_box=60
target=map
out="$AWEFUZZ_ROOT/out/afl-$(date +%Y%m%d-%H%M%S)"
bin=""
mutant=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time) time_box=${2:?--time needs seconds}; shift 2 ;;
        --target) target=${2:?--target needs a name}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --build) bin=${2:?--build needs a directory}; shift 2 ;;
        --mutant) mutant=${2:?--mutant needs a name}; shift 2 ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
        *) die "unknown option '$1' (options: --time --target --out --build --mutant)" ;;
    esac
done
case "$time_box" in ''|0|*[!0-9]*) die "--time takes whole seconds (1 or more), not '$time_box'" ;; esac
check_targets "$target"
[ "$(wc -w <<<"$target")" = 1 ] || die "--target takes one target (AFL++ runs one at a time)"

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
echo "awefuzz: AFL++ fuzzing $target for ${time_box}s ($(afl-fuzz -h 2>&1 | sed -nE 's/.*(afl-fuzz\+\+[0-9.a-z]+).*/\1/p' | head -n 1))"
timeout $((time_box + 120)) afl-fuzz -i "$bin/corpus/$target" -o "$out/afl" \
    -x "$AWEFUZZ_ROOT/fuzz/awefuzz.dict" -m none -t 1000+ -V "$time_box" -- "$fuzzer" \
    >"$out/afl.log" 2>&1 || {
    tail -n 30 "$out/afl.log" >&2
    die "afl-fuzz failed (the end of $out/afl.log is above)"
}

stats="$out/afl/default/fuzzer_stats"
[ -f "$stats" ] || die "afl-fuzz wrote no $stats (see $out/afl.log)"
afl_stat() { sed -nE "s/^$1 *: *(.*)$/\1/p" "$stats" | head -n 1; }
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
