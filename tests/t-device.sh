#!/usr/bin/env bash
# A sound device that is missing: the airing fails with ALSA's error text,
# the daemon keeps running and says the device is down; once the device
# is back (its pcm appears in the ALSA config) the airing that waited for
# it airs, whole.
# timeout 120
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

LX_DEVICE=loaxa_later
start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Tin CCHC' --topic cchc) || fail "clip add"
ctl play "$a" >/dev/null || fail "play"
wait_aired "$a" 1 10
r=$(jq_log "[(a['status'], a['reason'], a['started']) for a in d if a['clip'] == $a]")
note "airing on a missing device: $r"
case $r in
"('failed', '"*"', None)") ;;
*) fail "airing on a missing device: $r, want failed with ALSA's text" ;;
esac
[ "$(jq_log "[a['reason'] for a in d if a['clip'] == $a]")" != "" ] ||
	fail "failed airing has no reason"
ctl status >"$T/status" || fail "the daemon stopped answering"
grep -qi 'down' "$T/status" || fail "status does not say the device is down: $(cat "$T/status")"

# Asked for while the device is away: it waits.
ctl play "$a" >/dev/null || fail "play while the device is down"
sleep 1
# The device comes back.
cat >>"$T/asound.conf" <<CONF
pcm.loaxa_later {
	type file
	slave.pcm "null"
	file "$OUT"
	format "raw"
}
CONF
wait_aired "$a" 2 70
r=$(jq_log "[(a['status'], a['frames']) for a in d if a['clip'] == $a][1]")
[ "$r" = "('done', 11025)" ] || fail "airing once the device is back: $r"
[ "$(stat -c %s "$OUT")" -ge 22050 ] || fail "nothing reached the device"
ctl status >"$T/status"
grep -qi 'down' "$T/status" && fail "status still says down: $(cat "$T/status")"
stop_daemon
