# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# ci/fuzz-lib.sh: what the fuzzing scripts share (fuzz.sh, afl.sh, corpus.sh, coverage.sh):
# building a preset into a chosen directory, the fuzz targets and their libFuzzer options, and
# crash triage: a canonical key per crash input, one shrunk, readable trace per key.
# Source it after lib.sh; do not run it.

# The fuzz targets, from the awe_fuzz_target(...) lines of fuzz/CMakeLists.txt.
fuzz_targets_all() {
    sed -nE 's/^awe_fuzz_target\(([a-z_]+)\)$/\1/p' "$AWEFUZZ_ROOT/fuzz/CMakeLists.txt" | tr '\n' ' '
}

# Dies unless every name in $1 is a fuzz target.
check_targets() {
    local all t
    all=" $(fuzz_targets_all)"
    [ -n "${1// /}" ] || usage_error "no fuzz target named (targets:${all% })"
    for t in $1; do
        case "$all" in *" $t "*) ;; *) usage_error "no fuzz target '$t' (targets:${all% })" ;; esac
    done
}

# build_in PRESET DIR "EXTRA CMAKE ARGS" [TARGET...]: configures DIR from the preset's cache
# variables (plus the extra arguments) and builds the targets named, or everything; quiet
# unless it fails. The awefuzz tool runs at build time (it encodes the corpus): in a coverage
# build it must not leave profiles behind.
build_in() {
    local preset=$1 dir=$2 extra=$3 log
    shift 3
    local only=()
    [ $# -eq 0 ] || only=(--target "$@")
    log=$(mktemp)
    # shellcheck disable=SC2086
    if ! (cd "$AWEFUZZ_ROOT" && cmake --preset "$preset" -B "$dir" $extra >"$log" 2>&1 &&
          LLVM_PROFILE_FILE=/dev/null cmake --build "$dir" "${only[@]}" >>"$log" 2>&1); then
        cat "$log" >&2
        rm -f "$log"
        die "the $preset build in $dir failed (log above)"
    fi
    rm -f "$log"
    echo "awefuzz: built $preset in ${dir#"$AWEFUZZ_ROOT"/}"
}

# The [libfuzzer] section of fuzz/fuzz_<target>.options as flags, one per line (-max_len=2048).
# Paths in it (dict) are relative to fuzz/, as they are to $OUT under OSS-Fuzz.
libfuzzer_options() {
    local file="$AWEFUZZ_ROOT/fuzz/fuzz_$1.options" section="" line key value
    [ -f "$file" ] || return 0
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%%#*}
        case "$line" in
            \[*\]*) section=${line#[}; section=${section%%]*}; continue ;;
            *=*) ;;
            *) continue ;;
        esac
        [ "$section" = libfuzzer ] || continue
        key=$(echo "${line%%=*}" | xargs)
        value=$(echo "${line#*=}" | xargs)
        [ "$key" = dict ] && value="$AWEFUZZ_ROOT/fuzz/$value"
        printf -- '-%s=%s\n' "$key" "$value"
    done <"$file"
}

# ---- status lines while a run goes on ---------------------------------------------------

# watch_run PID EVERY FUNCTION [ARG...]: until PID ends, calls FUNCTION ARG... every EVERY seconds
# (0: never), so that a long time box shows it is alive and how it is doing. Returns when PID
# has ended; the caller then waits for it.
watch_run() {
    local pid=$1 every=$2 next
    shift 2
    next=$(( $(date +%s) + every ))
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        [ "$every" -gt 0 ] && [ "$(date +%s)" -ge "$next" ] && kill -0 "$pid" 2>/dev/null || continue
        next=$(( $(date +%s) + every ))
        "$@" || true
    done
}

# The key of each crash file seen so far, for "distinct findings" in status lines: the
# executor's key of a divergence, else the kind of file (crash, leak, timeout, oom) until the
# triage at the end, which runs the fuzz target on it, names it exactly.
declare -A STATUS_KEY=()

