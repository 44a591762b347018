#!/usr/bin/env bash
# Run the integration tests, tests/t-*.sh, in name order, each with a time
# limit.  Prints PASS/FAIL/SKIP per script and keeps a log only for the
# ones that fail.  LOAXA_QUICK=1 skips the scripts labelled "# slow".
#
#   tests/run.sh [NAME...]       NAME: t-samples or tests/t-samples.sh
#
# A script's first lines may say "# slow" and "# timeout SECONDS"
# (default 180).  Exit 0 when nothing failed, 1 otherwise.
set -u

cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8
logs=${LOAXA_TEST_LOGS:-${LOAXA_BUILD_DIR:-build}/test-logs}
mkdir -p "$logs" || exit 1

if [ "$#" -gt 0 ]; then
	tests=()
	for n in "$@"; do
		n=${n##*/}
		tests+=("tests/${n%.sh}.sh")
	done
else
	tests=(tests/t-*.sh)
fi

passed=0 failed=0 skipped=0
for t in "${tests[@]}"; do
	name=${t##*/}
	name=${name%.sh}
	if [ ! -f "$t" ]; then
		echo "FAIL $name (no such test)"
		failed=$((failed + 1))
		continue
	fi
	head=$(head -n 5 "$t")
	if [ "${LOAXA_QUICK:-0}" = 1 ] && grep -qx '# slow' <<<"$head"; then
		echo "SKIP $name (slow)"
		skipped=$((skipped + 1))
		continue
	fi
	limit=$(sed -n 's/^# timeout \([0-9][0-9]*\)$/\1/p' <<<"$head")
	log=$logs/$name.log
	start=$SECONDS
	timeout -k 10 "${limit:-180}" bash "$t" </dev/null >"$log" 2>&1
	rc=$?
	took=$((SECONDS - start))
	case $rc in
	0)
		echo "PASS $name (${took}s)"
		passed=$((passed + 1))
		rm -f "$log"
		;;
	77)
		why=$(sed -n 's/^.*: SKIP: //p' "$log" | tail -n 1)
		echo "SKIP $name (${why:-skipped})"
		skipped=$((skipped + 1))
		rm -f "$log"
		;;
	*)
		[ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] ||
			echo "timed out after ${limit:-180} s" >>"$log"
		echo "FAIL $name (exit $rc, ${took}s; log $log)"
		tail -n 40 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
		;;
	esac
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
