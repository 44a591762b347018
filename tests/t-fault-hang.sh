#!/usr/bin/env bash
# Fault: a hung sound server.  The private PulseAudio is stopped (SIGSTOP)
# mid-airing: stop still ends the airing at once; a device taking nothing
# for device_timeout ends the airing failed (device not responding), never
# done; status answers throughout; after the server resumes (30 s) the
# next airing is done; SIGTERM during a hang exits within 2 s with the row
# finished.
# slow
# timeout 300
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
start_daemon --device-timeout 5
make_clip "$T/long.wav" wav 20 300 44100 1
make_clip "$T/b.wav" wav 1 700 44100 1
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Tin ngắn' --topic cchc) || fail "add"

playing() {
	ctl status --format json | grep -q '"on_air_state": *"playing"'
}
row() { # row CLIP N: status and reason of the Nth airing of CLIP
	jq_log "[(a['status'], a['reason'] or '') for a in d if a['clip'] == $1][$2 - 1]"
}
finished() { # finished ID: the row is no longer playing
	[ "$(db "select status from airings where id = $1")" != playing ]
}
ms() { date +%s%3N; }
lx_gone_air() { ctl status --format json | grep -q '"on_air": *null'; }
pulse_stop() { kill -STOP "$LX_PULSE_PID"; }
pulse_cont() { kill -CONT "$LX_PULSE_PID"; }
trap 'kill -CONT "$LX_PULSE_PID" 2>/dev/null' ERR

# 1. stop during a hang.
note "tried: SIGSTOP the sound server 1.5 s into an airing, then stop"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 playing || fail "not on air"
id=$(db "select max(id) from airings")
sleep 1.5
pulse_stop
sleep 1
t0=$(ms)
ctl stop >/dev/null || { pulse_cont; fail "stop during the hang"; }
wait_until 5 finished "$id" || { pulse_cont; fail "stop did nothing during the hang"; }
took=$(($(ms) - t0))
r=$(row "$long" 1)
pulse_cont
[ "$r" = "('interrupted', 'stopped by $(id -un)')" ] || fail "stopped in a hang: $r"
# The daemon's own latency: its log's "stop requested" to the row's end.
lat=$(python3 - "$T/loaxad.log" "$id" <<'PY'
import re, sys, datetime
t = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(\S+ \S+) loaxad: airing %s(?: \(clip \d+\))?: (stop requested|playing -> interrupted)" % sys.argv[2], line)
    if m:
        t.setdefault(m.group(2), datetime.datetime.fromisoformat(m.group(1)))
print(int((t["playing -> interrupted"] - t["stop requested"]).total_seconds() * 1000))
PY
) || fail "no stop in the log"
[ "$lat" -lt 300 ] || fail "stop took $lat ms during the hang"
note "found: $r, $lat ms from the request to the row's end (the test saw it after $took ms)"

# 2. the watchdog.
wait_until 15 lx_gone_air || fail "the player did not let go after the server resumed"
note "tried: SIGSTOP the sound server 1.5 s into an airing for 30 s"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 playing || fail "not on air"
id=$(db "select max(id) from airings")
sleep 1.5
pulse_stop
t0=$(ms)
wait_until 15 finished "$id" || { pulse_cont; fail "the row did not end within 15 s of the hang"; }
took=$(($(ms) - t0))
r=$(row "$long" 2)
[ "$r" = "('failed', 'device not responding')" ] || { pulse_cont; fail "hung airing: $r"; }
if [ "$took" -lt 4000 ] || [ "$took" -ge 9000 ]; then
	pulse_cont
	fail "the hung airing ended $took ms after the hang (device_timeout 5 s)"
fi
note "found: $r, $took ms after the server stopped"
t1=$(ms)
ctl status >"$T/status" || { pulse_cont; fail "status during the hang"; }
[ $(($(ms) - t1)) -lt 1000 ] || { pulse_cont; fail "status took over 1 s in the hang"; }
ctl status --format json | grep -q '"device_state": *"down"' ||
	{ pulse_cont; fail "status does not say the device is down: $(cat "$T/status")"; }
ctl play "$b" >/dev/null || { pulse_cont; fail "play during the hang"; }
sleep $((30 - took / 1000))
pulse_cont
note "tried: the server resumed; a request made during the hang waits"
wait_aired "$b" 1 90
r=$(row "$b" 1)
[ "$r" = "('done', '')" ] || fail "the airing after the hang: $r"
note "found: the request made during the hang aired after it: $r"

# 3. SIGTERM during a hang.
wait_until 15 lx_gone_air || fail "the player did not let go"
note "tried: SIGTERM 1 s into a hang"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 playing || fail "not on air"
id=$(db "select max(id) from airings")
sleep 1
pulse_stop
sleep 1
t0=$(ms)
kill -TERM "$LX_DAEMON_PID"
wait_until 5 lx_gone "$LX_DAEMON_PID" || { pulse_cont; fail "loaxad alive 5 s after SIGTERM in a hang"; }
took=$(($(ms) - t0))
wait "$LX_DAEMON_PID"
rc=$?
LX_DAEMON_PID=
pulse_cont
[ "$rc" -eq 0 ] || fail "loaxad exited $rc"
[ "$took" -lt 2500 ] || fail "loaxad took $took ms to exit in a hang"
r=$(db "select status || ',' || reason from airings where id = $id")
[ "$r" = "interrupted,daemon stopped" ] || fail "the row SIGTERM fell in: $r"
note "found: exit 0 $took ms after SIGTERM, the row $r"
[ "$(db "select count(*) from airings where status = 'playing'")" = 0 ] ||
	fail "a row is left playing"
stop_pulse
