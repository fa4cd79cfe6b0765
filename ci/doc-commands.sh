#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/doc-commands.sh: every command README.md, FUZZING.md and docs/*.md print must work as
# written on a fresh clone. It extracts them and checks that each one starts correctly, in
# well under a minute, without building anything:
#
#   bash ci/doc-commands.sh [--build DIR]
#
# What counts as a command (the convention for the documents):
#   - a code line (indented four spaces) starting with `bash ci/`, `build/`, `awefuzz `,
#     `cmake `, `ctest ` or `mkdir `; parts joined by `&&` are checked in turn; a `# ...`
#     comment after it is ignored; an indented line starting with `[` continues the line above;
#   - a `bash ci/...` in backquotes in the text.
# A command holding `[` or `...` is a synopsis: every --option in it must be one the script or
# awefuzz command lists in its --help. Anything else is run, in a scratch directory where
# build/<preset>/ is the build DIR (default build/gcc-asan), corpus/ and ci/ are the
# repository's, and these placeholders exist: crash-1234 (a binary program as a fuzzer leaves
# it), OUT (a ci/fuzz.sh output directory: OUT/map/corpus/, OUT/crashes/map/,
# OUT/afl/default/queue/); outputs such as DIR, min.trace and repro.c are written there:
#   - bash ci/X.sh ARGS: with AWEFUZZ_CHECK_ARGS=1, which stops the script once its arguments
#     are checked (exit 0), before it installs, builds or runs anything;
#   - cmake --preset P, cmake --build --preset P, ctest --preset P: P must be such a preset;
#   - build/.../awefuzz, build/.../fuzz_<target>, awefuzz: run (a fuzzer for two seconds at
#     most: -max_total_time is cut down); exit status 0, or 1 for a finding, or 2 from shrink
#     saying the stand-in crash file does not diverge (it is a clean trace), and no sanitizer
#     report. A program this build lacks (fuzz_map in
#     a build without libFuzzer) is reported as skipped.
# Exit status 1 when a command does not work as written, 2 for a wrong option.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build="$AWEFUZZ_ROOT/build/gcc-asan"
while [ $# -gt 0 ]; do
    case "$1" in
        --build) need_value "$@"; build=$2; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --build; see --help)" ;;
    esac
done
[ -d "$build" ] || usage_error "--build: no directory '$build' (build a preset first: cmake --preset gcc-asan && cmake --build --preset gcc-asan)"
build=$(cd "$build" && pwd)
[ -x "$build/tools/awefuzz" ] || usage_error "--build $build has no tools/awefuzz: build it first"
args_checked

