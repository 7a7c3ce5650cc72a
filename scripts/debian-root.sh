#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Makes (when missing or out of date) a Debian 13 (trixie) root for the newer-toolchain test
# configs, and runs commands in it. The host's own apt sources are never changed: the roots are
# made with debootstrap from the mirror the host already uses.
#
#   scripts/debian-root.sh ensure ROOT          make ROOT if needed; print its path
#   scripts/debian-root.sh run ROOT -- CMD...   run CMD in ROOT, the checkout's parent folder
#                                               bind-mounted at the same path (so ../shared is
#                                               there too), in a private mount namespace
#
# ROOT is one of
#   trixie      g++ 14, clang 19 + libc++ 19, Boost 1.88 (Debian's packages, for libstdc++)
#               and Boost.JSON/URL/Test 1.88 built from Debian's boost1.88 source package with
#               clang 19 + libc++, installed under /opt/boost-1.88-libcxx
#   trixie-b183 g++ 14, clang 19, Boost 1.83 (Debian's packages)
#
# Roots live in $OA_ROOT_CACHE (default /var/cache/openai-admin-cpp/roots), outside the checkout,
# so later runs on the same machine reuse them. Each carries a stamp of what it was made from;
# a root whose stamp differs from this script's recipe is made again.
set -euo pipefail

CACHE="${OA_ROOT_CACHE:-/var/cache/openai-admin-cpp/roots}"
SUITE=trixie

# What every root has. clang 19 is trixie's default clang; named explicitly so a later default
# does not change the config silently.
BASE_PACKAGES=(
    g++ clang-19 libc++-19-dev libc++abi-19-dev libclang-rt-19-dev
    cmake ninja-build ccache make
    libssl-dev openssl ca-certificates
    tinyproxy-bin git curl nodejs npm
    dpkg-dev
)
# Added to a root that lacks them, without making it again (a new root gets them too): for
# packages that later changes need, so an existing root's cache stays good.
TOPUP_PACKAGES=(libgtest-dev googletest)
# The trixie root only (trixie-gcc builds the OpenTelemetry adapter's tests and example):
# opentelemetry-cpp-dev 1.19 and what its CMake package finds but the Debian package does not
# depend on (absl, gRPC, protobuf).
TRIXIE_TOPUP_PACKAGES=(opentelemetry-cpp-dev libabsl-dev libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc)
B188_PACKAGES=(libboost1.88-dev libboost-json1.88-dev libboost-url1.88-dev libboost-test1.88-dev)
B183_PACKAGES=(libboost1.83-dev libboost-json1.83-dev libboost-url1.83-dev libboost-test1.83-dev)
LIBCXX_BOOST_PREFIX=/opt/boost-1.88-libcxx
LIBCXX_BOOST_LIBS=(json url test)

log() { printf 'debian-root: %s\n' "$*" >&2; }
die() { printf 'debian-root: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || die "needs root (debootstrap, chroot and mounts)"

# The mirror the host's apt already uses (deb822 .sources first, then sources.list).
host_mirror() {
    local uri
    uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
          awk '{print $2}' | grep -v -- '-security' | head -1 || true)
    if [[ -z $uri ]]; then
        uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list 2>/dev/null |
              awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' |
              grep -v -- '-security' | head -1 || true)
    fi
    [[ -n $uri ]] || die "no Debian mirror found in the host's apt sources"
    echo "${uri%/}"
}

recipe() { # what a root is made from; its hash is the stamp
    local name=$1
    printf '%s\n' "suite=$SUITE" "base=${BASE_PACKAGES[*]}" "recipe=8"
    case $name in
        trixie) printf '%s\n' "boost=${B188_PACKAGES[*]}" "libcxx=${LIBCXX_BOOST_PREFIX} ${LIBCXX_BOOST_LIBS[*]}" ;;
        trixie-b183) printf '%s\n' "boost=${B183_PACKAGES[*]}" ;;
        *) die "unknown root '$name' (known: trixie trixie-b183)" ;;
    esac
}
stamp_of() { recipe "$1" | sha256sum | cut -c1-16; }

