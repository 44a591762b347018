#!/usr/bin/env bash
# The quota report: items counts the distinct cchc clips aired done (not
# other topics, not failed airings), airings their done airings, met is
# items >= quota (default 2, --quota-per-month); upcoming lists what is
# still scheduled this month; another month is empty.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon

add() { # add FILE FREQ TOPIC TITLE
	make_clip "$1" wav 0.3 "$2" 22050 1
	ctl clip add "$1" --title "$4" --topic "$3" || fail "clip add $1"
}
a=$(add "$T/a.wav" 500 cchc 'Dịch vụ công trực tuyến')
b=$(add "$T/b.wav" 600 cchc 'Thủ tục đăng ký khai sinh')
c=$(add "$T/c.wav" 700 thoitiet 'Bản tin thời tiết')
d=$(add "$T/d.wav" 800 cchc 'Hỏng')

report() {
	ctl report --format json >"$T/report.json" || fail "report failed"
	python3 "$LXPY" check report <"$T/report.json" >/dev/null ||
		fail "report JSON: $(cat "$T/report.json")"
	python3 "$LXPY" q '(d["quota"], d["items"], d["airings"], d["met"])' \
	    <"$T/report.json"
}
air() { # air CLIP N: play clip N times, one after the other
	local i
	for i in $(seq "$2"); do
		ctl play "$1" >/dev/null || fail "play $1"
		wait_aired "$1" "$i"
	done
}

[ "$(report)" = "(2, 0, 0, False)" ] || fail "empty report: $(report)"
[ "$(python3 "$LXPY" q 'd["month"]' <"$T/report.json")" = "$(date +%Y-%m)" ] ||
	fail "report month is not this month"

air "$a" 2
air "$c" 1
# A cchc clip whose airing fails does not count.
dsha=$(sha256sum "$T/d.wav" | cut -d' ' -f1)
printf 'x' | dd of="$T/state/clips/$dsha" bs=1 seek=60 conv=notrunc 2>/dev/null
air "$d" 1
[ "$(airing_status "$(last_airing "$d")")" = failed ] || fail "damaged clip did not fail"
[ "$(report)" = "(2, 1, 2, False)" ] ||
	fail "after A twice, C (not cchc), D failed: $(report), want (2, 1, 2, False)"

air "$b" 1
[ "$(report)" = "(2, 2, 3, True)" ] ||
	fail "after B: $(report), want (2, 2, 3, True)"
ctl report --format csv | python3 "$LXPY" csv report >/dev/null || fail "report csv"
ctl report >/dev/null || fail "report (table)"

# Another month: nothing aired.
ctl report --month 2020-01 --format json >"$T/old.json" || fail "report --month"
[ "$(python3 "$LXPY" q '(d["month"], d["items"], d["airings"], d["met"], len(d["upcoming"]))' \
    <"$T/old.json")" = "('2020-01', 0, 0, False, 0)" ] ||
	fail "report for 2020-01: $(cat "$T/old.json")"

# What is still scheduled this month is listed (unless the month ends
# within the hour).
at=$(local_at 3600)
if [ "${at:0:7}" = "$(date +%Y-%m)" ]; then
	sid=$(ctl schedule add "$a" --once "$at") || fail "schedule add"
	ctl report --format json >"$T/report.json"
	[ "$(python3 "$LXPY" q "len([u for u in d['upcoming'] if u.get('schedule') == $sid])" \
	    <"$T/report.json")" = 1 ] || fail "upcoming lacks schedule $sid: $(cat "$T/report.json")"
fi

# The quota comes from --quota-per-month.
stop_daemon
start_daemon --quota-per-month 3
[ "$(report)" = "(3, 2, 3, False)" ] ||
	fail "with quota 3: $(report), want (3, 2, 3, False)"
stop_daemon
