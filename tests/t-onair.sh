#!/usr/bin/env bash
# What is on air, on a private PulseAudio null sink: status names it;
# play --now preempts it (interrupted, preempted); a manual airing asked
# for while another plays waits and airs once the output is free; stop
# ends it (interrupted, "stopped by" the user who asked); with --max-delay 2 an airing
# that cannot start in time is missed (busy).
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
me=$(id -un) # who stops: "stopped by NAME"
start_daemon
# Long enough to still be on air however slowly the commands around it
# run on a loaded machine; it never plays to its end.
make_clip "$T/long.wav" wav 30 300 44100 1
make_clip "$T/short.wav" wav 1 700 44100 1
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
short=$(ctl clip add "$T/short.wav" --title 'Tin ngắn' --topic cchc) || fail "add"

on_air() { # on_air CLIP N: the Nth airing of CLIP has started and plays
	[ "$(jq_log "[(a['status'], a['started'] is not None) for a in d if a['clip'] == $1][$2 - 1:$2]")" = "('playing', True)" ]
}
row() { # row CLIP N: status, reason and schedule of the Nth airing of CLIP
	jq_log "[(a['status'], a['reason'], a['schedule']) for a in d if a['clip'] == $1][$2 - 1]"
}

# play --now preempts.
ctl play "$long" >/dev/null || fail "play"
wait_until 10 on_air "$long" 1 || fail "the long clip did not go on air"
ctl status >"$T/status" || fail "status"
grep -qF 'Bài dài' "$T/status" || fail "status does not name what is on air: $(cat "$T/status")"
sleep 1
ctl play "$short" --now >/dev/null || fail "play --now"
wait_aired "$short" 1 10
[ "$(row "$long" 1)" = "('interrupted', 'preempted', None)" ] ||
	fail "preempted airing: $(row "$long" 1)"
[ "$(row "$short" 1)" = "('done', '', None)" ] || [ "$(row "$short" 1)" = "('done', None, None)" ] ||
	fail "preempting airing: $(row "$short" 1)"
python3 -c '
import json, sys, datetime
d = json.load(sys.stdin)
t = datetime.datetime.fromisoformat
l = [a for a in d if a["clip"] == int(sys.argv[1])][0]
s = [a for a in d if a["clip"] == int(sys.argv[2])][0]
if not 0 < l["frames"] < 30 * 44100:
    sys.exit("preempted airing played %d frames" % l["frames"])
if t(s["started"]) < t(l["ended"]):
    sys.exit("the preempting airing started before the preempted one ended")
' "$long" "$short" < <(log_json) || fail "preemption"

# Without --now it waits; stop ends what is on air, then it airs.
ctl play "$long" >/dev/null || fail "play"
wait_until 10 on_air "$long" 2 || fail "the long clip did not go on air again"
ctl play "$short" >/dev/null || fail "play while busy"
sleep 1
[ "$(jq_log "[a['status'] for a in d if a['clip'] == $short][1:]")" != "done" ] ||
	fail "a manual airing did not wait for the one on air"
ctl stop >/dev/null || fail "stop"
wait_aired "$short" 2 10
[ "$(row "$long" 2)" = "('interrupted', 'stopped by $me', None)" ] ||
	fail "stopped airing: $(row "$long" 2)"
[ "$(jq_log "[a['status'] for a in d if a['clip'] == $short][1]")" = "done" ] ||
	fail "the waiting airing did not air after stop"
ctl status >"$T/status" || fail "status"

# --max-delay 2: what cannot start within 2 s is missed, busy.
stop_daemon
start_daemon --max-delay 2
ctl play "$long" >/dev/null || fail "play"
wait_until 10 on_air "$long" 3 || fail "the long clip did not go on air a third time"
ctl play "$short" >/dev/null || fail "play while busy"
wait_aired "$short" 3 8
[ "$(jq_log "[(a['status'], a['reason'], a['started']) for a in d if a['clip'] == $short][2]")" = \
    "('missed', 'busy', None)" ] || fail "airing past max_delay: $(row "$short" 3)"
on_air "$long" 3 || fail "the airing on air did not go on"
ctl stop >/dev/null || fail "stop"
wait_aired "$long" 3 5
stop_daemon
stop_pulse
