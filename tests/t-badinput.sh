#!/usr/bin/env bash
# Bad input: a non-audio file, an empty file, a missing file, an invalid
# UTF-8 or control-character title, a title, topic or source of only
# spaces, unknown clip and schedule ids,
# malformed --at/--days/--from/--once/--rrule, unknown commands (loaxactl's
# and the socket's).  Each is one clear line on stderr and a non-zero exit,
# and leaves the database exactly as it was.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon

# Something in every table, so "unchanged" means something.
make_clip "$T/a.wav" wav 0.5 440 22050 1
id=$(ctl clip add "$T/a.wav" --title 'Tin CCHC' --topic cchc) || fail "clip add"
ctl schedule add "$id" --at 05:30 --days daily >/dev/null || fail "schedule add"
ctl play "$id" >/dev/null || fail "play"
wait_aired "$id" 1
before=$(db_state)
[ -n "$before" ] || fail "cannot read the database"

# bad WHAT CMD...: CMD fails cleanly and the database does not change.
bad() {
	expect_fail "$@"
	[ "$(db_state)" = "$before" ] || fail "$1: the database changed"
}

printf 'Đây không phải là âm thanh.\n' >"$T/text.wav"
: >"$T/empty.mp3"
head -c 4096 /dev/urandom >"$T/noise.mp3"
# A WAV header promising more than the file holds.
head -c 20000 "$T/a.wav" >"$T/cut.wav"
make_clip "$T/b.wav" wav 0.5 880 22050 1
future=$(date -d tomorrow +%F)

bad "clip add of a text file" ctl clip add "$T/text.wav" --title 'Văn bản'
bad "clip add of an empty file" ctl clip add "$T/empty.mp3" --title 'Rỗng'
bad "clip add of random bytes" ctl clip add "$T/noise.mp3" --title 'Nhiễu'
bad "clip add of a missing file" ctl clip add "$T/none.wav" --title 'Không có'
bad "clip add of a directory" ctl clip add "$T" --title 'Thư mục'
bad "clip add with an invalid UTF-8 title" \
    ctl clip add "$T/b.wav" --title $'Tin \xc3\x28 sai'
bad "clip add with a truncated UTF-8 title" \
    ctl clip add "$T/b.wav" --title $'Tin \xe1\xbb'
bad "clip add with an overlong UTF-8 title" \
    ctl clip add "$T/b.wav" --title $'Tin \xc0\xaf'
bad "clip add with a control character in the title" \
    ctl clip add "$T/b.wav" --title $'Tin\x01CCHC'
bad "clip add with a newline in the title" \
    ctl clip add "$T/b.wav" --title $'Tin\nCCHC'
bad "clip add with a title of only spaces" \
    ctl clip add "$T/b.wav" --title $'  \t \xc2\xa0 '
bad "clip add with a topic of only spaces" \
    ctl clip add "$T/b.wav" --title 'Tin' --topic '   '
bad "clip add with a source of only spaces" \
    ctl clip add "$T/b.wav" --title 'Tin' --source '   '
bad "clip add with an invalid UTF-8 source" \
    ctl clip add "$T/b.wav" --title 'Tin' --source $'KH \xff'
bad "clip add with no file" ctl clip add
bad "clip add with an unknown option" ctl clip add "$T/b.wav" --colour red

bad "clip show of an unknown clip" ctl clip show 999
bad "clip show of a non-number" ctl clip show abc
bad "clip rm of an unknown clip" ctl clip rm 999
bad "play of an unknown clip" ctl play 999
bad "play of a non-number" ctl play 1x
bad "schedule add for an unknown clip" ctl schedule add 999 --once "$future 05:30"
bad "schedule rm of an unknown schedule" ctl schedule rm 999
bad "log of an unknown clip" ctl log --clip 999x

bad "--at 25:00" ctl schedule add "$id" --at 25:00
bad "--at 07:60" ctl schedule add "$id" --at 07:60
bad "--at 7" ctl schedule add "$id" --at 7
bad "--at abc" ctl schedule add "$id" --at abc
bad "--at 05:30:61" ctl schedule add "$id" --at 05:30:61
bad "--days funday" ctl schedule add "$id" --at 05:30 --days funday
bad "--days mon,,fri" ctl schedule add "$id" --at 05:30 --days mon,,fri
bad "--from 2026-02-30" ctl schedule add "$id" --at 05:30 --from 2026-02-30
bad "--until before --from" ctl schedule add "$id" --at 05:30 \
    --from "$future" --until "$(date -d '-3 days' +%F)"
