#!/usr/bin/env bash
# Manual airings on a private PulseAudio null sink, where airings take real
# time: a stopped airing counts only the frames that played; status says
# playing or cued; 16 requests wait and a 17th is refused, and play --now
# loses none of them; of two play --now only the second airs (the first is
# missed, preempted); a waiting request whose clip is removed is missed
# (clip removed) and never heard; SIGTERM logs the waiting requests missed
# and the one on air interrupted (daemon stopped); stop while an airing is
# cued ends it before its first sample.
# timeout 240
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
me=$(id -un) # who stops: "stopped by NAME"
start_daemon
make_clip "$T/long.wav" wav 30 300 48000 1
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
# Seven 1 s clips, each its own tone.
n=0
for f in 500 700 900 1100 1300 1500 1700; do
	n=$((n + 1))
	make_clip "$T/s$n.wav" wav 1 "$f" 44100 1
	id=$(ctl clip add "$T/s$n.wav" --title "Tin $n" --topic cchc) ||
		fail "add $T/s$n.wav"
	printf -v "s$n" %s "$id"
done
# shellcheck disable=SC2154 # s1..s7 are set by printf -v above
note "clips: long $long, short $s1 $s2 $s3 $s4 $s5 $s6 $s7"

# st_json EXPR: EXPR on loaxactl status --format json (d is the object).
st_json() {
	ctl status --format json | python3 "$LXPY" q "$1"
}
# state_is CLIP STATE: CLIP holds the output, in STATE (cued or playing).
state_is() {
	[ "$(st_json "(d['on_air_clip'], d['on_air_state'])")" = "($1, '$2')" ]
}
# last_id CLIP: the newest airing row of CLIP.
last_id() {
	db "select coalesce(max(id), 0) from airings where clip_id = $1"
}
# row ID: status|reason|started is null|ended is null|frames of airing ID.
row() {
	db "select status, reason, started is null, ended is null, frames
	    from airings where id = $1"
}
# json_row ID: the same from loaxactl log --format json.
json_row() {
	jq_log "[(a['status'], a['reason'] or '', a['started'] is None,
	    a['ended'] is None, a['frames']) for a in d if a['id'] == $1]"
}
# finished ID: airing ID has a row that is no longer playing.
finished() {
	[ "$(db "select count(*) from airings where id = $1
	    and status != 'playing'")" = 1 ]
}
# rows_done CLIP N: CLIP has N rows, none playing.
rows_done() {
	[ "$(db "select count(*), sum(status != 'playing') from airings
	    where clip_id = $1")" = "$2|$2" ]
}
# air_long: play the long clip and wait until its first sample; prints the
# airing's id.
air_long() {
	ctl play "$long" >/dev/null || fail "play $long"
	wait_until 10 state_is "$long" playing ||
		fail "the long clip did not go on air: $(ctl status)"
	last_id "$long"
}

# The null sink's monitor is recorded throughout: what reached the sink.
# (A client on the monitor also keeps the sink's latency low, as a sound
# card's is; alone, the null sink holds up to 2 s.)
record_start "$T/rec.wav"

# A stopped airing counts the frames that played, not those written ahead
# into the device's queue; status while it plays says so, and since when.
id=$(air_long)
st_json "(d['on_air'], d['on_air_state'], d['on_air_since'] is not None)" \
    >"$T/st" || fail "status --format json"
[ "$(cat "$T/st")" = "($id, 'playing', True)" ] ||
	fail "status while playing: $(cat "$T/st")"
ctl status >"$T/status" || fail "status"
grep -q '^on air: *airing '"$id"', .*since ' "$T/status" ||
	fail "status for people while playing: $(cat "$T/status")"
