#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ci/corpus-stats.sh: how deep a corpus goes. Replays every input of a corpus directory op by
# op (awefuzz replay --log) and counts what random bytes rarely build: Map and Scatter calls
# that succeed, the most frames a successful one mapped (entries within its count, zero entries
# not counted), writes that land on a mapped page, programs whose successful maps and scatters
# use two or more regions.
#
#   bash ci/corpus-stats.sh --target map [--awefuzz build/gcc-asan/tools/awefuzz] DIR
#
# Prints one line of key=value pairs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fuzz-lib.sh"
target=""
awefuzz="$AWEFUZZ_ROOT/build/gcc-asan/tools/awefuzz"
dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --target) target=${2:?--target needs a name}; shift 2 ;;
        --awefuzz) awefuzz=${2:?--awefuzz needs a path}; shift 2 ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
        -*) usage_error "unknown argument '$1' (options: --target --awefuzz; see --help)" ;;
        *) dir=$1; shift ;;
    esac
done
[ -n "$target" ] || usage_error "--target is required (sequence, map, free, args)"
check_targets "$target"
args_checked
[ -d "$dir" ] || usage_error "no corpus directory '$dir'"
[ -x "$awefuzz" ] || die "no awefuzz tool at '$awefuzz' (build the gcc-asan preset, or pass --awefuzz)"
# A divergence in some input ends that input's replay, not the count: the status is ignored.
{ "$awefuzz" replay --no-notes --log --target "$target" "$dir" 2>&1 || true; } | awk '
    # the entries one list item stands for: L3..L40 or R0+3..R0+40 (a run), L3*4 (a repeat)
    function entries_of(item,    a, b) {
        if (match(item, /\*[0-9]+$/)) return substr(item, RSTART + 1) + 0
        if (index(item, "..") == 0) return 1
        a = substr(item, 1, index(item, "..") - 1); b = substr(item, index(item, "..") + 2)
        sub(/\.[0-9xA-Fa-f]+$/, "", a); sub(/\.[0-9xA-Fa-f]+$/, "", b)
        sub(/^.*[^0-9]/, "", a); sub(/^.*[^0-9]/, "", b)
        return b - a + 1
    }
    # a list'"'"'s items into entries[1..], one per entry (runs and repeats written out as
    # their first item: only whether an entry is the zero PFN matters); returns how many
    function expand(list, entries,    items, m, i, k, n) {
        m = split(list, items, " "); n = 0
        for (i = 1; i <= m; i++) {
            k = entries_of(items[i]); sub(/[.*].*$/, "", items[i])
            while (k-- > 0) entries[++n] = items[i]
        }
        return n
    }
    function finish() {
        if (!inprog) return
        programs++
        if (nreg >= 2) two_regions++
        split("", used); nreg = 0; inprog = 0
    }
    /^# / { finish(); inprog = 1; next }
    /^ *[0-9]+  / {
        op = $2; sub(/@.*/, "", op)
        ok = $0 ~ /-> SUCCESS/
        if (op == "map" || op == "scatter") {
            calls++
            if (ok) {
                calls_ok++
                n = 0
                if (match($0, /pfns=(ro)?\[[^]]*\]/)) {
                    list = substr($0, RSTART, RLENGTH); sub(/^pfns=(ro)?\[/, "", list); sub(/\]$/, "", list)
                    n = expand(list, entries)
                }
                # only the first n= entries are used (a scatter counts its addresses), and a
                # zero entry unmaps
                if (op == "scatter") {
                    vas = 0
                    if (match($0, /at=(ro)?\[[^]]*\]/)) {
                        alist = substr($0, RSTART, RLENGTH); sub(/^at=(ro)?\[/, "", alist); sub(/\]$/, "", alist)
                        vas = expand(alist, unused)
                    }
                    if (vas < n) n = vas
                }
                if (match($0, / n=[0-9]+/)) {
                    used_n = substr($0, RSTART + 3, RLENGTH - 3) + 0
                    if (used_n < n) n = used_n
                }
                frames = 0
                for (k = 1; k <= n; k++) if (entries[k] != "0") frames++
                if (frames > longest) longest = frames
                rest = $0
                while (match(rest, /R[0-9]+\+/)) {
                    r = substr(rest, RSTART, RLENGTH - 1)
                    if (!(r in used)) { used[r] = 1; nreg++ }
                    rest = substr(rest, RSTART + RLENGTH)
                }
            }
        } else if (op == "write") {
            if ($0 ~ /-> ok/) { writes++; writes_mapped++ }
            else if ($0 ~ /-> fault/) writes++
        }
    }
    END {
        finish()
        printf "programs=%d map_scatter=%d ok=%d ok_share=%.1f%% longest_list=%d writes=%d on_mapped=%d on_mapped_share=%.1f%% two_regions=%d\n",
            programs, calls, calls_ok, calls ? 100 * calls_ok / calls : 0, longest,
            writes, writes_mapped, writes ? 100 * writes_mapped / writes : 0, two_regions
    }'
