#!/usr/bin/env bash
# Every loaxactl command at least once against a live loaxad on the file
# plugin: clip add/list/show/rm, schedule add (--at, --once, --rrule),
# schedule list/next/rm, play, stop, status, log, report, and each
# command's --help; "help" on the socket lists every protocol command.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon

make_clip "$T/a.wav" wav 1 440 44100 1
id=$(ctl clip add "$T/a.wav" --title 'Tin CCHC tháng 11' --topic cchc \
    --source 'Kế hoạch số 88/KH-UBND') || fail "clip add failed"
[[ $id =~ ^[0-9]+$ ]] || fail "clip add printed '$id', not an id"

ctl clip list >"$T/list" || fail "clip list failed"
grep -qF 'Tin CCHC tháng 11' "$T/list" || fail "clip list lacks the title"
ctl clip show "$id" >"$T/show" || fail "clip show failed"
sha=$(sha256sum "$T/a.wav" | cut -d' ' -f1)
for want in "$sha" 'Tin CCHC tháng 11' 'Kế hoạch số 88/KH-UBND' 44100 cchc; do
	grep -qF "$want" "$T/show" || fail "clip show lacks '$want'"
done

tomorrow=$(date -d tomorrow +%F)
s1=$(ctl schedule add "$id" --at 05:30 --days mon,wed,fri) ||
	fail "schedule add --at failed"
s2=$(ctl schedule add "$id" --once "$tomorrow 17:00") ||
	fail "schedule add --once failed"
s3=$(ctl schedule add "$id" --rrule 'FREQ=DAILY;INTERVAL=2' \
    --start "$tomorrow 06:15:30") || fail "schedule add --rrule failed"
s4=$(ctl schedule add "$id" --at 21:00:15 --days daily --from "$tomorrow" \
    --until "$(date -d '+9 days' +%F)") ||
	fail "schedule add --at --days daily --from --until failed"
for s in "$s1" "$s2" "$s3" "$s4"; do
	[[ $s =~ ^[0-9]+$ ]] || fail "schedule add printed '$s', not an id"
done
ctl schedule list >"$T/slist" || fail "schedule list failed"
grep -qF '06:15:30 every 2 days, from' "$T/slist" ||
	fail "schedule list does not put the rule in words: $(cat "$T/slist")"
ctl schedule list --format csv | grep -qF 'FREQ=DAILY;INTERVAL=2' ||
	fail "schedule list --format csv lacks the rule"

ctl schedule next 200 --format json >"$T/next.json" ||
	fail "schedule next --format json failed"
python3 "$LXPY" check next <"$T/next.json" >/dev/null || fail "schedule next JSON"
q() { python3 "$LXPY" q "$1" <"$T/next.json"; }
# The --at/--days rule airs on Mondays, Wednesdays and Fridays at 05:30.
[ "$(q "sorted(set((instant(a['scheduled']).weekday(), instant(a['scheduled']).strftime('%H:%M:%S')) for a in d if a['schedule'] == $s1))" |
    tr '\n' ' ')" = "(0, '05:30:00') (2, '05:30:00') (4, '05:30:00') " ] ||
	fail "schedule $s1 does not air Mon/Wed/Fri 05:30: $(q "[a['scheduled'] for a in d if a['schedule'] == $s1]")"
[ "$(q "[a['scheduled'] for a in d if a['schedule'] == $s2]")" = \
    "${tomorrow}T17:00:00.000000+07:00" ] || fail "schedule $s2 not tomorrow 17:00"
[ "$(q "[a['scheduled'] for a in d if a['schedule'] == $s3][:2]" | tr '\n' ' ')" = \
    "${tomorrow}T06:15:30.000000+07:00 $(date -d '+3 days' +%F)T06:15:30.000000+07:00 " ] ||
	fail "schedule $s3 does not air every other day at 06:15:30"
[ "$(q "len([a for a in d if a['schedule'] == $s4])")" = 9 ] ||
	fail "schedule $s4 (daily from tomorrow until +9 days) does not air 9 times"
[ "$(ctl schedule next 1 --format json | python3 "$LXPY" q 'len(d)')" = 1 ] ||
	fail "schedule next 1 did not list one airing"
ctl schedule next >/dev/null || fail "schedule next (table) failed"

ctl schedule rm "$s2" || fail "schedule rm failed"
[ "$(ctl schedule next 200 --format json |
    python3 "$LXPY" q "len([a for a in d if a['schedule'] == $s2])")" = 0 ] ||
	fail "schedule $s2 still in schedule next after schedule rm"

ctl play "$id" >/dev/null || fail "play failed"
wait_aired "$id" 1
[ "$(jq_log "[(a['status'], a['schedule'], a['frames']) for a in d if a['clip'] == $id]")" = \
    "('done', None, 44100)" ] || fail "play: airing is not done, manual, 44100 frames: $(log_json)"

ctl stop >/dev/null || fail "stop with nothing on air failed"
ctl status >"$T/status" || fail "status failed"
grep -qF loaxa_test "$T/status" || fail "status does not name the device"
grep -qF 0.1.0 "$T/status" || fail "status does not give the version"

ctl log >"$T/log" || fail "log failed"
grep -qF 'Tin CCHC tháng 11' "$T/log" || fail "log (table) lacks the title"
ctl log --month "$(date +%Y-%m)" --format csv >"$T/log.csv" || fail "log --month --format csv"
[ "$(python3 "$LXPY" csv log <"$T/log.csv")" = 1 ] || fail "log csv: not one row"
ctl log --clip "$id" --format json | python3 "$LXPY" check log >/dev/null ||
	fail "log --clip --format json"
ctl report >"$T/report" || fail "report failed"
ctl report --month "$(date +%Y-%m)" --format json | python3 "$LXPY" check report \
    >/dev/null || fail "report --format json"

expect_fail "clip rm of a scheduled clip" ctl clip rm "$id"
for s in "$s1" "$s3" "$s4"; do
	ctl schedule rm "$s" || fail "schedule rm $s failed"
done
ctl clip rm "$id" || fail "clip rm failed"
ctl clip list | grep -qF 'Tin CCHC tháng 11' && fail "clip still listed after rm"
expect_fail "clip show of a removed clip" ctl clip show "$id"
[ "$(jq_log "[a['title'] for a in d if a['clip'] == $id]")" = 'Tin CCHC tháng 11' ] ||
	fail "the removed clip's airing left the log"

# "help" on the socket lists every command of the protocol.
python3 "$LXPY" talk "$SOCK" help >"$T/help" || fail "help on the socket"
for c in clipadd cliplist clipshow cliprm scheduleadd schedulelist \
    schedulerm schedulenext play stop status log report help; do
	grep -q "^command: $c\\b" "$T/help" || fail "help does not list $c"
done
tail -n 2 "$T/help" | head -n 1 | grep -qx OK || fail "help did not end with OK"

# Every loaxactl command has --help.
"$LOAXACTL" --help >/dev/null 2>&1 || fail "loaxactl --help exit non-zero"
for c in "clip add" "clip list" "clip show" "clip rm" "schedule add" \
    "schedule list" "schedule rm" "schedule next" play stop status log report; do
	# shellcheck disable=SC2086
	out=$(ctl $c --help 2>&1) || fail "loaxactl $c --help: exit non-zero"
	[ -n "$out" ] || fail "loaxactl $c --help printed nothing"
done
stop_daemon
