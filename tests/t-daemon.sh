#!/usr/bin/env bash
# The daemon itself: the socket is mode 0660 and a stale one left by a
# kill -9 is replaced; SIGTERM exits 0; -c FILE sets every key and flags
# override it; a config with unknown keys or bad values is refused before
# anything starts, each error as FILE:LINE; bad flags are refused.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

start_daemon
[ -S "$SOCK" ] || fail "no socket at $SOCK"
[ "$(stat -c %a "$SOCK")" = 660 ] || fail "socket mode $(stat -c %a "$SOCK"), want 660"
ctl status >"$T/status" || fail "status"
grep -qF loaxa_test "$T/status" || fail "status does not name the device"
# A second loaxad on the same state and socket must not start: two
# daemons on one database would air twice, and the first would lose its
# socket.
"$LOAXAD" -f --state-dir "$T/state" --socket "$SOCK" --device loaxa_test \
    >"$T/second.log" 2>&1 &
second=$!
LX_BG_PIDS+=("$second")
sleep 1.5
if kill -0 "$second" 2>/dev/null; then
	kill "$second"
	wait "$second"
	ctl status >/dev/null 2>&1 || note "the first loaxad lost its socket"
	fail "a second loaxad on the same state dir and socket kept running"
fi
note "second loaxad: $(tr '\n' '|' <"$T/second.log")"
ctl status >/dev/null || fail "the first loaxad stopped answering"

kill9_daemon
[ -e "$SOCK" ] || note "no stale socket left to replace"
start_daemon
stop_daemon

# A config file with every key; flags override it.
mkdir -p "$T/conf"
cat >"$T/conf/loaxad.conf" <<CONF
# loaxad test config
state_dir $T/conf/state
socket $T/conf/sock

device loaxa_test
max_delay 600
catch_up 300
quota_per_month 5
preroll_ms 500
operator_group root
CONF
"$LOAXAD" -f -c "$T/conf/loaxad.conf" >>"$T/loaxad.log" 2>&1 &
LX_DAEMON_PID=$!
SOCK=$T/conf/sock
wait_until 20 lx_daemon_answers || fail "loaxad -c did not answer on the socket the config names"
[ "$(ctl report --format json | python3 "$LXPY" q 'd["quota"]')" = 5 ] ||
	fail "quota_per_month from the config not used"
[ -f "$T/conf/state/loaxa.db" ] || fail "state_dir from the config not used"
stop_daemon
"$LOAXAD" -f -c "$T/conf/loaxad.conf" --quota-per-month 4 >>"$T/loaxad.log" 2>&1 &
LX_DAEMON_PID=$!
wait_until 20 lx_daemon_answers || fail "loaxad -c with a flag did not start"
[ "$(ctl report --format json | python3 "$LXPY" q 'd["quota"]')" = 4 ] ||
	fail "--quota-per-month does not override the config"
stop_daemon

# Flags as getopt_long reads them: bundled (-fv), --key=VALUE.
mkdir -p "$T/g"
"$LOAXAD" -fv --state-dir="$T/g/state" --socket "$T/g/sock" \
    --device=loaxa_test --max-delay=60 >>"$T/loaxad.log" 2>&1 &
LX_DAEMON_PID=$!
SOCK=$T/g/sock
wait_until 20 lx_daemon_answers || fail "loaxad -fv --state-dir=DIR did not start"
[ -f "$T/g/state/loaxa.db" ] || fail "--state-dir=DIR not used"
stop_daemon

# refused WHAT ARGS...: loaxad exits non-zero within 5 s, starts nothing.
refused() {
	local what=$1 rc
	shift
	rm -f "$T/bad.sock"
	timeout 5 "$LOAXAD" -f "$@" >"$T/bad.out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 124 ]; then
		fail "$what: loaxad exit $rc: $(cat "$T/bad.out")"
	fi
	[ ! -e "$T/bad.sock" ] || fail "$what: a socket was made"
	note "$what: exit $rc: $(head -n 3 "$T/bad.out" | tr '\n' '|')"
}
cat >"$T/bad.conf" <<CONF
socket $T/bad.sock
state_dir $T/badstate
colour blue
quota_per_month many
catch_up -5
CONF
refused "a config with errors" -c "$T/bad.conf"
for line in 3 4 5; do
	grep -qF "$T/bad.conf:$line:" "$T/bad.out" ||
		fail "the error on line $line is not reported as FILE:$line:"
done
[ ! -e "$T/badstate/loaxa.db" ] || fail "a database was made despite config errors"
refused "a missing config file" -c "$T/none.conf" --socket "$T/bad.sock"
refused "an unknown flag" --colour blue --socket "$T/bad.sock"
refused "an unknown short flag" -x --socket "$T/bad.sock"
refused "a word that is no flag" --socket "$T/bad.sock" now
refused "a bad --catch-up" --catch-up soon --socket "$T/bad.sock" \
    --state-dir "$T/badstate"
refused "a bad --max-delay" --max-delay -1 --socket "$T/bad.sock" \
    --state-dir "$T/badstate"
refused "a socket path too long" --state-dir "$T/badstate" \
    --socket "$T/$(printf 'x%.0s' $(seq 120))"
