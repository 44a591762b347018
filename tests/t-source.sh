#!/usr/bin/env bash
# The source keeps its shape: includes follow the data flow (audio/ never
# includes schedules/ or daemon/; schedules/ never daemon/ or audio/; ctl/
# never audio/ or daemon/; proto/ none of them), the C is formatted by
# .clang-format, and the shell scripts pass shellcheck (when installed).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$LX_ROOT" || fail "no repo root"
[ "${LOAXA_SOURCE_CHECKED:-0}" != 1 ] || skip "the source was checked in the first pass"

# forbid DIR PART...: no file of DIR includes a header of PART.
forbid() {
	local dir=$1 part hits
	shift
	[ -d "$dir" ] || return 0
	for part in "$@"; do
		hits=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"(\.\./)?$part/" \
		    "$dir"/*.[ch] 2>/dev/null)
		[ -z "$hits" ] || fail "$dir/ includes $part/: $hits"
	done
}
forbid audio schedules daemon ctl
forbid schedules daemon audio ctl
forbid ctl audio daemon
forbid proto audio schedules daemon ctl

files=()
for f in audio/*.[ch] ctl/*.[ch] daemon/*.[ch] proto/*.[ch] \
    schedules/*.[ch] tests/unit/*.[ch] tests/tools/*.[ch] tests/fuzz/*.[ch]; do
	[ -f "$f" ] && files+=("$f")
done
[ "${#files[@]}" -gt 0 ] || fail "no C sources found"
if command -v clang-format >/dev/null; then
	clang-format --dry-run --Werror "${files[@]}" >"$T/fmt" 2>&1 ||
		fail "not formatted by .clang-format: $(grep -o '^[^:]*\.[ch]:[0-9]*' "$T/fmt" | sort -u | head -n 20 | tr '\n' ' ')"
else
	note "clang-format not installed: format not checked"
fi

if command -v shellcheck >/dev/null; then
	shellcheck -x scripts/*.sh tests/*.sh .ci/run >"$T/sc" 2>&1 ||
		fail "shellcheck: $(head -n 30 "$T/sc")"
else
	note "shellcheck not installed: scripts not checked"
fi
