#!/usr/bin/env bash
# Clock jumps, made with libfaketime for loaxad alone: after a backward
# jump of 10 s a once-a-minute schedule does not air the same occurrence
# twice; after a forward jump of 100 s an airing that was 102 s away airs
# 2 s later, on time by the daemon's clock.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

lib=$(faketime_lib) || exit 77
echo "+0" >"$T/offset"
LX_DAEMON_ENV=(LD_PRELOAD="$lib" FAKETIME_TIMESTAMP_FILE="$T/offset"
    FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
make_clip "$T/b.wav" wav 0.5 880 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Mỗi phút' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Nhảy tới' --topic cchc) || fail "add"

# Backward: the occurrence at T airs once, even when T comes round again.
at=$(local_at 3)
ctl schedule add "$a" --rrule 'FREQ=MINUTELY' --start "$at" >/dev/null ||
	fail "schedule add --rrule FREQ=MINUTELY"
wait_aired "$a" 1 10
echo "-10s" >"$T/offset"
note "clock of loaxad set back 10 s after the airing at $at"
sleep 12
[ "$(jq_log "len([x for x in d if x['clip'] == $a])")" = 1 ] ||
	fail "after the clock went back, the occurrence at $at aired again: $(log_json)"
echo "+0" >"$T/offset"

# Forward: 100 s ahead, the airing due in 102 s is due in 2 s.
t=$(($(date +%s) + 103))
ctl schedule add "$b" --once "$(date -d "@$t" '+%F %T')" >/dev/null ||
	fail "schedule add --once"
echo "+100s" >"$T/offset"
note "clock of loaxad set 100 s forward"
wait_aired "$b" 1 10
r=$(jq_log "[(x['status'], x['reason']) for x in d if x['clip'] == $b]")
[ "$r" = "('done', None)" ] || [ "$r" = "('done', '')" ] ||
	fail "airing after a forward jump: $r"
late=$(log_json | python3 "$LXPY" lateness "$(last_airing "$b")")
note "after the forward jump, started $late ms after its instant (daemon's clock)"
python3 -c "import sys; sys.exit(not 0 <= float(sys.argv[1]) < 100)" "$late" ||
	fail "after a forward jump the airing started $late ms off its instant"
echo "+0" >"$T/offset"
stop_daemon
