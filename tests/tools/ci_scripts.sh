#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci_scripts.sh ROOT: every ci/ script answers --help (its usage, exit 0) and refuses an unknown
# argument and every bad value below in one line on stderr with exit status 2, before it
# installs, builds or runs anything. To prove the "before", the scripts run with a PATH that
# holds the shell's basic tools only: no compiler, CMake, Ninja, apt-get, AFL++ or Wine, so a
# script that went on would fail differently (or time out).
set -uo pipefail
root=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/empty"
for c in bash sh env sed grep awk date nproc cat tr wc head tail sort uniq comm mktemp rm mkdir \
    find xargs basename dirname realpath readlink sha1sum cut id ls cp mv printf sleep kill; do
    p=$(command -v "$c") && ln -s "$p" "$tmp/bin/$c"
done
to=$(command -v timeout) sh_bash=$(command -v bash)
failures=0
fail() {
    echo "FAIL: $*"
    echo "  stdout: $(head -c 400 "$tmp/out")"
    echo "  stderr: $(head -c 400 "$tmp/err")"
    failures=$((failures + 1))
}

# run SCRIPT ARG...: runs ci/SCRIPT with the basic PATH, stdout in out, stderr in err; sets rc.
run() {
    local script=$1
    shift
    (cd "$tmp" && PATH="$tmp/bin" "$to" 20 "$sh_bash" "$root/ci/$script" "$@" >"$tmp/out" 2>"$tmp/err")
    rc=$?
}

# refused SCRIPT PATTERN ARG...: exit 2, nothing on stdout, one line on stderr matching PATTERN.
refused() {
    local script=$1 pattern=$2
    shift 2
    run "$script" "$@"
    local what="ci/$script $*"
    [ "$rc" = 2 ] || fail "$what: exit $rc, expected 2"
    [ ! -s "$tmp/out" ] || fail "$what: printed on stdout"
    [ "$(wc -l <"$tmp/err")" = 1 ] || fail "$what: $(wc -l <"$tmp/err") lines on stderr, expected one"
    grep -qE -- "$pattern" "$tmp/err" || fail "$what: stderr should say /$pattern/"
}

scripts=$(cd "$root/ci" && grep -l '^set -euo pipefail' -- *.sh)
[ -n "$scripts" ] || { echo "FAIL: no scripts in $root/ci"; exit 1; }
for s in $scripts; do
    run "$s" --help
    [ "$rc" = 0 ] || fail "ci/$s --help: exit $rc, expected 0"
    grep -qE "^# +bash ci/${s%.sh}\.sh" "$tmp/out" || fail "ci/$s --help: no usage line 'bash ci/$s ...'"
    [ ! -s "$tmp/err" ] || fail "ci/$s --help: printed on stderr"
    case "$s" in
        corpus.sh) refused "$s" "unknown option '--bogus'" status --bogus ;;
        *) refused "$s" "unknown argument '--bogus'" --bogus ;;
    esac
done

# The bad values the scripts used to take.
refused fuzz.sh "no backend 'nosuch' on Linux \(backends: linux" --backend nosuch
refused fuzz.sh "no mutant 'nosuch' \(mutants: free-count-off-by-one" --mutant nosuch
refused fuzz.sh "no fuzz target 'nosuch' \(targets: sequence map free args" --targets nosuch
refused fuzz.sh "no fuzz target named" --targets " "
refused fuzz.sh "--time takes a whole number" --time 0
refused fuzz.sh "--jobs takes a whole number" --jobs many
refused fuzz.sh "--time needs a value" --time
refused fuzz.sh "--time needs a value" --time --merge
refused fuzz.sh "--status takes seconds" --status soon
refused fuzz.sh "--triage-only needs --out DIR" --triage-only --out "$tmp/nosuch"
refused fuzz.sh "--merge with --mutant" --merge --mutant map-not-atomic
refused afl.sh "no fuzz target 'nosuch'" --target nosuch
refused afl.sh "--target takes one target" --target "map free"
refused afl.sh "no mutant 'nosuch'" --mutant nosuch
refused coverage.sh "--with: no directory '/nonexistent'" --with /nonexistent
refused coverage.sh "--with .* holds no corpus" --with "$tmp/empty"
refused corpus.sh "merge: no directory '/nonexistent'" merge /nonexistent
refused corpus.sh "merge: no inputs for map" merge --targets "map free" "$tmp/empty/"
refused corpus.sh "merge needs at least one SOURCE" merge
refused corpus.sh "give a command" ""
refused corpus.sh "unknown command 'bogus'" bogus
refused corpus.sh "prune takes no SOURCE" prune somewhere
refused mutants.sh "no mutant 'nosuch'" --mutants "map-not-atomic nosuch"
refused mutants.sh "--seeds is 'corpus' or 'none'" --seeds some
refused oss-fuzz-check.sh "--sanitizer takes address, undefined or coverage" --sanitizer memory
refused test.sh "'mingw' is no preset" --presets mingw
refused doc-commands.sh "--build: no directory" --build "$tmp/nosuch"

# The build directory a preset really uses (ci/wine.sh said build/mingw for build/win-mingw).
# shellcheck source=/dev/null
dir=$(source "$root/ci/lib.sh" && preset_dir mingw)
[ "$dir" = build/win-mingw ] || fail "preset_dir mingw says '$dir', CMakePresets.json build/win-mingw"

if [ "$failures" != 0 ]; then
    echo "$failures checks failed"
    exit 1
fi
echo "every ci/ script checks its arguments: $(echo $scripts)"
