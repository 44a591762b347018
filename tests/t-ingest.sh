#!/usr/bin/env bash
# timeout 300
# Imports are bounded and leave nothing behind: a FIFO, a socket, a
# device and a folder are refused at once ("not a regular file") by
# loaxactl and by the daemon, never opened blocking; a file over
# max_clip_size, one that would leave less than min_free_space, and one
# whose copy fails (a full disk, made with a file size limit) are refused
# with one line; a kill -9 during an import leaves a temp file that the
# next start removes (and logs), no row, and the same file imports again.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# The library holds only committed clips: no temp copy, nothing else.
library_clean() {
	local f
	for f in "$T/state/clips"/* "$T/state/clips"/.[!.]*; do
		[ -e "$f" ] || continue
		case ${f##*/} in
		[0-9a-f]*) [ "${#f##*/}" -eq 64 ] && continue ;;
		esac
		fail "$1: left in the library: ${f##*/}"
	done
}

# refused WHAT CODE WORDS FILE [ADD-ARGS...]: loaxactl refuses FILE with
# one line containing WORDS, the daemon refuses its descriptor with ERR
# CODE, within 10 s each, and nothing changes.
refused() {
	local what=$1 code=$2 words=$3 file=$4 before r
	shift 4
	before=$(db_state)
	expect_fail "$what" timeout 10 "$LOAXACTL" --socket "$SOCK" clip add \
	    "$file" "$@"
	grep -qF -- "$words" "$T/ef.err" ||
		fail "$what: '$(cat "$T/ef.err")' does not say '$words'"
	r=$(timeout 10 python3 "$LXPY" sendfd "$SOCK" "$file" \
	    'clipadd "Tin" cchc ""') || fail "$what: daemon: no answer"
	case $r in
	"ERR $code "*"$words"*) note "$what: daemon: $r" ;;
	*) fail "$what: daemon answered '$r', want ERR $code ... $words" ;;
	esac
	[ "$(db_state)" = "$before" ] || fail "$what: the database changed"
	library_clean "$what"
}

start_daemon --max-clip-size 2M

# What is not a regular file.
mkfifo "$T/fifo.mp3"
refused "a FIFO" 1 "not a regular file" "$T/fifo.mp3"
mkdir "$T/folder.wav"
refused "a folder" 1 "not a regular file" "$T/folder.wav"
refused "a device" 1 "not a regular file" /dev/null
python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock.wav"
expect_fail "a socket" timeout 10 "$LOAXACTL" --socket "$SOCK" clip add "$T/sock.wav"
grep -qF "not a regular file" "$T/ef.err" ||
	fail "a socket: $(cat "$T/ef.err")"

# Over max_clip_size (2M here): refused before a byte is copied.
make_clip "$T/big.wav" wav 12 440 48000 2
refused "over max_clip_size" 8 "max_clip_size" "$T/big.wav"
make_clip "$T/small.wav" wav 2 440 22050 1
id=$(ctl clip add "$T/small.wav") || fail "a clip under the limit"
stop_daemon

# More than the free space allows: refused, saying so.
start_daemon --min-free-space 1000000T
refused "no space" 9 "not enough space" "$T/big.wav"
stop_daemon

# A copy that fails half way (the disk fills up: a 1 MiB file size limit
# on the daemon, SIGXFSZ ignored so that write fails with EFBIG).
LX_DAEMON_ENV=(bash -c 'trap "" XFSZ; ulimit -f 1024; exec "$@"' loaxad)
start_daemon
refused "a failed copy" 9 "library: write" "$T/big.wav"
stop_daemon
LX_DAEMON_ENV=()

# kill -9 in the middle of copying a large (sparse, 300 MB) WAV.
python3 - "$T/huge.wav" <<'EOF'
import struct, sys
n = 300 * 1000 * 1000
with open(sys.argv[1], "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + n) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 2, 48000, 192000, 4, 16) +
            b"data" + struct.pack("<I", n))
    f.truncate(44 + n)
EOF
start_daemon
before=$(db_state)
ctl clip add "$T/huge.wav" --title huge >/dev/null 2>&1 &
add=$!
tmp_there() { compgen -G "$T/state/clips/.import-*" >/dev/null; }
wait_until 60 tmp_there || fail "no temp copy seen during the import"
kill9_daemon
wait "$add" && fail "clip add succeeded though the daemon was killed"
tmp_there || fail "the temp copy went before the restart (nothing tested)"
start_daemon
tmp_there && fail "start-up left the temp copy: $(ls -A "$T/state/clips")"
grep -q 'removed \.import-.*interrupted import' "$T/loaxad.log" ||
	fail "start-up did not log the temp copy it removed"
[ "$(db_state)" = "$before" ] || fail "a row from the killed import"
hid=$(ctl clip add "$T/huge.wav" --title huge) ||
	fail "the same file did not import after the restart"
[ "$(db "select bytes from clips where id = $hid")" = 300000044 ] ||
	fail "clip $hid: wrong size"
library_clean "after the restart"
ctl clip rm "$hid" || fail "clip rm $hid"
[ "$(db "select count(*) from clips where id = $id")" = 1 ] ||
	fail "clip $id lost"
stop_daemon
