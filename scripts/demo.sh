#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Installs what is missing, builds, starts the bundled Admin API server on loopback and runs
# the tour of all ten certificate operations against it.
#
#   scripts/demo.sh            against the local server (HTTPS, its own test CA)
#   scripts/demo.sh --live     against the real API: needs OPENAI_ADMIN_KEY (and optionally
#                              OPENAI_BASE_URL); uploads a throwaway CA, then deletes it
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

live=0
case "${1:-}" in
    "") ;;
    --live) live=1 ;;
    *) echo "usage: scripts/demo.sh [--live]" >&2; exit 2 ;;
esac
if [[ $live == 1 && -z "${OPENAI_ADMIN_KEY:-}" ]]; then
    echo "demo.sh --live: set OPENAI_ADMIN_KEY to an admin key first" >&2
    exit 2
fi

bash scripts/install-deps.sh

build=build/demo
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
echo "== building (first time: a few minutes)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENAI_ADMIN_CONSUMER_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j "${OA_JOBS:-2}" --target tour oa_admin_server

work=$(mktemp -d)
server_pid=
cleanup() {
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The CA certificate the tour uploads: self-signed, CA:TRUE, with key identifiers.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
    -subj "/CN=openai-admin-cpp demo CA" -days 365 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$work/ca.pem" 2>/dev/null

if [[ $live == 1 ]]; then
    echo "== live: ${OPENAI_BASE_URL:-https://api.openai.com/v1}"
    exec_args=(--pem "$work/ca.pem")
else
    export OPENAI_ADMIN_KEY=sk-admin-demo-key
    "$build/tests/server/oa_admin_server" --admin-key "$OPENAI_ADMIN_KEY" --port 0 \
        --port-file "$work/port" --ca-out "$work/server-ca.pem" &
    server_pid=$!
    for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
    [[ -s "$work/port" ]] || { echo "the local server did not start" >&2; exit 1; }
    export OPENAI_BASE_URL="https://127.0.0.1:$(cat "$work/port")/v1"
    exec_args=(--pem "$work/ca.pem" --ca-file "$work/server-ca.pem")
fi
"$build/examples/tour" "${exec_args[@]}"
