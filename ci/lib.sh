# SPDX-License-Identifier: Apache-2.0
# ci/lib.sh: what every ci/ script shares: installing the toolchain on a fresh Debian 12,
# one-line errors (die: exit 1; usage_error: exit 2) and checking options. Source it; do not
# run it.

AWEFUZZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

die() {
    echo "awefuzz: $*" >&2
    exit 1
}

# A mistake in how a script was called: one line saying what is wrong and what is valid, exit
# status 2 (1 means findings or a failure of what ran). Scripts check every option with it
# before they install, build or run anything.
usage_error() {
    echo "awefuzz: $*" >&2
    exit 2
}

# Scripts call this once their arguments are checked, before they install, build or run
# anything. With AWEFUZZ_CHECK_ARGS=1 they stop there, exit 0: ci/doc-commands.sh checks the
# commands the documents print that way, in seconds.
args_checked() {
    if [ "${AWEFUZZ_CHECK_ARGS:-}" = 1 ]; then
        echo "awefuzz: ci/$(basename "$0"): arguments ok"
        exit 0
    fi
}

# Prints the comment block at the top of SCRIPT, its usage (without the license line).
print_usage() {
    sed -n '2,/^set /{/^#/p}' "$1" | grep -v 'SPDX-License-Identifier'
}

# need_value "$@" (the script's arguments, the option first): the option must have a value,
# the next argument, which is no option.
need_value() {
    [ $# -ge 2 ] && [ -n "$2" ] && [[ "$2" != --* ]] || usage_error "$1 needs a value (see --help)"
}

# Dies with a usage error unless $2 is a whole number of at least 1 (for option $1).
check_positive() {
    case "$2" in ''|*[!0-9]*|0) usage_error "$1 takes a whole number of 1 or more, not '$2'" ;; esac
}

# The mutants of libawl/src/awl_mutants.h, one per line (the first line of each X(...) entry).
mutant_names() {
    sed -nE 's/^ *X\([A-Z0-9_]+, "([a-z0-9-]+)".*/\1/p' "$AWEFUZZ_ROOT/libawl/src/awl_mutants.h"
}

# A usage error unless $1 is a mutant: checked before CMake ever sees the name.
check_mutant() {
    mutant_names | grep -qx -- "$1" ||
        usage_error "no mutant '$1' (mutants: $(mutant_names | tr '\n' ' ')- see docs/mutants.md)"
}

# The backends of the Linux build, from the registry (the list after #else).
linux_backends() {
    sed -nE '/^#else/,/^#endif/s/.*list\[\] = "(.*)";/\1/p' "$AWEFUZZ_ROOT/src/backends/backend_registry.c"
}

# A usage error unless $1 is a backend of the Linux build.
check_backend() {
    local all
    all=$(linux_backends)
    case ", $all, " in *", $1, "*) ;; *) usage_error "no backend '$1' on Linux (backends: $all)" ;; esac
}

# Installs Debian packages (as root, through apt-get), or says in one line what to run.
install_packages() {
    local pkgs=$1 why=$2
    command -v apt-get >/dev/null 2>&1 ||
        die "$why; install the packages '$pkgs' with your package manager"
    [ "$(id -u)" = 0 ] ||
        die "$why; run 'sudo apt-get install -y --no-install-recommends $pkgs' first"
    echo "awefuzz: installing $pkgs ($why)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed; check the network or the apt sources"
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null ||
        die "apt-get install $pkgs failed"
}

# Installs the packages named when any of the commands named is missing:
#   need_packages "clang cmake ninja" "clang cmake ninja-build"
need_packages() {
    local cmds=$1 pkgs=$2 missing=""
    for c in $cmds; do
        command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
    done
    [ -z "$missing" ] || install_packages "$pkgs" "missing:$missing"
}

clang_links_libfuzzer() {
    local probe rc=0
    probe=$(mktemp -d)
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}\n' >"$probe/t.c"
    clang -fsanitize=fuzzer "$probe/t.c" -o "$probe/t" >/dev/null 2>&1 || rc=1
    rm -rf "$probe"
    return $rc
}

# clang links libFuzzer only when its runtime is installed (Debian: libclang-rt-14-dev).
need_libfuzzer() {
    clang_links_libfuzzer && return 0
    install_packages "libclang-rt-14-dev" "clang cannot link libFuzzer"
    clang_links_libfuzzer || die "clang cannot link libFuzzer even with libclang-rt-14-dev installed"
}

need_toolchain() {
    need_packages "gcc clang cmake ninja llvm-profdata" \
        "gcc clang libclang-rt-14-dev llvm cmake ninja-build"
    need_libfuzzer
}

# Configures and builds one preset; quiet unless it fails.
build_preset() {
    local preset=$1 log
    log=$(mktemp)
    if ! (cd "$AWEFUZZ_ROOT" && cmake --preset "$preset" >"$log" 2>&1 &&
          cmake --build --preset "$preset" >>"$log" 2>&1); then
        cat "$log" >&2
        rm -f "$log"
        die "the $preset build failed (log above)"
    fi
    rm -f "$log"
    echo "awefuzz: built $preset in $(preset_dir "$preset")"
}

# The build directory of a configure preset, as CMakePresets.json names it (build/win-mingw
# for mingw), relative to the root.
preset_dir() {
    awk -v want="\"$1\"" '/"name":/ { name = $0; sub(/.*"name": */, "", name); sub(/,.*/, "", name) }
        /"binaryDir":/ && name == want { dir = $0; sub(/.*\$\{sourceDir\}\//, "", dir); sub(/".*/, "", dir); print dir; exit }' \
        "$AWEFUZZ_ROOT/CMakePresets.json"
}