# Runs a command inside `dir` with /proc, /dev and /sys mounted, in a private mount namespace:
# every mount ends with the command, whatever way it ends.
in_root() {
    local dir=$1; shift
    local share=${OA_ROOT_SHARE:-}
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    # The host's trusted CAs (npm's registry may sit behind a CA only the host knows).
    if [[ -f /etc/ssl/certs/ca-certificates.crt && -d $dir/etc/ssl/certs ]]; then
        cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/ca-certificates.crt"
    fi
    unshare --mount --propagation private -- bash -c '
        set -e
        dir=$1 share=$2; shift 2
        mount -t proc proc "$dir/proc"
        mount --rbind /dev "$dir/dev"
        mount --rbind /sys "$dir/sys"
        mkdir -p "$dir/tmp" && chmod 1777 "$dir/tmp"
        if [[ -n $share ]]; then
            mkdir -p "$dir$share"
            mount --bind "$share" "$dir$share"
        fi
        exec chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
            LANG=C.UTF-8 TERM=dumb CI="${CI:-}" DEBIAN_FRONTEND=noninteractive \
            SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
            ${OA_ROOT_ENV:-} "$@"
    ' in_root "$dir" "$share" "$@"
}

apt_in() {
    local dir=$1; shift
    in_root "$dir" apt-get -o Acquire::Retries=3 -y -qq --no-install-recommends "$@"
}

