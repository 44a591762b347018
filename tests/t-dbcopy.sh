#!/usr/bin/env bash
# loaxactl --db FILE answers the read-only queries from a copy of the
# database exactly as the live daemon does, refuses every change, and
# leaves the file as it was; a clean shutdown leaves everything in the
# .db file itself, so copying that one file is enough.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon
make_clip "$T/a.wav" wav 0.4 440 22050 1
make_clip "$T/b.mp3" mp3 0.4 660 44100 1
a=$(ctl clip add "$T/a.wav" --title 'Tin một' --topic cchc --source 'KH 88') || fail "add"
b=$(ctl clip add "$T/b.mp3" --title 'Tin hai' --topic cchc) || fail "add"
ctl schedule add "$a" --at 05:30 --days mon,wed,fri >/dev/null || fail "schedule add"
ctl schedule add "$b" --once "$(date -d tomorrow +%F) 17:00" >/dev/null || fail "schedule add"
ctl play "$a" >/dev/null && wait_aired "$a" 1
ctl play "$b" >/dev/null && wait_aired "$b" 1

queries=(
	"clip list" "clip show $a" "clip show $b" "schedule list"
	"schedule next 20 --format json" "log --format json" "log --format csv"
	"log --clip $b --format json" "report --format json" "report" "log"
)
# same FILE: each query gives the same answer from FILE as from the daemon.
same() {
	local q
	for q in "${queries[@]}"; do
		# shellcheck disable=SC2086
		ctl $q >"$T/live" 2>&1 || fail "live $q failed: $(cat "$T/live")"
		# shellcheck disable=SC2086
		"$LOAXACTL" --db "$1" $q >"$T/copy" 2>&1 ||
			fail "--db $q failed: $(cat "$T/copy")"
		cmp -s "$T/live" "$T/copy" ||
			fail "--db $1 $q differs: $(diff "$T/live" "$T/copy" | head -n 10)"
	done
}

# A consistent copy taken while the daemon runs.
sqlite3 "$DB" ".backup '$T/copy.db'" || fail "backup"
sum=$(sha256sum <"$T/copy.db")
same "$T/copy.db"
[ "$(sha256sum <"$T/copy.db")" = "$sum" ] || fail "queries changed the copy"

# Changes are refused and change nothing.
before=$(db_state "$T/copy.db")
expect_fail "--db clip rm" "$LOAXACTL" --db "$T/copy.db" clip rm "$a"
expect_fail "--db clip add" "$LOAXACTL" --db "$T/copy.db" clip add "$T/a.wav"
expect_fail "--db schedule add" "$LOAXACTL" --db "$T/copy.db" \
    schedule add "$a" --once "$(date -d tomorrow +%F) 18:00"
expect_fail "--db schedule rm" "$LOAXACTL" --db "$T/copy.db" schedule rm 1
expect_fail "--db play" "$LOAXACTL" --db "$T/copy.db" play "$a"
expect_fail "--db stop" "$LOAXACTL" --db "$T/copy.db" stop
[ "$(sha256sum <"$T/copy.db")" = "$sum" ] || fail "refused changes changed the copy"
[ "$(db_state "$T/copy.db")" = "$before" ] || fail "refused changes changed the rows"

# Not a database, or no file: an error, and no file is made.
expect_fail "--db of a missing file" "$LOAXACTL" --db "$T/none.db" clip list
[ ! -e "$T/none.db" ] || fail "--db made $T/none.db"
expect_fail "--db of a WAV file" "$LOAXACTL" --db "$T/a.wav" clip list

# While the daemon runs (WAL), loaxa.db alone, copied without its -wal and
# -shm into a folder no one can write, answers as the daemon does, for a
# user who can write nothing there, and nothing appears beside it.
[ "$(db 'pragma journal_mode')" = wal ] || fail "the live database is not in WAL mode"
make_clip "$T/c.wav" wav 0.3 880 16000 1
c=$(ctl clip add "$T/c.wav" --title 'Tin ba' --topic khac) || fail "add"
ctl play "$c" >/dev/null && wait_aired "$c" 1
ctl play "$a" >/dev/null && wait_aired "$a" 2
[ -e "$DB-wal" ] || fail "the running daemon has no -wal file"
mkdir "$T/ro" "$T/bin"
cp "$DB" "$T/ro/loaxa.db"
chmod 0444 "$T/ro/loaxa.db"
chmod 0555 "$T/ro"
# loaxactl where any user may run it ($LOAXACTL's folders may be private).
cp "$LOAXACTL" "$T/bin/loaxactl"
chmod 0755 "$T/bin" "$T/bin/loaxactl"
chmod 0711 "$T"
sum=$(sha256sum <"$T/ro/loaxa.db")
note "reading the copy as $(as_reader id -un)"
# shellcheck disable=SC2016 # expanded by the inner shell
as_reader sh -c ': >"$1"/x' - "$T/ro" 2>/dev/null &&
	fail "the reader can write in the 0555 folder"
for q in "log --format csv" "clip list --format csv" "report --format json"; do
	# shellcheck disable=SC2086
	ctl $q >"$T/live" 2>&1 || fail "live $q failed: $(cat "$T/live")"
	rc=0
	# shellcheck disable=SC2086
	as_reader "$T/bin/loaxactl" --db "$T/ro/loaxa.db" $q >"$T/copy" \
	    2>"$T/copy.err" || rc=$?
	[ "$rc" -eq 0 ] ||
		fail "--db (copy of the live file) $q: exit $rc: $(cat "$T/copy.err")"
	[ ! -s "$T/copy.err" ] || fail "--db $q wrote on stderr: $(cat "$T/copy.err")"
	cmp -s "$T/live" "$T/copy" ||
		fail "--db (copy of the live file) $q differs: $(diff "$T/live" "$T/copy" | head -n 10)"
done
# The last writes (clip c, its airing, a's second) are in the copy.
as_reader "$T/bin/loaxactl" --db "$T/ro/loaxa.db" log --format json >"$T/copy" ||
	fail "--db log --format json"
[ "$(python3 "$LXPY" q "[(a['clip'], a['status']) for a in d][-2:]" <"$T/copy")" = \
    "($c, 'done')
($a, 'done')" ] || fail "the copy lacks the last airings: $(cat "$T/copy")"
[ "$(find "$T/ro" -mindepth 1)" = "$T/ro/loaxa.db" ] ||
	fail "files appeared beside the copy: $(find "$T/ro" -mindepth 1 | tr '\n' ' ')"
[ "$(sha256sum <"$T/ro/loaxa.db")" = "$sum" ] || fail "the queries changed the copy"
chmod 0700 "$T"
chmod 0755 "$T/ro"

# After a clean stop, the .db file alone holds everything.
stop_daemon
mkdir "$T/usb"
cp "$DB" "$T/usb/loaxa.db"
start_daemon
same "$T/usb/loaxa.db"
stop_daemon
