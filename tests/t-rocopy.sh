#!/usr/bin/env bash
# loaxactl --db reads a copy as it arrives from a commune, as a user who
# owns none of it, from a folder nobody can write: with its -wal file
# (whose last change is not yet in loaxa.db), with -wal and -shm, and a
# copy made by an older loaxa (schema version 1, before the hash chain).
# Nothing is written beside the copy and the files stay as they were.
# The running daemon, once quiet for a few seconds, leaves its -wal empty:
# loaxa.db alone then holds everything.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon
make_clip "$T/a.wav" wav 0.3 440 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Tin cũ' --topic cchc) || fail "add"
ctl play "$a" >/dev/null && wait_aired "$a" 1
wal_empty() {
	[ -f "$DB-wal" ] && [ "$(stat -c %s "$DB-wal")" -eq 0 ]
}
wait_until 20 wal_empty || fail "the quiet daemon's -wal is $(stat -c %s "$DB-wal") bytes"
cp "$DB" "$T/alone.db"
[ "$(sqlite3 "$T/alone.db" "select status from airings")" = "done" ] ||
	fail "loaxa.db alone lacks the airing"
stop_daemon

# loaxactl where any user may run it ($LOAXACTL's folders may be private).
mkdir "$T/bin"
cp "$LOAXACTL" "$T/bin/loaxactl"
chmod 0755 "$T/bin" "$T/bin/loaxactl"
chmod 0711 "$T"
# Where the reader's private copies go: it must be empty after each read.
mkdir -m 1777 "$T/tmp"
export TMPDIR=$T/tmp
note "reading copies as $(as_reader id -un)"

# A copy whose -wal holds a change loaxa.db does not: the clip retitled by
# a connection that never checkpointed, copied while it was open.
python3 - "$DB" "$T/walcopy" <<'EOF' || fail "making the -wal copy"
import os, shutil, sqlite3, sys
src, dst = sys.argv[1], sys.argv[2]
os.mkdir(dst)
shutil.copy(src, dst + "/loaxa.db")
c = sqlite3.connect(dst + "/loaxa.db", isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("UPDATE clips SET title = 'Tin mới' WHERE id = 1")
os.mkdir(dst + "/ro")
for s in ("", "-wal"):
    shutil.copy(dst + "/loaxa.db" + s, dst + "/ro/loaxa.db" + s)
os.mkdir(dst + "/ro3")
for s in ("", "-wal", "-shm"):
    shutil.copy(dst + "/loaxa.db" + s, dst + "/ro3/loaxa.db" + s)
os._exit(0)  # no close, no checkpoint
EOF

# A copy from a loaxa without the hash chain (schema version 1).
mkdir "$T/old" "$T/old/ro"
cp "$DB" "$T/old/loaxa.db"
sqlite3 "$T/old/loaxa.db" "DROP INDEX airings_chain; DROP INDEX airings_unchained; DROP INDEX airings_done;
    ALTER TABLE airings DROP COLUMN seq; ALTER TABLE airings DROP COLUMN hash;
    DELETE FROM meta WHERE key LIKE 'log_%'; PRAGMA user_version = 1;" ||
	fail "making a version 1 copy"
cp "$T/old/loaxa.db" "$T/old/ro/loaxa.db"

# readonly DIR: no one may write DIR or its files.
readonly_dir() {
	chmod 0444 "$1"/*
	chmod 0555 "$1"
	# shellcheck disable=SC2016 # expanded by the inner shell
	! as_reader sh -c ': >"$1"/x' - "$1" 2>/dev/null ||
		fail "the reader can write in $1"
}

# read_copy DIR WANT: as the reader, clip list of DIR/loaxa.db has title
# WANT; the log reads; nothing appears in DIR and no file changes.
read_copy() {
	local dir=$1 want=$2 files sums rc=0
	readonly_dir "$dir"
	files=$(ls "$dir")
	sums=$(cd "$dir" && sha256sum ./*)
	as_reader "$T/bin/loaxactl" --db "$dir/loaxa.db" clip list \
	    --format json >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" -eq 0 ] || fail "--db $dir: exit $rc: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "--db $dir wrote on stderr: $(cat "$T/err")"
	[ "$(python3 "$LXPY" q 'd[0]["title"]' <"$T/out")" = "$want" ] ||
		fail "--db $dir: clip list $(cat "$T/out"), want title $want"
	as_reader "$T/bin/loaxactl" --db "$dir/loaxa.db" log --format json \
	    >"$T/out" 2>"$T/err" || fail "--db $dir log: $(cat "$T/err")"
	[ "$(python3 "$LXPY" q '[a["status"] for a in d]' <"$T/out")" = "done" ] ||
		fail "--db $dir log: $(cat "$T/out")"
	[ "$(ls "$dir")" = "$files" ] ||
		fail "files appeared in $dir: $(find "$dir" -mindepth 1 | tr "\n" " ")"
	[ "$(cd "$dir" && sha256sum ./*)" = "$sums" ] || fail "$dir changed"
	[ -z "$(ls -A "$T/tmp")" ] ||
		fail "private copies left behind: $(ls -A "$T/tmp")"
	chmod 0755 "$dir"
	note "$dir ($files): ok"
}

read_copy "$T/walcopy/ro" 'Tin mới'
read_copy "$T/walcopy/ro3" 'Tin mới'
read_copy "$T/old/ro" 'Tin cũ'
chmod 0700 "$T"
