#!/usr/bin/env bash
# Build loaxad, loaxactl, the unit tests and the test tools into build/,
# with warnings as errors.  Extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${LOAXA_BUILD_DIR:-build}
cmake -S . -B "$dir" -DLX_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)"
