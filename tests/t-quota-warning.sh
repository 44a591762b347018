#!/usr/bin/env bash
# The early warning, on a daemon whose clock (libfaketime) reads the 25th
# of next month: with nothing scheduled, status says the month is at risk
# and the log says so; one item scheduled is still short; two distinct
# items scheduled clear it.  On the 10th, a short month is not yet a
# warning.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

lib=$(faketime_lib) || exit 77

m=$(date -d "$(date +%Y-%m-01) +1 month" +%Y-%m)
# on DAY HH:MM: run the daemon with its clock at that local time of month m.
on() {
	local off=$(($(date -d "$m-$1 $2" +%s) - $(date +%s)))
	LX_DAEMON_ENV=(LD_PRELOAD="$lib" FAKETIME="+${off}s"
	    FAKETIME_DONT_FAKE_MONOTONIC=1
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
	start_daemon
}
# quota: the status reply's quota lines, as "month items projected at_risk".
quota() {
	python3 "$LXPY" talk "$SOCK" status >"$T/status" || fail "status"
	printf '%s %s %s %s' \
	    "$(sed -n 's/^quota_month: //p' "$T/status")" \
	    "$(sed -n 's/^quota_items: //p' "$T/status")" \
	    "$(sed -n 's/^quota_projected: //p' "$T/status")" \
	    "$(sed -n 's/^quota_at_risk: //p' "$T/status")"
}

on 25 10:00
make_clip "$T/a.wav" wav 0.3 440 22050 1
make_clip "$T/b.wav" wav 0.3 660 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Tin một' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Tin hai' --topic cchc) || fail "add"
[ "$(quota)" = "$m 0 0 1" ] || fail "nothing scheduled on the 25th: $(quota)"
grep -q "quota: $m: 0 of 2 items aired, 0 with what is scheduled: the month will fall short" \
    "$T/loaxad.log" || fail "no warning in the log: $(tail -n 5 "$T/loaxad.log")"
ctl status | grep -qx "quota:    at risk in $m: 0 of 2 items aired, 0 with what is scheduled" ||
	fail "status does not warn: $(ctl status)"
[ "$(ctl status --format json | python3 "$LXPY" q '(d["quota_at_risk"], d["quota_projected"])')" = \
    "(True, 0)" ] || fail "status --format json: $(ctl status --format json)"
sa=$(ctl schedule add "$a" --once "$m-27 06:00") || fail "schedule a"
[ "$(quota)" = "$m 0 1 1" ] || fail "one item scheduled: $(quota)"
sb=$(ctl schedule add "$b" --rrule 'FREQ=DAILY;COUNT=3' --start "$m-26 17:00") ||
	fail "schedule b"
[ "$(quota)" = "$m 0 2 0" ] || fail "two items scheduled: $(quota)"
! ctl status | grep -q '^quota:' || fail "status warns with two items scheduled"
ctl schedule rm "$sa" || fail "schedule rm"
ctl schedule rm "$sb" || fail "schedule rm"
stop_daemon

on 10 10:00
[ "$(quota)" = "$m 0 0 0" ] || fail "a short month on the 10th: $(quota)"
grep -c "the month will fall short" "$T/loaxad.log" | grep -qx 1 ||
	fail "a warning on the 10th: $(grep 'fall short' "$T/loaxad.log")"
stop_daemon
