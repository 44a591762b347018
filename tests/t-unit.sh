#!/usr/bin/env bash
# systemd/loaxad.service: `systemd-analyze verify` finds nothing wrong, and
# `systemd-analyze security --offline=true` scores it 1.5 or less; it is
# Type=notify with a watchdog, runs as loaxa with real-time priority and
# the state, runtime and configuration folders it needs.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
unit=$LX_ROOT/systemd/loaxad.service
# verify wants ExecStart's binary to exist: the built one.
sed "s|^ExecStart=/usr/sbin/loaxad|ExecStart=$LOAXAD|" "$unit" \
    >"$T/loaxad.service"
grep -q "^ExecStart=$LOAXAD" "$T/loaxad.service" ||
	fail "no ExecStart=/usr/sbin/loaxad in the unit"
# Its Documentation= pages are the ones the build made.
[ -f "$LX_BUILD/man/man8/loaxad.8" ] || fail "the man pages are not built"
MANPATH=$LX_BUILD/man systemd-analyze verify "$T/loaxad.service" \
    >"$T/verify" 2>&1 ||
	fail "systemd-analyze verify: $(cat "$T/verify")"
[ ! -s "$T/verify" ] || fail "systemd-analyze verify says: $(cat "$T/verify")"

systemd-analyze security --offline=true --no-pager "$T/loaxad.service" \
    >"$T/security" 2>&1 || fail "security: $(tail -n 5 "$T/security")"
score=$(sed -n 's/.*Overall exposure level for loaxad.service: \([0-9.]*\) .*/\1/p' \
    "$T/security")
[ -n "$score" ] || fail "no exposure level: $(tail -n 5 "$T/security")"
note "exposure $score"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 1.5)' "$score" ||
	fail "exposure $score > 1.5: $(grep '✗' "$T/security")"

for d in Type=notify WatchdogSec= User=loaxa Group=loaxa \
    SupplementaryGroups=audio LimitRTPRIO= Restart=on-failure \
    StateDirectory=loaxa RuntimeDirectory=loaxa ConfigurationDirectory=loaxa \
    'DeviceAllow=char-alsa rw' DevicePolicy=closed CapabilityBoundingSet= \
    SystemCallFilter=@system-service RestrictAddressFamilies=AF_UNIX \
    PrivateNetwork=yes ProtectClock=yes; do
	grep -q "^$d" "$unit" || fail "the unit has no $d"
done
# The socket's chgrp (chown(2)) must survive the system call filter.
sed -n 's/^SystemCallFilter=//p' "$unit" | tr '\n' ' ' |
    grep -q '~@privileged @chown ' ||
	fail "the unit denies @privileged without allowing @chown back"
exit 0