# distinct_findings TOOL TARGET CRASH_DIR: the number of distinct keys among the crash files of
# every target so far (each file is replayed once).
distinct_findings() {
    local tool=$1 t=$2 dir=$3 f key kind
    for f in "$dir"/*; do
        [ -f "$f" ] && [ -z "${STATUS_KEY[$f]:-}" ] || continue
        case "${f##*/}" in
            crash-*|leak-*|timeout-*|oom-*) kind=${f##*/}; kind=${kind%%-*} ;;
            id:*) kind=crash ;; # AFL++
            *) continue ;;      # AFL++'s README.txt
        esac
        key=$("$tool" replay --target "$t" "$f" 2>/dev/null | sed -nE 's/^key: (.*)/\1/p' | head -n 1 || true)
        STATUS_KEY[$f]=${key:-$kind-without-key}
    done
    [ ${#STATUS_KEY[@]} -gt 0 ] || { echo 0; return; }
    printf '%s\n' "${STATUS_KEY[@]}" | sort -u | wc -l
}

# libfuzzer_status TOOL TARGET LOG CRASH_DIR START TIME_BOX: one line from the last "#N" line
# libFuzzer wrote (fork mode: "#N: cov: C ft: F corp: K exec/s: E ... time: Ts").
libfuzzer_status() {
    local tool=$1 t=$2 log=$3 crashes=$4 start=$5 box=$6 line elapsed execs
    line=$(tail -n 200 "$log" | grep -E '^#[0-9]+' | tail -n 1 || true)
    elapsed=$(( $(date +%s) - start ))
    execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
    # exec/s over the whole run: fork mode's own "exec/s N" is the last job's, often 0
    printf 'awefuzz: %-9s %5ss of %ss  %10s execs %7s exec/s  corpus %5s  crash files %3s  distinct findings %s  %ss left\n' \
        "$t" "$elapsed" "$box" "${execs:-0}" "$(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))" \
        "$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$line")" \
        "$(find "$crashes" -type f | wc -l)" "$(distinct_findings "$tool" "$t" "$crashes")" \
        "$(( box > elapsed ? box - elapsed : 0 ))"
}

# ---- crash triage ------------------------------------------------------------------------

# A key for a crash that is no divergence, from what the fuzz target printed running it:
# the sanitizer's kind and the first frame of the project's code (ASAN-heap-buffer-overflow-
# awl_map_run), or TIMEOUT-/OOM-<target>, or UNREPRODUCIBLE-<target> when it runs clean.
crash_key_from_output() {
    local t=$1 out=$2 summary kind frame
    summary=$(grep -m1 '^SUMMARY: ' <<<"$out" || true)
    # "#3 0x55d1 in awl_map_run /libawl/src/awl_mapping.c:88:5" -> awl_map_run, skipping the
    # runtimes' own frames.
    frame=$(sed -nE 's/^ *#[0-9]+ 0x[0-9a-f]+ in ([^ ]+).*/\1/p' <<<"$out" |
            grep -vE '^(__interceptor_|__asan|__ubsan|__lsan|__sanitizer|__GI_|__libc|__interceptor|___interceptor|_start|main$|abort$|raise$|malloc$|calloc$|realloc$|free$|mem(cpy|move|set|cmp)$|str[a-z]*$|fuzzer::|LLVMFuzzer|awe_fuzz_one$)' |
            head -n 1 || true)
    if grep -q 'leaked in' <<<"$summary"; then
        kind=LEAK
    elif [ -n "$summary" ]; then
        # SUMMARY: AddressSanitizer: heap-buffer-overflow /p/x.c:1:2 in f
        kind=$(sed -nE 's/^SUMMARY: ([A-Za-z]+)Sanitizer: ([^ ]+).*/\1 \2/p' <<<"$summary")
        case "$kind" in
            Address*) kind="ASAN-${kind#* }" ;;
            Undefined*)
                kind="UBSAN"
                # UBSan's summary names the line; that is its most precise key.
                frame=$(sed -nE 's|^SUMMARY: [A-Za-z]+: [^ ]+ ([^ ]*/)?([^ /]+:[0-9]+):[0-9]+.*|\2|p' <<<"$summary") ;;
            Memory*) kind="MSAN-${kind#* }" ;;
            *) kind="SAN-${kind#* }" ;;
        esac
    elif grep -q 'libFuzzer: timeout\|ALARM: working on the last Unit\|[Hh]ang' <<<"$out"; then
        kind=TIMEOUT frame=$t
    elif grep -q 'out-of-memory' <<<"$out"; then
        kind=OOM frame=$t
    elif grep -q 'deadly signal\|Aborted\|Segmentation fault' <<<"$out"; then
        kind=SIGNAL
    else
        kind=UNREPRODUCIBLE frame=$t
    fi
    printf '%s-%s\n' "$kind" "${frame:-unknown}" | tr -c 'A-Za-z0-9._\n-' '_'
}

