#!/usr/bin/env bash
# Every changing command says what it did in one line on stderr, in the
# user's language ("Đã xoá lịch 3", "Đang phát clip 2: …"), while what
# scripts read on stdout stays as it was: the new id alone, or nothing.
# schedule list puts each rule in words; its csv keeps the RRULE.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

need_vi
start_daemon
make_clip "$T/a.wav" wav 0.3 440 22050 1
make_clip "$T/b.wav" wav 0.4 550 22050 1

# said WANT_OUT WANT_ERR CMD...: CMD in Vietnamese succeeds, prints
# WANT_OUT on stdout and the one line WANT_ERR (a grep pattern) on stderr.
said() {
	local out=$1 err=$2
	shift 2
	in_vi "$LOAXACTL" --socket "$SOCK" "$@" >"$T/s.out" 2>"$T/s.err" ||
		fail "$*: $(cat "$T/s.err")"
	[ "$(cat "$T/s.out")" = "$out" ] ||
		fail "$*: stdout '$(cat "$T/s.out")', want '$out'"
	[ "$(wc -l <"$T/s.err")" -eq 1 ] || fail "$*: stderr: $(cat "$T/s.err")"
	grep -q "$err" "$T/s.err" || fail "$*: stderr: $(cat "$T/s.err")"
	note "$*: $(cat "$T/s.err")"
}
said 1 '^Đã thêm clip 1: Tin một$' clip add "$T/a.wav" --title 'Tin một'
said 2 '^Đã thêm clip 2: Tin hai$' clip add "$T/b.wav" --title 'Tin hai'
said 1 '^Đã thêm lịch 1; lượt phát tới: [0-3][0-9]/[01][0-9]/20[0-9][0-9] 05:30:00$' \
    schedule add 1 --at 05:30 --days t2,t4,t6 --from 2026-12-01 \
    --until 2099-12-31
said 2 '^Đã thêm lịch 2; lượt phát tới: ' schedule add 2 --at 06:00
said "" '^Đã xoá lịch 2$' schedule rm 2
said "" '^Đang phát clip 2: Tin hai$' play --now 2
# (the file plugin takes frames faster than real time: nothing to stop)
wait_aired 2 1
said "" '^Không có gì đang phát$' stop
said "" '^Clip 1 sẽ được phát ngay khi loa không phát gì khác: Tin một$' play 1
wait_aired 1 1
said "" '^Đã xoá clip 2$' clip rm 2

# The same in English.
ctl clip rm 1 >"$T/c.out" 2>"$T/c.err" && fail "clip rm 1 with a schedule"
ctl schedule rm 1 >"$T/c.out" 2>"$T/c.err" || fail "schedule rm 1"
[ ! -s "$T/c.out" ] || fail "schedule rm printed on stdout"
grep -qx 'Removed schedule 1' "$T/c.err" || fail "schedule rm: $(cat "$T/c.err")"

# No protocol word in what people read: none of the requests' names.
for w in clipadd cliprm scheduleadd schedulerm schedulelist; do
	grep -q "$w" "$T/loaxad.log" "$T/c.err" 2>/dev/null &&
		fail "'$w' shown to a person"
done

# schedule list: the rule in words, in either language; csv keeps RRULE.
ctl schedule add 1 --at 05:30 --days t2,t4,t6 --from 2026-12-01 \
    --until 2026-12-31 --force >/dev/null 2>&1 || fail "schedule add"
in_vi "$LOAXACTL" --socket "$SOCK" schedule list >"$T/vi.list" ||
	fail "schedule list (vi)"
grep -qF '05:30 thứ Hai, thứ Tư, thứ Sáu, từ 01/12/2026 đến 31/12/2026' \
    "$T/vi.list" || fail "schedule list (vi): $(cat "$T/vi.list")"
grep -q 'FREQ=' "$T/vi.list" && fail "schedule list (vi) shows the RRULE"
ctl schedule list >"$T/c.list" || fail "schedule list"
grep -qF '05:30 every Monday, Wednesday, Friday, from 2026-12-01 to 2026-12-31' \
    "$T/c.list" || fail "schedule list: $(cat "$T/c.list")"
ctl schedule list --format csv | grep -qF 'FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=' ||
	fail "schedule list --format csv lacks the RRULE"

# loaxactl's own refusals and its status for people, in Vietnamese.
expect_fail "clip show x (vi)" in_vi "$LOAXACTL" --socket "$SOCK" clip show x
grep -qx "loaxactl: clip show: ID: 'x' không phải mã số (một số nguyên dương)" \
    "$T/ef.err" || fail "clip show x (vi): $(cat "$T/ef.err")"
expect_fail "schedule add, no time (vi)" in_vi "$LOAXACTL" --socket "$SOCK" \
    schedule add 1 --days t2
grep -q "hãy chọn một trong --at, --once và --rrule" "$T/ef.err" ||
	fail "schedule add (vi): $(cat "$T/ef.err")"
in_vi "$LOAXACTL" --socket "$SOCK" status >"$T/vi.status" || fail "status (vi)"
grep -q '^đang phát:  không có$' "$T/vi.status" ||
	fail "status (vi): $(cat "$T/vi.status")"
grep -q '^tiếp theo:  .*(lịch ' "$T/vi.status" ||
	fail "status (vi): $(cat "$T/vi.status")"

# loaxactl's help in Vietnamese, its synopses lined up under the lead.
in_vi "$LOAXACTL" --help >"$T/vi.help" || fail "--help (vi)"
grep -q '^cách dùng: loaxactl ' "$T/vi.help" || fail "--help (vi): $(head -n 2 "$T/vi.help")"
grep -q '^           loaxactl -h | --help' "$T/vi.help" ||
	fail "--help (vi): $(head -n 2 "$T/vi.help")"
grep -q '^Mã thoát:' "$T/vi.help" || fail "--help (vi) lacks the exit status"
in_vi "$LOAXACTL" clip -h | head -n 1 | grep -q '^cách dùng: loaxactl clip add ' ||
	fail "clip -h (vi)"

# The log for people names statuses in Vietnamese; its JSON does not.
in_vi "$LOAXACTL" --socket "$SOCK" log >"$T/vi.log" || fail "log (vi)"
grep -q 'Đã phát' "$T/vi.log" || fail "log (vi): $(cat "$T/vi.log")"
grep -q 'TRẠNG THÁI' "$T/vi.log" || fail "log (vi) headings: $(head -n 1 "$T/vi.log")"
exit 0
