#!/usr/bin/env bash
# The daemon stopped across due airings (catch_up 3 s): on restart, the one
# due 1.5 s ago airs late, whole (done, started after its instant); the one
# due 4.5 s ago, beyond catch_up, is logged missed (not running) and never
# airs; one restarts more air nothing twice.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon --catch-up 3
make_clip "$T/a.wav" wav 0.5 440 22050 1
make_clip "$T/b.wav" wav 0.5 880 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Trễ quá' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Phát bù' --topic cchc) || fail "add"
t0=$(($(date +%s) + 1))
sa=$(ctl schedule add "$a" --once "$(date -d "@$((t0 + 4))" '+%F %T')") || fail "schedule a"
sb=$(ctl schedule add "$b" --once "$(date -d "@$((t0 + 7))" '+%F %T')") || fail "schedule b"
stop_daemon
[ "$(date +%s)" -lt $((t0 + 3)) ] || skip "too slow to stop before the first airing"

# Back at t0 + 8.5: a is 4.5 s overdue, b 1.5 s.
while [ "$(date +%s%N)" -lt "$(((t0 + 8) * 1000000000 + 500000000))" ]; do
	sleep 0.05
done
start_daemon --catch-up 3
wait_aired "$b" 1 10
wait_aired "$a" 1 10

log_json >"$T/log.json"
q() { python3 "$LXPY" q "$1" <"$T/log.json"; }
note "log: $(cat "$T/log.json")"
[ "$(q "[(a['status'], a['reason'], a['started'], a['schedule']) for a in d if a['clip'] == $a]")" = \
    "('missed', 'not running', None, $sa)" ] ||
	fail "airing 4.5 s overdue (catch_up 3 s) is not missed, not running"
[ "$(q "[(a['status'], a['schedule'], a['frames']) for a in d if a['clip'] == $b]")" = \
    "('done', $sb, 11025)" ] || fail "airing 1.5 s overdue did not air whole"
bid=$(q "[a['id'] for a in d if a['clip'] == $b]")
late=$(python3 "$LXPY" lateness "$bid" <"$T/log.json")
note "caught-up airing started $late ms late"
python3 -c "import sys; sys.exit(not 1400 <= float(sys.argv[1]) < 3000)" "$late" ||
	fail "caught-up airing started $late ms after its instant, want 1.5-3 s"
[ "$(q 'len(d)')" = 2 ] || fail "not exactly two airings"

# Restarting again airs and logs nothing more.
before=$(db_rows clips schedules airings)
stop_daemon
start_daemon --catch-up 3
sleep 1.5
[ "$(db_rows clips schedules airings)" = "$before" ] ||
	fail "a restart changed the record"
[ "$(ctl schedule next 5 --format json | python3 "$LXPY" q 'len(d)')" = 0 ] ||
	fail "the single airings are still in schedule next"
stop_daemon
