#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz/) with clang into build-fuzz/ and
# run each for LOAXA_FUZZ_SECONDS (30) on a copy of its seed corpus.  Exits
# non-zero if a target crashes, leaks or hangs; what it found is kept in
# build-fuzz/crashes/<target>/.  Installs clang if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${LOAXA_FUZZ_SECONDS:-30}
dir=${LOAXA_FUZZ_BUILD_DIR:-build-fuzz}
targets=(line conf rrule)

# 0 if clang can build a libFuzzer binary (clang-14 needs libclang-rt-14-dev).
have_libfuzzer() {
	local tmp rc=0
	command -v clang >/dev/null || return 1
	tmp=$(mktemp -d)
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ (void)d; (void)n; return 0; }' >"$tmp/probe.c"
	clang -fsanitize=fuzzer "$tmp/probe.c" -o "$tmp/probe" 2>/dev/null ||
		rc=1
	rm -rf "$tmp"
	return "$rc"
}

have_libfuzzer || bash scripts/deps.sh clang libclang-rt-dev

cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DLX_FUZZ=ON >/dev/null
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" \
	--target "${targets[@]/#/fuzz_}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0
for t in "${targets[@]}"; do
	mkdir -p "$work/$t/corpus" "$work/$t/found"
	cp tests/fuzz/corpus/"$t"/* "$work/$t/corpus/"
	dict=()
	[ ! -f "tests/fuzz/$t.dict" ] || dict=(-dict="tests/fuzz/$t.dict")
	if "$dir/tests/fuzz_$t" -max_total_time="$secs" -timeout=10 \
		-artifact_prefix="$work/$t/found/" "${dict[@]}" \
		"$work/$t/corpus" >"$work/$t/log" 2>&1; then
		n=$(find "$work/$t/corpus" -type f | wc -l)
		echo "PASS fuzz_$t ($n inputs in the corpus)"
		continue
	fi
	rc=1
	mkdir -p "$dir/crashes/$t"
	cp "$work/$t/log" "$work/$t"/found/* "$dir/crashes/$t/" 2>/dev/null ||
		true
	echo "FAIL fuzz_$t: see $dir/crashes/$t/"
	grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$work/$t/log" |
		head -5 >&2 || true
done
exit "$rc"
