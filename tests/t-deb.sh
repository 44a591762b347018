#!/usr/bin/env bash
# slow
# timeout 900
# The package, as a technician installs it: scripts/deb.sh builds
# loaxa_<version>_<arch>.deb (Depends from shlibdeps, the conffile), `apt-get
# install ./…deb` puts every file in place and makes the user loaxa (in
# audio and loaxa-operators) and the group; the installed loaxad, run as
# loaxa (setpriv) under a NOTIFY_SOCKET this test owns, says READY=1,
# STATUS= and WATCHDOG=1, gives its socket to loaxa-operators 0660, and
# has real-time priority or one line saying why not; `apt-get remove`
# keeps /var/lib/loaxa, `purge` deletes it.  This installs into the
# machine's own /usr and /etc, so it needs root, runs one at a time
# (a lock), never replaces a loaxa installed by someone else, and leaves
# the machine as it found it.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "installs a package: needs root"
for tool in apt-get dpkg-deb dpkg-shlibdeps cpack setpriv man; do
	command -v "$tool" >/dev/null || skip "no $tool"
done
# One package test at a time on this machine; wait for the other.
exec 9>/run/lock/loaxa-t-deb
flock -w 600 9 || fail "another t-deb held the lock for 10 minutes"
if dpkg-query -W -f='${Status}' loaxa 2>/dev/null | grep -q ' installed$'; then
	skip "a loaxa package is installed already: not touching it"
fi
if [ -e /var/lib/loaxa ] || [ -e /etc/loaxa ]; then
	skip "/var/lib/loaxa or /etc/loaxa exists: not touching it"
fi
had_user=0 had_group=0
getent passwd loaxa >/dev/null && had_user=1
getent group loaxa-operators >/dev/null && had_group=1

installed=0
# shellcheck disable=SC2317 # called by the EXIT trap
deb_cleanup() {
	if [ "$installed" = 1 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get -qq \
		    -o DPkg::Lock::Timeout=600 purge -y loaxa >/dev/null 2>&1
	fi
	[ "$had_user" = 1 ] || userdel loaxa 2>/dev/null
	[ "$had_user" = 1 ] || groupdel loaxa 2>/dev/null
	[ "$had_group" = 1 ] || groupdel loaxa-operators 2>/dev/null
	return 0
}
trap 'rc=$?; deb_cleanup; (exit "$rc"); lx_cleanup' EXIT
apt() {
	DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 \
	    "$@" >>"$T/apt.log" 2>&1
}

version=$(sed -n 's/^project(loaxa VERSION \([0-9.]*\) .*/\1/p' \
    "$LX_ROOT/CMakeLists.txt")
arch=$(dpkg --print-architecture)
bash "$LX_ROOT/scripts/deb.sh" "$T/deb" >"$T/deb.log" 2>&1 ||
	fail "scripts/deb.sh: $(tail -n 20 "$T/deb.log")"
deb=$T/deb/loaxa_${version}_$arch.deb
[ -f "$deb" ] || fail "no $deb: $(ls "$T/deb")"
dpkg-deb -f "$deb" Depends >"$T/depends"
note "Depends: $(cat "$T/depends")"
for lib in libsqlite3-0 libasound2 libev4 libsystemd0; do
	grep -q "$lib" "$T/depends" || fail "Depends lacks $lib"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$T/conffiles"
grep -qx /etc/loaxa/loaxad.conf "$T/conffiles" ||
	fail "conffiles: $(cat "$T/conffiles")"

installed=1
apt install -y "$deb" || fail "apt-get install: $(tail -n 20 "$T/apt.log")"
for f in /usr/sbin/loaxad /usr/bin/loaxactl; do
	[ -x "$f" ] || fail "$f not installed"
done
for f in /usr/lib/systemd/system/loaxad.service \
    /usr/lib/sysusers.d/loaxa.conf /usr/lib/tmpfiles.d/loaxa.conf \
    /etc/loaxa/loaxad.conf /usr/share/bash-completion/completions/loaxactl \
    /usr/share/locale/vi/LC_MESSAGES/loaxa.mo; do
	[ -s "$f" ] || fail "$f not installed"
done
[ "$(/usr/sbin/loaxad --version)" = "loaxad $version" ] ||
	fail "loaxad --version: $(/usr/sbin/loaxad --version)"
for page in loaxactl loaxad loaxad.conf; do
	man -w "$page" >/dev/null 2>&1 || fail "man -w $page"
done
note "man -w loaxactl: $(man -w loaxactl)"
getent group loaxa-operators >/dev/null || fail "no group loaxa-operators"
groups=" $(id -nG loaxa 2>/dev/null) "
for g in audio loaxa-operators; do
	case $groups in *" $g "*) ;; *) fail "loaxa not in $g:$groups" ;; esac
