#!/usr/bin/env bash
# Tables align by display width, not bytes or code points: Vietnamese
# headings, and titles typed precomposed (NFC), with combining marks (NFD)
# or both, put every column at the same screen column on every row, in
# either language.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

need_vi
start_daemon
titles=(
	'Tin CCHC'
	$'Th\u1ee7 t\u1ee5c h\u00e0nh ch\u00ednh'
	"$(python3 -c "import unicodedata as u; print(u.normalize('NFD', 'Thủ tục hành chính một cửa'))")"
	"$(python3 -c "import unicodedata as u; print(u.normalize('NFD', 'Cải cách') + ' hành chính')")"
)
n=0
for t in "${titles[@]}"; do
	n=$((n + 1))
	make_clip "$T/$n.wav" wav 0.2 $((300 + n * 50)) 22050 1
	ctl clip add "$T/$n.wav" --title "$t" >/dev/null 2>&1 || fail "clip add '$t'"
	ctl schedule add "$n" --at "06:0$n" --days t2,t4 >/dev/null 2>&1 ||
		fail "schedule add $n"
done
python3 -c 'import sys, unicodedata as u; t = sys.argv[1]; sys.exit(u.normalize("NFC", t) == t)' \
    "${titles[2]}" || fail "the NFD title is not NFD"
ctl clip list --format json | python3 -c 'import json, sys, unicodedata as u
sys.exit(not any(u.normalize("NFC", c["title"]) != c["title"] for c in json.load(sys.stdin)))' ||
	fail "loaxad did not keep the title as typed (NFD)"

# aligned FILE HEAD ROW...: in FILE the heading HEAD, and on every row the
# first ROW word found, start at one display column (combining marks take
# none).
aligned() {
	python3 - "$@" <<'PY'
import sys, unicodedata as u
def width(s):
    return sum(0 if u.combining(c) else (2 if u.east_asian_width(c) in "WF" else 1) for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head, rows = lines[0], lines[1:]
want = width(head[:head.find(sys.argv[2])])
bad = head.find(sys.argv[2]) < 0
for line in rows:
    i = min([line.find(w) for w in sys.argv[3:] if w in line] or [-1])
    if i < 0 or width(line[:i]) != want:
        print(f"{sys.argv[2]!r} at column {want}; row {line!r}: {width(line[:i])}")
        bad = 1
sys.exit(bad)
PY
}
for run in "" in_vi; do
	$run "$LOAXACTL" --socket "$SOCK" clip list >"$T/clips" || fail "clip list"
	$run "$LOAXACTL" --socket "$SOCK" schedule list >"$T/sched" ||
		fail "schedule list"
	cat "$T/clips" "$T/sched" >&2
	[ "$(wc -l <"$T/clips")" -eq 5 ] || fail "clip list: $(cat "$T/clips")"
	if [ -z "$run" ]; then
		topic=TOPIC format=FORMAT rule=RULE added=ADDED
		today=$(date +%F)
	else
		topic='CHỦ ĐỀ' format='ĐỊNH DẠNG' rule='QUY TẮC' added='NGÀY THÊM'
		today=$(date +%d/%m/%Y)
	fi
	aligned "$T/clips" "$topic" cchc || fail "clip list ${run:-(C)}: $topic"
	aligned "$T/clips" "$format" WAV || fail "clip list ${run:-(C)}: $format"
	aligned "$T/sched" "$rule" '06:0' || fail "schedule list ${run:-(C)}: $rule"
	aligned "$T/clips" "$added" "$today" ||
		fail "clip list ${run:-(C)}: $added"
done
exit 0
