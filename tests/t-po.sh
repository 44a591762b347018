#!/usr/bin/env bash
# The translations: po/vi.po passes msgfmt --check with every message
# translated and none fuzzy, covers every message the sources mark (the
# template the build extracted, build/po/loaxa.pot), and po/loaxa.pot is
# that template.  After changing messages: cmake --build build --target
# update-po, then translate what po/vi.po marks new or fuzzy.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

po=$LX_ROOT/po/vi.po
pot=$LX_BUILD/po/loaxa.pot
[ -f "$pot" ] || fail "$pot not built (run scripts/build.sh)"
hint="run: cmake --build ${LX_BUILD#"$LX_ROOT"/} --target update-po, then translate po/vi.po"

stats=$(LC_ALL=C msgfmt --check --statistics -o "$T/vi.mo" "$po" 2>&1) ||
	fail "msgfmt --check po/vi.po: $stats"
note "$stats"
grep -Eq '^[0-9]+ translated messages?\.$' <<<"$stats" ||
	fail "po/vi.po has untranslated or fuzzy messages: $stats"

# Every message the sources mark is in vi.po, translated.
msgcmp "$po" "$pot" >"$T/cmp" 2>&1 ||
	fail "po/vi.po lacks messages of the sources ($hint): $(head -n 6 "$T/cmp")"
# ... and vi.po keeps no message the sources dropped.
obsolete=$(msgattrib --only-obsolete "$po" | grep -c '^#~ msgid')
[ "$obsolete" -eq 0 ] || fail "po/vi.po keeps $obsolete obsolete messages ($hint)"

# po/loaxa.pot is the template of today's sources, both ways.
msgcmp --use-untranslated "$LX_ROOT/po/loaxa.pot" "$pot" >"$T/cmp" 2>&1 ||
	fail "po/loaxa.pot lacks messages of the sources ($hint): $(head -n 6 "$T/cmp")"
msgcmp --use-untranslated "$pot" "$LX_ROOT/po/loaxa.pot" >"$T/cmp" 2>&1 ||
	fail "po/loaxa.pot has messages the sources dropped ($hint): $(head -n 6 "$T/cmp")"

# The catalog the build installs is this one.
cmp -s "$T/vi.mo" "$LOAXA_LOCALEDIR/vi/LC_MESSAGES/loaxa.mo" ||
	fail "build/locale/vi/LC_MESSAGES/loaxa.mo is not po/vi.po compiled"

# Every c-format translation keeps its arguments (msgfmt --check did), and
# the words the issue names are there.
for w in 'Đã phát' 'Bỏ lỡ' 'Bị ngắt' 'Lỗi' 'Đang phát'; do
	grep -q "^msgstr \"$w\"" "$po" || fail "po/vi.po: no '$w'"
done
exit 0
