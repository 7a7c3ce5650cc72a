#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The SDK against its floor and against the official Node SDK, on one loopback server.
#
#   benchmarks/run.sh             build (Release), start the servers, run everything, print tables
#   benchmarks/run.sh --quick     one repeat, fewer requests (a smoke run of the whole pipeline)
#
# Servers (both on 127.0.0.1, TLS with a CA made here, verification on in every client):
#   nginx (Debian's nginx-light, 1 worker) serving static JSON for get, list and upload
#   the repo's oa_admin_server (tests/server), seeded with certificates, for walk
# Clients, each with the same command line (see bench_common.hpp):
#   sdk   <build>/benchmarks/bench_client   the SDK, public API, default configuration
#   raw   <build>/benchmarks/bench_raw      a minimal hand-written Beast client: the floor
#   node  benchmarks/node/bench.mjs         the official openai npm package (pinned)
# Each op runs at concurrency 1 and 64; the three clients run interleaved (sdk, raw, node, sdk,
# raw, node, ...), $OA_BENCH_REPEATS times; the tables give medians and ratios. Then memory:
# max RSS (/usr/bin/time -v) of a walk over 1,000 and 20,000 certificates, and of 256 gets in
# flight for N and 4N requests.
#
# Environment: OA_BENCH_REPEATS (default 3), OA_BENCH_BUILD (default build/bench),
#              OA_BENCH_CLIENTS (default "sdk raw node"), OA_JOBS (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

quick=0
case "${1:-}" in
    "") ;;
    --quick) quick=1 ;;
    -h|--help) sed -n '4,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
esac

REPEATS=${OA_BENCH_REPEATS:-3}
BUILD=${OA_BENCH_BUILD:-build/bench}
CLIENTS=${OA_BENCH_CLIENTS:-sdk raw node}
# Requests per run: C++ clients / Node (slower; still several seconds per run).
N_GET=20000 N_LIST=5000 N_UPLOAD=20000 N_WALK=64
NODE_N_GET=5000 NODE_N_LIST=2000 NODE_N_UPLOAD=5000 NODE_N_WALK=64
WALK_SEED=1000
if [[ $quick == 1 ]]; then
    REPEATS=1 N_GET=2000 N_LIST=500 N_UPLOAD=2000 N_WALK=64
    NODE_N_GET=500 NODE_N_LIST=200 NODE_N_UPLOAD=500 NODE_N_WALK=64
fi
export OPENAI_ADMIN_KEY=sk-admin-bench

# --- 1. what it needs ------------------------------------------------------------------------
bash scripts/install-deps.sh nginx-light time
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
    -DOPENAI_ADMIN_BUILD_TESTS=ON -DOPENAI_ADMIN_BUILD_EXAMPLES=OFF -DOPENAI_ADMIN_BUILD_BENCHMARKS=ON \
    -DOPENAI_ADMIN_CONSUMER_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "${OA_JOBS:-2}" --target bench_client bench_raw oa_admin_server