done
[ "$(stat -c %U /var/lib/loaxa 2>&1)" = loaxa ] ||
	fail "/var/lib/loaxa is not loaxa's"
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify /usr/lib/systemd/system/loaxad.service \
	    >"$T/verify" 2>&1 || fail "verify: $(cat "$T/verify")"
fi

# The installed loaxad as loaxa, as the unit runs it, but on the null pcm
# and a socket in /run/loaxa; the test is the service manager.
cat >"$T/manager.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
log = open(sys.argv[2], "a", buffering=1)
while True:
    log.write(s.recv(65536).decode("utf-8", "replace").replace("\n", "\\n") + "\n")
PY
mkdir -m 0755 "$T/notify.d"
python3 "$T/manager.py" "$T/notify.d/notify" "$T/msgs" &
LX_BG_PIDS+=($!)
wait_until 20 test -S "$T/notify.d/notify" || fail "the test's notify socket"
chmod 0666 "$T/notify.d/notify" && chmod 0711 "$T"
sock=/run/loaxa/loaxad.sock
NOTIFY_SOCKET=$T/notify.d/notify WATCHDOG_USEC=1000000 \
    setpriv --reuid=loaxa --regid=loaxa --init-groups --inh-caps=-all -- \
    /usr/sbin/loaxad --device null --socket "$sock" >"$T/loaxad.log" 2>&1 &
pid=$!
# shellcheck disable=SC2317 # called through wait_until
has() { grep -q -- "$1" "$T/msgs" 2>/dev/null; }
wait_until 20 has 'READY=1' || fail "no READY=1: $(cat "$T/loaxad.log")"
wait_until 5 has 'STATUS=nothing scheduled' || fail "no STATUS="
sleep 2
[ "$(grep -c '^WATCHDOG=1' "$T/msgs")" -ge 3 ] ||
	fail "WATCHDOG=1: $(cat "$T/msgs")"
[ "$(stat -c '%G %a' "$sock")" = "loaxa-operators 660" ] ||
	fail "socket: $(stat -c '%U %G %a' "$sock")"
/usr/bin/loaxactl --socket "$sock" status >"$T/status" ||
	fail "loaxactl status on the installed daemon"
grep -q "^loaxad $version " "$T/status" || fail "status: $(cat "$T/status")"
rt=$(grep -c 'real-time priority SCHED_FIFO 10' "$T/loaxad.log")
[ "$rt" -eq 1 ] || fail "$rt lines on real-time priority: $(cat "$T/loaxad.log")"
note "$(grep 'real-time' "$T/loaxad.log")"
kill -TERM "$pid"
wait "$pid" || fail "loaxad exited $?: $(cat "$T/loaxad.log")"
has 'STOPPING=1' || fail "no STOPPING=1"
[ -s /var/lib/loaxa/loaxa.db ] || fail "no /var/lib/loaxa/loaxa.db"

apt remove -y loaxa || fail "apt-get remove: $(tail -n 20 "$T/apt.log")"
[ ! -e /usr/sbin/loaxad ] || fail "remove left /usr/sbin/loaxad"
[ -s /var/lib/loaxa/loaxa.db ] || fail "remove deleted the airing log"
[ -f /etc/loaxa/loaxad.conf ] || fail "remove deleted the conffile"
apt purge -y loaxa || fail "apt-get purge: $(tail -n 20 "$T/apt.log")"
installed=0
[ ! -e /var/lib/loaxa ] || fail "purge kept /var/lib/loaxa"
[ ! -e /etc/loaxa ] || fail "purge kept /etc/loaxa"
exit 0
