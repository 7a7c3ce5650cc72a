#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Installs the Debian bookworm packages this project needs, only those missing.
# Used by scripts/test.sh, scripts/demo.sh and benchmarks/run.sh (which adds packages as
# arguments). OA_NO_INSTALL=1 skips installing.
set -euo pipefail

PACKAGES=(
    g++ clang cmake ninja-build ccache
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-test1.81-dev
    libssl-dev openssl ca-certificates
    libclang-rt-14-dev
    libgtest-dev         # examples/testing: the testing kit driven by GoogleTest
    tinyproxy-bin
    debootstrap          # the Debian 13 roots of the newer-toolchain configs (scripts/debian-root.sh)
    git curl
    doxygen python3      # scripts/docs.sh: the reference manual and the snippet check
    "$@"
)
# Node tools of the contract tests (tests/contract): checked by command, not dpkg, since node may
# come from elsewhere (e.g. NodeSource) on a machine.
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != "installed" ]]; then
        missing+=("$p")
    fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "apt: all ${#PACKAGES[@]} packages present"
    exit 0
fi
if [[ "${OA_NO_INSTALL:-0}" == 1 ]]; then
    echo "apt: missing ${missing[*]} (OA_NO_INSTALL=1, not installing)" >&2
    exit 0
fi
echo "apt: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo -n)
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
