#!/usr/bin/env bash
# A schedule that would air a clip at the times a live schedule already
# airs it is refused, naming that schedule, whether it is typed the same
# way or differently (another --from, daily against all seven days);
# --force adds it anyway.  clip rm names every schedule that blocks it.
# Refusals change nothing and read in the user's language.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

need_vi
start_daemon
make_clip "$T/a.wav" wav 0.5 440 22050 1
make_clip "$T/b.wav" wav 0.5 880 22050 1
a=$(ctl clip add "$T/a.wav" --title 'Tin CCHC') || fail "clip add a"
b=$(ctl clip add "$T/b.wav" --title 'Dịch vụ công') || fail "clip add b"
d1=$(date -d '+2 days' +%F)
d2=$(date -d '+3 days' +%F)

s1=$(ctl schedule add "$a" --at 05:30 --days t2,t4,t6 --from "$d1") ||
	fail "schedule add"
before=$(db_state)

# twin WHAT CMD...: refused, naming schedule s1, nothing changed.
twin() {
	expect_fail "$@"
	grep -q "schedule $s1 already airs clip $a" "$T/ef.err" ||
		fail "$1: does not name schedule $s1: $(cat "$T/ef.err")"
	[ "$(db_state)" = "$before" ] || fail "$1: the database changed"
}
twin "the same command again" ctl schedule add "$a" --at 05:30 \
    --days t2,t4,t6 --from "$d1"
twin "the same days spelled otherwise" ctl schedule add "$a" --at 05:30 \
    --days 'mon, wed, fri' --from "$d1"
twin "the same rule from a later day" ctl schedule add "$a" --at 05:30 \
    --days mon,wed,fri --from "$d2"
twin "the same rule as an RRULE" ctl schedule add "$a" \
    --rrule 'FREQ=WEEKLY;BYDAY=MO,WE,FR' --start "$d1 05:30"
expect_fail "the refusal in Vietnamese" in_vi "$LOAXACTL" --socket "$SOCK" \
    schedule add "$a" --at 05:30 --days t2,t4,t6 --from "$d1"
grep -q "lịch $s1 đã phát clip $a vào đúng các giờ này" "$T/ef.err" ||
	fail "not in Vietnamese: $(cat "$T/ef.err")"

# Not twins: another clip, another time, other days.
ctl schedule add "$b" --at 05:30 --days t2,t4,t6 --from "$d1" >/dev/null ||
	fail "the same rule for another clip was refused"
s3=$(ctl schedule add "$a" --at 17:00 --days t2,t4,t6 --from "$d1") ||
	fail "another time was refused"
s4=$(ctl schedule add "$a" --at 05:30 --days t3,t5 --from "$d1") ||
	fail "other days were refused"
# --force: the twin is added, and both stay.
s5=$(ctl schedule add "$a" --at 05:30 --days t2,t4,t6 --from "$d1" \
    --force) || fail "--force was refused"
[ "$s5" -gt "$s4" ] || fail "--force printed '$s5'"
n=$(ctl schedule list --format json |
    python3 "$LXPY" q "len([s for s in d if s['clip'] == $a])")
[ "$n" -eq 4 ] || fail "clip $a has $n schedules, want 4"
# daily against all seven days, once against once.
s6=$(ctl schedule add "$b" --at 06:00 --days daily --from "$d1") ||
	fail "daily"
expect_fail "daily and t2-cn" ctl schedule add "$b" --at 06:00 \
    --days t2,t3,t4,t5,t6,t7,cn --from "$d1"
grep -q "schedule $s6 already" "$T/ef.err" || fail "daily: $(cat "$T/ef.err")"
s7=$(ctl schedule add "$b" --once "$d2 07:00") || fail "--once"
expect_fail "--once twice" ctl schedule add "$b" --once "$d2 07:00:00"
grep -q "schedule $s7 already" "$T/ef.err" || fail "--once: $(cat "$T/ef.err")"

# clip rm names every schedule in its way.
before=$(db_state)
expect_fail "clip rm with schedules" ctl clip rm "$a"
grep -q "clip $a is used by schedules $s1, $s3, $s4, $s5; remove them first" \
    "$T/ef.err" || fail "clip rm: $(cat "$T/ef.err")"
expect_fail "clip rm (vi)" in_vi "$LOAXACTL" --socket "$SOCK" clip rm "$a"
grep -q "clip $a đang được dùng trong lịch $s1, $s3, $s4, $s5" "$T/ef.err" ||
	fail "clip rm (vi): $(cat "$T/ef.err")"
[ "$(db_state)" = "$before" ] || fail "a refused clip rm changed the database"
for s in "$s1" "$s3" "$s4"; do
	ctl schedule rm "$s" || fail "schedule rm $s"
done
expect_fail "clip rm with one schedule" ctl clip rm "$a"
grep -q "clip $a is used by schedule $s5; remove it first" "$T/ef.err" ||
	fail "clip rm: $(cat "$T/ef.err")"
ctl schedule rm "$s5" || fail "schedule rm $s5"
ctl clip rm "$a" || fail "clip rm after its schedules went"
exit 0
