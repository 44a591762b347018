#!/usr/bin/env bash
# --days as operators write it: each spelling (English, Vietnamese t2..cn,
# thu2/chunhat, "thứ Hai" with or without diacritics, ranges, sets, spaces
# after commas) makes the same RRULE as its plain form, in both languages;
# a word that is no day is refused in one line naming it.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

need_vi
start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
clip=$(ctl clip add "$T/a.wav" --title 'Tin CCHC') || fail "clip add"
from=$(date -d '+3 days' +%F)

# Each spelling, in English and in Vietnamese, at its own minute (the same
# rule at the same time would be a twin, refused); then one look at the
# rules they made.
mwf='FREQ=WEEKLY;BYDAY=MO,WE,FR'
weekdays='FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'
weekend='FREQ=WEEKLY;BYDAY=SA,SU'
n=0
: >"$T/want"
add() {
	local want=$1 days id run
	shift
	for days in "$@"; do
		for run in "" in_vi; do
			n=$((n + 1))
			id=$($run "$LOAXACTL" --socket "$SOCK" schedule add \
			    "$clip" --at "$(printf '05:%02d' "$n")" \
			    --days "$days" --from "$from" 2>"$T/err") ||
				fail "--days '$days' ${run:+($run)}: $(cat "$T/err")"
			printf '%s\t%s\t%s\n' "$id" "$want" "$days" >>"$T/want"
		done
	done
}
add "$mwf" 'mon,wed,fri' 't2,t4,t6' 'mon, wed, fri' 'T2, T4, T6' \
    'thu2,thu4,thu6' 'thứ Hai, thứ Tư, thứ Sáu' 'thứ 2,thứ 4,thứ 6' \
    'Monday,Wednesday,Friday' \
    $'th\u0075\u031b\u0301 2, th\u0075\u031b 4, th\u0075\u031b\u0301 6'
add "$weekdays" 'mon-fri' 't2-t6' 'weekdays' 'thứ 2 - thứ 6' 'T2–T6'
add "$weekend" 't7,cn' 'sat-sun' 'thu7, chunhat' 'thứ Bảy, Chủ nhật' 'weekend'
add 'FREQ=DAILY' 'daily' 't2-cn' 'mon-sun' 'hằng ngày'
ctl schedule list --format json >"$T/list.json" || fail "schedule list"
python3 - "$T/list.json" "$T/want" <<'PY' || fail "a --days spelling made another rule"
import json, sys
got = {s["id"]: s["rrule"] for s in json.load(open(sys.argv[1]))}
bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    sid, want, days = line.rstrip("\n").split("\t")
    if got.get(int(sid)) != want:
        print(f"--days {days!r}: {got.get(int(sid))!r}, want {want!r}")
        bad = 1
sys.exit(bad)
PY

# A word that is no day: refused, naming it, in the user's language.
before=$(db_state)
expect_fail "--days t8" ctl schedule add "$clip" --at 05:30 --days t2,t8
grep -q "'t8' is not a day" "$T/ef.err" || fail "--days t8: $(cat "$T/ef.err")"
expect_fail "--days t8 (vi)" in_vi "$LOAXACTL" --socket "$SOCK" \
    schedule add "$clip" --at 05:30 --days t2,t8
grep -q "'t8' không phải là thứ trong tuần" "$T/ef.err" ||
	fail "--days t8 (vi): $(cat "$T/ef.err")"
expect_fail "--days mon,mon" ctl schedule add "$clip" --at 05:30 \
    --days 'mon, t2'
grep -q "Monday is given twice" "$T/ef.err" ||
	fail "--days 'mon, t2': $(cat "$T/ef.err")"
expect_fail "--days 'mon wed'" ctl schedule add "$clip" --at 05:30 \
    --days 'mon wed'
[ "$(db_state)" = "$before" ] || fail "a refused --days changed the database"
exit 0
