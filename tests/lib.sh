# tests/lib.sh: what every tests/t-*.sh shares.  Sourcing it makes a fresh
# 0700 temp dir ($T, removed on exit unless the test failed), an ALSA
# config whose pcm "loaxa_test" is the file plugin writing $T/out.raw, and
# the helpers to start loaxad there and drive it with loaxactl.
# shellcheck shell=bash

set -u

LX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LX_BUILD=${LOAXA_BUILD_DIR:-$LX_ROOT/build}
case $LX_BUILD in /*) ;; *) LX_BUILD=$LX_ROOT/$LX_BUILD ;; esac
LOAXAD=$LX_BUILD/loaxad
LOAXACTL=$LX_BUILD/loaxactl
MKCLIP=$LX_BUILD/tests/mkclip
# shellcheck disable=SC2034 # used by the tests, not here
DECODE=$LX_BUILD/tests/decode
LXPY=$LX_ROOT/tests/lx.py
LX_NAME=$(basename "$0" .sh)

export TZ=Asia/Ho_Chi_Minh
export LC_ALL=C.UTF-8
unset LOAXA_SOCKET LANGUAGE
# The catalogs the build made (po/), as if installed.
export LOAXA_LOCALEDIR=$LX_BUILD/locale

LX_DAEMON_PID=
LX_DAEMON_ENV=()
LX_PULSE_PID=
LX_BG_PIDS=()

# Print a reason and fail the test.
fail() {
	printf '%s: FAIL: %s\n' "$LX_NAME" "$*" >&2
	exit 1
}

# Print a reason and skip the test.
skip() {
	printf '%s: SKIP: %s\n' "$LX_NAME" "$*" >&2
	exit 77
}

# Say what the test is doing (goes to the log kept on failure).
note() {
	printf '%s: %s\n' "$LX_NAME" "$*" >&2
}

# Sanitizer reports in the daemon's log fail the test (an ASan/UBSan build).
lx_sanitizer_clean() {
	[ -f "$T/loaxad.log" ] || return 0
	! grep -qE 'runtime error:|ERROR: (Address|Leak|Undefined)Sanitizer' \
	    "$T/loaxad.log"
}

lx_cleanup() {
	local rc=$?
	trap - EXIT
	local p
	for p in "${LX_BG_PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$LX_DAEMON_PID" ]; then
		kill -KILL "$LX_DAEMON_PID" 2>/dev/null
		wait "$LX_DAEMON_PID" 2>/dev/null
	fi
	if [ -n "$LX_PULSE_PID" ]; then
		kill "$LX_PULSE_PID" 2>/dev/null
		wait "$LX_PULSE_PID" 2>/dev/null
	fi
	if [ "$rc" -eq 0 ] && ! lx_sanitizer_clean; then
		echo "$LX_NAME: FAIL: sanitizer report in loaxad.log" >&2
		rc=1
	fi
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]; then
		rm -rf "$T"
	else
			if ! lx_sanitizer_clean; then
			echo "--- loaxad.log (sanitizer report)" >&2
			grep -A 30 -m 1 -E 'runtime error:|ERROR: [A-Za-z]*Sanitizer' \
			    "$T/loaxad.log" >&2
		elif [ -s "$T/loaxad.log" ]; then
			echo "--- loaxad.log (tail)" >&2
			tail -n 30 "$T/loaxad.log" >&2
		fi
		echo "kept $T" >&2
	fi
	exit "$rc"
}

T=$(mktemp -d "${TMPDIR:-/tmp}/loaxa-$LX_NAME.XXXXXX") ||
	{ echo "cannot make a temp dir" >&2; exit 1; }
chmod 0700 "$T"
trap lx_cleanup EXIT
trap 'exit 1' INT TERM HUP

for lx_bin in "$LOAXAD" "$LOAXACTL"; do
	[ -x "$lx_bin" ] || fail "$lx_bin not built (run scripts/build.sh)"
done
unset lx_bin

DB=$T/state/loaxa.db
SOCK=$T/sock
OUT=$T/out.raw

# The ALSA config: the file plugin writing every frame to $OUT.
cat >"$T/asound.conf" <<EOF
pcm.loaxa_test {
	type file
	slave.pcm "null"
	file "$OUT"
	format "raw"
}
EOF
export ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$T/asound.conf
LX_DEVICE=loaxa_test

# wait_until SECONDS CMD...: run CMD every 0.1 s until it succeeds; 1 if it
# never did within SECONDS.
wait_until() {
	local limit=$1
	shift
	local end=$((SECONDS + limit))
	while ! "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
}

# loaxactl on this test's socket.
ctl() {
	"$LOAXACTL" --socket "$SOCK" "$@"
}

lx_daemon_answers() {
	kill -0 "$LX_DAEMON_PID" 2>/dev/null ||
		fail "loaxad exited while starting"
	ctl status >/dev/null 2>&1
}

# start_daemon [FLAGS...]: loaxad on $T/state, $SOCK and $LX_DEVICE, in the
# foreground of a background job, with the environment LX_DAEMON_ENV adds;
# returns once the socket answers.
start_daemon() {
	[ -z "$LX_DAEMON_PID" ] || fail "start_daemon: already running"
	echo "--- start $(date '+%T.%N') $*" >>"$T/loaxad.log"
	env "${LX_DAEMON_ENV[@]}" "$LOAXAD" -f --state-dir "$T/state" \
	    --socket "$SOCK" --device "$LX_DEVICE" "$@" >>"$T/loaxad.log" 2>&1 &
	LX_DAEMON_PID=$!
	wait_until 20 lx_daemon_answers ||
		fail "loaxad did not answer on $SOCK within 20 s"
}

# stop_daemon: SIGTERM, and check it exits 0 within 10 s.
stop_daemon() {
	local pid=$LX_DAEMON_PID rc
	[ -n "$pid" ] || fail "stop_daemon: not running"
	kill -TERM "$pid"
	if ! wait_until 10 lx_gone "$pid"; then
		kill -KILL "$pid"
		fail "loaxad did not exit within 10 s of SIGTERM"
	fi
	wait "$pid"
	rc=$?
	LX_DAEMON_PID=
	[ "$rc" -eq 0 ] || fail "loaxad exited $rc after SIGTERM"
	lx_sanitizer_clean || fail "sanitizer report in loaxad.log"
}

lx_gone() {
	! kill -0 "$1" 2>/dev/null
}

# kill9_daemon: kill -9, as a power cut would.
kill9_daemon() {
	[ -n "$LX_DAEMON_PID" ] || fail "kill9_daemon: not running"
	kill -KILL "$LX_DAEMON_PID"
	wait "$LX_DAEMON_PID" 2>/dev/null
	LX_DAEMON_PID=
}

# make_clip OUT FORMAT SECONDS FREQ [RATE] [CHANNELS]: a sine clip.
make_clip() {
	if [ -x "$MKCLIP" ]; then
		"$MKCLIP" "$@" >/dev/null || fail "mkclip $* failed"
		return
	fi
	local out=$1 fmt=$2 secs=$3 freq=$4 rate=${5:-44100} ch=${6:-1}
	case $fmt in
	opus) fail "mkclip not built, and sox cannot write opus" ;;
	ogg) fmt=vorbis ;;
	esac
	sox -n -r "$rate" -c "$ch" -b 16 -t "$fmt" "$out" \
	    synth "$secs" sine "$freq" vol 0.5 2>/dev/null ||
		fail "sox could not make $out"
}

# need_vi: make LANG=vi_VN.UTF-8 work: the system's locale (scripts/deps.sh
# generates it), else one compiled into the build folder for LOCPATH.
need_vi() {
	local dir=$LX_BUILD/locale-data
	[ -f "$LOAXA_LOCALEDIR/vi/LC_MESSAGES/loaxa.mo" ] ||
		fail "no vi catalog in $LOAXA_LOCALEDIR (run scripts/build.sh)"
	locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8' && return
	mkdir -p "$dir"
	(
		flock 9
		[ -d "$dir/vi_VN.UTF-8" ] ||
			localedef -i vi_VN -f UTF-8 "$dir/vi_VN.UTF-8"
	) 9>"$dir/.lock" ||
		fail "no vi_VN.UTF-8 locale, and localedef failed (run scripts/deps.sh)"
	export LOCPATH=$dir
}

# in_vi CMD...: run CMD with LANG=vi_VN.UTF-8 (and no LC_ALL), after
# need_vi.
in_vi() {
	env -u LC_ALL LANG=vi_VN.UTF-8 "$@"
}

# db SQL: query the daemon's database (read-only, waits out locks).
db() {
	sqlite3 -readonly -cmd '.timeout 5000' "$DB" "$@"
}

# db_state [FILE]: every row of every table of the database, to compare
# before and after a command that must change nothing.
db_state() {
	local f=${1:-$DB} t
	for t in $(sqlite3 -readonly -cmd '.timeout 5000' "$f" \
	    "select name from sqlite_master where type = 'table'
	     and name not like 'sqlite_%' order by name"); do
		echo "== $t"
		sqlite3 -readonly -cmd '.timeout 5000' "$f" \
		    "select * from \"$t\" order by 1"
	done
}

# db_rows TABLE...: the rows of those tables of $DB.
db_rows() {
	local t
	for t in "$@"; do
		echo "== $t"
		db "select * from \"$t\" order by 1"
	done
}

# A day range that holds every airing a test makes (for log --from/--to).
log_range() {
	printf -- '--from %s --to %s' "$(date -d '-1 day' +%F)" \
	    "$(date -d '+2 days' +%F)"
}

# log_json: the airing log around today, as JSON.
log_json() {
	# shellcheck disable=SC2046
	ctl log $(log_range) --format json
}

# jq_log EXPR: evaluate EXPR on the JSON log (d is the array).
jq_log() {
	log_json | python3 "$LXPY" q "$1"
}

# airing_status ID: the status of airing ID, from loaxactl's log.
airing_status() {
	jq_log "[a['status'] for a in d if a['id'] == $1]"
}

# last_airing CLIP: the id of the newest airing of clip CLIP.
last_airing() {
	jq_log "max([a['id'] for a in d if a['clip'] == $1] or [''])"
}

lx_airings_finished() {
	local n
	n=$(jq_log "len([a for a in d if a['clip'] == $1
	    and a['status'] != 'playing'])") || return 1
	[ "$n" -ge "$2" ]
}

# wait_aired CLIP [N] [SECONDS]: until clip CLIP has N finished airings.
wait_aired() {
	wait_until "${3:-30}" lx_airings_finished "$1" "${2:-1}" ||
		fail "clip $1: no $2 finished airings within ${3:-30} s"
}

# expect_fail WHAT CMD...: CMD must exit non-zero, print nothing on stdout
# and one line "loaxactl: ..." on stderr.
expect_fail() {
	local what=$1 rc
	shift
	"$@" >"$T/ef.out" 2>"$T/ef.err"
	rc=$?
	[ "$rc" -ne 0 ] || fail "$what: exit 0 (stdout: $(cat "$T/ef.out"))"
	[ ! -s "$T/ef.out" ] || fail "$what: stdout not empty: $(cat "$T/ef.out")"
	[ "$(wc -l <"$T/ef.err")" -eq 1 ] ||
		fail "$what: stderr is not one line: $(cat "$T/ef.err")"
	grep -q '^loaxactl: ' "$T/ef.err" ||
		fail "$what: stderr does not start 'loaxactl: ': $(cat "$T/ef.err")"
	note "$what: exit $rc: $(cat "$T/ef.err")"
}

# as_reader CMD...: CMD as user nobody when we are root, else as ourselves
# (who cannot write in a 0555 folder either): a reader who owns nothing.
as_reader() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif command -v setpriv >/dev/null; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		# shellcheck disable=SC2016 # expanded by the inner shell
		su nobody -s /bin/sh -c '"$0" "$@"' -- "$@"
	fi
}
# faketime_lib: the path of libfaketimeMT, or skip the test without it.
faketime_lib() {
	local f
	for f in /usr/lib/*/faketime/libfaketimeMT.so.1 \
	    /usr/lib/faketime/libfaketimeMT.so.1; do
		[ -f "$f" ] && echo "$f" && return 0
	done
	skip "libfaketime not installed"
}

