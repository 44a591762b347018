#!/usr/bin/env bash
# Real time, on a private PulseAudio null sink recorded from its monitor:
# A (500 Hz, 2 s) at T, B (900 Hz, 2 s) at T+1 s and C (1300 Hz, 1 s) at
# T+5 s.  The recording holds A, then B, then C, whole and never
# overlapping, C starting 5 s after A; the log says all done, A and C
# less than 50 ms late, and B started once A had ended.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
start_daemon
make_clip "$T/a.wav" wav 2 500 44100 1
make_clip "$T/b.wav" wav 2 900 44100 1
make_clip "$T/c.wav" wav 1 1300 44100 1
a=$(ctl clip add "$T/a.wav" --title 'A 500 Hz' --topic cchc) || fail "add a"
b=$(ctl clip add "$T/b.wav" --title 'B 900 Hz' --topic cchc) || fail "add b"
c=$(ctl clip add "$T/c.wav" --title 'C 1300 Hz' --topic cchc) || fail "add c"

record_start "$T/rec.wav"
t0=$(($(date +%s) + 4))
at() { date -d "@$((t0 + $1))" '+%F %T'; }
ctl schedule add "$a" --once "$(at 0)" >/dev/null || fail "schedule a"
ctl schedule add "$b" --once "$(at 1)" >/dev/null || fail "schedule b"
ctl schedule add "$c" --once "$(at 5)" >/dev/null || fail "schedule c"
wait_aired "$c" 1 20
wait_aired "$b" 1 5
sleep 0.5
record_stop

log_json >"$T/log.json"
note "log: $(cat "$T/log.json")"
python3 - "$T/log.json" "$a" "$b" "$c" <<'PY' || fail "the log"
import json, sys, datetime
d = {a["clip"]: a for a in json.load(open(sys.argv[1]))}
t = datetime.datetime.fromisoformat
a, b, c = (d[int(x)] for x in sys.argv[2:5])
for x, frames in ((a, 88200), (b, 88200), (c, 44100)):
    if x["status"] != "done" or x["frames"] != frames:
        sys.exit("%s: %s, %s frames" % (x["title"], x["status"], x["frames"]))
for x in (a, c):
    late = (t(x["started"]) - t(x["scheduled"])).total_seconds() * 1000
    print("%s: %.3f ms late" % (x["title"], late), file=sys.stderr)
    if not 0 <= late < 50:
        sys.exit("%s started %.3f ms after its instant" % (x["title"], late))
wait = (t(b["started"]) - t(a["ended"])).total_seconds() * 1000
print("B started %.3f ms after A ended" % wait, file=sys.stderr)
if not 0 <= wait < 1000:
    sys.exit("B started %.3f ms after A ended" % wait)
if t(c["started"]) < t(b["ended"]):
    sys.exit("C started before B ended")
PY

python3 "$LXPY" tones "$T/rec.wav" 500 900 1300 >"$T/tones" || fail "tones"
note "tones heard (s into the recording): $(tr '\n' ';' <"$T/tones")"
python3 - "$T/tones" <<'PY' || fail "the recording"
import sys
runs = {}
for line in open(sys.argv[1]):
    f, *se = line.split()
    if se == ["none"]:
        sys.exit("%s Hz never heard" % f)
    runs.setdefault(f, []).append(tuple(map(float, se)))
for f in runs:
    if len(runs[f]) != 1:
        sys.exit("%s Hz heard in %d pieces: %s" % (f, len(runs[f]), runs[f]))
(a0, a1), = runs["500"]
(b0, b1), = runs["900"]
(c0, c1), = runs["1300"]
for name, s, e, want in (("A", a0, a1, 2), ("B", b0, b1, 2), ("C", c0, c1, 1)):
    if abs((e - s) - want) > 0.11:
        sys.exit("%s sounded %.3f s, want %d" % (name, e - s, want))
w = 0.051  # one analysis window
if not (b0 >= a1 - w and c0 >= b1 - w):
    sys.exit("tones overlap: A %.3f-%.3f B %.3f-%.3f C %.3f-%.3f"
             % (a0, a1, b0, b1, c0, c1))
if b0 - a1 > 1.0:
    sys.exit("B started %.3f s after A ended" % (b0 - a1))
if abs((c0 - a0) - 5) > 0.11:
    sys.exit("C sounded %.3f s after A, want 5" % (c0 - a0))
PY
stop_daemon
stop_pulse
