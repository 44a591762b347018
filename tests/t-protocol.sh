#!/usr/bin/env bash
# The control protocol on the raw socket: the greeting, key: value replies
# closed by OK, quoting, and the limits (a line over 4096 bytes, more than
# 16 words, more than 32 connections: one ERR 8, then the connection is
# closed) which leave the daemon serving everyone else.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
id=$(ctl clip add "$T/a.wav" --title 'Tin "một" \ hai' --topic cchc) ||
	fail "clip add"

talk() {
	python3 "$LXPY" talk "$SOCK" "$@"
}

talk status >"$T/r" || fail "talk failed"
[ "$(head -n 1 "$T/r")" = "OK LOAXA 3" ] || fail "greeting: $(head -n 1 "$T/r")"
sed -n '2,$p' "$T/r" | sed '$d' | sed '$d' | grep -v '^[a-z_0-9]*: ' &&
	fail "status reply has lines that are not key: value: $(cat "$T/r")"
tail -n 2 "$T/r" | head -n 1 | grep -qx OK || fail "status did not end with OK"

# Quoting: a quoted id, a quoted empty word, escapes.
talk "clipshow \"$id\"" >"$T/r"
grep -qx "clip: $id" "$T/r" || fail "clipshow with a quoted id: $(cat "$T/r")"
grep -qxF 'title: Tin "một" \ hai' "$T/r" || fail "title with quotes: $(cat "$T/r")"
talk "  clipshow	$id  " >"$T/r"
grep -qx "clip: $id" "$T/r" || fail "spaces and tabs around words: $(cat "$T/r")"

# Too long a line: ERR 8, then closed.
long=$(printf 'x%.0s' $(seq 5000))
talk "clipshow $long" status >"$T/r"
grep -q '^ERR 8 ' "$T/r" || fail "a 5000-byte line did not get ERR 8: $(head -c 300 "$T/r")"
grep -q '^version: ' "$T/r" && fail "the connection stayed open after ERR 8"

# 17 words: ERR 8, then closed.  16 words is not a limit error.
talk "log 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16" status >"$T/r"
grep -q '^ERR 8 ' "$T/r" || fail "17 words did not get ERR 8: $(cat "$T/r")"
grep -q '^version: ' "$T/r" && fail "the connection stayed open after 17 words"
talk "log 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15" >"$T/r"
grep -q '^ERR 8 ' "$T/r" && fail "16 words got ERR 8"

# More than 32 connections: the 33rd gets ERR 8 and is closed; the others
# keep working, and once they go a new one is served.
python3 - "$SOCK" <<'PY' || fail "connection limit"
import socket, sys
conns = []
for i in range(32):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(sys.argv[1])
    f = s.makefile("rb")
    g = f.readline()
    if g != b"OK LOAXA 3\n":
        sys.exit("connection %d greeted %r" % (i + 1, g))
    conns.append((s, f))
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(sys.argv[1])
rest = s.makefile("rb").read()
if not rest.startswith(b"ERR 8 "):
    sys.exit("connection 33 got %r" % rest)
s.close()
s, f = conns[5]
s.sendall(b"status\n")
while True:
    line = f.readline()
    if not line or line == b"OK\n":
        break
if line != b"OK\n":
    sys.exit("connection 6 was not served once 33 were tried")
for s, f in conns:
    s.close()
PY
wait_until 5 ctl status >/dev/null 2>&1 || fail "no service after the limit"

# A NUL byte is refused (ERR 1) and a half line from a client that goes
# away harms nothing.
python3 - "$SOCK" <<'PY' || fail "NUL byte"
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(sys.argv[1])
f = s.makefile("rb")
f.readline()
s.sendall(b"clipshow \x001\n")
r = f.readline()
if not r.startswith(b"ERR 1 "):
    sys.exit("a NUL byte got %r" % r)
t = socket.socket(socket.AF_UNIX)
t.connect(sys.argv[1])
t.sendall(b"clipsh")
t.close()
PY
ctl status >/dev/null || fail "the daemon stopped answering"
stop_daemon
