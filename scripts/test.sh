#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The one command that sets up a fresh Debian bookworm machine and runs the whole test suite.
#
#   scripts/test.sh            configs from $OA_CONFIGS (default: all but `gcc` and `clang`, in
#                              the order below)
#   scripts/test.sh --quick    gcc config only
#
# Configs (each in build/<name>, Ninja, ccache when present):
#   gcc         g++, Debug; everything: unit, integration, fault matrix, proxy/mTLS, certctl,
#               examples, benchmarks, contract (Prism + openai-node) and consumer (packaging)
#               tests. Not in the default set: asan runs the same with the sanitizers on.
#   asan        g++, -O0 -g -fsanitize=address,undefined -fno-sanitize-recover=all; everything
#               as gcc but the consumer tests (trixie-gcc and trixie-clang-libcxx run those;
#               CI time: the whole run once took 4950 s of its 90 minutes). gcc, asan and
#               trixie-clang-libcxx also build openai_admin_tests_separate (the core suites
#               with the SDK compiled apart); the other configs leave it out for CI time.
#   asan-clang  clang++, same + -fno-sanitize=function (clang 14 cannot build coroutines with
#               it); the full suite: this is also the clang 14 build
#   tsan        g++, -fsanitize=thread; only the concurrency tests (tests/integration/faults_tests
#               and cancellation_tests)
#   fuzz        clang++ libFuzzer + ASan/UBSan: replays tests/fuzz/{corpus,regressions}, then
#               fuzzes for $OA_FUZZ_SECONDS (default 60) seconds
#   clang       clang++, Debug, without sanitizers (not in the default set)
#   docs        scripts/docs.sh: the reference manual with Doxygen, any warning an error (an
#               undocumented public name fails), and scripts/check_snippets.py (every code
#               block of README.md and docs/ is in a compiled file); the configs that build the
#               examples also compile docs/snippets and run the cookbook (ctest docs.*)
#
# Newer toolchains, each in a Debian 13 (trixie) root that scripts/debian-root.sh makes with
# debootstrap (cached in /var/cache/openai-admin-cpp/roots; the host's apt sources are never
# touched), the checkout's parent folder bind-mounted at the same path. BOOST_ASIO_NO_DEPRECATED
# in all three (and -Werror in every config):
#   trixie-gcc           g++ 14, Boost 1.88 (Debian's packages), Debug; everything, as gcc, and
#                        the OpenTelemetry adapter's tests and example (opentelemetry-cpp 1.19)
#   trixie-clang-libcxx  clang 19 + libc++ 19, Boost.JSON/URL/Test 1.88 built with libc++,
#                        -O2 -g with assertions; everything but the benchmarks
#   boost183             g++ 14, Boost 1.83 (Debian's packages), -O2 -g with assertions;
#                        the openai_admin_tests suite
#
# Environment:
#   OA_CONFIGS="gcc asan"        configs to run, in order
#   OA_JOBS=2                    build and ctest parallelism (the CI machine has 2 cores)
#   OA_FUZZ_SECONDS=60           fuzzing time of the fuzz config
#   OA_NO_INSTALL=1              never run apt-get (fail later if something is missing)
#   OA_BUILD_ROOT=build          where the build dirs go (relative to the repo root)
#   OA_ROOT_CACHE=/var/cache/openai-admin-cpp/roots   where the Debian 13 roots are kept
#   OA_CLEAN_BUILDS=1            remove each config's build dir once it has run (default: 1 when
#                                CI=true, else 0); its ctest log stays in build/<config>.ctest.log
#   CCACHE_MAXSIZE=3G            size cap of each ccache (the host's and one per root)
#
# Disk: a config's build dir takes several GB (debug info, precompiled headers), and CI machines
# keep /var/cache between runs. CI once failed with "No space left on device" four configs in, so
# CI removes each build dir after its config, caps every ccache, and prints the free space
# before each config and what the caches hold at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"

usage() { sed -n '4,49p' "$0" | sed 's/^# \{0,1\}//'; }

quick=0
inner=0 # --inner: running inside a Debian 13 root, for the one config in $OA_CONFIGS
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --inner) inner=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "test.sh: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

if [[ $quick == 1 ]]; then
    CONFIGS="gcc"
