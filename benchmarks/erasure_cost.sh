#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The runtime cost of separate compilation (the handler is type-erased, any_completion_handler,
# and the request path is reached through a non-inline call): user-space instructions per call,
# counted with callgrind, of bench_client (header-only) and bench_client_separate (the same
# source on openai_admin::compiled), for `get` and `list` (one 100-item page), at concurrency 1,
# against the bundled oa_admin_server over plain HTTP (TLS would only add the same constant to
# both). Per call = (instructions of N2 calls - instructions of N1 calls) / (N2 - N1), so
# start-up and shutdown cancel out. Release build in build/bench-erasure.
#
#   benchmarks/erasure_cost.sh [BUILD_DIR]
#   OA_BASELINE_CLIENT=PATH      also counts that bench_client (e.g. built from an earlier commit)
#   OA_N1=1000 OA_N2=3000        the two call counts
# Installs valgrind (scripts/install-deps.sh) when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${1:-build/bench-erasure}
N1=${OA_N1:-1000}
N2=${OA_N2:-3000}
export OPENAI_ADMIN_KEY=sk-admin-bench
command -v valgrind >/dev/null || bash scripts/install-deps.sh valgrind

source benchmarks/common.sh
bench_build "$BUILD" bench_client bench_client_separate oa_admin_server
bench_server "$BUILD" --http --seed 100

# instructions CLIENT OP N -> total user-space instructions of one run
instructions() {
    local out="$work/cg.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$1" --base-url "$url" --op "$2" --requests "$3" \
        --concurrency 1 --page-size 100 --id cert_seed_000000 >/dev/null 2>"$work/valgrind.log" \
        || { cat "$work/valgrind.log" >&2; exit 1; }
    awk '/^(summary|totals):/ {print $2; exit}' "$out"
}

clients=("$BUILD/benchmarks/bench_client" "$BUILD/benchmarks/bench_client_separate")
names=("header-only" "separate")
if [[ -n ${OA_BASELINE_CLIENT:-} ]]; then
    clients+=("$OA_BASELINE_CLIENT")
    names+=("baseline")
fi

echo "instructions per call (callgrind, ($N2 calls - $N1 calls) / $((N2 - N1))), $(${CXX:-c++} --version | head -1)"
for op in get list; do
    line="$op:"
    first=
    for i in "${!clients[@]}"; do
        a=$(instructions "${clients[$i]}" "$op" "$N1")
        b=$(instructions "${clients[$i]}" "$op" "$N2")
        per=$(( (b - a) / (N2 - N1) ))
        if [[ -z $first ]]; then
            first=$per
            line+=$(printf ' %s %d' "${names[$i]}" "$per")
        else
            line+=$(printf ' | %s %d (%+.2f%%)' "${names[$i]}" "$per" \
                "$(awk -v a="$per" -v b="$first" 'BEGIN {print (a - b) * 100 / b}')")
        fi
    done
    echo "$line"
done
