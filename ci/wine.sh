#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/wine.sh: the Windows side of awefuzz, tested on Linux. Installs mingw-w64 and Wine when
# missing (Debian 12: Wine 8.0), cross-builds with the mingw preset (build/win-mingw) and runs
# under Wine, in a private prefix (build/win-mingw/wineprefix):
#   - the regression corpus on the win32 and nt backends: the conformance report
#     (build/win-mingw/wine-conformance.txt and .html) must match known/wine-<major>.txt
#     exactly, so that a Wine change in either direction is noticed;
#   - the oracle's unit tests, built for Windows;
#   - every corpus trace exported as a standalone C reproducer, compiled with mingw-w64, then
#     run: each must run to its end (reporting what differs: Wine implements no AWE) or crash
#     in one of Wine's stubs, never fail to start;
#   - without --unprivileged the backends report "skipped: SeLockMemoryPrivilege not held",
#     never a pass (Wine's token cannot hold the privilege).
#
#   bash ci/wine.sh
#
# It takes no options (exit status 2 for any argument).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) print_usage "$0"; exit 0 ;;
        *) usage_error "unknown argument '$1' (ci/wine.sh takes no options; see --help)" ;;
    esac
done

args_checked
need_packages "x86_64-w64-mingw32-gcc cmake ninja flock" "mingw-w64 cmake ninja-build util-linux"
need_packages "wine" "wine wine64"

build=$AWEFUZZ_ROOT/build/win-mingw
version=$(WINEDEBUG=-all wine --version 2>/dev/null || true)
major=$(sed -n 's/^wine-\([0-9]*\).*/\1/p' <<<"$version")
known=$AWEFUZZ_ROOT/known/wine-$major.txt
[ -n "$major" ] || die "cannot tell the Wine version ('wine --version' said '$version')"
[ -f "$known" ] ||
    die "no known/wine-$major.txt for $version: run 'awefuzz.exe conformance --unprivileged' under Wine and write one (see docs/windows.md)"
echo "awefuzz: $version, expected differences in known/wine-$major.txt"

build_preset mingw
wine_run() { "$AWEFUZZ_ROOT/cmake/wine-run.sh" "$build/wineprefix" "$@"; }

echo "awefuzz: testing mingw under Wine (conformance, oracle unit tests, exported reproducers)"
(cd "$AWEFUZZ_ROOT" && ctest --preset mingw -j "$(nproc 2>/dev/null || echo 2)")
sed -n '/^backend /p;/^rule /,/^(ops /p' "$build/wine-conformance.txt"

# Without the privilege, a run is reported as skipped: never a pass.
set +e
out=$(cd "$build" && wine_run tools/awefuzz.exe replay --backend win32 "$AWEFUZZ_ROOT/corpus/sequence" 2>&1)
rc=$?
(cd "$build" && wine_run tools/awefuzz.exe conformance --backend nt "$AWEFUZZ_ROOT/corpus/sequence" >/dev/null 2>&1)
conformance_rc=$?
set -e
grep -q "skipped: SeLockMemoryPrivilege not held" <<<"$out" && [ "$rc" != 0 ] ||
    die "replay without the privilege should say 'skipped: SeLockMemoryPrivilege not held' and fail (exit $rc): $out"
[ "$conformance_rc" = 77 ] || die "conformance without the privilege should exit 77 (skipped), not $conformance_rc"
echo "awefuzz: without SeLockMemoryPrivilege the runs are reported as skipped (replay exit $rc, conformance 77)"

# The exported reproducers run under Wine too: those the export.* tests built (each op on its
# own layer: mostly Nt calls, which Wine's ntdll lacks) and the same on the Win32 layer, where
# Wine's kernel32 stubs are.
rm -rf "$build/exported-win32"
mkdir -p "$build/exported-win32"
mapfile -t traces < <(find "$AWEFUZZ_ROOT/corpus" -name '*.trace' -not -path '*/found/*' | sort)
(cd "$build" && wine_run tools/awefuzz.exe export --layer win32 "${traces[@]}" \
    -o "$build/exported-win32" >/dev/null 2>&1) || die "awefuzz export --layer win32 failed"
for src in "$build"/exported-win32/*.c; do
    x86_64-w64-mingw32-gcc -std=c11 -Wall -Wextra -Werror -o "${src%.c}.exe" "$src" ||
        die "$src does not compile"
done
same=0 differ=0 crashed=0
for exe in "$build"/exported/*/*.exe "$build"/exported-win32/*.exe; do
    set +e
    wine_run "$exe" >/dev/null 2>&1
    rc=$?
    set -e
    case $rc in
    0 | 77) same=$((same + 1)) ;; # programs of plain regions only: Wine agrees
    1) differ=$((differ + 1)) ;;
    2) die "$(basename "$exe") could not set up (exit 2)" ;;
    *) crashed=$((crashed + 1)) ;; # Wine's stubs write through NULL pointers (see $known)
    esac
done
[ $((same + differ + crashed)) -gt 0 ] || die "no exported reproducer found under $build/exported"
echo "awefuzz: $((same + differ + crashed)) exported reproducers ran under Wine: $same as expected," \
    "$differ report differences, $crashed crash in Wine's stubs"
echo "awefuzz: Wine $major matches known/wine-$major.txt; report: build/win-mingw/wine-conformance.html"