else
    CONFIGS="${OA_CONFIGS:-docs asan asan-clang tsan fuzz trixie-gcc trixie-clang-libcxx boost183}"
fi
JOBS="${OA_JOBS:-2}"
FUZZ_SECONDS="${OA_FUZZ_SECONDS:-60}"
BUILD_ROOT="${OA_BUILD_ROOT:-build}"
if [[ ${CI:-} == true ]]; then CLEAN_BUILDS="${OA_CLEAN_BUILDS:-1}"; else CLEAN_BUILDS="${OA_CLEAN_BUILDS:-0}"; fi
# Each ccache (host, and one inside each root) stays under this; three of ccache's default 5G
# each is more than some CI machines have left.
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-3G}"

log() { printf '\n==== %s ====\n' "$*"; }

# -------------------------------------------------------------------------------------------
# 1. System packages (only when some are missing)
# -------------------------------------------------------------------------------------------
if [[ $inner == 0 ]]; then
    bash scripts/install-deps.sh
fi

# -------------------------------------------------------------------------------------------
# 2. Build + test one configuration
# -------------------------------------------------------------------------------------------
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Let ccache cache TUs built with the precompiled header.
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
    # Hits across checkouts at other paths (CI clones afresh): hash paths relative to here.
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$REPO_ROOT")}"
    export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
    ccache -z >/dev/null 2>&1 || true
fi

SAN_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The Debian 13 root a config runs in; empty: the host.
root_of() {
    case $1 in
        trixie-gcc|trixie-clang-libcxx) echo trixie ;;
        boost183) echo trixie-b183 ;;
    esac
}

# Runs one config inside its root: this same script, with --inner.
run_in_root() {
    local name=$1 root=$2
    OA_ROOT_SHARE="$(dirname "$REPO_ROOT")" \
    OA_ROOT_ENV="OA_CONFIGS=$name OA_JOBS=$JOBS OA_BUILD_ROOT=$BUILD_ROOT OA_FUZZ_SECONDS=$FUZZ_SECONDS CCACHE_MAXSIZE=$CCACHE_MAXSIZE OA_CLEAN_BUILDS=0" \
        bash scripts/debian-root.sh run "$root" -- bash "$REPO_ROOT/scripts/test.sh" --inner
}

NEWER_FLAGS="-DBOOST_ASIO_NO_DEPRECATED"

