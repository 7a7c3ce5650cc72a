#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# What including the SDK costs at compile time: a TU using all ten operations with coroutines
# (compile/sdk_all_ops.cpp) against one that includes Beast + SSL + JSON and makes one raw
# request (compile/raw_one_request.cpp), in both modes: header-only, and compiled apart
# (-DOPENAI_ADMIN_SEPARATE_COMPILATION: the same user file, plus the src.hpp unit that is
# compiled once, cmake/openai_admin_compiled.cpp). Each is compiled (-c, no ccache)
# $OA_COMPILE_RUNS times (default 3) at -O0 and -O2, interleaved; prints the medians and the
# ratios to the raw file. OA_BASELINE_INCLUDE=<dir> also times the header-only file against
# that include directory (e.g. an earlier commit's include/, from `git worktree add`).
#
# Then the testing kit: a user's test file on it (compile/kit_test_file.cpp) as it is (the kit
# compiled apart, in openai_admin::testing), the same file with the kit's src.hpp included (what
# each test file would cost with a header-only kit), and the kit's own unit once.
#
#   benchmarks/compile_cost.sh [compiler]      (default g++)
#   OA_COMPILE_PARTS="sdk kit"                  which parts to measure (default both)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CXX=${1:-g++}
RUNS=${OA_COMPILE_RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

seconds() { # file opt [flags...] -> wall seconds of one compile
    local t0 t1 file=$1 opt=$2
    shift 2
    [[ $file == */* ]] || file="benchmarks/compile/$file"
    t0=$(date +%s.%N)
    "$CXX" -std=c++20 "$opt" "$@" -Iinclude -c "$file" -o "$out/x.o"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f\n", b - a}'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

PARTS=${OA_COMPILE_PARTS:-sdk kit}
if [[ " $PARTS " == *" sdk "* ]]; then
echo "compile time, $CXX ($("$CXX" --version | head -1)), $RUNS runs each, median seconds"
for opt in -O0 -O2; do
    : >"$out/sdk" && : >"$out/raw" && : >"$out/sep" && : >"$out/src" && : >"$out/base"
    for _ in $(seq "$RUNS"); do
        seconds raw_one_request.cpp "$opt" >>"$out/raw"
        seconds sdk_all_ops.cpp "$opt" >>"$out/sdk"
        seconds sdk_all_ops.cpp "$opt" -DOPENAI_ADMIN_SEPARATE_COMPILATION >>"$out/sep"
        seconds cmake/openai_admin_compiled.cpp "$opt" -DOPENAI_ADMIN_SEPARATE_COMPILATION >>"$out/src"
        if [[ -n ${OA_BASELINE_INCLUDE:-} ]]; then
            seconds sdk_all_ops.cpp "$opt" -I"$OA_BASELINE_INCLUDE" >>"$out/base"
        fi
    done
    raw=$(median <"$out/raw") sdk=$(median <"$out/sdk") sep=$(median <"$out/sep") src=$(median <"$out/src")
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
    printf '%s: raw Beast+SSL+JSON one request %6.2f s | SDK, all ten operations: header-only %6.2f s (%sx raw) | separate: the file %6.2f s (%sx raw), src.hpp once %6.2f s\n' \
        "$opt" "$raw" "$sdk" "$(ratio "$sdk" "$raw")" "$sep" "$(ratio "$sep" "$raw")" "$src"
    if [[ -n ${OA_BASELINE_INCLUDE:-} ]]; then
        base=$(median <"$out/base")
        printf '%s: header-only with %s %6.2f s: now / then %s\n' "$opt" "$OA_BASELINE_INCLUDE" "$base" "$(ratio "$sdk" "$base")"
    fi
done

fi

if [[ " $PARTS " == *" kit "* ]]; then
echo "testing kit, $CXX, $RUNS runs each, median seconds"
for opt in -O0 -O2; do
    : >"$out/kit" && : >"$out/kit_ho" && : >"$out/kit_src"
    for _ in $(seq "$RUNS"); do
        seconds kit_test_file.cpp "$opt" >>"$out/kit"
        seconds kit_test_file.cpp "$opt" -DOA_KIT_HEADER_ONLY >>"$out/kit_ho"
        seconds cmake/openai_admin_testing.cpp "$opt" >>"$out/kit_src"
    done
    kit=$(median <"$out/kit") ho=$(median <"$out/kit_ho") src=$(median <"$out/kit_src")
    printf '%s: test file, kit compiled apart %6.2f s | same file, kit header-only %6.2f s (+%.2f s per file) | the kit library, once %6.2f s\n' \
        "$opt" "$kit" "$ho" "$(awk -v a="$ho" -v b="$kit" 'BEGIN {print a - b}')" "$src"
done
fi
