#!/usr/bin/env bash
# Build the Debian package loaxa_<version>_<arch>.deb into DIR (default
# build-deb/): a Release build for /usr, without the tests, in DIR/build,
# then cpack -G DEB.  Prints the package's path.
#
#   scripts/deb.sh [DIR]
#   apt-get install ./build-deb/loaxa_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cmake -S . -B "$out/build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF >/dev/null
cmake --build "$out/build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
(cd "$out/build" && cpack -G DEB -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
ls "$out"/loaxa_*.deb