NODE_DIR="$ROOT/$BUILD/bench_node"
if [[ " $CLIENTS " == *" node "* ]]; then
    mkdir -p "$NODE_DIR"
    cp benchmarks/node/package.json benchmarks/node/package-lock.json "$NODE_DIR/"
    if ! cmp -s benchmarks/node/package-lock.json "$NODE_DIR/node_modules/.package-lock.json.src" 2>/dev/null; then
        (cd "$NODE_DIR" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
        cp benchmarks/node/package-lock.json "$NODE_DIR/node_modules/.package-lock.json.src"
    fi
fi

# --- 2. servers ------------------------------------------------------------------------------
work=$(mktemp -d)
chmod 755 "$work" # nginx's workers (not root) read the static files
pids=()
cleanup() {
    [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=oa bench CA" \
    -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
    -out "$work/server.pem" 2>/dev/null

# The static answers: one certificate (get), a 100-item list page (~20 kB), an upload's answer.
cert_json() { # id active
    printf '{"object":"%s","id":"%s","name":"bench certificate %s","created_at":1711471533,' \
        "$3" "$1" "$1"
    printf '"certificate_details":{"valid_at":1711471533,"expires_at":1743007533},"active":%s}' "$2"
}
mkdir -p "$work/www"
cert_json cert_bench false certificate >"$work/www/cert.json"
cert_json cert_bench false certificate >"$work/www/upload.json"
{
    printf '{"object":"list","data":['
    for i in $(seq -w 0 99); do
        [[ $i != 00 ]] && printf ','
        cert_json "cert_bench_0000000000$i" true organization.certificate
    done
    printf '],"first_id":"cert_bench_000000000000","last_id":"cert_bench_000000000099","has_more":false}'
} >"$work/www/page.json"

cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 600s;
    sendfile on;
    tcp_nodelay on;
    client_body_temp_path $work/nginx-body;
    server {
        listen 127.0.0.1:0 ssl;
        ssl_certificate $work/server.pem;
        ssl_certificate_key $work/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $work/www;
        default_type application/json;
        # POST (upload) reaches the static handler, which answers 405: turn that into upload.json.
        error_page 405 =200 /upload.json;
        location = /upload.json { internal; }
        location = /v1/organization/certificates { try_files /page.json =404; }
        location /v1/organization/certificates/ { try_files /cert.json =404; }
    }
}
EOF
# nginx cannot listen on port 0: find a free port first.
NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
             shuf -i 20000-60000 -n 1)
sed -i "s/127.0.0.1:0 ssl/127.0.0.1:$NGINX_PORT ssl/" "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf"
NGINX_URL="https://127.0.0.1:$NGINX_PORT/v1"

# The admin server makes its own CA; walks use it (--ca-out below).
admin_ca() { echo "$work/admin-ca-$1.pem"; }
start_walk_server() { # seed -> URL; writes the CA to admin_ca seed
    local seed=$1 dir="$work/admin-$1"
    mkdir -p "$dir"
    "$BUILD/tests/server/oa_admin_server" --admin-key "$OPENAI_ADMIN_KEY" --port 0 --port-file "$dir/port" \
        --ca-out "$(admin_ca "$seed")" --seed "$seed" >/dev/null &
    pids+=($!)
    for _ in $(seq 400); do [[ -s "$dir/port" && -s "$(admin_ca "$seed")" ]] && break; sleep 0.05; done
    [[ -s "$dir/port" ]] || { echo "run.sh: oa_admin_server did not start" >&2; exit 1; }
    echo "https://127.0.0.1:$(cat "$dir/port")/v1"
}
WALK_URL=$(start_walk_server "$WALK_SEED")

# --- 3. throughput ---------------------------------------------------------------------------
# run_one client op conc -> "ops/s p50 p99" (exits on any failure)
run_one() {
    local client=$1 op=$2 conc=$3 n url ca out
    if [[ $op == walk ]]; then url=$WALK_URL ca=$(admin_ca "$WALK_SEED"); else url=$NGINX_URL ca="$work/ca.pem"; fi
    local up=${op^^}
    if [[ $client == node ]]; then local v="NODE_N_$up"; n=${!v}; else local v="N_$up"; n=${!v}; fi
    local cmd
    case $client in
        sdk) cmd=("$BUILD/benchmarks/bench_client") ;;
        raw) cmd=("$BUILD/benchmarks/bench_raw") ;;
        node) cmd=(node benchmarks/node/bench.mjs --node-modules "$NODE_DIR") ;;
    esac
    if ! out=$("${cmd[@]}" --base-url "$url" --ca-file "$ca" --op "$op" --requests "$n" --concurrency "$conc" 2>&1); then
        echo "run.sh: $client $op conc=$conc failed:" >&2
        echo "$out" >&2
        exit 1
    fi
    if [[ $op == walk ]] && ! grep -q "^walked $WALK_SEED items per walk" <<<"$out"; then
        echo "run.sh: $client walk did not count $WALK_SEED items:" >&2; echo "$out" >&2; exit 1
    fi
    local last lat
    last=$(tail -1 <<<"$out") lat=$(tail -2 <<<"$out" | head -1)
    printf '%s %s %s\n' "$(awk '{print $(NF-1)}' <<<"$last")" \
        "$(sed -E 's/.*p50=([0-9]+)us.*/\1/' <<<"$lat")" "$(sed -E 's/.*p99=([0-9]+)us.*/\1/' <<<"$lat")"
}

