#!/usr/bin/env bash
# The sound server goes away mid-airing (a private PulseAudio, killed):
# the airing ends failed with ALSA's text; an airing that falls due while
# the device is down waits for it (status: down, 1 waiting) and airs late
# once the server is back, within max_delay; past max_delay it is missed,
# with the device's error as the reason.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
# The clients must not start a PulseAudio of their own while ours is away.
mkdir -p "$T/pulse/.config/pulse"
echo 'autospawn = no' >"$T/pulse/.config/pulse/client.conf"
export PULSE_CLIENTCONFIG=$T/pulse/.config/pulse/client.conf

make_clip "$T/long.wav" wav 20 300 44100 1
make_clip "$T/a.wav" wav 1 700 44100 1
make_clip "$T/b.wav" wav 1 900 44100 1

# st_json EXPR: EXPR on loaxactl status --format json (d is the object).
st_json() {
	ctl status --format json | python3 "$LXPY" q "$1"
}
playing() {
	[ "$(st_json "(d['on_air_clip'], d['on_air_state'])")" = "($1, 'playing')" ]
}
device_down() {
	[ "$(st_json "d['device_state']")" = down ]
}
# rows CLIP: how many airing rows clip CLIP has.
rows() {
	db "select count(*) from airings where clip_id = $1"
}
# finished CLIP: CLIP has a row, and it is no longer playing.
finished() {
	[ "$(db "select count(*) from airings where clip_id = $1
	    and status != 'playing'")" -ge 1 ]
}
# lose_device: kill the sound server under an airing of the long clip; the
# airing fails with ALSA's text.
lose_device() {
	ctl play "$long" >/dev/null || fail "play"
	wait_until 10 playing "$long" || fail "the long clip did not go on air"
	local id
	id=$(db "select max(id) from airings where clip_id = $long")
	sleep 1
	stop_pulse
	wait_until 15 device_down || fail "status never said the device is down"
	r=$(db "select status, started is not null, ended is not null
	    from airings where id = $id")
	[ "$r" = "failed|1|1" ] || fail "airing when the server died: $r"
	reason=$(db "select reason from airings where id = $id")
	note "airing when the server died: failed, $reason"
	case $reason in
	pulse:*) ;;
	*) fail "the failed airing's reason is not ALSA's text: '$reason'" ;;
	esac
	[ "$(jq_log "[(a['status'], a['reason']) for a in d if a['id'] == $id]")" = \
	    "('failed', '$reason')" ] || fail "log --format json: the failed airing"
}

# --max-delay 60: the airing waits for the device and airs late.
start_daemon --max-delay 60
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
a=$(ctl clip add "$T/a.wav" --title 'Tin một' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Tin hai' --topic cchc) || fail "add"
lose_device
ctl schedule add "$a" --once "$(local_at 2)" >/dev/null 2>&1 || fail "schedule add"
due=$(db "select next_due from schedules where clip_id = $a")
wait_until 10 python3 -c 'import sys, time
sys.exit(time.time() * 1e6 < int(sys.argv[1]) + 500000)' "$due" ||
	fail "the airing never fell due"
[ "$(rows "$a")" = 0 ] || fail "an airing due while the device is down has a row: $(db "select status, reason from airings where clip_id = $a")"
ctl status >"$T/status" || fail "status"
note "status while down: $(tr '\n' ';' <"$T/status")"
grep -q '^device: .*down' "$T/status" || fail "status does not say down: $(cat "$T/status")"
grep -q '^waiting: *1$' "$T/status" || fail "status does not say 1 waiting: $(cat "$T/status")"
[ "$(st_json "(d['device_state'], d['waiting'], d['device_error'] is not None)")" = \
    "('down', 1, True)" ] || fail "status --format json while down: $(ctl status --format json)"
# The server comes back, on the same socket.
start_pulse
wait_until 40 finished "$a" || fail "the waiting airing did not air once the device was back"
r=$(db "select status, reason, started > scheduled + 1000000, frames
    from airings where clip_id = $a")
[ "$r" = "done||1|44100" ] || fail "the airing that waited for the device: $r"
note "aired $(db "select (started - scheduled) / 1000 from airings
    where clip_id = $a") ms late, once the device was back"
[ "$(jq_log "[(a['status'], a['frames']) for a in d if a['clip'] == $a]")" = \
    "('done', 44100)" ] || fail "log --format json: the airing that waited"
[ "$(st_json "d['device_state']")" = ok ] || fail "status still says down"
stop_daemon

# --max-delay 3: the device stays away too long; the airing is missed.
start_daemon --max-delay 3
lose_device
ctl schedule add "$b" --once "$(local_at 2)" >/dev/null 2>&1 || fail "schedule add"
wait_until 20 finished "$b" || fail "the airing past max_delay has no row"
r=$(db "select status, started is null, frames from airings where clip_id = $b")
[ "$r" = "missed|1|0" ] || fail "the airing past max_delay: $r"
reason=$(db "select reason from airings where clip_id = $b")
note "missed: $reason"
case $reason in
device:?*) ;;
*) fail "the missed airing's reason does not start 'device:': '$reason'" ;;
esac
[ "$(rows "$b")" = 1 ] || fail "the missed airing has $(rows "$b") rows"
stop_daemon
