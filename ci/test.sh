#!/usr/bin/env bash
# ci/test.sh: the full test suite. Installs the toolchain if missing (Debian 12), builds with
# gcc (ASan+UBSan+LSan, replay drivers) and with clang (the same plus the libFuzzer targets),
# and runs every test in both builds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_toolchain
jobs=$(nproc 2>/dev/null || echo 2)
for preset in gcc-asan clang-fuzz; do
    build_preset "$preset"
    echo "awefuzz: testing $preset"
    (cd "$AWEFUZZ_ROOT" && ctest --preset "$preset" -j "$jobs")
done
