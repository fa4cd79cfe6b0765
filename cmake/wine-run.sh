#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# cmake/wine-run.sh PREFIX PROGRAM.exe [ARGS...]: runs a Windows program under Wine, quietly,
# in the Wine prefix PREFIX (created on first use; concurrent callers wait for it).
set -e
prefix=$1
shift
# no Mono/Gecko installers, no debugger on a crash (the exit status tells), no display
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d" DISPLAY=
if [ ! -f "$prefix/.awefuzz-ready" ]; then
    mkdir -p "$prefix"
    (
        flock 9
        if [ ! -f "$prefix/.awefuzz-ready" ]; then
            wineboot -i >/dev/null 2>&1 || true
            wineserver -w 2>/dev/null || true
            touch "$prefix/.awefuzz-ready"
        fi
    ) 9>"$prefix.lock"
fi
exec wine "$@"
