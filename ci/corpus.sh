#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/corpus.sh: upkeep of the committed corpus, corpus/<target>/.
#
#   bash ci/corpus.sh merge [--targets "map free"] [--build DIR] [--features] SOURCE...
#   bash ci/corpus.sh prune [--targets ...] [--build DIR] [--features]
#   bash ci/corpus.sh status
#
# Exit status 2 for a wrong command, option or SOURCE (checked before anything is built).
# Two kinds of file live there (FUZZING.md):
#   regression: every *.trace outside found/ (written by hand, or a shrunk finding); never
#               touched by this script.
#   found:      corpus/<target>/found/<sha1>.trace, inputs fuzzing found that add coverage,
#               as text traces without outcomes (canonical_trace below says why); pruned
#               freely. Both kinds are replayed by the tests (corpus.<target>.replay, .notes).
# merge: new inputs (binary, from a campaign or an engine) are put in canonical form (decoded
#   with the target's op mask, re-encoded), then `fuzz_<target> -merge=1` keeps those adding
#   coverage over the whole committed corpus; they are written to found/. A SOURCE is a
#   ci/fuzz.sh output directory (SOURCE/<target>/corpus), a directory per target
#   (SOURCE/fuzz_<target> or SOURCE/<target>, as OSS-Fuzz and ClusterFuzzLite corpora come), or,
#   with one target, a directory of inputs (ci/afl.sh: OUT/afl/default/queue).
# prune: found/ is merged afresh over the regression inputs; found traces adding nothing go.
# Coverage means edges (-use_counters=0): the committed corpus stays small and reviewable;
#   --features counts libFuzzer's hit-count features too, as the engines' own corpora do.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"

cmd=${1:-}
[ $# -gt 0 ] && shift
targets=$(fuzz_targets_all)
bin="$AWEFUZZ_ROOT/build/clang-fuzz"
counters="-use_counters=0"
sources=()
case "$cmd" in
    merge|prune|status) ;;
    -h|--help|help) print_usage "$0"; exit 0 ;;
    '') usage_error "give a command: merge, prune or status (see --help)" ;;
    *) usage_error "unknown command '$cmd' (commands: merge prune status; see --help)" ;;
esac
while [ $# -gt 0 ]; do
    case "$1" in
        --targets) need_value "$@"; targets=$2; shift 2 ;;
        --build) need_value "$@"; bin=$2; shift 2 ;;
        --features) counters=""; shift ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        -*) usage_error "unknown option '$1' (options: --targets --build --features; see --help)" ;;
        *) sources+=("$1"); shift ;;
    esac
