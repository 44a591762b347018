#!/usr/bin/env bash
# schedule export --ics: libical (tests/tools/icsnext, reading the file as
# a calendar app would, through its own VTIMEZONE) expands the calendar to
# the same airings as schedule next, from the daemon and from a --db copy,
# in Vietnam's zone and in one with DST (Europe/Berlin, across a change);
# titles and durations come through.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

ICSNEXT=$LX_BUILD/tests/icsnext
[ -x "$ICSNEXT" ] || fail "$ICSNEXT not built"
make_clip "$T/a.wav" wav 1.5 440 22050 1
make_clip "$T/b.wav" wav 0.5 660 22050 1
y=$(($(date +%Y) + 1))

# same WHAT FILE: the calendar's first 200 airings (past the spring DST
# change) are schedule next 200.
same() {
	"$ICSNEXT" "$2" 200 "$(date +%s)" >"$T/ics.next" || fail "$1: icsnext"
	ctl schedule next 200 --format json | python3 -c '
import datetime, json, sys
for a in json.load(sys.stdin):
    t = datetime.datetime.fromisoformat(a["scheduled"])
    print(int(t.timestamp()), "schedule-%d@loaxa" % a["schedule"], a["title"])
' >"$T/ctl.next" || fail "$1: schedule next"
	[ "$(wc -l <"$T/ctl.next")" -eq 200 ] || fail "$1: fewer than 200 airings"
	grep -q "^$(date -d "$y-03-29 12:00" +%s) " "$T/ics.next" ||
		fail "$1: the calendar lacks the airing after the DST change"
	cmp -s "$T/ics.next" "$T/ctl.next" ||
		fail "$1: the calendar and schedule next differ: $(diff "$T/ics.next" "$T/ctl.next" | head -n 6)"
}

for zone in Asia/Ho_Chi_Minh Europe/Berlin; do
	export TZ=$zone
	rm -rf "$T/state"
	start_daemon
	a=$(ctl clip add "$T/a.wav" --title 'Tin "CCHC": dịch vụ công, số 1' \
	    --topic cchc --source 'Kế hoạch số 88/KH-UBND') || fail "add"
	b=$(ctl clip add "$T/b.wav" --title 'Khai sinh' --topic cchc) || fail "add"
	ctl schedule add "$a" --at 05:30 --days mon,wed,fri >/dev/null || fail "weekly"
	ctl schedule add "$b" --at 17:00 --days daily --until "$y-12-31" \
	    >/dev/null || fail "daily"
	# Across the spring DST change in Berlin (the last Sunday of March):
	# the book and the calendar must agree on every instant.
	ctl schedule add "$a" --rrule 'FREQ=DAILY;COUNT=4' \
	    --start "$y-03-27 06:15" >/dev/null || fail "rrule"
	ctl schedule add "$b" --once "$y-03-29 12:00" >/dev/null || fail "once"
	ctl schedule export --ics -o "$T/cal.ics" || fail "export"
	grep -q $'\r$' "$T/cal.ics" || fail "lines do not end in CRLF"
	grep -q "^BEGIN:VTIMEZONE" "$T/cal.ics" || fail "no VTIMEZONE"
	grep -q "^TZID:$zone" "$T/cal.ics" || fail "no TZID $zone"
	[ "$(grep -c '^BEGIN:VEVENT' "$T/cal.ics")" = 4 ] || fail "not 4 events"
	grep -q '^DURATION:PT2S' "$T/cal.ics" || fail "no clip length"
	grep -q 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR' "$T/cal.ics" ||
		fail "weekly rule: $(grep RRULE "$T/cal.ics")"
	grep -Eq "RRULE:FREQ=DAILY;UNTIL=${y}1231T[0-9]{6}Z" "$T/cal.ics" ||
		fail "UNTIL is not UTC: $(grep RRULE "$T/cal.ics")"
	# The title, unfolded and unescaped.
	[ "$(tr -d '\r' <"$T/cal.ics" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' |
	    sed -n 's/^SUMMARY://p' | head -n 1)" = 'Tin "CCHC": dịch vụ công\, số 1' ] ||
		fail "SUMMARY: $(grep -A1 SUMMARY "$T/cal.ics" | head -n 2)"
	same "$zone" "$T/cal.ics"
	stop_daemon
	"$LOAXACTL" --db "$DB" schedule export --ics >"$T/db.ics" ||
		fail "--db export"
	start_daemon
	same "$zone --db" "$T/db.ics"
	stop_daemon
	expect_fail "export without --ics" ctl schedule export
done
