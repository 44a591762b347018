#!/usr/bin/env bash
# The clip library: clip add prints only the id on stdout; the file is
# copied into STATE/clips/<sha256> and airs from there (the operator's copy
# may go); the same file again is refused, naming the clip; Vietnamese
# titles and sources round-trip byte-exact (precomposed, decomposed, quotes
# and backslashes) but for the space around them, which is trimmed; a
# library file changed behind the daemon's back fails its airing with "clip damaged" and is not played.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon

make_clip "$T/a.flac" flac 1 440 48000 2
ctl clip add "$T/a.flac" --title 'Tin một' --topic cchc >"$T/add.out" \
    2>"$T/add.err" || fail "clip add failed: $(cat "$T/add.err")"
if [ "$(wc -l <"$T/add.out")" -ne 1 ] || ! grep -qx '[0-9][0-9]*' "$T/add.out"; then
	fail "clip add stdout is not one id: $(cat "$T/add.out")"
fi
id=$(cat "$T/add.out")

sha=$(sha256sum "$T/a.flac" | cut -d' ' -f1)
[ -f "$T/state/clips/$sha" ] || fail "no library file clips/$sha"
cmp -s "$T/a.flac" "$T/state/clips/$sha" || fail "library copy differs"
[ "$(db "select sha256 from clips where id = $id")" = "$sha" ] ||
	fail "clips.sha256 is not the file's"

# Airs from the library, not from where the operator had it.
cp "$T/a.flac" "$T/again.flac"
rm "$T/a.flac"
ctl play "$id" >/dev/null || fail "play failed"
wait_aired "$id" 1
[ "$(airing_status "$(last_airing "$id")")" = "done" ] ||
	fail "airing after the source file went: $(log_json)"

# The same bytes under another name: refused, naming the clip.
before=$(db_state)
expect_fail "duplicate clip add" ctl clip add "$T/again.flac" --title 'Tin hai'
grep -qE "(^|[^0-9])$id([^0-9]|\$)" "$T/ef.err" ||
	fail "duplicate refusal does not name clip $id: $(cat "$T/ef.err")"
[ "$(db_state)" = "$before" ] || fail "database changed by a refused duplicate"

# Titles and sources round-trip byte-exact.
nfd=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "Hướng dẫn nộp hồ sơ trực tuyến"))')
titles=(
	'Tin cải cách hành chính — Đắk Lắk, tháng 11/2025'
	"$nfd"
	'Thông báo "khẩn" số 1\2 \"'
	'Lịch  tiếp   công dân, ỷ ỹ ự ữ Ừ ĐƯỢC'
)
freq=500
for title in "${titles[@]}"; do
	freq=$((freq + 100))
	source="Kế hoạch số $freq/KH-UBND \"${title:0:4}\""
	make_clip "$T/t$freq.wav" wav 0.5 "$freq" 22050 1
	cid=$(ctl clip add "$T/t$freq.wav" --title "$title" --topic cchc \
	    --source "$source") || fail "clip add with title '$title' failed"
	want=$(printf '%s' "$title" | od -An -tx1 | tr -d ' \n')
	got=$(db "select lower(hex(title)) from clips where id = $cid")
	[ "$got" = "$want" ] || fail "title stored as $got, sent $want"
	want=$(printf '%s' "$source" | od -An -tx1 | tr -d ' \n')
	got=$(db "select lower(hex(source)) from clips where id = $cid")
	[ "$got" = "$want" ] || fail "source stored as $got, sent $want"
	ctl clip show "$cid" | grep -qF -- "$title" ||
		fail "clip show does not give title '$title' back"
	ctl clip list | grep -qF -- "$title" ||
		fail "clip list does not give title '$title' back"
	ctl play "$cid" >/dev/null || fail "play $cid"
	wait_aired "$cid" 1
	got=$(log_json | python3 -c '
import json, sys
print([a["title"] for a in json.load(sys.stdin) if a["clip"] == int(sys.argv[1])][0])' "$cid")
	[ "$got" = "$title" ] || fail "log JSON title '$got', sent '$title'"
done

# Space around a title or source is trimmed, by loaxactl and by the
# daemon alike (the same rule); the space inside stays.
make_clip "$T/sp.wav" wav 0.5 1500 22050 1
cid=$(ctl clip add "$T/sp.wav" --title '  Tin  có khoảng trắng	' \
    --source ' KH 1 ') || fail "clip add with spaces around the title"
[ "$(db "select title || '|' || source from clips where id = $cid")" = \
    'Tin  có khoảng trắng|KH 1' ] ||
	fail "title/source stored as '$(db "select title || '|' || source from clips where id = $cid")'"
make_clip "$T/sp2.wav" wav 0.5 1600 22050 1
r=$(python3 "$LXPY" sendfd "$SOCK" "$T/sp2.wav" \
    'clipadd "  Tin năm  " " CCHC " ""') || fail "clipadd on the socket"
cid=$(printf '%s\n' "$r" | sed -n 's/^clip: //p')
[ -n "$cid" ] || fail "clipadd with spaces around: $r"
[ "$(db "select title || '|' || topic || '|' || source from clips where id = $cid")" = \
    'Tin năm|cchc|' ] || fail "the daemon did not trim: $(db "select title, topic from clips where id = $cid")"

# A library file that changed: the airing fails, "clip damaged", unplayed.
make_clip "$T/d.wav" wav 1 1000 44100 1
did=$(ctl clip add "$T/d.wav" --title 'Hỏng' --topic cchc) || fail "clip add"
dsha=$(sha256sum "$T/d.wav" | cut -d' ' -f1)
printf 'x' | dd of="$T/state/clips/$dsha" bs=1 seek=100 conv=notrunc 2>/dev/null
rm -f "$OUT"
ctl play "$did" >/dev/null || fail "play of a damaged clip was refused at once"
wait_aired "$did" 1
r=$(jq_log "[(a['status'], a['reason'], a['started']) for a in d if a['clip'] == $did]")
[ "$r" = "('failed', 'clip damaged', None)" ] ||
	fail "damaged clip airing: $r, want failed, clip damaged, never started"
[ ! -s "$OUT" ] || fail "a damaged clip reached ALSA ($(stat -c %s "$OUT") bytes)"

# A library file that went missing: the same.
rm "$T/state/clips/$sha"
ctl play "$id" >/dev/null || fail "play of a missing clip was refused at once"
wait_aired "$id" 2
r=$(jq_log "[(a['status'], a['reason']) for a in d if a['clip'] == $id][-1]")
[ "$r" = "('failed', 'clip damaged')" ] || fail "missing library file: $r"
ctl status >/dev/null || fail "daemon not answering after damaged clips"
stop_daemon
