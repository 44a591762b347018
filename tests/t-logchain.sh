#!/usr/bin/env bash
# The airing log's hash chain: every finished row (done, failed, missed)
# is chained as it finishes; logverify says ok with the number of rows and
# the head, which tests/chain.py recomputes from docs/log-integrity.md's
# recipe alone; a row edited, deleted or inserted with the sqlite3 shell
# is caught and named.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

CHAINPY=$LX_ROOT/tests/chain.py

start_daemon --catch-up 1
make_clip "$T/a.wav" wav 0.3 440 22050 1
make_clip "$T/b.wav" wav 0.3 660 22050 1
make_clip "$T/c.wav" wav 0.3 880 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Tin một \ hai' --topic cchc) || fail "add"
b=$(ctl clip add "$T/b.wav" --title 'Thời tiết' --topic thoitiet) || fail "add"
c=$(ctl clip add "$T/c.wav" --title 'Hỏng' --topic cchc) || fail "add"
ctl play "$a" >/dev/null && wait_aired "$a" 1
ctl play "$b" >/dev/null && wait_aired "$b" 1
ctl play "$a" >/dev/null && wait_aired "$a" 2
# A damaged clip: its airing fails.
csha=$(sha256sum "$T/c.wav" | cut -d' ' -f1)
printf 'x' | dd of="$T/state/clips/$csha" bs=1 seek=60 conv=notrunc 2>/dev/null
ctl play "$c" >/dev/null && wait_aired "$c" 1
# An airing due while the daemon is stopped: missed (not running).
t0=$(($(date +%s) + 4))
ctl schedule add "$a" --once "$(date -d "@$t0" '+%F %T')" >/dev/null ||
	fail "schedule"
stop_daemon
[ "$(date +%s)" -lt $((t0 - 1)) ] || skip "too slow to stop before the airing"
while [ "$(date +%s)" -lt $((t0 + 3)) ]; do
	sleep 0.2
done
start_daemon --catch-up 1
wait_aired "$a" 3

# verify: the logverify reply's verdict, rows and head (and the rest).
verify() {
	python3 "$LXPY" talk "$SOCK" logverify >"$T/verify" ||
		fail "logverify: $(cat "$T/verify")"
	sed -n 's/^\(verdict\|rows\|head\|airing\|position\): //p' "$T/verify" |
	    tr '\n' ' '
}
finished=$(db "select count(*) from airings where status != 'playing'")
[ "$finished" = 5 ] || fail "want 5 finished rows, have $finished"
v=$(verify)
note "untouched: $v"
# shellcheck disable=SC2086 # split into its words
set -- $v
[ "$1 $2" = "ok 5" ] || fail "untouched log: $(cat "$T/verify")"
head=$3
[ "$(db "select value from meta where key = 'log_head'")" = "$head" ] ||
	fail "the recorded head is not the verified head"
[ "$(python3 "$CHAINPY" "$DB")" = "5 $head" ] ||
	fail "chain.py recomputes $(python3 "$CHAINPY" "$DB"), the daemon says 5 $head"
[ "$(db "select group_concat(status, ',') from (select status from airings order by seq)")" = \
    "done,done,done,failed,missed" ] || fail "chain order: $(db 'select id, seq, status from airings')"

# loaxactl says the same, for people and for scripts.
out=$(ctl log --verify) || fail "log --verify: exit $?: $out"
[ "$out" = "ok: 5 rows, head $head" ] || fail "log --verify says: $out"
[ "$(ctl log --verify --format json | python3 "$LXPY" q '(d["verdict"], d["rows"], d["airing"])')" = \
    "('ok', 5, None)" ] || fail "log --verify --format json"

stop_daemon
cp "$DB" "$T/good.db"
# tamper WHAT SQL VERDICT AIRING: change a copy of the log as the sqlite3
# shell would; loaxactl --db FILE log --verify exits 4 naming VERDICT and
# AIRING, and so does the daemon's logverify on that file.
tamper() {
	local rc=0
	cp "$T/good.db" "$T/bad.db"
	sqlite3 "$T/bad.db" "$2" || fail "$1: sqlite3 failed"
	out=$("$LOAXACTL" --db "$T/bad.db" log --verify) || rc=$?
	note "$1: exit $rc: $out"
	[ "$rc" -eq 4 ] || fail "$1: log --verify exit $rc: $out"
	case $out in
	"$3: airing $4 (position "*) ;;
	"$3: "*) [ "$4" = 0 ] || fail "$1: does not name airing $4: $out" ;;
	*) fail "$1: log --verify says '$out', want $3, airing $4" ;;
	esac
	# A changed or deleted chained row breaks the recipe too.
	[ "$3" = inserted ] || [ "$(python3 "$CHAINPY" "$T/bad.db")" != "5 $head" ] ||
		fail "$1: chain.py still finds the chain whole"
}
failed_id=$(sqlite3 "$T/good.db" "select id from airings where status = 'failed'")
second=$(sqlite3 "$T/good.db" "select id from airings where seq = 2")
third=$(sqlite3 "$T/good.db" "select id from airings where seq = 3")
last=$(sqlite3 "$T/good.db" "select id from airings where seq = 5")
tamper "failed made done" \
    "update airings set status = 'done', frames = 6615, reason = '' where status = 'failed'" \
    edited "$failed_id"
tamper "a frame count raised" "update airings set frames = frames + 1 where seq = 2" \
    edited "$second"
tamper "weather clip made cchc" "update clips set topic = 'cchc' where id = $b" \
    edited "$second"
tamper "row 2 deleted" "delete from airings where seq = 2" missing "$third"
tamper "the last row deleted" "delete from airings where id = $last" missing 0
tamper "a done row inserted" \
    "insert into airings (clip_id, scheduled, started, ended, frames, status)
     select clip_id, scheduled + 60000000, started + 60000000,
            ended + 60000000, frames, status from airings where seq = 1" \
    inserted 6

# The daemon, started on an edited log, says so too (protocol logverify).
cp "$T/good.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
sqlite3 "$DB" "delete from airings where seq = 2" || fail "sqlite3"
start_daemon --catch-up 1
v=$(verify)
# shellcheck disable=SC2086 # split into its words
set -- $v
[ "$1 $4" = "missing $third" ] || fail "the daemon's logverify: $v"
rc=0
ctl log --verify >/dev/null || rc=$?
[ "$rc" -eq 4 ] || fail "log --verify on the daemon: exit $rc"
stop_daemon