run_config() {
    local name=$1 dir="$BUILD_ROOT/$1"
    local cmake_args=() ctest_args=() env_vars=() targets=()
    local examples=ON benchmarks=
    local root; root=$(root_of "$name")
    if [[ -n $root && $inner == 0 ]]; then
        wait_for_roots
        rm -f "$dir.ctest.log"
        local rc=0
        run_in_root "$name" "$root" || rc=$?
        count_ctest "$dir.ctest.log"
        return "$rc"
    fi
    if [[ $name == docs ]]; then
        OA_DOCS_OUT="$dir" bash scripts/docs.sh
        return
    fi
    case "$name" in
        gcc)
            cmake_args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug) ;;
        clang)
            cmake_args=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug)
            ctest_args=(-LE "consumer|contract") ;;
        asan|asan-clang)
            local cxx=g++ flags="$SAN_FLAGS"
            if [[ $name == asan-clang ]]; then cxx=clang++; flags="$flags -fno-sanitize=function"; fi
            # Debug keeps assertions on. -O0 builds faster than -O1 (CI time is the limit); the
            # tests wait on sockets, not on the CPU. asan (g++) also builds the examples and
            # benchmarks and runs the contract tests: the one g++ 12 build of CI. The consumer
            # programs (each a configure and a heavy TU under the sanitizers) are left to the two
            # Debian 13 configs.
            cmake_args=(-DCMAKE_CXX_COMPILER=$cxx -DCMAKE_BUILD_TYPE=Debug
                        "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g" "-DCMAKE_CXX_FLAGS=$flags"
                        "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags"
                        -DOPENAI_ADMIN_CONSUMER_TESTS=OFF)
            if [[ $name == asan-clang ]]; then
                examples=OFF
                cmake_args+=(-DOPENAI_ADMIN_TEST_SEPARATE_COMPILATION=OFF)
                ctest_args=(-LE "consumer|contract")
            fi
            # BOOST_TEST_CATCH_SYSTEM_ERRORS=no: let the sanitizers, not Boost.Test, report crashes.
            env_vars=(ASAN_OPTIONS=detect_leaks=1
                      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
                      BOOST_TEST_CATCH_SYSTEM_ERRORS=no) ;;
        tsan)
            # -Wno-tsan: g++ 12 warns that TSan does not model std::atomic_thread_fence, which
            # Asio's own headers use (not our code; with -Werror it would stop the build).
            local flags="-fsanitize=thread -fno-omit-frame-pointer -Wno-tsan"
            cmake_args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug
                        "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" "-DCMAKE_CXX_FLAGS=$flags"
                        "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags"
                        -DOPENAI_ADMIN_CONSUMER_TESTS=OFF "-DOPENAI_ADMIN_TEST_SOURCES=integration/faults_tests.cpp;integration/cancellation_tests.cpp")
            examples=OFF
            targets=(--target openai_admin_tests)
            ctest_args=(-R "openai_admin_tests:(faults|cancellation)")
            env_vars=(TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
                      BOOST_TEST_CATCH_SYSTEM_ERRORS=no) ;;
        fuzz)
            cmake_args=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DOPENAI_ADMIN_BUILD_FUZZERS=ON
                        -DOPENAI_ADMIN_CONSUMER_TESTS=OFF)
            examples=OFF
            targets=(--target fuzz_responses)
            ctest_args=(-L fuzz) ;;
        trixie-gcc)
            cmake_args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS=$NEWER_FLAGS"
                        -DOPENAI_ADMIN_TEST_SEPARATE_COMPILATION=OFF) ;;
        trixie-clang-libcxx)
            # -O2 here, -O0 in trixie-gcc: both levels are warning-checked on the newer compilers.
            # The benchmarks are built by asan and trixie-gcc already (and measured in Release).
            benchmarks=OFF
            # Debian's opentelemetry-cpp is built for libstdc++ (its std::string, absl, ...): it
            # cannot link with libc++, so the OpenTelemetry adapter's tests and example are off.
            cmake_args=(-DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O2 -g"
                        "-DCMAKE_CXX_FLAGS=-stdlib=libc++ $NEWER_FLAGS" "-DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++"
                        "-DCMAKE_SHARED_LINKER_FLAGS=-stdlib=libc++" -DCMAKE_PREFIX_PATH=/opt/boost-1.88-libcxx
                        -DOPENAI_ADMIN_WITH_OPENTELEMETRY=OFF) ;;
        boost183)
            # The examples and benchmarks are built on 1.81 and 1.88 already.
            examples=OFF
            cmake_args=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O2 -g"
                        "-DCMAKE_CXX_FLAGS=$NEWER_FLAGS" -DOPENAI_ADMIN_CONSUMER_TESTS=OFF
                        -DOPENAI_ADMIN_TEST_SEPARATE_COMPILATION=OFF)
            ctest_args=(-LE "consumer|contract|benchmark") ;;
        *)
            echo "test.sh: unknown config '$name' (known: docs gcc clang asan asan-clang tsan fuzz trixie-gcc" \
                 "trixie-clang-libcxx boost183)" >&2
            return 2 ;;
    esac

    # -Werror everywhere: -Wall -Wextra -Wpedantic clean on every toolchain.
    cmake -S . -B "$dir" -G Ninja "${launcher[@]}" "${cmake_args[@]}" -DOPENAI_ADMIN_WERROR=ON \
        -DOPENAI_ADMIN_BUILD_TESTS=ON -DOPENAI_ADMIN_BUILD_EXAMPLES=$examples \
        -DOPENAI_ADMIN_BUILD_BENCHMARKS="${benchmarks:-$examples}" \
        && cmake --build "$dir" -j "$JOBS" "${targets[@]}" \
        && (cd "$dir" && env "${env_vars[@]}" ctest --output-on-failure -j "$JOBS" "${ctest_args[@]}") \
            | tee "$dir.ctest.log"
    local rc=${PIPESTATUS[0]}
    count_ctest "$dir.ctest.log"
    if [[ $rc == 0 && $name == fuzz ]]; then
        # Bounded fuzzing; a crash leaves its input in build/fuzz/findings (keep it in
        # tests/fuzz/regressions once fixed).
        mkdir -p "$dir/findings" "$dir/work-corpus"
        rc=0
        (cd "$dir/findings" && "$REPO_ROOT/$dir/tests/fuzz/fuzz_responses" -max_total_time="$FUZZ_SECONDS" \
            -print_final_stats=1 "$REPO_ROOT/$dir/work-corpus" "$REPO_ROOT/tests/fuzz/corpus") \
            >"$dir/fuzz.log" 2>&1 || rc=$?
        tail -8 "$dir/fuzz.log"
        echo "fuzz: ${FUZZ_SECONDS}s, exit $rc"
        [[ $rc == 0 ]] || ls -l "$dir/findings"
    fi
    return "$rc"
}

