#!/usr/bin/env bash
# What `cmake --install` puts where a package would, into a DESTDIR: the
# binaries, the unit (ExecStart at the installed loaxad), sysusers.d and
# tmpfiles.d files, and /etc/loaxa/loaxad.conf naming every key with its
# default, which loaxad accepts once uncommented.  Both programs and
# `status` say the version project() sets in CMakeLists.txt, and
# CHANGELOG.md has a section for it.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^project(loaxa VERSION \([0-9.]*\) .*/\1/p' \
    "$LX_ROOT/CMakeLists.txt")
[ -n "$version" ] || fail "no version in CMakeLists.txt's project()"
[ "$("$LOAXAD" --version)" = "loaxad $version" ] ||
	fail "loaxad --version: $("$LOAXAD" --version)"
case $("$LOAXACTL" --version) in
"loaxactl $version "*) ;;
*) fail "loaxactl --version: $("$LOAXACTL" --version)" ;;
esac
grep -qx "## $version" "$LX_ROOT/CHANGELOG.md" ||
	fail "CHANGELOG.md has no '## $version' section"
start_daemon
ctl status | grep -q "^loaxad $version (" ||
	fail "status does not say version $version: $(ctl status)"
stop_daemon

cache() { sed -n "s/^$1:[A-Z]*=//p" "$LX_BUILD/CMakeCache.txt"; }
prefix=$(cache CMAKE_INSTALL_PREFIX)
sbin=$(cache CMAKE_INSTALL_SBINDIR)
bin=$(cache CMAKE_INSTALL_BINDIR)
D=$T/root
DESTDIR=$D cmake --install "$LX_BUILD" >"$T/install.log" 2>&1 ||
	fail "cmake --install: $(tail -n 5 "$T/install.log")"
note "installed: $(cd "$D" && find . -type f | sort | tr '\n' ' ')"
for f in "$prefix/$sbin/loaxad" "$prefix/$bin/loaxactl"; do
	[ -x "$D$f" ] || fail "$f not installed"
done
for f in "$prefix/lib/systemd/system/loaxad.service" \
    "$prefix/lib/sysusers.d/loaxa.conf" "$prefix/lib/tmpfiles.d/loaxa.conf" \
    /etc/loaxa/loaxad.conf; do
	[ -s "$D$f" ] || fail "$f not installed"
done
grep -Eq "^ExecStart=$prefix/$sbin/loaxad( |$)" \
    "$D$prefix/lib/systemd/system/loaxad.service" ||
	fail "the unit does not start $prefix/$sbin/loaxad"
grep -q '^u loaxa ' "$D$prefix/lib/sysusers.d/loaxa.conf" ||
	fail "sysusers.d makes no user loaxa"
grep -q '^g loaxa-operators ' "$D$prefix/lib/sysusers.d/loaxa.conf" ||
	fail "sysusers.d makes no group loaxa-operators"

# Every key loaxad --help lists is in the config, commented, with the
# default --help gives it; uncommented, loaxad reads the file cleanly.
conf=$D/etc/loaxa/loaxad.conf
"$LOAXAD" --help | python3 -c '
import re, sys
conf = open(sys.argv[1]).read()
bad = []
for m in re.finditer(r"^  --([a-z-]+) +\S+ +.*\((.*)\)$", sys.stdin.read(), re.M):
    key, default = m.group(1).replace("-", "_"), m.group(2)
    if default == "none":
        if not re.search(r"^#%s " % key, conf, re.M):
            bad.append("%s: not in the file" % key)
    elif not re.search(r"^#%s %s$" % (key, re.escape(default)), conf, re.M):
        bad.append("%s: not \"#%s %s\"" % (key, key, default))
if bad:
    sys.exit("; ".join(bad))
' "$conf" || fail "loaxad.conf"
sed 's/^#\([a-z_][a-z_]* \)/\1/' "$conf" >"$T/all.conf"
"$LOAXAD" -c "$T/all.conf" --version >/dev/null 2>"$T/conf.err" ||
	fail "loaxad rejects the uncommented config: $(cat "$T/conf.err")"
exit 0
