#!/usr/bin/env bash
# loaxactl's words follow getopt_long's conventions: -h and --help on every
# command and subcommand (the list is proto/command.c's table) without a
# daemon; global options (--socket, --db) before or after the command;
# bundled and attached short flags; "--" ends options; a bad option gets
# glibc's one line, in the user's language, and sends nothing.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# loaxactl's commands, from the command table: each row's third string.
mapfile -t cmds < <(python3 - "$LX_ROOT/proto/command.c" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
row = re.compile(r'\[LX_CMD_\w+\]\s*=\s*\{\s*"\w+",\s*\d+,\s*\d+,\s*[^,]+,'
                 r'\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*(NULL|"[^"]*")')
for m in row.finditer(src):
    if m.group(2) != "NULL":
        print(m.group(2).strip('"'))
PY
)
[ "${#cmds[@]}" -ge 14 ] || fail "found only ${#cmds[@]} commands in the table"

# -h and --help everywhere, with no daemon to talk to (nothing is sent).
export LOAXA_SOCKET=$T/nobody.sock
help_ok() {
	local what=$1 want=$2 rc
	shift 2
	"$LOAXACTL" "$@" >"$T/h.out" 2>"$T/h.err"
	rc=$?
	[ "$rc" -eq 0 ] || fail "$what: exit $rc: $(cat "$T/h.err")"
	[ ! -s "$T/h.err" ] || fail "$what: stderr: $(cat "$T/h.err")"
	head -n 1 "$T/h.out" | grep -q "^usage: loaxactl $want" ||
		fail "$what: first line: $(head -n 1 "$T/h.out")"
}
for h in -h --help; do
	help_ok "loaxactl $h" "" "$h"
	for c in "${cmds[@]}"; do
		# shellcheck disable=SC2086 # "clip add" is two words
		help_ok "$c $h" "$c" $c "$h"
		# shellcheck disable=SC2086
		help_ok "$c 1 $h (after an argument)" "$c" $c 1 "$h"
	done
	for g in clip schedule; do
		help_ok "$g $h" "$g " "$g" "$h"
	done
done
# A command's help names its options.
"$LOAXACTL" schedule add -h | grep -q -- '--force' ||
	fail "schedule add -h does not mention --force"

# A bad option: glibc's words, one line, naming the command; in Vietnamese
# too.
expect_fail "clip add --colour" "$LOAXACTL" clip add --colour red x.wav
grep -qx "loaxactl: clip add: unrecognized option '--colour'" "$T/ef.err" ||
	fail "--colour: $(cat "$T/ef.err")"
expect_fail "play -x" "$LOAXACTL" play -x 1
grep -q "^loaxactl: play: invalid option -- 'x'" "$T/ef.err" ||
	fail "play -x: $(cat "$T/ef.err")"
need_vi
expect_fail "clip add --colour (vi)" in_vi "$LOAXACTL" clip add --colour x
grep -q "^loaxactl: clip add: không nhận ra tùy chọn" "$T/ef.err" ||
	fail "--colour (vi): $(cat "$T/ef.err")"
expect_fail "--title twice" "$LOAXACTL" clip add x.wav --title a --title=b
grep -q -- "--title given twice" "$T/ef.err" || fail "twice: $(cat "$T/ef.err")"

# Options after the command, and in between its arguments.
unset LOAXA_SOCKET
start_daemon
make_clip "$T/a.wav" wav 0.3 440 22050 1
id=$("$LOAXACTL" clip add "$T/a.wav" --socket "$SOCK" --title 'Tin một') ||
	fail "clip add FILE --socket S"
[ "$id" = 1 ] || fail "clip add --socket after: printed '$id'"
"$LOAXACTL" status --socket "$SOCK" >/dev/null || fail "status --socket S"
"$LOAXACTL" status --socket="$SOCK" --format json >/dev/null ||
	fail "status --socket=S"
expect_fail "--socket twice" "$LOAXACTL" --socket "$SOCK" clip list \
    --socket "$SOCK"

# "--" ends options: a file whose name starts with a dash.
make_clip "$T/-b.wav" wav 0.4 550 22050 1
id2=$(cd "$T" && "$LOAXACTL" clip add --socket "$SOCK" --title 'Tin hai' \
    -- -b.wav) || fail "clip add -- -b.wav"
[ "$id2" = 2 ] || fail "clip add -- -b.wav printed '$id2'"
expect_fail "clip show -- -1" ctl clip show -- -1
grep -q "'-1' is not an id" "$T/ef.err" || fail "-- -1: $(cat "$T/ef.err")"

# Bundled and attached short flags: -nh is --now and --help; -oFILE.
"$LOAXACTL" play -nh | head -n 1 | grep -q '^usage: loaxactl play' ||
	fail "play -nh did not print the help"
ctl play -n "$id" 2>/dev/null || fail "play -n"
wait_aired "$id" 1
# shellcheck disable=SC2046
ctl log $(log_range) --format csv "-o$T/log.csv" || fail "log -oFILE"
grep -q '^id,' "$T/log.csv" || fail "log -oFILE wrote no CSV"
sid=$(ctl schedule add "$id" --at 05:30 --days t2 2>/dev/null) ||
	fail "schedule add"
expect_fail "the same schedule again" ctl schedule add "$id" --at 05:30 \
    --days t2
sid2=$(ctl schedule add -f "$id" --at 05:30 --days t2 2>/dev/null) ||
	fail "schedule add -f"
[ "$sid2" -gt "$sid" ] || fail "schedule add -f printed '$sid2'"

# --db after the command, the same as before it; and still refused where a
# copy cannot answer.
stop_daemon
cp "$DB" "$T/copy.db"
"$LOAXACTL" --db "$T/copy.db" report --format json >"$T/before.json" ||
	fail "--db F report"
"$LOAXACTL" report --format json --db "$T/copy.db" >"$T/after.json" ||
	fail "report --db F"
cmp -s "$T/before.json" "$T/after.json" || fail "--db after the command differs"
"$LOAXACTL" report --db "$T/copy.db" --format csv --db "$T/copy.db" \
    >"$T/two.csv" || fail "report --db A --db B, after the command"
[ "$(grep -c '^commune,' "$T/two.csv")" -eq 2 ] ||
	fail "report with two --db after the command: $(cat "$T/two.csv")"
expect_fail "play --db" "$LOAXACTL" play "$id" --db "$T/copy.db"
grep -q "needs the daemon" "$T/ef.err" || fail "play --db: $(cat "$T/ef.err")"
expect_fail "clip list, two --db" "$LOAXACTL" clip list --db "$T/copy.db" \
    --db "$T/copy.db"
exit 0