# crash_key TOOL FUZZER TARGET FILE: the canonical key of a crash input. A divergence has the
# executor's key (AWE-linux-MAP-M6); anything else is keyed by crash_key_from_output.
crash_key() {
    local tool=$1 fuzzer=$2 t=$3 file=$4 key out
    key=$("$tool" replay --target "$t" --no-notes "$file" 2>/dev/null |
          sed -nE 's/^key: (.*)/\1/p' | head -n 1 || true)
    if [ -n "$key" ]; then
        echo "$key"
        return
    fi
    # Both libFuzzer and AFL++'s driver run the inputs named on their command line once.
    out=$(timeout 60 "$fuzzer" "$file" 2>&1 || true)
    crash_key_from_output "$t" "$out"
}

# shrink_finding TOOL FUZZER TARGET FILE KEY DIR MINIMIZE: writes DIR/KEY.trace (readable),
# DIR/KEY.input (the input) and DIR/KEY.report (what happened). A divergence is shrunk by
# `awefuzz shrink` to the smallest program with the same key; a sanitizer crash by libFuzzer's
# -minimize_crash when MINIMIZE is 1 (kept only if it still has the same key), then decoded.
shrink_finding() {
    local tool=$1 fuzzer=$2 t=$3 file=$4 key=$5 dir=$6 minimize=$7 input how="" what
    what="a crash, not a divergence"
    input="$dir/$key.input"
    cp "$file" "$input"
    case "$key" in
        AWE-*)
            "$tool" replay --log --target "$t" --no-notes "$file" >"$dir/$key.report" 2>&1 || true
            if "$tool" shrink --target "$t" "$file" -o "$dir/$key.trace" >/dev/null 2>&1; then
                return 0
            fi
            what="a divergence awefuzz shrink could not shrink" ;;
        TIMEOUT-*|OOM-*|UNREPRODUCIBLE-*)
            timeout 60 "$fuzzer" "$file" >"$dir/$key.report" 2>&1 || true ;;
        *)
            if [ "$minimize" = 1 ]; then
                timeout 120 "$fuzzer" -minimize_crash=1 -max_total_time=30 \
                    -exact_artifact_path="$input.min" "$file" >/dev/null 2>&1 || true
                if [ -s "$input.min" ] &&
                   [ "$(crash_key "$tool" "$fuzzer" "$t" "$input.min")" = "$key" ]; then
                    mv "$input.min" "$input"
                    how=", minimized by libFuzzer -minimize_crash"
                fi
                rm -f "$input.min"
            fi
            timeout 60 "$fuzzer" "$input" >"$dir/$key.report" 2>&1 || true ;;
    esac
    {
        echo "# $key: $what (what happened: $key.report)"
        echo "# from $(basename "$file") (fuzz_$t)$how"
        echo "# reproduce: fuzz_$t $key.input"
        "$tool" decode "$input" | grep -v '^# '
    } >"$dir/$key.trace"
}

# triage OUT TOOL FUZZER_DIR "TARGETS" MINIMIZE: every file under OUT/crashes/<target>/ gets
# its key; the first file of each key is shrunk into OUT/KEY.{trace,input,report}. Prints one
# "finding:" line per key and sets FINDINGS to the number of keys.
triage() {
    local out=$1 tool=$2 fuzzer_dir=$3 targets=$4 minimize=$5 t crash key
    declare -A first=() count=()
    local order=()
    FINDINGS=0
    for t in $targets; do
        for crash in "$out/crashes/$t"/*; do
            [ -f "$crash" ] || continue
            key=$(crash_key "$tool" "$fuzzer_dir/fuzz_$t" "$t" "$crash")
            count[$key]=$(( ${count[$key]:-0} + 1 ))
            [ -z "${first[$key]:-}" ] || continue
            first[$key]="$t $crash"
            order+=("$key")
        done
    done
    for key in "${order[@]}"; do
        t=${first[$key]%% *}
        crash=${first[$key]#* }
        shrink_finding "$tool" "$fuzzer_dir/fuzz_$t" "$t" "$crash" "$key" "$out" "$minimize"
        FINDINGS=$((FINDINGS + 1))
        echo "finding: $key  ($t, $(basename "$crash"), ${count[$key]} crash files) -> $out/$key.trace"
    done
}
