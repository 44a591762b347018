#!/usr/bin/env bash
# Who may do what: queries are open to every caller the socket admits;
# changes need root or the operator group, counted over all of the
# caller's groups (a supplementary one too, as id(1) shows), not only the
# primary gid that SO_PEERCRED carries.  The socket is 0660, group the
# operator group, so only its members reach it at all.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to make test users"
command -v useradd >/dev/null || skip "no useradd"
command -v setpriv >/dev/null || skip "no setpriv"

grp=lxop$$
op=lxop$$a
guest=lxgu$$
perm_cleanup() {
	userdel "$op" 2>/dev/null
	userdel "$guest" 2>/dev/null
	groupdel "$grp" 2>/dev/null
}
trap 'rc=$?; perm_cleanup; (exit "$rc"); lx_cleanup' EXIT
groupadd "$grp" || fail "groupadd"
useradd -M -N -g users -G "$grp" -s /bin/sh "$op" || fail "useradd $op"
useradd -M -N -g users -s /bin/sh "$guest" || fail "useradd $guest"

# The socket where other users can reach it; the binaries must be theirs
# to run too.
pub=$T/pub
mkdir -m 0755 "$pub"
chmod 0711 "$T"
SOCK=$pub/sock
as() { # as USER CMD...: run with USER's uid, primary and supplementary groups
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$(id -g "$u")" --init-groups "$@"
}
as "$guest" test -x "$LOAXACTL" || skip "$LOAXACTL is not reachable by other users"

make_clip "$T/a.wav" wav 1 440
start_daemon --operator-group "$grp"
[ "$(stat -c %G "$SOCK")" = "$grp" ] || fail "socket group $(stat -c %G "$SOCK"), want $grp"
[ "$(stat -c %a "$SOCK")" = 660 ] || fail "socket mode $(stat -c %a "$SOCK")"
chmod 0644 "$T/a.wav"

# A member by a supplementary group may change things.
id -G "$op" | tr ' ' '\n' | grep -qx "$(getent group "$grp" | cut -d: -f3)" ||
	fail "$op is not in $grp"
[ "$(id -g "$op")" != "$(getent group "$grp" | cut -d: -f3)" ] ||
	fail "$grp must not be $op's primary group"
id=$(as "$op" "$LOAXACTL" --socket "$SOCK" clip add "$T/a.wav" --title "Tin") ||
	fail "a member of $grp could not add a clip"
[ "$id" = 1 ] || fail "clip add printed '$id'"
as "$op" "$LOAXACTL" --socket "$SOCK" clip list >/dev/null || fail "member: clip list"

# Someone outside the group cannot reach the socket at all...
if as "$guest" "$LOAXACTL" --socket "$SOCK" clip list >"$T/out" 2>"$T/err"; then
	fail "a user outside $grp reached a 0660 socket"
fi
grep -q "Permission denied" "$T/err" || fail "guest: $(cat "$T/err")"

# ...and where an admin opens the socket to everyone, may ask but not change.
chmod 0666 "$SOCK"
as "$guest" "$LOAXACTL" --socket "$SOCK" clip list >"$T/out" ||
	fail "guest: clip list refused"
grep -q "Tin" "$T/out" || fail "guest: clip list lacks the clip"
as "$guest" "$LOAXACTL" --socket "$SOCK" log --format json >/dev/null ||
	fail "guest: log refused"
before=$(db_state)
for cmd in "clip rm 1" "schedule add 1 --at 05:30" "play 1" "stop"; do
	# shellcheck disable=SC2086 # the command's words
	if as "$guest" "$LOAXACTL" --socket "$SOCK" $cmd >"$T/out" 2>"$T/err"; then
		fail "guest: '$cmd' was allowed"
	fi
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "guest: '$cmd': $(cat "$T/err")"
	grep -q "permission denied" "$T/err" || fail "guest: '$cmd': $(cat "$T/err")"
done
[ "$(db_state)" = "$before" ] || fail "a refused change changed the database"
stop_daemon
