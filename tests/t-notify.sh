#!/usr/bin/env bash
# loaxad under a service manager, played by this test: a NOTIFY_SOCKET it
# owns and WATCHDOG_USEC=1 s.  READY=1 comes once the control socket
# answers, with STATUS= saying what is next, then on air; WATCHDOG=1 comes
# twice a second from the loop; STOPPING=1 on SIGTERM.  With the variables
# unset (every other test) nothing changes.  As root: the player thread is
# SCHED_FIFO when RLIMIT_RTPRIO allows it, and loaxad logs one clear line
# when it does not.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# The manager's end: each datagram a line ("\n" as "\n" text, a time
# first); at READY=1 it connects to the control socket, keeping the
# greeting, to see that the socket already answers.
cat >"$T/manager.py" <<'PY'
import socket, sys, time
path, out, ctl = sys.argv[1:4]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
log = open(out, "a", buffering=1)
while True:
    msg = s.recv(65536).decode("utf-8", "replace")
    log.write("%.3f %s\n" % (time.monotonic(), msg.replace("\n", "\\n")))
    if "READY=1" in msg.split("\n"):
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.settimeout(5)
        try:
            c.connect(ctl)
            log.write("greeting %s\n" % c.recv(64).decode().strip())
        except OSError as e:
            log.write("greeting none: %s\n" % e)
        c.close()
PY
python3 "$T/manager.py" "$T/notify" "$T/msgs" "$SOCK" &
LX_BG_PIDS+=($!)
wait_until 20 test -S "$T/notify" || fail "the test's notify socket"
# shellcheck disable=SC2317 # called through wait_until
has() { grep -q -- "$1" "$T/msgs" 2>/dev/null; }

LX_DAEMON_ENV=(NOTIFY_SOCKET="$T/notify" WATCHDOG_USEC=1000000)
start_daemon
wait_until 10 has 'READY=1' || fail "no READY=1: $(cat "$T/msgs")"
grep -q '^greeting OK LOAXA ' "$T/msgs" ||
	fail "READY=1 before the socket answered: $(cat "$T/msgs")"
grep -q ' READY=1\\nSTATUS=nothing scheduled$' "$T/msgs" ||
	fail "READY=1 without STATUS=: $(cat "$T/msgs")"

make_clip "$T/a.wav" wav 3 440
id=$(ctl clip add "$T/a.wav" --title 'Tin cải cách hành chính') ||
	fail "clip add"
at=$(date -d '@'$(($(date +%s) + 5)) '+%F %T')
ctl schedule add "$id" --once "$at" >/dev/null || fail "schedule add"
hm=$(date -d "$at" +%H:%M)
wait_until 5 has "STATUS=next: $hm Tin cải cách hành chính\$" ||
	fail "no STATUS=next: $hm ...: $(cat "$T/msgs")"
wait_until 15 has 'STATUS=on air: Tin cải cách hành chính$' ||
	fail "no STATUS=on air: ...: $(cat "$T/msgs")"
wait_aired "$id" 1 15
# shellcheck disable=SC2317 # called through wait_until
after_air() { sed -n '/STATUS=on air: /,$p' "$T/msgs" | grep -q "$1"; }
wait_until 5 after_air 'STATUS=nothing scheduled$' ||
	fail "STATUS= not back to nothing scheduled: $(tail -n 3 "$T/msgs")"
n=$(grep -c 'WATCHDOG=1' "$T/msgs")
[ "$n" -ge 8 ] || fail "$n WATCHDOG=1 in the run: $(cat "$T/msgs")"
# Twice a second: no gap between pings over 0.9 s (half of 1 s, and room).
python3 - "$T/msgs" <<'PY' || fail "watchdog pings: $(cat "$T/msgs")"
import sys
t = [float(l.split()[0]) for l in open(sys.argv[1]) if "WATCHDOG=1" in l]
gaps = [b - a for a, b in zip(t, t[1:])]
print("ping gaps: min %.3f max %.3f s" % (min(gaps), max(gaps)), file=sys.stderr)
if max(gaps) > 0.9 or min(gaps) < 0.3:
    sys.exit("gaps from %.3f to %.3f s" % (min(gaps), max(gaps)))
