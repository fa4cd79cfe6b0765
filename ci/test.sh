#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/test.sh: the full test suite. Installs the toolchain if missing (Debian 12), builds with
# gcc (ASan+UBSan+LSan, replay drivers) and with clang (the same plus the libFuzzer targets),
# and runs every test in both builds.
#
#   bash ci/test.sh [--presets "gcc-asan clang-fuzz"]
#
# --presets: the presets to build and test (default both). Exit status 2 for a wrong option.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

presets="gcc-asan clang-fuzz"
while [ $# -gt 0 ]; do
    case "$1" in
        --presets) need_value "$@"; presets=$2; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (options: --presets; see --help)" ;;
    esac
done
for preset in $presets; do
    case "$preset" in
        gcc-asan|clang-fuzz) ;;
        *) usage_error "--presets: '$preset' is no preset this script tests (gcc-asan clang-fuzz; Windows: ci/wine.sh)" ;;
    esac
done
[ -n "${presets// /}" ] || usage_error "--presets needs at least one preset"

args_checked
need_toolchain
jobs=$(nproc 2>/dev/null || echo 2)
for preset in $presets; do
    build_preset "$preset"
    echo "awefuzz: testing $preset"
    (cd "$AWEFUZZ_ROOT" && ctest --preset "$preset" -j "$jobs")
done
