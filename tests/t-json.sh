#!/usr/bin/env bash
# Machine output: log, report and schedule next in --format json parse and
# carry the contract's fields (instants as ISO 8601 local time with offset
# and microseconds, schedule null for a manual airing); --format csv has a
# header row and the same rows; titles with quotes, backslashes and commas
# survive both.  A --once airing 6 s ahead airs at its instant.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon
title='Tin "CCHC", số 3\4 — Hướng dẫn'
make_clip "$T/a.wav" wav 0.5 440 22050 1
id=$(ctl clip add "$T/a.wav" --title "$title" --topic cchc) || fail "clip add"

# The manual airing first, so it is the first row however long the
# commands below take on a loaded machine.
ctl play "$id" >/dev/null || fail "play"
wait_aired "$id" 1 15
at=$(local_at 6)
sid=$(ctl schedule add "$id" --once "$at") || fail "schedule add --once"
ctl schedule next 5 --format json >"$T/next.json" || fail "schedule next json"
python3 "$LXPY" check next <"$T/next.json" >/dev/null || fail "schedule next JSON"
python3 -c '
import json, sys
want = [{"scheduled": sys.argv[2], "clip": int(sys.argv[3]),
         "schedule": int(sys.argv[4]), "title": sys.argv[5]}]
got = [{k: a[k] for k in want[0]} for a in json.load(open(sys.argv[1]))]
sys.exit(got != want)' "$T/next.json" "${at/ /T}.000000+07:00" "$id" "$sid" \
    "$title" || fail "schedule next: $(cat "$T/next.json")"
ctl schedule next 5 --format csv | python3 "$LXPY" csv next >/dev/null ||
	fail "schedule next csv"

wait_aired "$id" 2 15

log_json >"$T/log.json" || fail "log --format json"
python3 "$LXPY" check log <"$T/log.json" >/dev/null || fail "log JSON: $(cat "$T/log.json")"
q() { python3 "$LXPY" q "$1" <"$T/log.json"; }
if [ "$(q '[a["schedule"] for a in d]' | tr '\n' ' ')" != "null $sid " ] ||
    [ "$(q '[a["title"] for a in d][0]')" != "$title" ] ||
    [ "$(q '[a["status"] for a in d]' | tr '\n' ' ')" != "done done " ]; then
	fail "log: want a manual then a scheduled airing, both done: $(cat "$T/log.json")"
fi
[ "$(q 'd[1]["scheduled"]')" = "${at/ /T}.000000+07:00" ] ||
	fail "scheduled instant $(q 'd[1]["scheduled"]'), want $at"
aid=$(q 'd[1]["id"]')
late=$(python3 "$LXPY" lateness "$aid" <"$T/log.json") || fail "lateness"
note "airing $aid: started $late ms after its instant"
python3 -c "import sys; sys.exit(not 0 <= float(sys.argv[1]) < 50)" "$late" ||
	fail "airing $aid started $late ms after its instant"
python3 -c '
import json, sys, datetime
for a in json.load(sys.stdin):
    s = datetime.datetime.fromisoformat(a["started"])
    e = datetime.datetime.fromisoformat(a["ended"])
    if e < s or s.utcoffset() != datetime.timedelta(hours=7):
        sys.exit("airing %s: ended before started, or not +07:00" % a["id"])
' <"$T/log.json" || fail "log instants"

# csv: the same rows as json.
# shellcheck disable=SC2046
ctl log $(log_range) --format csv >"$T/log.csv" || fail "log --format csv"
[ "$(python3 "$LXPY" csv log <"$T/log.csv")" = 2 ] || fail "log csv: not 2 rows"
python3 - "$T/log.csv" "$T/log.json" <<'PY' || fail "log csv and json disagree"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
js = json.load(open(sys.argv[2]))
for r, j in zip(rows, js):
    for k in ("id", "clip", "title", "status", "frames"):
        if r[k] != str(j[k]):
            sys.exit("%s: csv %r json %r" % (k, r[k], j[k]))
PY

ctl report --format json | python3 "$LXPY" check report >/dev/null || fail "report JSON"
ctl report --format csv | python3 "$LXPY" csv report >/dev/null || fail "report csv"
stop_daemon