PY
stop_daemon
wait_until 5 has 'STOPPING=1' || fail "no STOPPING=1: $(tail -n 3 "$T/msgs")"
note "$(grep -v 'WATCHDOG=1$' "$T/msgs" | tr '\n' '|')"

# As under the unit, pings far apart (WatchdogSec=60: every 30 s):
# STATUS= still follows a change within a couple of seconds, alone.
: >"$T/msgs"
LX_DAEMON_ENV=(NOTIFY_SOCKET="$T/notify" WATCHDOG_USEC=60000000)
start_daemon
wait_until 10 has 'READY=1' || fail "no READY=1 (60 s watchdog)"
at=$(date -d '@'$(($(date +%s) + 600)) '+%F %T')
ctl schedule add "$id" --once "$at" >/dev/null || fail "schedule add (2)"
wait_until 3 has "^[0-9.]* STATUS=next: $(date -d "$at" +%H:%M) " ||
	fail "STATUS= did not follow the book: $(cat "$T/msgs")"
stop_daemon

# WATCHDOG_USEC with no NOTIFY_SOCKET: nothing to tell, nothing breaks.
LX_DAEMON_ENV=(WATCHDOG_USEC=1000000)
start_daemon
sleep 1.2
ctl status >/dev/null || fail "status with WATCHDOG_USEC alone"
stop_daemon

# Real-time priority, as an unprivileged user (root has CAP_SYS_NICE).
[ "$(id -u)" -eq 0 ] || skip "the real-time checks need root (setpriv)"
for tool in setpriv prlimit ps; do
	command -v "$tool" >/dev/null || skip "no $tool"
done
# rt NAME LIMIT [SETPRIV_ARGS...]: loaxad as nobody with RLIMIT_RTPRIO
# LIMIT, on the null pcm; prints its threads' scheduling classes.
rt() {
	local dir=$T/$1 limit=$2 pid cls
	shift 2
	mkdir -p "$dir" && chown nobody "$dir" && chmod 0711 "$T"
	prlimit --rtprio="$limit" -- setpriv --reuid=nobody --regid=nogroup \
	    --clear-groups "$@" -- \
	    "$LOAXAD" -f --state-dir "$dir/state" --socket "$dir/sock" \
	    --device null >"$dir/log" 2>&1 &
	pid=$!
	wait_until 20 "$LOAXACTL" --socket "$dir/sock" status >/dev/null 2>&1 ||
		fail "loaxad as nobody ($1): $(cat "$dir/log")"
	cls=$(ps -L -o cls= -p "$pid" | tr -d ' ' | sort -u | tr '\n' ' ')
	kill -TERM "$pid"
	wait "$pid" || fail "loaxad as nobody ($1) exited $?: $(cat "$dir/log")"
	echo "$cls"
}
# Allowed: RLIMIT_RTPRIO 10 where this machine lets us raise it (a
# container may not: no CAP_SYS_RESOURCE), else the unit's other way,
# CAP_SYS_NICE as an ambient capability.
if prlimit --rtprio=10 true 2>/dev/null; then
	cls=$(rt allowed 10 --inh-caps=-all)
else
	note "RLIMIT_RTPRIO cannot be raised here: granting CAP_SYS_NICE"
	cls=$(rt allowed 0 --inh-caps=+sys_nice --ambient-caps=+sys_nice)
fi
case $cls in *FF*) ;; *) fail "allowed: no SCHED_FIFO thread ($cls)" ;; esac
[ "$(grep -c 'real-time priority SCHED_FIFO 10$' "$T/allowed/log")" -eq 1 ] ||
	fail "allowed: $(cat "$T/allowed/log")"
cls=$(rt refused 0 --inh-caps=-all)
case $cls in *FF*) fail "refused and yet SCHED_FIFO ($cls)" ;; esac
[ "$(grep -c 'SCHED_FIFO 10 refused' "$T/refused/log")" -eq 1 ] ||
	fail "refused: not one line saying so: $(cat "$T/refused/log")"
note "$(grep refused "$T/refused/log")"
exit 0
