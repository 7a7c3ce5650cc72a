#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# What including the SDK costs at compile time: a TU using all ten operations
# (compile/sdk_all_ops.cpp) against one that includes Beast + SSL + JSON and makes one raw
# request (compile/raw_one_request.cpp). Each is compiled (-c, no ccache) $OA_COMPILE_RUNS
# times (default 3) at -O0 and -O2, alternating; prints the medians and the ratio.
#
#   benchmarks/compile_cost.sh [compiler]      (default g++)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CXX=${1:-g++}
RUNS=${OA_COMPILE_RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

seconds() { # file opt -> wall seconds of one compile
    local t0 t1
    t0=$(date +%s.%N)
    "$CXX" -std=c++20 "$2" -Iinclude -c "benchmarks/compile/$1" -o "$out/x.o"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f\n", b - a}'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "compile time, $CXX ($("$CXX" --version | head -1)), $RUNS runs each, median seconds"
for opt in -O0 -O2; do
    : >"$out/sdk" && : >"$out/raw"
    for _ in $(seq "$RUNS"); do
        seconds raw_one_request.cpp "$opt" >>"$out/raw"
        seconds sdk_all_ops.cpp "$opt" >>"$out/sdk"
    done
    raw=$(median <"$out/raw") sdk=$(median <"$out/sdk")
    printf '%s: raw Beast+SSL+JSON one request %6.2f s | SDK, all ten operations %6.2f s | ratio %.2f\n' \
        "$opt" "$raw" "$sdk" "$(awk -v a="$sdk" -v b="$raw" 'BEGIN {print a / b}')"
done
