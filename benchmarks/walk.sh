#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# The walk at concurrency 1 on the toolchain this runs under: bench_client `walk` (default
# token: each buffered item posted once to the handler's executor), bench_client
# `walk-immediate` (asio::bind_immediate_executor: buffered items complete inline; Boost >= 1.82)
# and bench_raw `walk` (the floor), interleaved, against the bundled oa_admin_server seeded with
# 1,000 certificates (10 pages of 100). Prints the median walks/s of each and the ratios.
#
#   benchmarks/walk.sh [BUILD_DIR]       default build/bench-walk; OA_REPEATS=5, OA_WALKS=300
#   OA_BASELINE_CLIENT=PATH              also runs that bench_client's `walk` (e.g. one built from
#                                        an earlier commit), interleaved: the before/after ratio
#   scripts/debian-root.sh run trixie -- bash "$PWD/benchmarks/walk.sh"    (Boost 1.88, g++ 14)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${1:-build/bench-walk}
REPEATS=${OA_REPEATS:-5}
WALKS=${OA_WALKS:-300}
export OPENAI_ADMIN_KEY=sk-admin-bench

source benchmarks/common.sh
bench_build "$BUILD" bench_client bench_raw oa_admin_server
bench_server "$BUILD" --seed 1000

# one CLIENT OP -> walks/s (CLIENT: a program in $BUILD/benchmarks, or a path)
one() {
    local out prog=$1
    [[ $prog == */* ]] || prog="$BUILD/benchmarks/$prog"
    out=$("$prog" --base-url "$url" --ca-file "$work/ca.pem" --op "$2" --requests "$WALKS" \
          --concurrency 1 2>&1) || { echo "walk.sh: $1 $2 failed:" >&2; echo "$out" >&2; exit 1; }
    grep -q "^walked 1000 items per walk" <<<"$out" || { echo "walk.sh: $1 $2 miscounted:" >&2; echo "$out" >&2; exit 1; }
    awk '{print $(NF-1)}' <<<"$(tail -1 <<<"$out")"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

runs=(sdk_walk sdk_immediate raw baseline)
for r in "${runs[@]}"; do : >"$work/$r"; done
immediate=1
"$BUILD/benchmarks/bench_client" --base-url "$url" --ca-file "$work/ca.pem" --op walk-immediate --requests 1 \
    --concurrency 1 >/dev/null 2>&1 || immediate=0
for _ in $(seq "$REPEATS"); do
    one bench_client walk >>"$work/sdk_walk"
    if [[ $immediate == 1 ]]; then one bench_client walk-immediate >>"$work/sdk_immediate"; fi
    one bench_raw walk >>"$work/raw"
    if [[ -n ${OA_BASELINE_CLIENT:-} ]]; then one "$OA_BASELINE_CLIENT" walk >>"$work/baseline"; fi
done
w=$(median <"$work/sdk_walk") r=$(median <"$work/raw")
boost=$(grep -h "define BOOST_LIB_VERSION" /usr/include/boost/version.hpp 2>/dev/null | awk '{print $3}' | tr -d '"')
echo "walk of 1,000 certificates at concurrency 1, $WALKS walks, median of $REPEATS ($(${CXX:-c++} --version | head -1); Boost ${boost:-?}):"
printf '  %-34s %8s walks/s  %.2fx the floor\n' "sdk walk (default token)" "$w" "$(awk -v a="$w" -v b="$r" 'BEGIN {print a / b}')"
if [[ $immediate == 1 ]]; then
    i=$(median <"$work/sdk_immediate")
    printf '  %-34s %8s walks/s  %.2fx the floor\n' "sdk walk (bind_immediate_executor)" "$i" "$(awk -v a="$i" -v b="$r" 'BEGIN {print a / b}')"
else
    echo "  sdk walk (bind_immediate_executor): needs Boost >= 1.82"
fi
if [[ -n ${OA_BASELINE_CLIENT:-} ]]; then
    b=$(median <"$work/baseline")
    printf '  %-34s %8s walks/s  %.2fx the floor\n' "baseline walk (OA_BASELINE_CLIENT)" "$b" "$(awk -v a="$b" -v b="$r" 'BEGIN {print a / b}')"
fi
printf '  %-34s %8s walks/s\n' "raw floor" "$r"