# Stop it 2 s after its first sample (its row's started).
started=$(db "select started from airings where id = $id")
sleep "$(python3 -c 'import sys, time
print(max(0, (int(sys.argv[1]) + 2000000) / 1e6 - time.time()))' "$started")"
stop_sent=$(date +%s%6N)
ctl stop >/dev/null || fail "stop"
stop_at=$(date +%s%6N)
wait_until 10 finished "$id" || fail "the stopped airing did not end"
r=$(row "$id")
note "stopped $(((stop_at - started) / 1000)) ms after its start: $r"
frames=${r##*|}
stopped_frames=$frames
[ "${r%|*}" = "interrupted|stopped by $me|0|0" ] ||
	fail "stopped airing: $r"
# The window follows the real moment of the stop (a loaded machine may send
# it later than 2 s in): never more than had played when stop returned,
# and at most 0.5 s (the device's queue) less than when it was sent.
lo=$(((stop_sent - started) * 48 / 1000 - 24000))
hi=$(((stop_at - started) * 48 / 1000 + 4800))
[ "$((stop_sent - started))" -lt 29000000 ] ||
	fail "stop sent $(((stop_sent - started) / 1000)) ms into a 30 s clip: too late to test"
if [ "$frames" -lt "$lo" ] || [ "$frames" -gt "$hi" ]; then
	fail "stopped 48 kHz clip: $frames frames, want $lo..$hi"
fi
[ "$(json_row "$id")" = "('interrupted', 'stopped by $me', False, False, $frames)" ] ||
	fail "log --format json: $(json_row "$id")"

# 16 requests wait, the 17th is refused; play --now loses none of them.
id=$(air_long)
for i in $(seq 16); do
	ctl play "$s1" >/dev/null 2>"$T/err" || fail "queued play $i: $(cat "$T/err")"
done
expect_fail "a 17th waiting play" ctl play "$s1"
[ "$(st_json "d['waiting']")" = 16 ] || fail "waiting: $(st_json "d['waiting']")"
ctl play "$s2" --now >/dev/null || fail "play --now"
wait_until 10 finished "$id" || fail "the preempted airing did not end"
[ "$(row "$id" | cut -d'|' -f1-4)" = "interrupted|preempted|0|0" ] ||
	fail "preempted airing: $(row "$id")"
wait_until 10 rows_done "$s2" 1 || fail "the --now clip did not air"
[ "$(db "select status, reason from airings where clip_id = $s2")" = "done|" ] ||
	fail "the --now clip: $(db "select status, reason from airings where clip_id = $s2")"
wait_until 60 rows_done "$s1" 16 ||
	fail "the 16 waiting requests did not all air: $(db "select id, status, reason from airings where clip_id = $s1")"
[ "$(db "select count(*) from airings where clip_id = $s1 and status = 'done'
    and started is not null and ended is not null")" = 16 ] ||
	fail "waiting requests: $(db "select id, status, reason from airings where clip_id = $s1")"
[ "$(db "select count(*) from airings where id >= $id")" = 18 ] ||
	fail "rows since the preempted airing: $(db "select count(*) from airings where id >= $id"), want 1 + 1 + 16"
[ "$(jq_log "len([a for a in d if a['id'] >= $id])")" = 18 ] ||
	fail "log --format json does not show the 18 rows"
# They aired one after another, the --now clip first.
python3 -c '
import json, sys, datetime
d = json.load(sys.stdin)
t = datetime.datetime.fromisoformat
first = int(sys.argv[1])
a = [x for x in d if x["id"] > first]
a.sort(key=lambda x: t(x["started"]))
if a[0]["clip"] != int(sys.argv[2]):
    sys.exit("the --now clip did not air first")
for p, q in zip(a, a[1:]):
    if t(q["started"]) < t(p["ended"]):
        sys.exit("airings %d and %d overlap" % (p["id"], q["id"]))
' "$id" "$s2" < <(log_json) || fail "the order of the airings"

# Two play --now in one go while something is on air: only the second airs.
id=$(air_long)
python3 - "$SOCK" "$s3" "$s4" <<'PY' >"$T/talk" || fail "two play --now: $(cat "$T/talk")"
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(10)
s.connect(sys.argv[1])
f = s.makefile("rb")
f.readline()
s.sendall(("play %s now\nplay %s now\n" % (sys.argv[2], sys.argv[3])).encode())
replies = [f.readline().decode().strip() for _ in range(2)]
print(replies)
sys.exit(0 if replies == ["OK", "OK"] else 1)
PY
wait_until 10 finished "$id" || fail "the preempted airing did not end"
[ "$(row "$id" | cut -d'|' -f1-4)" = "interrupted|preempted|0|0" ] ||
	fail "preempted airing: $(row "$id")"
wait_until 10 rows_done "$s4" 1 || fail "the second --now did not air"
wait_until 5 rows_done "$s3" 1 || fail "the first --now has no row"
[ "$(row "$(last_id "$s3")")" = "missed|preempted|1|1|0" ] ||
	fail "the first of two --now: $(row "$(last_id "$s3")")"
[ "$(json_row "$(last_id "$s3")")" = "('missed', 'preempted', True, True, 0)" ] ||
	fail "log --format json, first of two --now: $(json_row "$(last_id "$s3")")"
[ "$(row "$(last_id "$s4")" | cut -d'|' -f1-4)" = "done||0|0" ] ||
	fail "the second of two --now: $(row "$(last_id "$s4")")"

# A waiting request whose clip is removed is missed and never heard.
id=$(air_long)
ctl play "$s5" >/dev/null || fail "play while busy"
ctl clip rm "$s5" >/dev/null || fail "clip rm of a waiting clip"
ctl stop >/dev/null || fail "stop"
wait_until 10 finished "$id" || fail "the stopped airing did not end"
wait_until 10 rows_done "$s5" 1 || fail "the removed clip's request has no row"
sleep 1.5 # time for it to be heard if it did air
[ "$(row "$(last_id "$s5")")" = "missed|clip removed|1|1|0" ] ||
	fail "request of a removed clip: $(row "$(last_id "$s5")")"
[ "$(json_row "$(last_id "$s5")")" = "('missed', 'clip removed', True, True, 0)" ] ||
	fail "log --format json, removed clip: $(json_row "$(last_id "$s5")")"

# SIGTERM while requests wait: they are missed, the one on air interrupted.
id=$(air_long)
ctl play "$s6" >/dev/null || fail "play while busy"
ctl play "$s7" >/dev/null || fail "play while busy"
stop_daemon
# A long pre-roll keeps the cued window below wide on a loaded machine.
start_daemon --preroll-ms 8000
r=$(row "$id")
case $r in
"interrupted|daemon stopped|0|0|"*) ;;
*) fail "on air at SIGTERM: $r" ;;
esac
for c in "$s6" "$s7"; do
	[ "$(db "select count(*) from airings where clip_id = $c")" = 1 ] ||
		fail "clip $c: $(db "select count(*) from airings where clip_id = $c") rows"
	[ "$(row "$(last_id "$c")")" = "missed|daemon stopped|1|1|0" ] ||
		fail "waiting at SIGTERM: $(row "$(last_id "$c")")"
	[ "$(json_row "$(last_id "$c")")" = "('missed', 'daemon stopped', True, True, 0)" ] ||
		fail "log --format json, waiting at SIGTERM: $(json_row "$(last_id "$c")")"
