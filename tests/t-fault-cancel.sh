#!/usr/bin/env bash
# Fault: cancelled cues.  schedule rm and clip rm of an occurrence already
# cued (inside the pre-roll) withdraw it: nothing sounds, its row ends
# missed (schedule removed / clip removed).  On a PulseAudio null sink:
# play --now then stop cancels the pending preempt (the request never
# airs, missed, "stopped by" the user); stop then play --now keeps the
# stop's reason and airs the new request.
# timeout 150
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

cued() {
	ctl status --format json | grep -q '"on_air_state": *"cued"'
}
playing() {
	ctl status --format json | grep -q '"on_air_state": *"playing"'
}
row() { # row CLIP N: status, reason, started? of the Nth airing of CLIP
	jq_log "[(a['status'], a['reason'] or '', a['started'] is not None) for a in d if a['clip'] == $1][$2 - 1]"
}
nrows() {
	jq_log "len([a for a in d if a['clip'] == $1])"
}

# On the file plugin, with a 6 s pre-roll: rm inside it.
start_daemon --preroll-ms 6000
make_clip "$T/a.wav" wav 1 440 44100 1
clip=$(ctl clip add "$T/a.wav" --title 'Thông báo' --topic cchc) || fail "clip add"
for what in schedule clip; do
	note "tried: $what rm inside the pre-roll"
	sched=$(ctl schedule add "$clip" --once "$(local_at 8)") ||
		fail "schedule add"
	wait_until 10 cued || fail "the $what's occurrence was not cued"
	if [ "$what" = schedule ]; then
		ctl schedule rm "$sched" >/dev/null || fail "schedule rm"
	else
		ctl clip rm "$clip" >/dev/null || fail "clip rm"
	fi
	n=$([ $what = schedule ] && echo 1 || echo 2)
	wait_until 10 lx_airings_finished "$clip" "$n" ||
		fail "the withdrawn airing did not end"
	[ "$(row "$clip" "$n")" = "('missed', '$what removed', False)" ] ||
		fail "$what rm in the pre-roll: $(row "$clip" "$n")"
	[ ! -s "$OUT" ] || fail "$what rm in the pre-roll: $(stat -c %s "$OUT") bytes sounded"
	note "found: $(row "$clip" "$n"), nothing sounded"
	sleep 3 # past the instant: it must not air after all
	[ "$(nrows "$clip")" = "$n" ] || fail "$what rm: more airings than cues: $(nrows "$clip")"
done
stop_daemon

# On a null sink that keeps real time: stop and play --now, both orders.
start_pulse
me=$(id -un) # who stops: "stopped by NAME"
start_daemon
make_clip "$T/long.wav" wav 30 300 44100 1
make_clip "$T/b.wav" wav 1 700 44100 1
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Tin ngắn' --topic cchc) || fail "add"

note "tried: play --now, then stop at once"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 playing || fail "the long clip did not go on air"
{ ctl play "$b" --now && ctl stop; } >/dev/null || fail "play --now; stop"
wait_aired "$long" 1 10
wait_aired "$b" 1 10
sleep 2
[ "$(row "$long" 1)" = "('interrupted', 'preempted', True)" ] ||
	fail "the preempted airing: $(row "$long" 1)"
r=$(row "$b" 1)
case $r in
"('missed', 'stopped by $me', False)") ;;
# The loop may have cued it already (a slow client): stopped, not aired.
"('interrupted', 'stopped by $me', "*) ;;
*) fail "play --now then stop: the request aired anyway: $r" ;;
esac
[ "$(nrows "$b")" = 1 ] || fail "play --now then stop: $(nrows "$b") airings"
note "found: preempted $(row "$long" 1), the request $r"

note "tried: stop, then play --now at once"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 playing || fail "the long clip did not go on air again"
{ ctl stop && ctl play "$b" --now; } >/dev/null || fail "stop; play --now"
wait_aired "$long" 2 10
wait_aired "$b" 2 10
[ "$(row "$long" 2)" = "('interrupted', 'stopped by $me', True)" ] ||
	fail "stop then play --now: the stopped airing reads $(row "$long" 2)"
[ "$(row "$b" 2)" = "('done', '', True)" ] ||
	fail "stop then play --now: the request reads $(row "$b" 2)"
note "found: stopped $(row "$long" 2), the request $(row "$b" 2)"
[ "$(db "select count(*) from airings where status = 'playing'")" = 0 ] ||
	fail "a row is left playing"
stop_daemon
stop_pulse