root=$AWEFUZZ_ROOT
docs=("$root/README.md" "$root/FUZZING.md" "$root"/docs/*.md)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ln -s "$root/corpus" "$scratch/corpus"
ln -s "$root/known" "$scratch/known"
mkdir -p "$scratch/build" "$scratch/OUT/crashes/map" "$scratch/OUT/afl/default/queue" "$scratch/OUT/map/corpus"
"$build/tools/awefuzz" encode "$root/corpus/map" -o "$scratch/encoded" >/dev/null
first=$(find "$scratch/encoded" -name '*.bin' | sort | sed -n 1p)
[ -n "$first" ] || die "no encoded map trace to stand for crash-1234"
cp "$first" "$scratch/crash-1234"
cp "$first" "$scratch/OUT/afl/default/queue/id:000000,time:0,orig:seed"
cp "$first" "$scratch/OUT/map/corpus/$(sha1sum "$first" | cut -c1-40)"

# The commands, one per line: "file:line<TAB>command".
extract() {
    local f
    for f in "${docs[@]}"; do
        awk -v file="${f#"$root"/}" '
            function flush() { if (cmd != "") print file ":" at "\t" cmd; cmd = "" }
            /^    +\[/ && cmd != "" { line = $0; sub(/^ +/, "", line); cmd = cmd " " line; next }
            /^    (bash ci\/|build\/|awefuzz |cmake |ctest |mkdir )/ {
                flush(); line = $0; sub(/^ +/, "", line); cmd = line; at = NR; next }
            { flush() }
            END { flush() }' "$f"
        grep -noE '`bash ci/[^`]+`' "$f" | sed -E "s|^([0-9]+):\`(.*)\`\$|${f#"$root"/}:\\1\t\\2|"
    done
}

failures=0 checked=0 skipped=0
bad() {
    echo "doc-commands: FAIL: $where: $part: $*" >&2
    failures=$((failures + 1))
}

# The --options of a synopsis must be in the --help of what it names.
check_synopsis() {
    local help opt
    case "$part" in
        "bash ci/"*) help=$(cd "$root" && bash "$(awk '{ print $2 }' <<<"$part")" --help 2>&1 || true) ;;
        *awefuzz*) help=$("$build/tools/awefuzz" "$(awk '{ print $2 }' <<<"$part")" --help 2>&1 || true) ;;
        *) bad "a synopsis of nothing this script knows"; return ;;
    esac
    for opt in $(grep -oE -- '--[a-z][a-z-]*' <<<"$part" | sort -u); do
        grep -qE -- "$opt([^a-z-]|\$)" <<<"$help" || bad "$opt is not in its --help"
    done
}

# cmake --preset P, cmake --build --preset P, ctest --preset P: P must be in that section of
# CMakePresets.json (read directly: cmake --list-presets hides presets for other hosts).
check_preset() {
    local section name
    name=$(sed -nE 's/.*--preset[ =]([^ ]+).*/\1/p' <<<"$part")
    case "$part" in
        "cmake --build "*) section=buildPresets ;;
        "ctest "*) section=testPresets ;;
        *) section=configurePresets ;;
    esac
    [ -n "$name" ] || { bad "no --preset NAME"; return; }
    awk -v want="$section" -v name="\"$name\"" '
        /"[a-zA-Z]+Presets" *:/ { s = $0; sub(/^[^"]*"/, "", s); sub(/".*/, "", s) }
        s == want && index($0, "\"name\": " name) { found = 1 }
        END { exit !found }' "$root/CMakePresets.json" || bad "no $section entry '$name' in CMakePresets.json"
}

# Runs one part of a command in the scratch directory.
run_part() {
    local argv=() out rc prog
    # The words as the shell would split them ("map free" is one): the documents are the
    # repository's own text.
    eval "argv=($part)"
    case "${argv[0]}" in
        bash)
            argv[1]=$root/${argv[1]} # the script's own directory names the repository
            out=$(cd "$scratch" && AWEFUZZ_CHECK_ARGS=1 timeout 30 "${argv[@]}" 2>&1) && rc=0 || rc=$?
            [ "$rc" = 0 ] && grep -q 'arguments ok' <<<"$out" || bad "exit $rc: $out"
            return ;;
        mkdir) (cd "$scratch" && "${argv[@]}") || bad "failed"; return ;;
        awefuzz) argv[0]=$build/tools/awefuzz ;;
        build/*)
            prog=${argv[0]#build/*/}
            argv[0]=$build/$prog
            if [ ! -x "${argv[0]}" ]; then
                echo "doc-commands: skipped (this build has no $prog): $where: $part"
                skipped=$((skipped + 1))
                return
            fi ;;
    esac
    # build/<preset>/ paths in arguments are this build too.
    local i
    for i in "${!argv[@]}"; do
        [[ "${argv[$i]}" != build/*/* ]] || argv[$i]=$build/${argv[$i]#build/*/}
        [[ "${argv[$i]}" != -max_total_time=* ]] || argv[$i]=-max_total_time=2
    done
    out=$(cd "$scratch" && timeout 60 "${argv[@]}" 2>&1 </dev/null) && rc=0 || rc=$?
    local stand_in=0
    [ "$rc" = 2 ] && grep -q 'does not diverge' <<<"$out" && stand_in=1
    if { [ "$rc" -gt 1 ] && [ "$stand_in" = 0 ]; } ||
       grep -qE 'runtime error|Sanitizer|unknown option|unknown command' <<<"$out"; then
        bad "exit $rc: $(grep -E 'ERROR|error|Sanitizer|unknown|FAIL|awefuzz' <<<"$out" | tail -n 8 | tr '\n' ' ')"
    fi
}

while IFS=$'\t' read -r where cmd; do
    cmd=$(sed -E 's/ +#.*$//' <<<"$cmd")
    while [ -n "$cmd" ]; do
        part=${cmd%% && *}
        [ "$part" != "$cmd" ] && cmd=${cmd#* && } || cmd=""
        checked=$((checked + 1))
        if [[ "$part" == *"["* || "$part" == *"..."* ]]; then
            check_synopsis
        elif [[ "$part" =~ ^(cmake|ctest)\  ]]; then
            check_preset
        else
            run_part
        fi
    done
done < <(extract)

[ "$checked" -gt 0 ] || die "no commands found in ${docs[*]}"
if [ "$failures" != 0 ]; then
    die "$failures of $checked documented commands do not work as written (above)"
fi
echo "doc-commands: all $checked documented commands work as written ($skipped skipped: not in this build)"
