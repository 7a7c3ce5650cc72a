# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Sourced by walk.sh and erasure_cost.sh: a Release build of some targets, and the bundled
# oa_admin_server started in the background for the rest of the script.

# bench_build BUILD_DIR TARGET...: configures BUILD_DIR (Release, tests on for oa_admin_server,
# no examples, no consumer tests) and builds the targets.
bench_build() {
    local build=$1 launcher=()
    shift
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
        -DOPENAI_ADMIN_BUILD_TESTS=ON -DOPENAI_ADMIN_BUILD_EXAMPLES=OFF -DOPENAI_ADMIN_BUILD_BENCHMARKS=ON \
        -DOPENAI_ADMIN_CONSUMER_TESTS=OFF >/dev/null
    cmake --build "$build" -j "${OA_JOBS:-2}" --target "$@" >/dev/null
}

# bench_server BUILD_DIR ARGS...: starts BUILD_DIR's oa_admin_server with the key in
# $OPENAI_ADMIN_KEY and ARGS, in a scratch dir $work (removed, and the server stopped, on exit).
# Sets $url (the API's base URL) and, over TLS (unless --http), writes its CA to $work/ca.pem.
bench_server() {
    local build=$1 scheme=https
    shift
    [[ " $* " == *" --http "* ]] && scheme=http
    work=$(mktemp -d)
    server_pid=
    trap 'if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null; fi; rm -rf "$work"' EXIT
    local tls=()
    [[ $scheme == https ]] && tls=(--ca-out "$work/ca.pem")
    "$build/tests/server/oa_admin_server" --admin-key "$OPENAI_ADMIN_KEY" --port 0 --port-file "$work/port" \
        "${tls[@]}" "$@" >/dev/null &
    server_pid=$!
    for _ in $(seq 400); do
        [[ -s $work/port && ($scheme == http || -s $work/ca.pem) ]] && break
        sleep 0.05
    done
    [[ -s $work/port ]] || { echo "$(basename "$0"): oa_admin_server did not start" >&2; exit 1; }
    url="$scheme://127.0.0.1:$(cat "$work/port")/v1"
}
