#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# user_paths.sh AWEFUZZ REPLAY_MAP ROOT: awefuzz and replay_map on what users give them by
# mistake, and on fuzzer-made inputs. Every refusal must be one line on stderr, saying what is
# wrong, with exit status 2 (1 means a divergence); no input may be lost.
set -uo pipefail
tool=$(realpath "$1") replay_map=$(realpath "$2") root=$(realpath "$3")
[ -x "$tool" ] && [ -x "$replay_map" ] || { echo "usage: $0 AWEFUZZ REPLAY_MAP ROOT"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
failures=0
fail() {
    echo "FAIL: $*"
    echo "  stdout: $(head -c 600 out)"
    echo "  stderr: $(head -c 600 err)"
    failures=$((failures + 1))
}

# run WANT_RC NAME CMD...: runs CMD with stdout in ./out, stderr in ./err, checks the status.
# Every run has a time limit: a FIFO opened for reading would block forever.
run() {
    local want=$1 name=$2 rc
    shift 2
    timeout 60 "$@" >out 2>err </dev/null
    rc=$?
    [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want"
}
# one_line NAME PATTERN: stderr is one line matching PATTERN.
one_line() {
    [ "$(wc -l <err)" = 1 ] || fail "$1: stderr should be one line, it has $(wc -l <err)"
    grep -qE "$2" err || fail "$1: stderr should say /$2/"
}

# A program that passes, and the same with notes no run gives: what a fuzzer's bytes decode to.
cat >good.trace <<'EOF'
reserve pages=8                      -> SUCCESS
alloc n=4                            -> SUCCESS n=4
map at=R0+2 pfns=[L0 L1]             -> SUCCESS
write at=R0+2 tag=7                  -> ok
read at=R0+2                         -> tag=7
EOF
sed -e 's/-> SUCCESS n=4/-> INVALID_PARAMETER_2 n=1/' \
    -e 's/^\(map .*\)-> SUCCESS/\1-> CONFLICTING_ADDRESSES/' \
    -e 's/-> tag=7/-> fault/' good.trace >garbage-notes.trace
run 0 "replay good.trace" "$tool" replay good.trace

# ---- 1. notes: checked for text traces, ignored for binary inputs unless --binary-notes ----
run 1 "a text trace's wrong notes" "$tool" replay garbage-notes.trace
grep -q '^key: AWE-oracle-ALLOC-note' out || fail "a text trace's wrong note should give AWE-oracle-ALLOC-note"
mkdir campaign
run 0 "encode" "$tool" encode garbage-notes.trace -o campaign/0123456789abcdef0123456789abcdef01234567
cp campaign/0123456789abcdef0123456789abcdef01234567 campaign/crash-0123456789abcdef0123456789abcdef01234567
run 0 "a fuzzer's corpus with garbage notes replays clean" "$tool" replay --target map campaign
grep -q '^2 passed, 0 failed$' out || fail "the campaign corpus: expected '2 passed, 0 failed'"
run 0 "replay --log of a binary input" "$tool" replay --log --target map campaign/crash-0123456789abcdef0123456789abcdef01234567
run 1 "--binary-notes holds a binary input to its notes" "$tool" replay --binary-notes campaign/crash-0123456789abcdef0123456789abcdef01234567
grep -q '^key: AWE-oracle-ALLOC-note' out || fail "--binary-notes: expected AWE-oracle-ALLOC-note"
run 2 "shrink ignores a binary input's notes" "$tool" shrink campaign/crash-0123456789abcdef0123456789abcdef01234567
one_line "shrink of a clean binary input" "does not diverge"
run 0 "decode drops a binary input's notes" "$tool" decode campaign/crash-0123456789abcdef0123456789abcdef01234567
! grep -q -- '->' out || fail "decode printed the notes of a binary input"
run 0 "decode --binary-notes" "$tool" decode --binary-notes campaign/crash-0123456789abcdef0123456789abcdef01234567
grep -q -- '-> INVALID_PARAMETER_2' out || fail "decode --binary-notes should print the notes"

# ---- 3. directory walking ----
mkdir walk
cp good.trace walk/a.trace
ln -s nowhere walk/b.trace
cp good.trace walk/c.trace
mkfifo walk/d
echo 'add_test(NAME x COMMAND y)' >walk/CMakeLists.txt
echo '# notes' >walk/README.md
run 2 "a dangling link is reported and the walk goes on" "$tool" replay walk
grep -q '^ok    walk/a.trace' out && grep -q '^ok    walk/c.trace' out ||
    fail "the traces after a dangling link must still run"
grep -q '^2 passed, 0 failed, 1 could not be read' out || fail "the summary must count the dangling link"
grep -q 'walk/b.trace is a symbolic link to nothing' err || fail "the dangling link must be named"
grep -q 'walk/d is not a regular file' err || fail "the FIFO must be named"
[ "$(wc -l <err)" = 2 ] || fail "one line for the link, one for the FIFO"
grep -q 'CMakeLists\|README' out err && fail "CMakeLists.txt and README.md are no inputs"
run 2 "replay_map: the same walk" "$replay_map" walk
grep -q '^replayed 2 inputs' out || fail "replay_map should replay the two traces"
run 2 "a FIFO named directly" "$tool" replay walk/d
one_line "a FIFO named directly" "not a regular file"
run 2 "a dangling link named directly" "$tool" replay walk/b.trace
one_line "a dangling link named directly" "symbolic link to nothing"
mkdir empty
run 2 "an empty directory" "$tool" replay empty
one_line "an empty directory" "no inputs found in empty"
[ ! -s out ] || fail "an empty directory: no summary of nothing"
run 2 "replay_map on an empty directory" "$replay_map" empty
grep -q "no inputs found in empty" err || fail "replay_map: say that the directory holds no inputs"
run 2 "a directory of non-inputs" "$tool" replay "$root/docs"
one_line "a directory of non-inputs" "no inputs found"
run 2 "replay of a missing path" "$tool" replay nosuch.trace
one_line "a missing path" "no such file or directory: nosuch.trace"

# replay_<target> reads a .trace as text: a malformed one is an error, not random bytes.
printf 'reserve pages=8 -> SUCCESS\nbogus op\n' >malformed.trace
run 2 "replay_map: a malformed trace" "$replay_map" malformed.trace
grep -q "malformed.trace: line 2" err || fail "replay_map must parse .trace files"
run 0 "replay_map: a trace" "$replay_map" good.trace
grep -q '^replayed 1 inputs' out || fail "replay_map: one input"

# ---- 4. exit statuses and options ----
run 2 "replay: a malformed trace" "$tool" replay malformed.trace
run 2 "decode: a malformed trace" "$tool" decode malformed.trace
one_line "decode: a malformed trace" "malformed.trace: line 2"
run 2 "encode: a malformed trace" "$tool" encode malformed.trace -o m.bin
run 2 "export: a malformed trace" "$tool" export malformed.trace -o m.c
run 2 "shrink: a malformed trace" "$tool" shrink malformed.trace
run 2 "an unknown target" "$tool" replay --target nosuch "$root/corpus/map"
one_line "an unknown target, once" "unknown target 'nosuch' \(targets: "
run 2 "an unknown backend" "$tool" replay --backend nosuch good.trace
one_line "an unknown backend" "unknown backend 'nosuch' \(this build has: "
run 0 "--backend help" "$tool" replay --backend help
grep -q '^backends in this build: ' out || fail "--backend help lists the backends"
run 2 "an unknown option" "$tool" replay --bogus good.trace
one_line "an unknown option" "unknown option '--bogus'"
run 2 "no input" "$tool" replay
one_line "no input" "no input given"
for cmd in decode encode replay shrink export conformance; do
    run 0 "$cmd --help" "$tool" "$cmd" --help
    grep -q "^usage: awefuzz $cmd" out || fail "$cmd --help prints its usage"
done
run 0 "help" "$tool" help
grep -q '^exit status: 0 clean; 1 a divergence' out || fail "awefuzz help documents the exit statuses"

# Outputs never overwrite inputs.
cp good.trace keep.trace
run 2 "encode onto its input" "$tool" encode keep.trace -o keep.trace
one_line "encode onto its input" "is the input"
cmp -s good.trace keep.trace || fail "encode overwrote its input"
ln -s keep.trace alias.trace
run 2 "encode onto its input through a link" "$tool" encode keep.trace -o alias.trace
cmp -s good.trace keep.trace || fail "encode overwrote its input through a link"
run 2 "export onto its input" "$tool" export keep.trace -o keep.trace
cmp -s good.trace keep.trace || fail "export overwrote its input"
run 2 "decode onto its input" "$tool" decode keep.trace -o keep.trace
cmp -s good.trace keep.trace || fail "decode overwrote its input"
run 2 "shrink onto its input" "$tool" shrink keep.trace -o keep.trace
cmp -s good.trace keep.trace || fail "shrink overwrote its input"
mkdir self && cp good.trace self/x.trace
run 2 "encode a directory onto a file in it" "$tool" encode self -o self/x.trace
cmp -s good.trace self/x.trace || fail "encode overwrote a trace of its input directory"
run 2 "a write that fails" "$tool" encode good.trace -o /dev/full
one_line "a write that fails" "cannot write /dev/full"

# Output directories are created (mkdir -p).
run 0 "export into a new directory" "$tool" export "$root/corpus/map" -o new/export/dir
[ "$(find new/export/dir -name '*.c' | wc -l)" -gt 0 ] || fail "export wrote no reproducer into new/export/dir"
mkdir clean && cp good.trace clean/a.trace && cp good.trace clean/c.trace
run 0 "encode into a new directory" "$tool" encode clean -o new/encoded
[ -f new/encoded/a.bin ] && [ -f new/encoded/c.bin ] || fail "encode wrote no a.bin, c.bin into new/encoded"

if [ "$failures" != 0 ]; then
    echo "$failures checks failed"
    exit 1
fi
echo "every user path behaves"
