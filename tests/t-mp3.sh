#!/usr/bin/env bash
# timeout 300
# MPEG audio through libmpg123: low-rate speech MP3s as sox writes them
# (8, 16, 22.05 kHz mono CBR, MPEG 2 and 2.5, no Xing/Info header), an MP2
# (layer II), an MP3 with ID3v1 and ID3v2 tags and album art, and a VBR
# MP3 from lame each import with exactly the frames mpg123 itself decodes,
# and air whole: the bytes that reach ALSA (the file plugin) are mpg123's
# decoding, s16le, followed by nothing but silence.  libmpg123 writes
# nothing of its own to the daemon's output.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

for tool in mpg123 lame sox; do
	command -v "$tool" >/dev/null || skip "$tool not installed"
done
start_daemon

# A tiny PNG, the album art.
python3 - "$T/cover.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return (struct.pack(">I", len(d)) + t + d +
            struct.pack(">I", zlib.crc32(t + d) & 0xffffffff))
raw = b"".join(b"\0" + b"\xff\x80\x00" * 16 for _ in range(16))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
EOF

mk() { # mk OUT: sox's stdin, or fail
	"$@" 2>"$T/mk.err" || fail "cannot make the clip: $* $(cat "$T/mk.err")"
}
mk sox -n -r 8000 -c 1 "$T/v8.mp3" synth 7 sine 300 vol 0.5
mk sox -n -r 16000 -c 1 "$T/v16.mp3" synth 5 sine 440 vol 0.5
mk sox -n -r 22050 -c 1 "$T/v22.mp3" synth 4 sine 550 vol 0.5
mk sox -n -r 48000 -c 2 "$T/b.mp2" synth 2 sine 660 vol 0.5
mk sox -n -r 44100 -c 2 -b 16 "$T/src.wav" synth 3 sine 770 vol 0.5
mk lame --quiet -b 128 --resample 44.1 --tt 'Tin xã' --ta 'UBND xã' --tl 'CCHC' \
    --add-id3v2 --ti "$T/cover.png" "$T/src.wav" "$T/tagged.mp3"
mk lame --quiet -V 6 --resample 44.1 "$T/src.wav" "$T/vbr.mp3"
for f in v8 v16 v22; do
	! head -c 4096 "$T/$f.mp3" | grep -aqE 'Xing|Info' ||
		fail "$f.mp3 has a length header: the case is not tested"
done
head -c 3 "$T/tagged.mp3" | grep -q ID3 || fail "tagged.mp3: no ID3v2"
tail -c 128 "$T/tagged.mp3" | head -c 3 | grep -q TAG ||
	fail "tagged.mp3: no ID3v1"

# name format rate channels
cases=(
	"v8.mp3 MP3 8000 1"
	"v16.mp3 MP3 16000 1"
	"v22.mp3 MP3 22050 1"
	"b.mp2 MP2 48000 2"
	"tagged.mp3 MP3 44100 2"
	"vbr.mp3 MP3 44100 2"
)
for c in "${cases[@]}"; do
	read -r name fmt rate ch <<<"$c"
	clip=$T/$name
	mpg123 -q -s "$clip" >"$T/ref.raw" 2>"$T/mpg123.err" ||
		fail "mpg123 cannot decode $name: $(cat "$T/mpg123.err")"
	size=$(stat -c %s "$T/ref.raw")
	frames=$((size / (2 * ch)))
	[ "$frames" -gt 0 ] || fail "$name: mpg123 decoded nothing"
	id=$(ctl clip add "$clip" --title "$name" --topic cchc) ||
		fail "clip add $name failed"
	r=$(db "select format, rate, channels, frames from clips where id = $id")
	[ "$r" = "$fmt|$rate|$ch|$frames" ] ||
		fail "$name: clip is $r, want $fmt|$rate|$ch|$frames (mpg123's)"

	rm -f "$OUT"
	ctl play "$id" >/dev/null || fail "play $name failed"
	wait_aired "$id" 1
	aid=$(last_airing "$id")
	r=$(jq_log "[(a['status'], a['frames']) for a in d if a['id'] == $aid]")
	[ "$r" = "('done', $frames)" ] ||
		fail "$name: airing $aid is $r, want done with $frames frames"
	wait_until 5 lx_file_over "$OUT" $((size - 1)) ||
		fail "$name: ALSA got $(stat -c %s "$OUT" 2>/dev/null || echo no) bytes, want $size"
	cmp -n "$size" "$T/ref.raw" "$OUT" ||
		fail "$name: the bytes that reached ALSA differ from mpg123's"
	extra=$(tail -c +$((size + 1)) "$OUT" | tr -d '\0' | wc -c)
	[ "$extra" -eq 0 ] || fail "$name: $extra non-zero bytes after the clip"
	note "$name: $fmt $rate Hz $ch ch, $frames frames, aired sample-exact"
done

# Not MPEG, though named so: refused, with one line, nothing recorded.
head -c 65536 /dev/urandom >"$T/noise.mp3"
before=$(db_state)
expect_fail "random bytes" ctl clip add "$T/noise.mp3"
grep -q "not an audio file" "$T/ef.err" || fail "noise: $(cat "$T/ef.err")"
[ "$(db_state)" = "$before" ] || fail "noise.mp3 changed the database"
stop_daemon

# libmpg123 printed nothing of its own (its text would start so).
! grep -qiE '^\[?(src/)?libmpg123|^Note: |^Warning: |^Error: ' \
    "$T/loaxad.log" || fail "libmpg123 wrote to stderr: $(grep -iE 'mpg123|^Note|^Warning|^Error' "$T/loaxad.log")"
