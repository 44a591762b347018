#!/usr/bin/env bash
# kill -9 during an airing (on a private PulseAudio null sink), then
# restart: that airing's row becomes interrupted (daemon stopped); every
# other row, clip and schedule is as it was; the database is intact and
# the daemon airs again.  SIGTERM during an airing ends it interrupted
# (daemon stopped) before the daemon exits.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
start_daemon
make_clip "$T/long.wav" wav 20 300 44100 1
make_clip "$T/short.wav" wav 0.5 700 44100 1
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "add"
short=$(ctl clip add "$T/short.wav" --title 'Tin ngắn' --topic cchc) || fail "add"
ctl schedule add "$short" --at 05:30 --days mon,wed,fri >/dev/null || fail "schedule"
ctl play "$short" >/dev/null || fail "play"
wait_aired "$short" 1

ctl play "$long" >/dev/null || fail "play"
playing() {
	[ "$(jq_log "[(a['status'], a['started'] is not None) for a in d if a['clip'] == $long]")" = "('playing', True)" ]
}
wait_until 10 playing || fail "the long clip did not go on air"
sleep 1.5
aid=$(last_airing "$long")
before=$(db_rows clips schedules)
others=$(db "select * from airings where id != $aid order by id")
row=$(db "select clip_id, schedule_id, scheduled, started from airings where id = $aid")
kill9_daemon
note "killed during airing $aid"

start_daemon
r=$(jq_log "[(a['status'], a['reason'], a['ended']) for a in d if a['id'] == $aid]")
[ "$r" = "('interrupted', 'daemon stopped', None)" ] ||
	fail "airing $aid after kill -9 and restart: $r"
[ "$(db_rows clips schedules)" = "$before" ] || fail "clips or schedules changed"
[ "$(db "select * from airings where id != $aid order by id")" = "$others" ] ||
	fail "other airings changed"
[ "$(db "select clip_id, schedule_id, scheduled, started from airings where id = $aid")" = "$row" ] ||
	fail "airing $aid's clip, schedule or instants changed"
[ "$(db 'pragma integrity_check')" = ok ] || fail "integrity_check"

ctl play "$short" >/dev/null || fail "play after restart"
wait_aired "$short" 2
[ "$(airing_status "$(last_airing "$short")")" = "done" ] || fail "no airing after restart"

# SIGTERM during an airing: the row ends interrupted (daemon stopped) at
# once, with its end instant.
ctl play "$long" >/dev/null || fail "play"
playing2() {
	[ "$(jq_log "[(a['status'], a['started'] is not None) for a in d if a['clip'] == $long][1:]")" = "('playing', True)" ]
}
wait_until 10 playing2 || fail "the long clip did not go on air again"
aid=$(last_airing "$long")
stop_daemon
r=$(db "select status, reason, ended is not null, frames > 0 from airings where id = $aid")
case $r in
interrupted\|daemon\ stopped\|1\|1 | 2\|daemon\ stopped\|1\|1) ;;
*) fail "airing $aid after SIGTERM: $r, want interrupted, daemon stopped, ended" ;;
esac
start_daemon
[ "$(airing_status "$aid")" = interrupted ] || fail "airing $aid changed on restart"
stop_daemon
stop_pulse