# py_with MODULE: a python3 that imports MODULE (the system's first), or
# skip the test.
py_with() {
	local p
	for p in /usr/bin/python3 python3; do
		if "$p" -c "import $1" 2>/dev/null; then
			command -v "$p"
			return 0
		fi
	done
	skip "no python3 with $1"
}

# local_at SECONDS: the local time SECONDS from now, whole seconds, as
# --once takes it.
local_at() {
	date -d "@$(($(date +%s) + $1 + 1))" '+%F %T'
}

# start_pulse: a private PulseAudio server with one null sink "loa", for
# tests that need a device that keeps real time.  Skips the test when
# PulseAudio cannot start here.
start_pulse() {
	command -v pulseaudio >/dev/null || skip "pulseaudio not installed"
	mkdir -p "$T/pulse"
	chmod 0700 "$T/pulse"
	export PULSE_RUNTIME_PATH=$T/pulse XDG_RUNTIME_DIR=$T/pulse
	export HOME=$T/pulse
	pulseaudio --daemonize=no --exit-idle-time=-1 -n --log-target=stderr \
	    --load="module-null-sink sink_name=loa" \
	    --load=module-native-protocol-unix >"$T/pulse.log" 2>&1 &
	LX_PULSE_PID=$!
	if ! wait_until 15 pactl info >/dev/null 2>&1; then
		tail -n 5 "$T/pulse.log" >&2
		skip "pulseaudio did not start"
	fi
	aplay -q -D pulse /dev/null 2>/dev/null
	LX_DEVICE=pulse
}

# stop_pulse: stop the private PulseAudio server (cleanup does it too).
stop_pulse() {
	[ -n "$LX_PULSE_PID" ] || return 0
	kill "$LX_PULSE_PID" 2>/dev/null
	wait "$LX_PULSE_PID" 2>/dev/null
	LX_PULSE_PID=
}

# record_start FILE: record the null sink's monitor into FILE (WAV, 8 kHz
# mono), returning once samples flow.
record_start() {
	parecord -d loa.monitor --latency-msec=50 --rate=8000 --channels=1 \
	    --format=s16le --file-format=wav "$1" 2>>"$T/pulse.log" &
	LX_REC_PID=$!
	LX_BG_PIDS+=("$LX_REC_PID")
	wait_until 10 lx_file_over "$1" 4000 ||
		fail "parecord did not start recording"
}

lx_file_over() {
	[ -f "$1" ] && [ "$(stat -c %s "$1")" -gt "$2" ]
}

# record_stop: stop the recorder so the file is complete.
record_stop() {
	kill -INT "$LX_REC_PID"
	wait "$LX_REC_PID" 2>/dev/null
}