done
[ "$(st_json "(d['waiting'], d['on_air'])")" = "(0, None)" ] ||
	fail "the restarted daemon still waits: $(ctl status)"

# stop while cued (pre-rolled, before the instant): it never starts.
ctl schedule add "$s6" --once "$(local_at 10)" >/dev/null || fail "schedule add"
wait_until 10 state_is "$s6" cued || fail "the airing was not cued: $(ctl status)"
ctl status >"$T/status" || fail "status"
grep -q '^on air: *nothing yet; airing [0-9]*, .*cued for ' "$T/status" ||
	fail "status for people while cued: $(cat "$T/status")"
grep -q 'since' "$T/status" && fail "status for people says on air while cued: $(cat "$T/status")"
id=$(last_id "$s6")
ctl stop >/dev/null || fail "stop while cued"
wait_until 10 finished "$id" || fail "the cued airing did not end"
[ "$(row "$id" | cut -d'|' -f1-3,5)" = "interrupted|stopped by $me|1|0" ] ||
	fail "stopped while cued: $(row "$id")"
sleep 10 # past its instant: it still never started
[ "$(row "$id" | cut -d'|' -f1-3,5)" = "interrupted|stopped by $me|1|0" ] ||
	fail "stopped while cued, later: $(row "$id")"
[ "$(db "select count(*) from airings where clip_id = $s6")" = 2 ] ||
	fail "the stopped occurrence got a second row"
stop_daemon
record_stop

# What the sink heard: the first stretch of the long clip's tone (gaps
# under 0.15 s joined) is the stopped airing, at least as long as its
# frames say and at most a second longer; the removed clip's tone never.
python3 "$LXPY" tones "$T/rec.wav" 300 1300 >"$T/tones" || fail "tones"
note "tones heard: $(tr '\n' ';' <"$T/tones")"
grep -qx '1300 none' "$T/tones" || fail "the removed clip was heard: $(cat "$T/tones")"
python3 - "$T/tones" "$stopped_frames" <<'PY' >&2 || fail "the stopped airing as heard"
import sys
runs = [l.split() for l in open(sys.argv[1]) if l.startswith("300 ")]
if not runs or runs[0][1] == "none":
    sys.exit("the long clip was never heard")
runs = [(float(a), float(b)) for _, a, b in runs]
start, end = runs[0]
for a, b in runs[1:]:
    if a - end >= 0.15:
        break
    end = b
heard = end - start
logged = int(sys.argv[2]) / 48000
print("stopped airing: heard %.2f s, logged %.2f s" % (heard, logged))
# Never more than was heard; a busy server's latency may make the log
# count up to a second less than reached the sink.
if logged > heard + 0.3 or heard - logged > 1.0:
    sys.exit("heard %.2f s but logged %.2f s" % (heard, logged))
PY
stop_pulse
