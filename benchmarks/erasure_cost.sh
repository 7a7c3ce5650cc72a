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
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${1:-build/bench-erasure}
N1=${OA_N1:-1000}
N2=${OA_N2:-3000}
export OPENAI_ADMIN_KEY=sk-admin-bench
command -v valgrind >/dev/null || { echo "erasure_cost.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
    -DOPENAI_ADMIN_BUILD_TESTS=ON -DOPENAI_ADMIN_BUILD_EXAMPLES=OFF -DOPENAI_ADMIN_BUILD_BENCHMARKS=ON \
    -DOPENAI_ADMIN_CONSUMER_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "${OA_JOBS:-2}" --target bench_client bench_client_separate oa_admin_server >/dev/null

work=$(mktemp -d)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$BUILD/tests/server/oa_admin_server" --http --admin-key "$OPENAI_ADMIN_KEY" --port 0 --port-file "$work/port" \
    --seed 100 >/dev/null &
server_pid=$!
for _ in $(seq 400); do [[ -s $work/port ]] && break; sleep 0.05; done
[[ -s $work/port ]] || { echo "erasure_cost.sh: oa_admin_server did not start" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$work/port")/v1"

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
