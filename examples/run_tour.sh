#!/usr/bin/env bash
# ctest driver: starts the bundled server on loopback and runs the tour against it.
#   run_tour.sh SERVER_EXE TOUR_EXE
set -euo pipefail
server=$1 tour=$2
work=$(mktemp -d)
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" \
    -subj "/CN=tour test CA" -days 30 -addext "basicConstraints=critical,CA:TRUE" -out "$work/ca.pem" 2>/dev/null
"$server" --admin-key sk-admin-tour --port 0 --port-file "$work/port" --ca-out "$work/server-ca.pem" >/dev/null &
pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
OPENAI_ADMIN_KEY=sk-admin-tour OPENAI_BASE_URL="https://127.0.0.1:$(cat "$work/port")/v1" \
    "$tour" --pem "$work/ca.pem" --ca-file "$work/server-ca.pem" | tee "$work/out"
for step in "1. upload" "2. get" "3. modify" "4. activate" "5. list" "6. activate" "7. list" \
            "8. deactivate" "9. deactivate" "10. delete" "tour complete"; do
    grep -q "$step" "$work/out" || { echo "missing step: $step" >&2; exit 1; }
done
