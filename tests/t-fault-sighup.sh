#!/usr/bin/env bash
# Fault: SIGHUP mid-airing, on a private PulseAudio null sink.  The daemon
# lives and reloads its config file: a live key (max_delay) takes effect,
# a key only a restart changes (operator_group) is named in the log and
# kept, and a file with errors changes nothing.  The airing on air ends
# done.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_pulse
conf=$T/loaxad.conf
echo 'max_delay 900' >"$conf"
start_daemon -c "$conf"
make_clip "$T/a.wav" wav 4 440 44100 1
make_clip "$T/long.wav" wav 30 300 44100 1
clip=$(ctl clip add "$T/a.wav" --title 'Bản tin' --topic cchc) || fail "clip add"
long=$(ctl clip add "$T/long.wav" --title 'Bài dài' --topic cchc) || fail "clip add"

on_air() {
	ctl status --format json | grep -q '"on_air_state": *"playing"'
}
row() {
	jq_log "[(a['status'], a['reason'] or '') for a in d if a['clip'] == ${2:-$clip}][$1]"
}

note "tried: SIGHUP 1 s into a 4 s airing, with max_delay and operator_group changed"
ctl play "$clip" >/dev/null || fail "play"
wait_until 10 on_air || fail "the clip did not go on air"
sleep 1
printf 'max_delay 2\noperator_group wheel\n' >"$conf"
kill -HUP "$LX_DAEMON_PID"
wait_until 5 grep -q 'reloaded' "$T/loaxad.log" || fail "no 'reloaded' in the log"
kill -0 "$LX_DAEMON_PID" 2>/dev/null || fail "loaxad died of SIGHUP"
grep -q 'operator_group changed; it takes effect at the next start' "$T/loaxad.log" ||
	fail "the log does not say operator_group needs a restart"
wait_aired "$clip" 1 10
[ "$(row 0)" = "('done', '')" ] || fail "the airing SIGHUP fell in: $(row 0)"
note "found: the airing ended $(row 0), the daemon lives"

# The new max_delay (2 s) is live: a request behind a long airing is missed.
note "tried: max_delay 2 after the reload"
ctl play "$long" >/dev/null || fail "play"
wait_until 10 on_air || fail "the long clip did not go on air"
ctl play "$clip" >/dev/null || fail "play while busy"
wait_aired "$clip" 2 15
[ "$(row 1)" = "('missed', 'busy')" ] ||
	fail "max_delay 2 was not reloaded: the waiting request reads $(row 1)"
ctl stop >/dev/null || fail "stop"
wait_aired "$long" 1 10
note "found: the waiting request ended $(row 1)"

# A file with errors: logged, nothing changes, the daemon lives.
note "tried: SIGHUP with a bad config file"
printf 'max_delay 2\nbogus_key 1\n' >"$conf"
kill -HUP "$LX_DAEMON_PID"
wait_until 5 grep -q 'not reloaded' "$T/loaxad.log" || fail "no 'not reloaded' in the log"
grep -q "bogus_key" "$T/loaxad.log" || fail "the log does not name the bad line"
kill -0 "$LX_DAEMON_PID" 2>/dev/null || fail "loaxad died of SIGHUP with a bad file"
ctl status >/dev/null || fail "status after a bad reload"
[ "$(db "select count(*) from airings where status = 'playing'")" = 0 ] ||
	fail "a row is left playing"
note "found: the bad file was refused, the daemon answers"
stop_daemon
stop_pulse
