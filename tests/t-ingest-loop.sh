#!/usr/bin/env bash
# timeout 300
# Imports run off the event loop: a six-hour CBR MP3 (sox, no Xing
# header, so its length is counted by scanning and decoding it all)
# imported just before an airing's pre-roll: status answers within 1 s
# all along, the airing starts less than 50 ms late, and the import
# succeeds with the whole length.  A second clip add while the first runs
# gets one clear line and changes nothing.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

command -v sox >/dev/null || skip "sox not installed"
sox -n -r 16000 -c 1 "$T/seg.mp3" synth 600 sine 440 vol 0.5 2>/dev/null ||
	skip "sox cannot write MP3"
# CBR frames with no header of their own: 36 copies are one long stream.
for _ in $(seq 36); do cat "$T/seg.mp3"; done >"$T/long.mp3"
! head -c 4096 "$T/long.mp3" | grep -aqE 'Xing|Info' ||
	fail "long.mp3 has a length header: the case is not tested"
seg_frames=$(mpg123 -q -s "$T/seg.mp3" | wc -c)
seg_frames=$((seg_frames / 2))

start_daemon
make_clip "$T/short.wav" wav 1 880 22050 1
sid=$(ctl clip add "$T/short.wav" --title short) || fail "clip add short"
make_clip "$T/other.wav" wav 1 660 22050 1

due=$(($(date +%s) + 7))
ctl schedule add "$sid" --once "$(date -d "@$due" '+%F %T')" >/dev/null ||
	fail "schedule add"
# Start the import 3 s before the instant, 1 s before its pre-roll.
sleep "$(python3 -c "import time; print(max(0, $due - 3 - time.time()))")"
ctl clip add "$T/long.mp3" --title long >"$T/long.id" 2>"$T/long.err" &
add=$!
sleep 0.3
kill -0 "$add" 2>/dev/null || fail "the import ended at once: $(cat "$T/long.err")"

# A second import meanwhile: one clear line, nothing changed.
before=$(db "select count(*) from clips")
expect_fail "a second import" ctl clip add "$T/other.wav"
grep -q "another clip is being imported" "$T/ef.err" ||
	fail "second import: $(cat "$T/ef.err")"
[ "$(db "select count(*) from clips")" = "$before" ] ||
	fail "the refused second import added a clip"

# status answers within 1 s while the import runs, asked again and again
# on one connection (so that only the daemon's answer is timed).
python3 - "$SOCK" "$T/stop" >"$T/polls" <<'PY' &
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rb")
f.readline()
times = []
while not os.path.exists(sys.argv[2]):
    t0 = time.monotonic()
    s.sendall(b"status\n")
    while True:
        r = f.readline()
        if not r or r == b"OK\n" or r.startswith(b"ERR "):
            break
    times.append(time.monotonic() - t0)
    time.sleep(0.05)
print(len(times), int(max(times) * 1000))
PY
poller=$!
wait "$add" || fail "the long import failed: $(cat "$T/long.err")"
touch "$T/stop"
wait "$poller" || fail "the status poller failed"
read -r polls worst <"$T/polls"
note "status answered $polls times during the import, the slowest in $worst ms"
[ "$worst" -lt 1000 ] || fail "status took $worst ms during the import"
[ "$(date +%s)" -gt "$due" ] ||
	fail "the import ended before the airing's instant (nothing tested)"

lid=$(cat "$T/long.id")
[ "$(db "select frames from clips where id = $lid")" -eq $((36 * seg_frames)) ] ||
	fail "clip $lid: $(db "select frames from clips where id = $lid") frames, want $((36 * seg_frames))"
wait_aired "$sid" 1
aid=$(last_airing "$sid")
[ "$(airing_status "$aid")" = "done" ] || fail "airing $aid: $(log_json)"
late=$(log_json | python3 "$LXPY" lateness "$aid") || fail "lateness"
note "airing $aid started $late ms late"
python3 -c "import sys; sys.exit(0 if 0 <= float(sys.argv[1]) < 50 else 1)" \
    "$late" || fail "airing $aid started $late ms late during the import"
stop_daemon
