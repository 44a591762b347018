#!/usr/bin/env bash
# Fault: an outside sqlite3 holds the database's write lock for 8 s while
# a manual airing is asked for.  The request is not dropped: its row is
# written once the lock is gone, and it airs (done).  Nothing is left
# playing.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

py=$(py_with sqlite3)
start_daemon
make_clip "$T/a.wav" wav 1 440 44100 1
clip=$(ctl clip add "$T/a.wav" --title 'Thông báo' --topic cchc) || fail "clip add"

note "tried: play while an outside connection holds BEGIN IMMEDIATE for 8 s"
"$py" - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(8)
c.execute("ROLLBACK")
PY
holder=$!
LX_BG_PIDS+=("$holder")
wait_until 10 test -f "$DB.locked" || fail "the lock was not taken"
ctl play "$clip" >/dev/null || fail "play during the lock"
wait "$holder"
wait_aired "$clip" 1 30
r=$(jq_log "[(a['status'], a['reason'] or '') for a in d if a['clip'] == $clip]")
[ "$r" = "('done', '')" ] || fail "the request made during the lock: $r"
note "found: $r"
[ "$(db "select count(*) from airings where status = 'playing'")" = 0 ] ||
	fail "a row is left playing"
stop_daemon
