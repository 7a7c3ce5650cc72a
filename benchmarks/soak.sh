#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The soak: builds bench_soak in Release (build/soak, or $OA_SOAK_BUILD) and runs it. Arguments
# go to bench_soak (default: 1,000,000 calls, 256 in flight); see bench_soak --help.
#   benchmarks/soak.sh                  # the full soak
#   benchmarks/soak.sh --calls 20000    # a short one
# Exit status: bench_soak's (1: a call failed, RSS or fds grew, or --max-seconds passed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${OA_SOAK_BUILD:-$root/build/soak}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$root" -B "$build" "${gen[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DOPENAI_ADMIN_BUILD_TESTS=ON -DOPENAI_ADMIN_BUILD_BENCHMARKS=ON -DOPENAI_ADMIN_BUILD_EXAMPLES=OFF \
        -DOPENAI_ADMIN_CONSUMER_TESTS=OFF -DOPENAI_ADMIN_TEST_SOURCES=unit/policy_tests.cpp >/dev/null
fi
cmake --build "$build" -j"${OA_SOAK_JOBS:-2}" --target bench_soak
exec "$build/benchmarks/bench_soak" "$@"
