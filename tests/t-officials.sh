#!/usr/bin/env bash
# timeout 300
# Reports for officials, over months lived through with libfaketime (the
# daemon's clock set to a day of each month two years back): a quarter
# with one month not met and one ending at a year boundary; an item is
# its audio (a clip removed and added again under a new title counts
# once); airtime and the hours of the day.  Each format is read back by
# something independent: JSON with json, CSV with Python's csv, the
# workbook with openpyxl (titles exact, dates are date cells), the page
# rendered to PNG by headless Chromium (not blank).  Two communes'
# databases make one district report.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

lib=$(faketime_lib) || exit 77
OFF=$LX_ROOT/tests/officials.py
y=$(($(date +%Y) - 2))
y1=$((y + 1))
# on WHEN FLAGS...: the daemon (of $T/state) with its clock at local WHEN.
on() {
	local when=$1
	shift
	LX_DAEMON_ENV=(LD_PRELOAD="$lib" FAKETIME="@$when"
	    FAKETIME_DONT_FAKE_MONOTONIC=1
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
	start_daemon "$@"
}
# air CLIP...: play each in turn, to the end.
air() {
	local c n
	for c in "$@"; do
		n=$(db "select count(*) from airings where clip_id = $c and status = 'done'")
		ctl play "$c" >/dev/null || fail "play $c"
		wait_until 20 done_n "$c" $((n + 1)) || fail "clip $c did not air"
	done
}
done_n() {
	[ "$(db "select count(*) from airings where clip_id = $1 and status = 'done'")" -ge "$2" ]
}

make_clip "$T/a.wav" wav 1 440 22050 1
make_clip "$T/b.wav" wav 2 660 22050 1
make_clip "$T/w.wav" wav 0.5 880 22050 1
ta='Tin "CCHC" số 1: Dịch vụ công trực tuyến, 3\4'
tb='Đăng ký khai sinh — liên thông'

on "$y-11-10 06:30:00" --commune 'Xã Mỹ Luận'
a=$(ctl clip add "$T/a.wav" --title "$ta" --topic cchc) || fail "add a"
b=$(ctl clip add "$T/b.wav" --title "$tb" --topic cchc) || fail "add b"
w=$(ctl clip add "$T/w.wav" --title 'Thời tiết' --topic thoitiet) || fail "add w"
air "$a" "$b"
stop_daemon
on "$y-12-05 12:00:00"
air "$a" "$w"
ctl clip rm "$a" || fail "clip rm"
a2=$(ctl clip add "$T/a.wav" --title 'Tin số 1 (phát lại)' --topic cchc) ||
	fail "add a again"
air "$a2"
stop_daemon
on "$y1-01-07 15:00:00"
air "$a2" "$b"
stop_daemon
on "$y1-02-03 18:00:00"
air "$b" "$a2"
stop_daemon
on "$y1-03-04 09:00:00"
air "$b"
stop_daemon
LX_DAEMON_ENV=()
start_daemon

# Q1 of $y1: January and February met, March not.
ctl report --quarter "$y1-Q1" --format json >"$T/q1.json" || fail "report --quarter"
q() { python3 "$LXPY" q "$1" <"$T/q1.json"; }
[ "$(q '(d["period"], d["month"], d["from"], d["to"], d["commune"])')" = \
    "('$y1-Q1', None, '$y1-01-01', '$y1-03-31', 'Xã Mỹ Luận')" ] ||
	fail "Q1 period: $(cat "$T/q1.json")"
[ "$(q '[(m["month"], m["items"], m["airings"], m["met"]) for m in d["by_month"]]')" = \
    "('$y1-01', 2, 2, True)
('$y1-02', 2, 2, True)
('$y1-03', 1, 1, False)" ] || fail "Q1 months: $(cat "$T/q1.json")"
[ "$(q '(d["items"], d["airings"], d["months"], d["months_met"], d["met"])')" = \
    "(2, 5, 3, 2, False)" ] || fail "Q1 totals: $(cat "$T/q1.json")"
# airtime: a 1 s, b 2 s; January at 15:00, February at 18:00, March at 09:00.
[ "$(q '(d["airtime"], d["before_07"], d["07_11"], d["11_14"], d["14_17"], d["after_17"])')" = \
    "(8.0, 0, 1, 0, 2, 2)" ] || fail "Q1 airtime and hours: $(cat "$T/q1.json")"

# Q4 of $y, which ends at the new year: October empty, November met,
# December one item (a and its re-added copy are one audio).
ctl report --quarter "$y-Q4" --format json >"$T/q4.json" || fail "report Q4"
q() { python3 "$LXPY" q "$1" <"$T/q4.json"; }
[ "$(q '[(m["month"], m["items"], m["airings"], m["met"]) for m in d["by_month"]]')" = \
    "('$y-10', 0, 0, False)
('$y-11', 2, 2, True)
('$y-12', 1, 2, False)" ] || fail "Q4 months: $(cat "$T/q4.json")"
[ "$(q '(d["to"], d["items"], d["airings"], d["months_met"], d["before_07"], d["11_14"])')" = \
    "('$y-12-31', 2, 4, 1, 2, 2)" ] || fail "Q4 totals: $(cat "$T/q4.json")"
# Items, first aired first, each named by the newest clip of its audio.
[ "$(q '[(c["clip"], c["airings"], c["airtime"]) for c in d["clips"]]')" = \
    "($a2, 3, 3.0)
($b, 1, 2.0)" ] || fail "Q4 items: $(cat "$T/q4.json")"

# The year $y1 and the second half of $y: every month is there.
ctl report --year "$y1" --format json >"$T/y.json" || fail "report --year"
[ "$(python3 "$LXPY" q '(len(d["by_month"]), d["months_met"], d["items"], d["airings"])' \
    <"$T/y.json")" = "(12, 2, 2, 5)" ] || fail "year: $(cat "$T/y.json")"
ctl report --half "$y-H2" --format json >"$T/h.json" || fail "report --half"
[ "$(python3 "$LXPY" q '(d["period"], d["months"], d["months_met"], d["airings"])' \
    <"$T/h.json")" = "('$y-H2', 6, 1, 4)" ] || fail "half: $(cat "$T/h.json")"
ctl report --month "$y1-02" --format json | python3 "$LXPY" check report >/dev/null ||
	fail "a month's report misses the contract's fields"

# CSV: Python's csv reads the same numbers, one row per month, the total,
# one per item.
ctl report --quarter "$y1-Q1" --format csv | python3 "$OFF" csv >"$T/q1.csv.json" ||
	fail "report csv"
q() { python3 "$LXPY" q "$1" <"$T/q1.csv.json"; }
[ "$(q '[(r["row"], r["month"], r["items"], r["met"]) for r in d if r["row"] in ("month", "total")]')" = \
    "('month', '$y1-01', '2', 'true')
('month', '$y1-02', '2', 'true')
('month', '$y1-03', '1', 'false')
('total', '', '2', 'false')" ] || fail "csv rows: $(cat "$T/q1.csv.json")"
[ "$(q '[(r["clip"], r["title"]) for r in d if r["row"] == "clip"]')" = \
    "('$a2', 'Tin số 1 (phát lại)')
('$b', '$tb')" ] || fail "csv items: $(cat "$T/q1.csv.json")"

# The workbook, read by openpyxl.
pyx=$(py_with openpyxl) || exit 77
ctl report --quarter "$y-Q4" --format xlsx -o "$T/q4.xlsx" || fail "report xlsx"
[ "$("$pyx" "$OFF" sheets "$T/q4.xlsx" | tr '\n' ,)" = "Months,Airings,Items,Report," ] ||
	fail "sheets: $("$pyx" "$OFF" sheets "$T/q4.xlsx")"
"$pyx" "$OFF" sheet "$T/q4.xlsx" Months >"$T/m.json" || fail "openpyxl Months"
q() { python3 "$LXPY" q "$1" <"$T/m.json"; }
[ "$(q '(d["frozen"], d["header"][0], [r[0] for r in d["rows"]])')" = \
    "('A2', 'month', ['$y-10', '$y-11', '$y-12'])" ] || fail "Months sheet: $(cat "$T/m.json")"
"$pyx" "$OFF" sheet "$T/q4.xlsx" Airings >"$T/a.json" || fail "openpyxl Airings"
q() { python3 "$LXPY" q "$1" <"$T/a.json"; }
[ "$(q 'sorted(set(r[2] for r in d["rows"]))')" = \
    "$ta
Tin số 1 (phát lại)
$tb" ] || fail "titles: $(cat "$T/a.json")"
[ "$(q '[r[4]["date"][:16] for r in d["rows"] if r[6] == "done"][0]')" = "$y-11-10T06:30" ] ||
	fail "scheduled is not a local date cell: $(cat "$T/a.json")"
[ "$(q 'len([r for r in d["rows"] if isinstance(r[5], dict) and "date" in r[5]])')" = 4 ] ||
	fail "started cells are not dates: $(cat "$T/a.json")"
ctl log --month "$y-11" --format xlsx -o "$T/log.xlsx" || fail "log xlsx"
"$pyx" "$OFF" sheet "$T/log.xlsx" "Airing log" >"$T/l.json" || fail "openpyxl log"
[ "$(python3 "$LXPY" q '(len(d["rows"]), d["frozen"])' <"$T/l.json")" = \
    "(2, 'A2')" ] || fail "log workbook: $(cat "$T/l.json")"
[ "$(python3 "$LXPY" q 'd["rows"][0][2]' <"$T/l.json")" = "$ta" ] ||
	fail "log workbook title: $(cat "$T/l.json")"

# The printable page: self-contained, rendered by Chromium, not blank.
ctl report --quarter "$y-Q4" --format html -o "$T/q4.html" || fail "report html"
! grep -Eiq '<(script|link|img)|https?://|url\((["'\'' ]*)[^#"'\'' ]' "$T/q4.html" ||
	fail "the page fetches something: $(grep -Eio '<(script|link|img)[^>]*|https?://[^"]*' "$T/q4.html" | head -3)"
grep -q '<svg' "$T/q4.html" || fail "no chart"
grep -qF "$(db "select value from meta where key = 'log_head'")" "$T/q4.html" ||
	fail "the page lacks the log's chain head"
grep -qF 'Xã Mỹ Luận' "$T/q4.html" || fail "the page lacks the commune"
command -v chromium >/dev/null || skip "chromium not installed"
mkdir "$T/chrome"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$T/chrome" \
    --window-size=1240,1754 --screenshot="$T/q4.png" "file://$T/q4.html" \
    >"$T/chrome.log" 2>&1 || fail "chromium: $(tail -n 3 "$T/chrome.log")"
ink=$(python3 "$OFF" ink "$T/q4.png") || fail "the rendered page is blank ($ink)"
note "rendered page: $ink"

# Two communes: a second database, its own name, one item in January.
stop_daemon
cp "$DB" "$T/a.db"
mv "$T/state" "$T/state-a"
on "$y1-01-20 08:00:00" --commune 'Phường Đức Nghĩa'
c=$(ctl clip add "$T/w.wav" --title 'Tin phường' --topic cchc) || fail "add c"
air "$c"
stop_daemon
cp "$DB" "$T/b.db"
"$LOAXACTL" --db "$T/a.db" --db "$T/b.db" report --quarter "$y1-Q1" --format json \
    >"$T/d.json" || fail "district report"
q() { python3 "$LXPY" q "$1" <"$T/d.json"; }
[ "$(q '[(c["commune"], c["items"], c["airings"], c["met"], c["months_met"]) for c in d["communes"]]')" = \
    "('Xã Mỹ Luận', 2, 5, False, 2)
('Phường Đức Nghĩa', 1, 1, False, 0)" ] || fail "district rows: $(cat "$T/d.json")"
[ "$(q '(d["total"]["communes"], d["total"]["communes_met"], d["total"]["items"], d["total"]["airings"])')" = \
    "(2, 0, 3, 6)" ] || fail "district total: $(cat "$T/d.json")"
[ "$(q '(d["total"]["07_11"], d["total"]["14_17"], d["total"]["after_17"], d["total"]["airtime"])')" = \
    "(2, 2, 2, 8.5)" ] || fail "district hours and airtime: $(cat "$T/d.json")"
"$LOAXACTL" --db "$T/a.db" --db "$T/b.db" report --quarter "$y1-Q1" --format csv |
	python3 "$OFF" csv >"$T/d.csv.json" || fail "district csv"
[ "$(python3 "$LXPY" q '[(r["row"], r["commune"], r["items"]) for r in d]' <"$T/d.csv.json")" = \
    "('commune', 'Xã Mỹ Luận', '2')
('commune', 'Phường Đức Nghĩa', '1')
('total', '', '3')" ] || fail "district csv: $(cat "$T/d.csv.json")"
"$LOAXACTL" --db "$T/a.db" --db "$T/b.db" report --quarter "$y1-Q1" \
    --format xlsx -o "$T/d.xlsx" || fail "district xlsx"
[ "$("$pyx" "$OFF" sheet "$T/d.xlsx" Communes | python3 "$LXPY" q '[r[0] for r in d["rows"]]')" = \
    "Xã Mỹ Luận
Phường Đức Nghĩa
total" ] || fail "district workbook"
"$LOAXACTL" --db "$T/a.db" --db "$T/b.db" report --quarter "$y1-Q1" >/dev/null ||
	fail "district table"
"$LOAXACTL" --db "$T/a.db" --db "$T/b.db" report --format html >/dev/null ||
	fail "district html"

# Bad input: one line, nothing written.
expect_fail "two periods" "$LOAXACTL" --db "$T/a.db" report --month "$y1-01" --year "$y1"
expect_fail "a bad quarter" "$LOAXACTL" --db "$T/a.db" report --quarter "$y1-Q5"
expect_fail "xlsx to stdout" "$LOAXACTL" --db "$T/a.db" report --format xlsx
expect_fail "several --db elsewhere" "$LOAXACTL" --db "$T/a.db" --db "$T/b.db" log
expect_fail "xlsx into a missing folder" "$LOAXACTL" --db "$T/a.db" report \
    --format xlsx -o "$T/nowhere/r.xlsx"
[ ! -e "$T/nowhere" ] || fail "a folder was made"
