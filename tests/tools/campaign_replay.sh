#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# campaign_replay.sh FUZZ_MAP AWEFUZZ SEEDS: a short libFuzzer run writes a campaign corpus as
# every campaign does (binary files named by sha1, their notes whatever the mutations made);
# `awefuzz replay` of that directory must pass every input: a fuzzer's notes are never held
# against the oracle (src/input/files.h).
set -uo pipefail
fuzzer=$1 tool=$2 seeds=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/corpus"
"$fuzzer" -seed=7 -runs=4000 -max_len=2048 "$tmp/corpus" "$seeds" >"$tmp/log" 2>&1 ||
    { tail -n 20 "$tmp/log"; echo "FAIL: the fuzzer itself failed"; exit 1; }
n=$(find "$tmp/corpus" -type f | wc -l)
[ "$n" -gt 0 ] || { echo "FAIL: the fuzzer wrote no inputs"; exit 1; }
out=$("$tool" replay --quiet --target map "$tmp/corpus") ||
    { echo "$out" | tail -n 30; echo "FAIL: the campaign corpus of $n inputs does not replay clean"; exit 1; }
grep -qx "$n passed, 0 failed" <<<"$out" || { echo "$out" | tail -n 3; echo "FAIL: expected '$n passed, 0 failed'"; exit 1; }
echo "a campaign corpus of $n fuzzer-made inputs replays clean"