make_base() {
    local base="$CACHE/base" want
    want=$(printf '%s\n' "suite=$SUITE" "base=${BASE_PACKAGES[*]}" | sha256sum | cut -c1-16)
    if [[ -f $base/.oa-stamp && $(cat "$base/.oa-stamp") == "$want" ]]; then
        return
    fi
    command -v debootstrap >/dev/null || {
        log "installing debootstrap on the host"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
    }
    local mirror; mirror=$(host_mirror)
    log "debootstrap $SUITE (minbase) from the host's mirror"
    rm -rf "$base.tmp" "$base"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase "$SUITE" "$base.tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1 ||
        { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
    # The root's own sources, with deb-src for `apt-get source` (libc++ Boost).
    cat >"$base.tmp/etc/apt/sources.list" <<EOF
deb $mirror $SUITE main
deb-src $mirror $SUITE main
EOF
    # No man pages or docs: smaller, faster.
    cat >"$base.tmp/etc/dpkg/dpkg.cfg.d/01-oa-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/locale/*
EOF
    in_root "$base.tmp" apt-get -o Acquire::Retries=3 -qq update
    log "installing the toolchains into the base root"
    apt_in "$base.tmp" install "${BASE_PACKAGES[@]}" >"$CACHE/base-install.log" 2>&1 ||
        { tail -20 "$CACHE/base-install.log" >&2; die "package install failed (log: $CACHE/base-install.log)"; }
    in_root "$base.tmp" apt-get clean
    echo "$want" >"$base.tmp/.oa-stamp"
    mv "$base.tmp" "$base"
}

# Boost.JSON/URL/Test from Debian's boost1.88 source package, built with clang 19 + libc++.
build_libcxx_boost() {
    local dir=$1
    log "building Boost.{${LIBCXX_BOOST_LIBS[*]}} 1.88 with libc++ (Debian's boost1.88 source)"
    local with; with=$(printf -- '--with-%s ' "${LIBCXX_BOOST_LIBS[@]}")
    # bison: Debian's source drops b2's generated grammar, which bootstrap.sh then rebuilds.
    apt_in "$dir" install bison >>"$CACHE/libcxx-boost.log" 2>&1 || die "installing bison failed"
    in_root "$dir" bash -c "
        set -euo pipefail
        rm -rf /usr/src/boost && mkdir -p /usr/src/boost && cd /usr/src/boost
        apt-get -o Acquire::Retries=3 -qq source --download-only boost1.88 >/dev/null 2>&1
        dpkg-source -x --no-check boost1.88_*.dsc src >/dev/null
        cd src
        (cd tools/build && bison -y -d -o src/engine/jamgram.cpp src/engine/jamgram.y) # as debian/rules does
        ./bootstrap.sh --with-toolset=gcc >/dev/null
        echo 'using clang : 19 : clang++-19 ;' >/tmp/oa-user-config.jam
        ./b2 -q -j$(nproc) toolset=clang-19 --user-config=/tmp/oa-user-config.jam \
            cxxflags='-std=c++20 -stdlib=libc++' linkflags='-stdlib=libc++' \
            variant=release link=shared threading=multi runtime-link=shared \
            --layout=system --prefix=$LIBCXX_BOOST_PREFIX $with install >/tmp/b2.log 2>&1 ||
            { tail -30 /tmp/b2.log; exit 1; }
        cd / && rm -rf /usr/src/boost
    " >"$CACHE/libcxx-boost.log" 2>&1 ||
        { tail -30 "$CACHE/libcxx-boost.log" >&2; die "libc++ Boost build failed (log: $CACHE/libcxx-boost.log)"; }
}

# Installs the TOPUP_PACKAGES (and the root's own) that root NAME in DIR lacks.
top_up() {
    local dir=$1 name=$2 missing=() p wanted=("${TOPUP_PACKAGES[@]}")
    [[ $name == trixie ]] && wanted+=("${TRIXIE_TOPUP_PACKAGES[@]}")
    for p in "${wanted[@]}"; do
        [[ "$(in_root "$dir" dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" == installed ]] ||
            missing+=("$p")
    done
    [[ ${#missing[@]} -gt 0 ]] || return 0
    log "adding ${missing[*]} to $(basename "$dir")"
    { in_root "$dir" apt-get -o Acquire::Retries=3 -qq update &&
      apt_in "$dir" install "${missing[@]}" && in_root "$dir" apt-get clean; } >"$CACHE/topup.log" 2>&1 ||
        { tail -20 "$CACHE/topup.log" >&2; die "installing ${missing[*]} failed (log: $CACHE/topup.log)"; }
}

ensure() {
    local name=$1 dir="$CACHE/$1" want
    want=$(stamp_of "$name")
    if [[ -f $dir/.oa-stamp && $(cat "$dir/.oa-stamp") == "$want" ]]; then
        top_up "$dir" "$name" >&2
        echo "$dir"
        return
    fi
    local t0=$SECONDS
    make_base
    log "making root $name"
    rm -rf "$dir.tmp" "$dir"
    cp -a "$CACHE/base" "$dir.tmp"
    case $name in
        trixie)
            apt_in "$dir.tmp" install "${B188_PACKAGES[@]}" >"$CACHE/$name-install.log" 2>&1 ||
                { tail -20 "$CACHE/$name-install.log" >&2; die "Boost 1.88 install failed"; }
            build_libcxx_boost "$dir.tmp" ;;
        trixie-b183)
            apt_in "$dir.tmp" install "${B183_PACKAGES[@]}" >"$CACHE/$name-install.log" 2>&1 ||
                { tail -20 "$CACHE/$name-install.log" >&2; die "Boost 1.83 install failed"; }
            ;;
    esac
    top_up "$dir.tmp" "$name" >&2
    in_root "$dir.tmp" apt-get clean
    echo "$want" >"$dir.tmp/.oa-stamp"
    mv "$dir.tmp" "$dir"
    log "root $name ready in $((SECONDS - t0))s"
    echo "$dir"
}

cmd=${1:-}; shift || true
case $cmd in
    ensure)
        [[ $# == 1 ]] || die "usage: debian-root.sh ensure ROOT"
        ensure "$1" ;;
    run)
        [[ $# -ge 3 && $2 == -- ]] || die "usage: debian-root.sh run ROOT -- CMD..."
        name=$1; shift 2
        dir=$(ensure "$name")
        OA_ROOT_SHARE=${OA_ROOT_SHARE:-} in_root "$dir" "$@" ;;
    *)
        die "usage: debian-root.sh ensure ROOT | run ROOT -- CMD..." ;;
esac
