#!/usr/bin/env bash
# Vietnamese: with LANG=vi_VN.UTF-8 people read Vietnamese (loaxad's help
# and its journal lines about airings, refusals from loaxad and from a
# --db file), while what scripts read does not change by one byte: JSON,
# CSV and the ids on stdout are the same as under LANG=C.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

need_vi

# loaxad's help, and its refusal of a bad flag (glibc's own words).
in_vi "$LOAXAD" --help >"$T/help" || fail "loaxad --help (vi)"
grep -q '^cách dùng: loaxad ' "$T/help" || fail "loaxad --help: $(head -n 2 "$T/help")"
grep -q 'chạy ở tiền cảnh' "$T/help" || fail "loaxad --help: -f not in Vietnamese"
"$LOAXAD" --help | grep -q '^usage: loaxad ' || fail "loaxad --help (C)"
in_vi "$LOAXAD" --bogus 2>"$T/err" && fail "loaxad --bogus started"
grep -q "^Xem 'loaxad --help' để biết thêm.$" "$T/err" ||
	fail "loaxad --bogus (vi): $(cat "$T/err")"

# The daemon itself in Vietnamese: its journal says so.
LX_DAEMON_ENV=(-u LC_ALL LANG=vi_VN.UTF-8)
start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
id=$(in_vi "$LOAXACTL" --socket "$SOCK" clip add "$T/a.wav" \
    --title 'Tin cải cách hành chính' --source 'Kế hoạch số 88/KH-UBND') ||
	fail "clip add (vi)"
[ "$id" = 1 ] || fail "clip add (vi) printed '$id', not the id alone"
ctl play "$id" || fail "play"
wait_aired "$id" 1
sid=$(in_vi "$LOAXACTL" --socket "$SOCK" schedule add "$id" --at 05:30 \
    --days t2,t4,t6 2>/dev/null) || fail "schedule add (vi)"
[ "$sid" = 1 ] || fail "schedule add (vi) printed '$sid', not the id alone"
grep -q "lượt phát 1 (clip 1): Đang phát -> Đã phát" "$T/loaxad.log" ||
	fail "the journal is not in Vietnamese: $(grep 'airing\|lượt' "$T/loaxad.log")"
grep -q "lịch 1: được thêm bởi $(id -un) (" "$T/loaxad.log" ||
	fail "the journal: schedule add not in Vietnamese"

# Machine output: byte for byte the same in both languages.
same() {
	ctl "$@" >"$T/c.out" 2>&1 || fail "$*: $(cat "$T/c.out")"
	in_vi "$LOAXACTL" --socket "$SOCK" "$@" >"$T/vi.out" 2>&1 ||
		fail "$* (vi): $(cat "$T/vi.out")"
	cmp -s "$T/c.out" "$T/vi.out" ||
		fail "$*: differs under vi: $(diff "$T/c.out" "$T/vi.out" | head)"
	[ -s "$T/c.out" ] || fail "$*: no output"
}
for f in json csv; do
	same clip list --format "$f"
	same clip show "$id" --format "$f"
	same schedule list --format "$f"
	same schedule next 3 --format "$f"
	# shellcheck disable=SC2046
	same log $(log_range) --format "$f"
	same report --format "$f"
	same status --format "$f"
done
# shellcheck disable=SC2046
ctl log $(log_range) --format json | grep -q '"status":"done"' ||
	fail "the log's status word is not 'done'"

# Refusals from loaxad, in the caller's language (and English for C).
expect_fail "clip show 999 (vi)" in_vi "$LOAXACTL" --socket "$SOCK" clip show 999
grep -q "clip 999: không có clip này" "$T/ef.err" ||
	fail "not in Vietnamese: $(cat "$T/ef.err")"
expect_fail "clip show 999 (C)" ctl clip show 999
grep -q "clip 999: no such clip" "$T/ef.err" ||
	fail "not in English: $(cat "$T/ef.err")"

# The same from a copy of the database, answered by loaxactl itself.
stop_daemon
cp "$DB" "$T/copy.db"
expect_fail "--db clip show 999 (vi)" in_vi "$LOAXACTL" --db "$T/copy.db" \
    clip show 999
grep -q "clip 999: không có clip này" "$T/ef.err" ||
	fail "--db: not in Vietnamese: $(cat "$T/ef.err")"
for f in json csv; do
	"$LOAXACTL" --db "$T/copy.db" report --format "$f" >"$T/c.out" ||
		fail "--db report"
	in_vi "$LOAXACTL" --db "$T/copy.db" report --format "$f" >"$T/vi.out" ||
		fail "--db report (vi)"
	cmp -s "$T/c.out" "$T/vi.out" || fail "--db report --format $f differs"
done
# The report for people: headings, yes/no and the page in Vietnamese.
in_vi "$LOAXACTL" --db "$T/copy.db" report >"$T/vi.out" || fail "report (vi)"
for want in "^Theo từng tháng:" "đạt chỉ tiêu" "^tổng .* (có|không) "; do
	grep -Eq "$want" "$T/vi.out" ||
		fail "report table not in Vietnamese ($want): $(cat "$T/vi.out")"
done
in_vi "$LOAXACTL" --db "$T/copy.db" report --format html >"$T/vi.html" ||
	fail "report html (vi)"
for want in '<h1>Báo cáo phát thanh CCHC</h1>' '<h2>Theo từng tháng</h2>'; do
	grep -qF "$want" "$T/vi.html" ||
		fail "the page is not in Vietnamese ($want): $(head -c 600 "$T/vi.html")"
done
exit 0
