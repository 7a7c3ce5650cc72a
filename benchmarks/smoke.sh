#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# ctest `benchmark.smoke`: the benchmark programs work and report what run.sh parses. Starts
# the bundled server seeded with 250 certificates and runs get, list and walk through each
# program at concurrency 1 and 8 (upload needs nginx: run.sh).
#
#   smoke.sh <oa_admin_server> <bench program>...
set -euo pipefail
server=$1
shift
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
export OPENAI_ADMIN_KEY=sk-admin-smoke
"$server" --admin-key "$OPENAI_ADMIN_KEY" --port 0 --port-file "$work/port" --ca-out "$work/ca.pem" --seed 250 >/dev/null &
pid=$!
for _ in $(seq 200); do [[ -s "$work/port" && -s "$work/ca.pem" ]] && break; sleep 0.05; done
url="https://127.0.0.1:$(cat "$work/port")/v1"

fail() { echo "FAIL: $*" >&2; exit 1; }
for prog in "$@"; do
    name=$(basename "$prog")
    for conc in 1 8; do
        for op in get list walk; do
            n=40; [[ $op == walk ]] && n=3
            out=$("$prog" --base-url "$url" --ca-file "$work/ca.pem" --op "$op" --requests "$n" \
                  --concurrency "$conc" --id cert_seed_000001) || fail "$name $op conc=$conc exited $?: $out"
            last=$(tail -1 <<<"$out")
            [[ $last =~ ^$op\ n=$n\ conc=$conc\ [0-9]+\.[0-9]\ ops/s$ ]] || fail "$name $op: last line '$last'"
            [[ $(tail -2 <<<"$out" | head -1) =~ ^latency\ p50=[0-9]+us\ p99=[0-9]+us$ ]] ||
                fail "$name $op: latency line missing"
            if [[ $op == walk ]]; then
                grep -qx "walked 250 items per walk" <<<"$out" || fail "$name walk did not count 250: $out"
            fi
            echo "$name: $last"
        done
    done
    # A failing operation ends the program with status 1, never a report.
    if out=$("$prog" --base-url "$url" --ca-file "$work/ca.pem" --op get --requests 2 --concurrency 1 \
             --id cert_missing 2>&1); then
        fail "$name: get of a missing certificate succeeded: $out"
    fi
    [[ $out != *ops/s* ]] || fail "$name: reported a rate after a failure"
    # Verification is on: without the server's CA the programs refuse it.
    if "$prog" --base-url "$url" --op get --requests 1 --concurrency 1 --id cert_seed_000001 >/dev/null 2>&1; then
        fail "$name: connected without trusting the server's CA"
    fi
done
echo "benchmark smoke: OK"
