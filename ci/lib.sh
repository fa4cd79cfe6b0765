# ci/lib.sh: what every ci/ script shares: installing the toolchain on a fresh Debian 12 and
# one-line errors. Source it; do not run it.

AWEFUZZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    echo "awefuzz: $*" >&2
    exit 1
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
    echo "awefuzz: built $preset in build/$preset"
}