bad "--once month 13" ctl schedule add "$id" --once '2030-13-01 05:30'
bad "--once without a time" ctl schedule add "$id" --once 'tomorrow'
bad "--once in the past" ctl schedule add "$id" --once '2001-01-01 05:30:00'
bad "--rrule FREQ=SOMETIMES" ctl schedule add "$id" --rrule 'FREQ=SOMETIMES' \
    --start "$future 05:30"
bad "--rrule with a bad BYDAY" ctl schedule add "$id" \
    --rrule 'FREQ=WEEKLY;BYDAY=XX' --start "$future 05:30"
bad "--rrule finer than minutely" ctl schedule add "$id" \
    --rrule 'FREQ=SECONDLY' --start "$future 05:30"
bad "--rrule that never airs after now" ctl schedule add "$id" \
    --rrule 'FREQ=DAILY;COUNT=2' --start '2001-01-01 05:30'
bad "--rrule with a bad --start" ctl schedule add "$id" \
    --rrule 'FREQ=DAILY' --start '2026-02-30 05:30'
bad "--at and --once together" ctl schedule add "$id" --at 05:30 \
    --once "$future 05:30"
bad "schedule add with no time" ctl schedule add "$id"
bad "schedule next 0" ctl schedule next 0
bad "schedule next 10001" ctl schedule next 10001
bad "log --month 2025-13" ctl log --month 2025-13
bad "log --from 2025-02-30" ctl log --from 2025-02-30 --to 2025-03-02
bad "log --format xml" ctl log --format xml
bad "report --month abc" ctl report --month abc

bad "an unknown loaxactl command" ctl frobnicate
bad "an unknown clip subcommand" ctl clip frobnicate
bad "a socket that is not there" "$LOAXACTL" --socket "$T/nosock" status

# On the socket itself: each bad request gets ERR <code>, the connection
# stays usable, and nothing changes.
python3 "$LXPY" talk "$SOCK" 'frobnicate 1 2' 'clipshow abc' 'clipshow 999' \
    'scheduleadd 999 2030-01-01T05:30:00 ""' \
    "scheduleadd $id 2030-01-01T05:30:00 FREQ=SOMETIMES" \
    "scheduleadd $id 2030-02-30T05:30:00 \"\"" \
    'clipadd "Tin" cchc "KH"' 'play' 'clipshow "1' 'status' >"$T/talk" ||
	fail "talking to the socket failed"
note "socket replies: $(tr '\n' '|' <"$T/talk")"
[ "$(grep -c '^ERR ' "$T/talk")" -eq 9 ] || fail "not 9 ERR replies: $(cat "$T/talk")"
grep -n '^ERR ' "$T/talk" | cut -d' ' -f2 | tr '\n' ' ' >"$T/codes"
[ "$(cat "$T/codes")" = "2 1 4 4 1 1 1 1 1 " ] ||
	fail "socket error codes $(cat "$T/codes"), want 2 1 4 4 1 1 1 1 1"
grep -q '^version: ' "$T/talk" || fail "status after errors did not answer"
[ "$(db_state)" = "$before" ] || fail "bad socket requests changed the database"

# clipadd with a descriptor: the daemon checks what loaxactl would.
sendfd() { # sendfd FILE LINE CODE
	local r
	r=$(python3 "$LXPY" sendfd "$SOCK" "$1" "$2") || fail "sendfd $2"
	note "$2: $r"
	case $r in
	"ERR $3 "*) ;;
	*) fail "$2 with $1: '$r', want ERR $3" ;;
	esac
	[ "$(db_state)" = "$before" ] || fail "$2 with $1: the database changed"
}
sendfd "$T/b.wav" $'clipadd "Tin \xc3\x28" cchc ""' 1
sendfd "$T/b.wav" $'clipadd "Tin\x01" cchc ""' 1
sendfd "$T/b.wav" 'clipadd "" cchc ""' 1
sendfd "$T/b.wav" 'clipadd "   " cchc ""' 1
sendfd "$T/b.wav" 'clipadd "Tin" "  " ""' 1
sendfd "$T/b.wav" 'clipadd "Tin" cchc "  "' 1
sendfd "$T/b.wav" $'clipadd "Tin" cchc "KH \xff"' 1
sendfd "$T/text.wav" 'clipadd "Văn bản" cchc ""' 6
sendfd "$T/empty.mp3" 'clipadd "Rỗng" cchc ""' 6
sendfd "$T/a.wav" 'clipadd "Trùng" cchc ""' 5

ctl status >/dev/null || fail "the daemon stopped answering"
stop_daemon
