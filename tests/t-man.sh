#!/usr/bin/env bash
# The man pages the build made from docs/man/*.scd: man --warnings renders
# each without a word; loaxad(8) names every flag of loaxad --help,
# loaxad.conf(5) every key, loaxactl(1) every command, option and exit
# status of loaxactl --help; man -w finds them.  The bash completion
# offers every command of loaxactl --help and completes what is typed.
# shellcheck disable=SC2013 # the words of --help, one by one
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

command -v man >/dev/null || skip "no man (man-db)"
M=$LX_BUILD/man
for page in man8/loaxad.8 man1/loaxactl.1 man5/loaxad.conf.5; do
	[ -s "$M/$page" ] || fail "$page not built"
	MANWIDTH=80 man --warnings -E UTF-8 -l "$M/$page" >"$T/out" 2>"$T/err" ||
		fail "man $page failed: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "man --warnings $page: $(cat "$T/err")"
	grep -q 'EXAMPLES' "$T/out" || fail "$page has no EXAMPLES"
	cp "$T/out" "$T/${page#*/}.txt"
done
for name in loaxad loaxactl loaxad.conf; do
	MANPATH=$M man -w "$name" >/dev/null 2>&1 || fail "man -w $name"
done

# Each page names what --help lists (man renders - as a hyphen: undo).
text() { sed 's/‐/-/g' "$T/$1.txt"; }
"$LOAXAD" --help >"$T/dhelp"
for flag in $(grep -o -- '--[a-z][a-z-]*' "$T/dhelp" | sort -u); do
	text loaxad.8 | grep -q -- "$flag" || fail "loaxad(8) lacks $flag"
done
for key in $(sed -n 's/^  --\([a-z-]*\) .*/\1/p' "$T/dhelp" | tr - _); do
	case $key in config | foreground | verbose | help | version) continue ;; esac
	text loaxad.conf.5 | grep -q "^       $key " ||
		fail "loaxad.conf(5) lacks the key $key"
done
"$LOAXACTL" --help >"$T/chelp"
sed -n '/^Commands/,/^Options/s/^  \([a-z][a-z ]*[a-z]\).*/\1/p' "$T/chelp" |
    sed 's/ [A-Z].*//' | sort -u >"$T/commands"
[ "$(wc -l <"$T/commands")" -ge 10 ] || fail "commands: $(cat "$T/commands")"
while read -r c; do
	text loaxactl.1 | grep -q "^       $c\( \|$\)" ||
		fail "loaxactl(1) lacks the command '$c'"
done <"$T/commands"
for o in $(sed -n '/^Options/,/^Times/s/^  \(--[a-z]*\).*/\1/p' "$T/chelp"); do
	text loaxactl.1 | grep -q -- "$o" || fail "loaxactl(1) lacks $o"
done
for code in $(sed -n '/^Exit status/,$s/^  \([0-9]\)  .*/\1/p' "$T/chelp"); do
	text loaxactl.1 | grep -q "^       $code$" ||
		fail "loaxactl(1) lacks exit status $code"
done
text loaxad.8 | grep -q '^       1$' || fail "loaxad(8) lacks exit status 1"

# The completion: every command at the top, then what is typed.
# shellcheck source=ctl/loaxactl.bash
. "$LX_ROOT/ctl/loaxactl.bash"
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	_loaxactl
	echo "${COMPREPLY[*]}"
}
top=$(complete_words loaxactl '')
for c in $(cut -d' ' -f1 "$T/commands" | sort -u); do
	case " $top " in *" $c "*) ;; *) fail "completion lacks $c: $top" ;; esac
done
[ "$(complete_words loaxactl sch)" = schedule ] || fail "completion: sch"
[ "$(complete_words loaxactl schedule ne)" = next ] ||
	fail "completion: schedule ne"
[ "$(complete_words loaxactl --socket /x log --ver)" = --verify ] ||
	fail "completion: log --ver"
[ "$(complete_words loaxactl status --format j)" = json ] ||
	fail "completion: --format j"
exit 0
