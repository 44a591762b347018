#!/usr/bin/env bash
# Sample-exact: for WAV, FLAC, Ogg/Vorbis, Opus and MP3 clips, the bytes
# that reach ALSA (the file plugin writing raw frames) are the clip's
# samples as libsndfile decodes them (MP3: as mpg123 itself decodes
# them, for loaxad decodes MPEG with libmpg123), s16le interleaved, followed by
# nothing but silence; clip show and the log give the same rate, channels
# and frames.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

[ -x "$DECODE" ] || fail "$DECODE not built"
start_daemon

# format seconds freq rate channels
cases=(
	"wav 1.3 440 44100 2"
	"wav 0.7 1000 8000 1"
	"flac 1.1 523 48000 1"
	"ogg 1.2 659 44100 2"
	"opus 1.0 784 48000 2"
	"mp3 1.4 880 44100 1"
	"mp3 0.9 330 22050 2"
)
n=0
for c in "${cases[@]}"; do
	read -r fmt secs freq rate ch <<<"$c"
	n=$((n + 1))
	clip=$T/c$n.$fmt
	make_clip "$clip" "$fmt" "$secs" "$freq" "$rate" "$ch"
	read -r drate dch dframes < <("$DECODE" "$clip" "$T/ref$n.raw") ||
		fail "decode $clip failed"
	if [ "$fmt" = mp3 ]; then
		mpg123 -q -s "$clip" >"$T/ref$n.raw" || fail "mpg123 $clip failed"
		dframes=$(($(stat -c %s "$T/ref$n.raw") / (2 * dch)))
	fi
	id=$(ctl clip add "$clip" --title "Mẫu $n ($fmt)" --topic cchc) ||
		fail "clip add $fmt failed"
	show=$(ctl clip show "$id")
	for v in "$drate" "$dframes"; do
		grep -qw "$v" <<<"$show" || fail "$fmt: clip show lacks $v: $show"
	done

	rm -f "$OUT"
	ctl play "$id" >/dev/null || fail "play $fmt failed"
	wait_aired "$id" 1
	aid=$(last_airing "$id")
	r=$(jq_log "[(a['status'], a['frames']) for a in d if a['id'] == $aid]")
	[ "$r" = "('done', $dframes)" ] ||
		fail "$fmt: airing $aid is $r, want done with $dframes frames"

	# The file plugin writes what it was given; wait until it has it all.
	size=$(stat -c %s "$T/ref$n.raw")
	[ "$size" -eq $((dframes * dch * 2)) ] ||
		fail "$fmt: decode wrote $size bytes for $dframes frames of $dch channels"
	wait_until 5 lx_file_over "$OUT" $((size - 1)) ||
		fail "$fmt: ALSA got $(stat -c %s "$OUT" 2>/dev/null || echo no) bytes, want $size"
	cmp -n "$size" "$T/ref$n.raw" "$OUT" ||
		fail "$fmt ($rate Hz, $ch ch): the bytes that reached ALSA differ from the decoded clip"
	extra=$(tail -c +$((size + 1)) "$OUT" | tr -d '\0' | wc -c)
	[ "$extra" -eq 0 ] || fail "$fmt: $extra non-zero bytes after the clip"
	note "$fmt $rate Hz $ch ch: $dframes frames, $size bytes exact, $(($(stat -c %s "$OUT") - size)) bytes of padding"
done
stop_daemon