# ctest's "N% tests passed, F tests failed out of T" feeds the closing total (and the config's
# counts in the summary).
config_counts=""
count_ctest() {
    config_counts=""
    local line
    line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$1" 2>/dev/null | tail -1 || true)
    [[ -n $line ]] || return 0
    local f t
    f=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    t=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
    total_failed=$((total_failed + f))
    total_passed=$((total_passed + t - f))
    config_counts=",$((t - f))/$t"
}

# The Debian 13 roots take minutes to make on a new machine (debootstrap, apt, a libc++ Boost
# build): make them in the background, niced, while the host configs build; a config that
# runs in a root waits for them first.
roots_pid=
roots_log="$BUILD_ROOT/roots.log"
wait_for_roots() {
    [[ -n $roots_pid ]] || return 0
    log "waiting for the Debian 13 roots ($roots_log)"
    wait "$roots_pid" || echo "making the roots in the background failed; trying again in the config (see $roots_log)"
    roots_pid=
}
if [[ $inner == 0 ]]; then
    want_roots=()
    for cfg in $CONFIGS; do
        r=$(root_of "$cfg")
        [[ -n $r && " ${want_roots[*]} " != *" $r "* ]] && want_roots+=("$r")
    done
    if [[ ${#want_roots[@]} -gt 0 ]]; then
        mkdir -p "$BUILD_ROOT"
        ( for r in "${want_roots[@]}"; do nice -n 10 bash scripts/debian-root.sh ensure "$r" || exit 1; done ) \
            >"$roots_log" 2>&1 &
        roots_pid=$!
    fi
fi

declare -a summary=()
failed=0
total_passed=0
total_failed=0
total_start=$SECONDS
free_space() { df -h --output=avail "$1" 2>/dev/null | tail -1 | tr -d ' '; }
for cfg in $CONFIGS; do
    log "config $cfg ($(date -u +%H:%M:%S) UTC, $(mkdir -p "$BUILD_ROOT" && free_space "$BUILD_ROOT") free)"
    start=$SECONDS
    if run_config "$cfg"; then status=PASS; else status=FAIL; failed=1; fi
    secs=$((SECONDS - start))
    echo "---- config $cfg: $status in ${secs}s"
    summary+=("$cfg=$status(${secs}s$config_counts)")
    if [[ $CLEAN_BUILDS == 1 && $inner == 0 && -d $BUILD_ROOT/$cfg ]]; then
        echo "removing $BUILD_ROOT/$cfg ($(du -sh "$BUILD_ROOT/$cfg" 2>/dev/null | cut -f1))"
        rm -rf "${BUILD_ROOT:?}/$cfg"
    fi
done

if command -v ccache >/dev/null; then echo; echo "ccache (this run):"; ccache -s 2>/dev/null | sed -n '1,6p' || true; fi
if [[ $inner == 0 ]]; then
    echo
    echo "disk: $(free_space "$BUILD_ROOT") free; ccache $(du -sh "$(ccache -k cache_dir 2>/dev/null || echo /nonexistent)" 2>/dev/null | cut -f1);" \
         "roots: $(du -sh "${OA_ROOT_CACHE:-/var/cache/openai-admin-cpp/roots}" 2>/dev/null | cut -f1)"
fi
# Inside a root the outer run reports (from build/<config>.ctest.log).
[[ $inner == 1 ]] && exit "$failed"
echo
echo "SUMMARY: ${summary[*]} total=$((SECONDS - total_start))s => $([[ $failed == 0 ]] && echo PASS || echo FAIL)"
echo "ctest: $total_passed passed, $total_failed failed"
exit "$failed"
