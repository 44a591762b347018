#!/usr/bin/env bash
# Build loaxa (warnings as errors) and run the whole test suite: the unit
# tests (ctest) and the integration tests (tests/run.sh).  Exits non-zero
# on any failure.  LOAXA_QUICK=1 leaves out the slow tests.  With
# LOAXA_SANITIZE=1 (the default when CI=true) it then builds again with
# ASan and UBSan in build-asan/ and runs everything on that build too,
# then runs each fuzz target briefly (scripts/fuzz.sh; also LOAXA_FUZZ=1).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

bash scripts/deps.sh || exit 1

# suite DIR [CMAKE_ARGS...]: build into DIR and run every test on it.
suite() {
	local dir=$1 rc=0
	shift
	echo "== build ($dir)"
	LOAXA_BUILD_DIR=$dir bash scripts/build.sh "$@" || return 1
	echo "== unit tests ($dir)"
	ctest --test-dir "$dir" --output-on-failure || rc=1
	echo "== integration tests ($dir)"
	LOAXA_BUILD_DIR=$dir bash tests/run.sh || rc=1
	return "$rc"
}

rc=0
suite "${LOAXA_BUILD_DIR:-build}" || rc=1
if [ "${LOAXA_SANITIZE:-${CI:-false}}" = 1 ] ||
    [ "${LOAXA_SANITIZE:-${CI:-false}}" = true ]; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	export LOAXA_SOURCE_CHECKED=1
	suite "${LOAXA_ASAN_BUILD_DIR:-build-asan}" -DLX_SANITIZE=ON || rc=1
fi
if [ "${CI:-false}" = true ] || [ "${LOAXA_FUZZ:-0}" = 1 ]; then
	echo "== fuzz targets"
	LOAXA_FUZZ_SECONDS=${LOAXA_FUZZ_SECONDS:-20} bash scripts/fuzz.sh || rc=1
fi
[ "$rc" -eq 0 ] && echo "== all tests passed" || echo "== some tests failed"
exit "$rc"
