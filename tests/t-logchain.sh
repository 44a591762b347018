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

stop_daemon
cp "$DB" "$T/good.db"
# tamper WHAT SQL VERDICT AIRING: change the stopped daemon's database as the
# sqlite3 shell would; the daemon's logverify names VERDICT and AIRING.
tamper() {
	cp "$T/good.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	sqlite3 "$DB" "$2" || fail "$1: sqlite3 failed"
	start_daemon --catch-up 1
	v=$(verify)
	stop_daemon
	note "$1: $v"
	# shellcheck disable=SC2086 # split into its words
	set -- "$1" "$3" "$4" $v
	[ "$4" = "$2" ] || fail "$1: verdict $4, want $2: $(cat "$T/verify")"
	[ "$2" = ok ] || grep -qx "airing: $3" "$T/verify" ||
		fail "$1: does not name airing $3: $(cat "$T/verify")"
	# A changed or deleted chained row breaks the recipe too.
	[ "$2" = inserted ] || [ "$(python3 "$CHAINPY" "$DB")" != "5 $head" ] ||
		fail "$1: chain.py still finds the chain whole"
}
failed_id=$(sqlite3 "$T/good.db" "select id from airings where status = 'failed'")
second=$(sqlite3 "$T/good.db" "select id from airings where seq = 2")
third=$(sqlite3 "$T/good.db" "select id from airings where seq = 3")
tamper "failed made done" \
    "update airings set status = 'done', frames = 6615, reason = '' where status = 'failed'" \
    edited "$failed_id"
tamper "weather clip made cchc" "update clips set topic = 'cchc' where id = $b" \
    edited "$second"
tamper "row 2 deleted" "delete from airings where seq = 2" missing "$third"
tamper "a done row inserted" \
    "insert into airings (clip_id, scheduled, started, ended, frames, status)
     select clip_id, scheduled + 60000000, started + 60000000,
            ended + 60000000, frames, status from airings where seq = 1" \
    inserted 6
stop_then_ok() {
	cp "$T/good.db" "$DB"
	start_daemon --catch-up 1
	v=$(verify)
	# shellcheck disable=SC2086 # split into its words
	set -- $v
	[ "$1 $2 $3" = "ok 5 $head" ] || fail "the restored log: $v"
}
stop_then_ok
stop_daemon