results="$work/results"
: >"$results"
OPS=(get list upload walk)
echo
echo "== throughput: ${OPS[*]} x concurrency 1, 64 x {$CLIENTS}, $REPEATS repeats, interleaved"
for rep in $(seq "$REPEATS"); do
    for op in "${OPS[@]}"; do
        for conc in 1 64; do
            for client in $CLIENTS; do
                r=$(run_one "$client" "$op" "$conc")
                echo "$op $conc $client $r" >>"$results"
                printf '  [%s/%s] %-6s conc=%-3s %-4s %s ops/s\n' "$rep" "$REPEATS" "$op" "$conc" "$client" "${r%% *}"
            done
        done
    done
done

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
stat_of() { # op conc client column(4=ops/s 5=p50 6=p99)
    awk -v o="$1" -v c="$2" -v k="$3" -v col="$4" '$1==o && $2==c && $3==k {print $col}' "$results" | median
}
echo
echo "Medians of $REPEATS runs; ops/s (p50 / p99 latency in us). walk = one walk over $WALK_SEED certificates."
echo
header="| op | conc |"
rule="| --- | --- |"
for c in $CLIENTS; do header+=" $c |"; rule+=" --- |"; done
[[ " $CLIENTS " == *" raw "* ]] && { header+=" sdk/raw |"; rule+=" --- |"; }
[[ " $CLIENTS " == *" node "* ]] && { header+=" sdk/node |"; rule+=" --- |"; }
echo "$header"
echo "$rule"
for op in "${OPS[@]}"; do
    for conc in 1 64; do
        line="| $op | $conc |"
        for c in $CLIENTS; do
            line+=" $(stat_of "$op" "$conc" "$c" 4) ($(stat_of "$op" "$conc" "$c" 5) / $(stat_of "$op" "$conc" "$c" 6)) |"
        done
        sdk=$(stat_of "$op" "$conc" sdk 4)
        for base in raw node; do
            [[ " $CLIENTS " == *" $base "* ]] || continue
            line+=" $(awk -v a="$sdk" -v b="$(stat_of "$op" "$conc" "$base" 4)" 'BEGIN {printf "%.2f", a / b}') |"
        done
        echo "$line"
    done
done

# --- 4. memory -------------------------------------------------------------------------------
max_rss_kb() { # command... -> max RSS in kB (exits on failure)
    local out
    if ! out=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 ); then
        echo "run.sh: failed: $*" >&2; echo "$out" >&2; exit 1
    fi
    sed -nE 's/^\s*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' <<<"$out"
}
echo
echo "== memory (max RSS of bench_client, kB)"
BIG_SEED=20000
[[ $quick == 1 ]] && BIG_SEED=5000
BIG_URL=$(start_walk_server "$BIG_SEED")
for seed in "$WALK_SEED" "$BIG_SEED"; do
    [[ $seed == "$WALK_SEED" ]] && url=$WALK_URL || url=$BIG_URL
    kb=$(max_rss_kb "$BUILD/benchmarks/bench_client" --base-url "$url" --ca-file "$(admin_ca "$seed")" \
        --op walk --requests 1 --concurrency 1)
    echo "  walk over $seed certificates ($((seed / 100)) pages): $kb kB"
done
for n in 50000 200000; do
    [[ $quick == 1 ]] && n=$((n / 10))
    kb=$(max_rss_kb "$BUILD/benchmarks/bench_client" --base-url "$NGINX_URL" --ca-file "$work/ca.pem" \
        --op get --requests "$n" --concurrency 256)
    echo "  256 gets in flight, $n requests: $kb kB"
done
echo
echo "machine: $(nproc) cores, $(uname -sr), $(g++ --version | head -1), nginx $(nginx -v 2>&1 | sed 's/.*\///'), node $(node --version 2>/dev/null || echo -)"
