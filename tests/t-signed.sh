#!/usr/bin/env bash
# Every change is signed: an operator who is not root adds a clip, makes a
# schedule, asks for manual airings (play, play --now) and a stop; clip
# show and list, schedule list and log name them, JSON has added_by and by
# (null for a scheduled airing), the stop's reason names them, and the
# daemon's journal line for each change does too.  A uid with no name is
# recorded as the uid.
# timeout 180
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to make a test user"
command -v useradd >/dev/null || skip "no useradd"
command -v setpriv >/dev/null || skip "no setpriv"

grp=lxsg$$
op=lxsg$$a
signed_cleanup() {
	userdel "$op" 2>/dev/null
	groupdel "$grp" 2>/dev/null
}
trap 'rc=$?; signed_cleanup; (exit "$rc"); lx_cleanup' EXIT
groupadd "$grp" || fail "groupadd"
useradd -M -N -g users -G "$grp" -s /bin/sh "$op" || fail "useradd $op"
nouid=$((60000 + $$ % 5000)) # a uid with no name
while getent passwd "$nouid" >/dev/null; do nouid=$((nouid + 1)); done

pub=$T/pub
mkdir -m 0755 "$pub"
chmod 0711 "$T"
SOCK=$pub/sock
as() { # as USER CMD...
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups "$@"
}
opctl() {
	as "$op" "$LOAXACTL" --socket "$SOCK" "$@"
}
as "$op" test -x "$LOAXACTL" || skip "$LOAXACTL is not reachable by other users"

make_clip "$T/a.wav" wav 1 440
make_clip "$T/b.wav" wav 30 550
make_clip "$T/c.wav" wav 1 660
chmod 0644 "$T"/*.wav
start_pulse
start_daemon --operator-group "$grp"

a=$(opctl clip add "$T/a.wav" --title "Tin A") || fail "operator: clip add"
b=$(opctl clip add "$T/b.wav" --title "Tin B") || fail "operator: clip add"

# The clip: show, list (text and JSON), the database.
opctl clip show "$a" | grep -q "$op" || fail "clip show lacks $op: $(opctl clip show "$a")"
ctl clip list | grep "Tin A" | grep -q "$op" || fail "clip list lacks $op: $(ctl clip list)"
[ "$(ctl clip list --format json | python3 "$LXPY" q "str([c['added_by'] for c in d])")" = \
    "['$op', '$op']" ] || fail "clip list JSON: $(ctl clip list --format json)"
[ "$(db "select added_by from clips where id = $a")" = "$op" ] ||
	fail "clips.added_by: $(db "select added_by from clips where id = $a")"

# A schedule, made by the operator, due in a few seconds: it airs, by null.
s=$(opctl schedule add "$a" --once "$(local_at 3)") || fail "operator: schedule add"
ctl schedule list | grep -q "$op" || fail "schedule list lacks $op: $(ctl schedule list)"
[ "$(ctl schedule list --format json | python3 "$LXPY" q "str([x['added_by'] for x in d])")" = \
    "['$op']" ] || fail "schedule list JSON: $(ctl schedule list --format json)"
wait_aired "$a" 1 30
[ "$(jq_log "str([(a['schedule'], a['by']) for a in d if a['clip'] == $a])")" = \
    "[($s, None)]" ] || fail "scheduled airing: $(log_json)"

# Manual airings: play; play --now over another; play again, then stop.
playing() { # playing CLIP N: clip's N-th airing is on air
	[ "$(jq_log "str([a['status'] for a in d if a['clip'] == $1][$2 - 1:$2])")" = \
	    "['playing']" ]
}
opctl play "$a" >/dev/null || fail "operator: play"
wait_aired "$a" 2 30
opctl play "$b" >/dev/null || fail "operator: play"
wait_until 20 playing "$b" 1 || fail "play $b did not start"
opctl play "$a" --now >/dev/null || fail "operator: play --now"
wait_aired "$a" 3 30
opctl play "$b" >/dev/null || fail "operator: play"
wait_until 20 playing "$b" 2 || fail "play $b did not start again"
opctl stop >/dev/null || fail "operator: stop"
wait_aired "$b" 2 30
[ "$(jq_log "str([a['by'] for a in d if a['schedule'] is None])")" = \
    "['$op', '$op', '$op', '$op']" ] || fail "manual airings' by: $(log_json)"
[ "$(jq_log "str([a['reason'] for a in d if a['clip'] == $b])")" = \
    "['preempted', 'stopped by $op']" ] ||
	fail "reasons: $(jq_log "str([a['reason'] for a in d if a['clip'] == $b])")"
# shellcheck disable=SC2046
ctl log $(log_range) | grep "Tin A" | grep -q "$op" ||
	fail "log lacks $op: $(ctl log $(log_range))"

# The journal names the user for each change.
for what in "clip $a: added by $op" "clip $b: added by $op" \
    "schedule $s: added by $op" "clip $a: manual airing requested by $op" \
    "clip $a: manual airing at once requested by $op" \
    "stop requested by $op"; do
	grep -qF "$what" "$T/loaxad.log" || fail "journal lacks '$what'"
done

# A uid with no name signs as that uid (through a group-owned socket the
# nameless uid may reach: its primary group is the operator group).
opctl schedule rm "$s" >/dev/null || fail "operator: schedule rm"
grep -qF "schedule $s: removed by $op" "$T/loaxad.log" || fail "journal: schedule rm"
gid=$(getent group "$grp" | cut -d: -f3)
chmod 0644 "$T/c.wav"
c=$(setpriv --reuid="$nouid" --regid="$gid" --clear-groups \
    "$LOAXACTL" --socket "$SOCK" clip add "$T/c.wav" --title "Tin C") ||
	fail "a nameless uid in the group: clip add"
[ "$(db "select added_by from clips where id = $c")" = "$nouid" ] ||
	fail "nameless uid recorded as '$(db "select added_by from clips where id = $c")'"
grep -qF "clip $c: added by $nouid" "$T/loaxad.log" || fail "journal: nameless uid"
stop_daemon
