#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# crash_file_key.sh AWEFUZZ_MUTABLE REPLAY_MAP_MUTABLE ROOT: a crash file as a fuzzer leaves
# it (binary, named crash-<sha1>, its notes noise) must give the fuzz target's own key through
# every command README.md and FUZZING.md print for a crash file, and through the campaign's
# triage (ci/fuzz-lib.sh crash_key). The divergence is real: a mutant of the Linux backend
# (AWEFUZZ_MUTANT, docs/mutants.md) that a committed map trace catches.
set -uo pipefail
tool=$(realpath "$1") fuzzer=$(realpath "$2") root=$(realpath "$3")
[ -x "$tool" ] && [ -x "$fuzzer" ] || { echo "usage: $0 AWEFUZZ_MUTABLE REPLAY_MAP_MUTABLE ROOT"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The first mutant, in catalogue order, that a map trace of the corpus catches with a key of
# the backend (not of a note), and that trace.
mutants=$(sed -nE 's/^ *X\([A-Z0-9_]+, "([a-z0-9-]+)".*/\1/p' "$root/libawl/src/awl_mutants.h")
trace="" mutant=""
for m in $mutants; do
    out=$(AWEFUZZ_MUTANT=$m "$tool" replay --quiet --target map "$root/corpus/map" 2>/dev/null)
    trace=$(awk '/^FAIL  / { file = $2 } /^key: AWE-linux-/ && file { print file; exit }' <<<"$out")
    if [ -n "$trace" ]; then
        mutant=$m
        break
    fi
done
[ -n "$mutant" ] || { echo "FAIL: no mutant is caught by a trace of corpus/map"; exit 1; }
export AWEFUZZ_MUTANT=$mutant
echo "mutant $mutant, caught by $trace"

# Its notes made garbage, as a fuzzer's bytes decode to: every status is wrong, every access
# faults. As a text trace, those notes would stop the run at the first op with a note key.
grep -v '^#' "$trace" | sed -E -e 's/-> [A-Z][A-Z_0-9]*/-> INVALID_PARAMETER_1/' \
    -e 's/-> (ok|tag=[0-9]+)$/-> fault/' >"$tmp/garbage.trace"
text_key=$("$tool" replay --target map "$tmp/garbage.trace" | sed -nE 's/^key: //p')
case "$text_key" in
    *-note) ;;
    *) fail "the garbage notes should derail a text replay (key '$text_key'): the test proves nothing" ;;
esac
"$tool" encode "$tmp/garbage.trace" -o "$tmp/input.bin" || exit 1
crash="$tmp/crash-$(sha1sum "$tmp/input.bin" | cut -c1-40)"
mv "$tmp/input.bin" "$crash"

# The fuzz target's own key: what it prints before it aborts.
want=$("$fuzzer" "$crash" 2>&1 | sed -nE 's/^key: //p' | sed -n 1p)
case "$want" in
    AWE-linux-*) echo "the fuzz target says: $want" ;;
    *) echo "FAIL: replay_map_mutable gave no backend key for $crash ('$want')"; exit 1 ;;
esac

# The crash-file commands of the documents, as printed: the tool and the fuzz target of any
# build directory, crash-1234 the file, min.trace a scratch output.
mapfile -t commands < <(grep -hE '^    .*(tools/awefuzz (replay|shrink)|fuzz/fuzz_map) .*crash-1234' \
    "$root/README.md" "$root/FUZZING.md" "$root"/docs/*.md | sed -E 's/ +#.*$//; s/^ +//')
[ ${#commands[@]} -ge 3 ] || fail "README.md and FUZZING.md should print replay, shrink and fuzz_map commands for a crash file"
for c in "${commands[@]}"; do
    cmd=$(sed -E -e "s#[^ ]*tools/awefuzz#$tool#" -e "s#[^ ]*fuzz/fuzz_map#$fuzzer#" \
        -e "s#crash-1234#$crash#g" -e "s#min\\.trace#$tmp/min.trace#g" <<<"$c")
    rm -f "$tmp/min.trace"
    read -ra argv <<<"$cmd"
    out=$(cd "$tmp" && "${argv[@]}" 2>&1)
    if [[ "$c" == *" shrink "* ]]; then
        got=$(sed -nE 's/^# key: //p' "$tmp/min.trace" 2>/dev/null)
    else
        got=$(sed -nE 's/^key: //p' <<<"$out" | sed -n 1p)
    fi
    if [ "$got" = "$want" ]; then
        echo "ok: $c -> $got"
    else
        fail "$c: key '$got', the fuzz target says '$want'"
    fi
done

# The campaign's triage (ci/fuzz.sh, ci/afl.sh) keys the file the same way.
# shellcheck source=/dev/null
source "$root/ci/lib.sh"
# shellcheck source=/dev/null
source "$root/ci/fuzz-lib.sh"
got=$(crash_key "$tool" "$fuzzer" map "$crash")
[ "$got" = "$want" ] || fail "triage (crash_key) says '$got', the fuzz target '$want'"

[ "$failures" = 0 ] || exit 1
echo "the crash file has key $want everywhere"
