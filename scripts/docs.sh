#!/usr/bin/env bash
# Copyright (c) 2026 openai-admin-cpp authors. Distributed under the MIT License.
#
# Builds the reference manual with Doxygen into build/docs/html (open build/docs/html/index.html)
# and fails on any Doxygen warning: an undocumented public name, a broken \ref, a bad command.
# Then checks that every code block of README.md and docs/ is in a compiled file
# (scripts/check_snippets.py; the build's own ctest docs.snippets checks it against the
# compile database too).
#
#   scripts/docs.sh            install doxygen if missing, build, fail on warnings
#   OA_DOCS_OUT=dir            output folder (default build/docs)
#   OA_NO_INSTALL=1            never run apt-get
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v doxygen >/dev/null && command -v python3 >/dev/null || bash scripts/install-deps.sh
out="${OA_DOCS_OUT:-build/docs}"
rm -rf "$out/html"
mkdir -p "$out"
part() { sed -nE "s/^#define OPENAI_ADMIN_VERSION_$1 ([0-9]+)$/\1/p" include/openai/admin/version.hpp; }
version="$(part MAJOR).$(part MINOR).$(part PATCH)"
log="$out/warnings.log"
rm -f "$log"
{ cat docs/Doxyfile
  echo "PROJECT_NUMBER = $version"
  echo "OUTPUT_DIRECTORY = $out"
  echo "WARN_LOGFILE = $log"
} | doxygen -
if [[ -s $log ]]; then
    echo "docs: $(wc -l <"$log") Doxygen warning(s), each one an error:" >&2
    sort -u "$log" >&2
    exit 1
fi
echo "docs: reference for openai-admin-cpp $version in $out/html/index.html, no warnings"
python3 scripts/check_snippets.py
