#!/usr/bin/env bash
# ctest driver of the tour (kept for scripts that call it): see run_example.sh.
#   run_tour.sh SERVER_EXE TOUR_EXE
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/run_example.sh" tour "$1" "$2"