done
# Every argument is checked before anything is installed or built.
check_targets "$targets"
case "$cmd" in
    merge) [ ${#sources[@]} -gt 0 ] || usage_error "merge needs at least one SOURCE directory (see --help)" ;;
    prune|status) [ ${#sources[@]} -eq 0 ] || usage_error "$cmd takes no SOURCE, not '${sources[0]}'" ;;
esac
for s in "${sources[@]}"; do
    [ -d "$s" ] || usage_error "merge: no directory '$s' (a SOURCE is a directory of inputs)"
done

corpus="$AWEFUZZ_ROOT/corpus"

if [ "$cmd" = status ]; then
    args_checked
    for t in $targets; do
        regression=$(find "$corpus/$t" -name '*.trace' -not -path '*/found/*' | wc -l)
        found=$(find "$corpus/$t" -path '*/found/*' -name '*.trace' | wc -l)
        printf '%-9s regression %4s  found %4s\n' "$t" "$regression" "$found"
    done
    exit 0
fi

# The directories SOURCE holds for target T, one per line.
source_dirs() {
    local s=$1 t=$2
    if [ -d "$s/$t/corpus" ]; then echo "$s/$t/corpus"
    elif [ -d "$s/fuzz_$t" ]; then echo "$s/fuzz_$t"
    elif [ -d "$s/$t" ]; then echo "$s/$t"
    elif [ "$(wc -w <<<"$targets")" = 1 ] && [ -d "$s" ]; then echo "$s"
    fi
}

if [ "$cmd" = merge ]; then
    # A SOURCE with nothing for any target is a mistake, found before building.
    any=""
    for t in $targets; do
        for s in "${sources[@]}"; do any+=$(source_dirs "$s" "$t"); done
    done
    [ -n "$any" ] || usage_error "merge: no inputs for ${targets% } in ${sources[*]} (expected SOURCE/<target>/corpus, SOURCE/fuzz_<target>, SOURCE/<target>, or with one target a directory of inputs)"
fi

args_checked
need_toolchain
build_list=(awefuzz)
for t in $targets; do build_list+=("fuzz_$t" "corpus_$t"); done
mkdir -p "$bin"
bin=$(cd "$bin" && pwd)
build_in clang-fuzz "$bin" "-DAWEFUZZ_MUTANT=" "${build_list[@]}" # never judged by a mutant
tool="$bin/tools/awefuzz"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# canonical_trace TARGET FILE: the program as a text trace with the target's op mask applied,
# on stdout, without outcomes: a found program's outcomes were never reviewed against the
# spec, and some depend on where the backend placed its regions (an address past the end of
# one lands wherever the next happens to be), so they are no fixed expectation; the tests
# still hold backend and oracle to agree on it. Status 2 (nothing printed): it diverges, a
# finding and not a corpus input. A soft divergence stops the run, so such a program is
# printed whole, as decoded.
canonical_trace() {
    local t=$1 file=$2 log
    log=$("$tool" replay --log --no-notes --target "$t" "$file" 2>&1 || true)
    if grep -q '^ok ' <<<"$log"; then
        sed -nE 's/^ *[0-9]+  (.*)$/\1/p' <<<"$log" | sed -E 's/ -> .*$//'
    elif grep -q '^soft ' <<<"$log"; then
        "$tool" decode "$file" | grep -v '^#' | sed -E 's/ -> .*$//'
    else
        return 2
    fi
}

# write_found TARGET TRACE_BODY_FILE: writes corpus/<target>/found/<sha1>.trace, the sha1 being
# that of the trace's binary encoding.
write_found() {
    local t=$1 body=$2 sha
    "$tool" encode "$body" -o "$tmp/one.bin"
    sha=$(sha1sum "$tmp/one.bin" | cut -c1-40)
    mkdir -p "$corpus/$t/found"
    {
        echo "# Found by fuzzing fuzz_$t and kept because it adds coverage (ci/corpus.sh, FUZZING.md)."
        echo "# Not regression: prune may delete it. No outcomes: they were never reviewed."
        cat "$body"
    } >"$corpus/$t/found/$sha.trace"
}

# merge_into BASE CANDIDATES: libFuzzer's merge; prints the names of the files it added to BASE.
merge_into() {
    local t=$1 base=$2 cand=$3
    ls "$base" | sort >"$tmp/before"
    # shellcheck disable=SC2086
    "$bin/fuzz/fuzz_$t" -merge=1 $counters "$base" "$cand" >"$tmp/merge.log" 2>&1 || {
        cat "$tmp/merge.log" >&2
        die "fuzz_$t -merge=1 failed (log above)"
    }
    ls "$base" | sort | comm -13 "$tmp/before" -
}

# The sha1 of each file in DIR, as "sha1 name" lines.
hashes() { (cd "$1" && sha1sum -- * 2>/dev/null | sed -E 's/^([0-9a-f]{40}) [ *]?/\1 /'); }

merge_target() {
    local t=$1 dirs=() s d f n=0 skipped=0 added=0 line sha name
    for s in "${sources[@]}"; do
        while IFS= read -r d; do [ -n "$d" ] && dirs+=("$d"); done < <(source_dirs "$s" "$t")
    done
    if [ ${#dirs[@]} -eq 0 ]; then
        echo "corpus: $t: no inputs in ${sources[*]}"
        return
    fi
    rm -rf "$tmp/traces" "$tmp/new" "$tmp/base" && mkdir -p "$tmp/traces" "$tmp/new" "$tmp/base"
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        if ! canonical_trace "$t" "$f" >"$tmp/traces/$n.trace"; then
            rm -f "$tmp/traces/$n.trace"
            skipped=$((skipped + 1))
        fi
    done < <(find "${dirs[@]}" -type f -not -name '.*' -print0)
    if [ -z "$(ls -A "$tmp/traces")" ]; then
        # awefuzz encode refuses a directory without inputs
        echo "corpus: $t: $n inputs, $skipped diverging (findings, not corpus), 0 added to corpus/$t/found/"
        return
    fi
    "$tool" encode "$tmp/traces" -o "$tmp/new"
    cp "$bin/corpus/$t"/*.bin "$tmp/base/"
    merge_into "$t" "$tmp/base" "$tmp/new" >"$tmp/added"
    hashes "$tmp/new" >"$tmp/new.sha"
    while IFS= read -r sha; do
        line=$(grep -m1 "^$sha " "$tmp/new.sha" || true)
        [ -n "$line" ] || continue
        name=${line#* }
        name=${name%.bin}
        write_found "$t" "$tmp/traces/$name.trace"
        added=$((added + 1))
    done <"$tmp/added"
    echo "corpus: $t: $n inputs, $skipped diverging (findings, not corpus), $added added to corpus/$t/found/"
}

prune_target() {
    local t=$1 found=() f name kept removed=0 total=0 regression
    [ -d "$corpus/$t/found" ] || { echo "corpus: $t: nothing in found/"; return; }
    rm -rf "$tmp/keep" "$tmp/cand" && mkdir -p "$tmp/keep" "$tmp/cand"
    for f in "$corpus/$t/found"/*.trace; do
        [ -f "$f" ] || continue
        name=$(basename "$f" .trace)
        found+=("$name")
        cp "$bin/corpus/$t/$name.bin" "$tmp/cand/"
    done
    total=${#found[@]}
    for f in "$bin/corpus/$t"/*.bin; do
        [ -e "$tmp/cand/$(basename "$f")" ] || cp "$f" "$tmp/keep/"
    done
    regression=$(find "$tmp/keep" -type f | wc -l)
    merge_into "$t" "$tmp/keep" "$tmp/cand" >"$tmp/kept"
    hashes "$tmp/cand" >"$tmp/cand.sha"
    for name in "${found[@]}"; do
        sha=$(grep -m1 " $name.bin\$" "$tmp/cand.sha" | cut -c1-40)
        if ! grep -qx "$sha" "$tmp/kept"; then
            rm -f "$corpus/$t/found/$name.trace"
            removed=$((removed + 1))
        fi
    done
    kept=$((total - removed))
    echo "corpus: $t: found/ had $total, kept $kept, removed $removed (regression inputs, never pruned: $regression)"
}

for t in $targets; do
    case "$cmd" in
        merge) merge_target "$t" ;;
        prune) prune_target "$t" ;;
    esac
done
